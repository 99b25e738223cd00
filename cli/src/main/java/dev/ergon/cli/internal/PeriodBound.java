package dev.ergon.cli.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Reads the bounds of a reporting period, {@code --from T} and {@code --to T}, in UTC: a year ({@code 2026}), a
 * month ({@code 2026-03}), a day ({@code 2026-03-15}) or an instant on a whole hour ({@code 2026-03-15T10:00Z}).
 *
 * <p>{@code --from} is the start of what it names. {@code --to} is inclusive for a year, month or day (its end is
 * the start of the next one: {@code --from 2026 --to 2026} is the year 2026) and exclusive for an instant.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
final class PeriodBound {
  private PeriodBound() {}

  /**
   * Returns the first instant of a {@code --from} value.
   *
   * @param text the value
   * @return the instant
   * @throws IllegalArgumentException if malformed or not on a whole hour, with the accepted forms
   */
  static Instant from(String text) {
    return parse(text, false);
  }

  /**
   * Returns the first instant after a {@code --to} value.
   *
   * @param text the value
   * @return the instant
   * @throws IllegalArgumentException if malformed or not on a whole hour, with the accepted forms
   */
  static Instant to(String text) {
    return parse(text, true);
  }

  private static Instant parse(String text, boolean end) {
    String t = text.strip();
    try {
      if (t.matches("\\d{4}")) {
        Year y = Year.parse(t);
        return (end ? y.plusYears(1) : y).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      if (t.matches("\\d{4}-\\d{2}")) {
        YearMonth m = YearMonth.parse(t);
        return (end ? m.plusMonths(1) : m).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
        LocalDate d = LocalDate.parse(t);
        return (end ? d.plusDays(1) : d).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      Instant i;
      if (t.endsWith("Z") || t.matches(".*[+-]\\d{2}:\\d{2}$")) {
        i = OffsetDateTime.parse(t).toInstant();
      } else {
        i = LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      }
      if (!i.truncatedTo(ChronoUnit.HOURS).equals(i)) {
        throw new IllegalArgumentException("'" + text + "' is not on a whole UTC hour; reports are by the hour, "
            + "e.g. 2026-03-15T10:00Z");
      }
      return i;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a time; use a year (2026), a month (2026-03), a day "
          + "(2026-03-15) or a UTC hour (2026-03-15T10:00Z)", e);
    }
  }
}
