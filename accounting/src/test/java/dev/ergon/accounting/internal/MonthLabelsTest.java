package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonthLabelsTest {
  /* Hours from 1900 to 2200, the years the accounting takes. */
  private static final long FIRST_HOUR = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond() / 3600;
  private static final long LAST_HOUR = Instant.parse("2200-12-31T23:00:00Z").getEpochSecond() / 3600;

  private static String expected(Instant hour) {
    return YearMonth.from(LocalDateTime.ofInstant(hour, ZoneOffset.UTC)).toString();
  }

  @Test
  void theLabelOfEveryHourInAnyOrderIsItsUtcMonth() {
    qt().withExamples(2_000).forAll(lists().of(longs().between(FIRST_HOUR, LAST_HOUR)).ofSizeBetween(1, 50))
        .checkAssert(hours -> {
          Scope2Engine.MonthLabels labels = new Scope2Engine.MonthLabels();
          for (long h : hours) {
            Instant hour = Instant.ofEpochSecond(h * 3600);
            assertEquals(expected(hour), labels.of(hour), hour.toString());
          }
        });
  }

  @Test
  void theFirstAndLastHourOfAMonthAndTheHoursAroundThemTakeTheirOwnMonth() {
    Scope2Engine.MonthLabels labels = new Scope2Engine.MonthLabels();
    // In time order, back and forth across month ends (February of a leap year, a year end, before 1970).
    List<String> hours = List.of("2024-02-29T23:00:00Z", "2024-03-01T00:00:00Z", "2024-02-29T23:00:00Z",
        "2024-12-31T23:00:00Z", "2025-01-01T00:00:00Z", "1969-12-31T23:00:00Z", "1970-01-01T00:00:00Z",
        "1969-12-01T00:00:00Z", "1969-11-30T23:00:00Z");
    List<String> months = List.of("2024-02", "2024-03", "2024-02", "2024-12", "2025-01", "1969-12", "1970-01",
        "1969-12", "1969-11");
    for (int i = 0; i < hours.size(); i++) {
      assertEquals(months.get(i), labels.of(Instant.parse(hours.get(i))), hours.get(i));
    }
  }
}
