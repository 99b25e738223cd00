package dev.ergon.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bounds of a reporting period: --from is the start of what it names, --to includes a year, month or day. */
class PeriodBoundTest {

  @Test
  void yearsMonthsAndDays() {
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), PeriodBound.from("2026"));
    assertEquals(Instant.parse("2027-01-01T00:00:00Z"), PeriodBound.to("2026"));
    assertEquals(Instant.parse("2026-03-01T00:00:00Z"), PeriodBound.from("2026-03"));
    assertEquals(Instant.parse("2026-04-01T00:00:00Z"), PeriodBound.to("2026-03"));
    assertEquals(Instant.parse("2027-01-01T00:00:00Z"), PeriodBound.to("2026-12"));
    assertEquals(Instant.parse("2026-02-28T00:00:00Z"), PeriodBound.from("2026-02-28"));
    assertEquals(Instant.parse("2026-03-01T00:00:00Z"), PeriodBound.to("2026-02-28"));
  }

  @Test
  void hoursAreExclusiveAtTheEnd() {
    assertEquals(Instant.parse("2026-03-15T10:00:00Z"), PeriodBound.from("2026-03-15T10:00Z"));
    assertEquals(Instant.parse("2026-03-15T10:00:00Z"), PeriodBound.to("2026-03-15T10:00:00Z"));
    assertEquals(Instant.parse("2026-03-15T08:00:00Z"), PeriodBound.from("2026-03-15T10:00+02:00"));
    assertEquals(Instant.parse("2026-03-15T10:00:00Z"), PeriodBound.from("2026-03-15T10:00"));
  }

  @Test
  void badBoundsAreExplained() {
    IllegalArgumentException notHour = assertThrows(IllegalArgumentException.class,
        () -> PeriodBound.from("2026-03-15T10:30Z"));
    assertTrue(String.valueOf(notHour.getMessage()).contains("not on a whole UTC hour"), notHour.getMessage());
    IllegalArgumentException notTime = assertThrows(IllegalArgumentException.class, () -> PeriodBound.to("soon"));
    assertTrue(String.valueOf(notTime.getMessage()).contains("use a year (2026)"), notTime.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PeriodBound.from("2026-13"));
  }
}
