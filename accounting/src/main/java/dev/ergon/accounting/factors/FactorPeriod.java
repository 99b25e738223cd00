package dev.ergon.accounting.factors;

import dev.ergon.accounting.internal.UtcInstants;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The UTC period over which an emission factor is valid: a calendar year, a calendar month or an hour.
 *
 * <p>Written in factor tables as {@code 2025} (a year), {@code 2025-03} (a month) or {@code 2025-03-14T05:00Z}
 * (the hour starting then; the {@code Z} is required, so no one mistakes local time for UTC). All periods are
 * half-open, {@code [start, end)}, in UTC.
 *
 * <p>Immutable and thread-safe.
 *
 * @param granularity year, month or hour
 * @param start the first instant (UTC), aligned to the granularity
 * @since 0.1
 */
public record FactorPeriod(Granularity granularity, Instant start) implements Comparable<FactorPeriod> {

  private static final Pattern YEAR = Pattern.compile("\\d{4}");
  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

  /** How long a factor's period is. */
  public enum Granularity {
    /** One UTC hour. */
    HOUR,
    /** One calendar month, UTC. */
    MONTH,
    /** One calendar year, UTC. */
    YEAR
  }

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the start is not aligned to the granularity
   */
  public FactorPeriod {
    Objects.requireNonNull(granularity, "granularity");
    Objects.requireNonNull(start, "start");
    LocalDateTime t = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
    boolean hourAligned = t.getMinute() == 0 && t.getSecond() == 0 && t.getNano() == 0;
    boolean aligned = switch (granularity) {
      case HOUR -> hourAligned;
      case MONTH -> hourAligned && t.getHour() == 0 && t.getDayOfMonth() == 1;
      case YEAR -> hourAligned && t.getHour() == 0 && t.getDayOfYear() == 1;
    };
    if (!aligned) {
      throw new IllegalArgumentException(start + " is not the start of a UTC "
          + granularity.name().toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Returns a calendar year.
   *
   * @param year the year
   * @return the period
   */
  public static FactorPeriod year(int year) {
    return new FactorPeriod(Granularity.YEAR, LocalDateTime.of(year, 1, 1, 0, 0).toInstant(ZoneOffset.UTC));
  }

  /**
   * Returns a calendar month.
   *
   * @param month the month
   * @return the period
   */
  public static FactorPeriod month(YearMonth month) {
    return new FactorPeriod(Granularity.MONTH, month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  /**
   * Returns the UTC hour that contains an instant.
   *
   * @param instant any instant
   * @return the hour
   */
  public static FactorPeriod hourOf(Instant instant) {
    return new FactorPeriod(Granularity.HOUR, instant.truncatedTo(ChronoUnit.HOURS));
  }

  /**
   * Parses the factor-table form.
   *
   * @param text {@code 2025}, {@code 2025-03} or {@code 2025-03-14T05:00Z}
   * @return the period
   * @throws IllegalArgumentException if malformed or not on the hour
   */
  public static FactorPeriod parse(String text) {
    String t = text.trim();
    try {
      if (YEAR.matcher(t).matches()) {
        return year(Integer.parseInt(t));
      }
      if (MONTH.matcher(t).matches()) {
        return month(YearMonth.parse(t));
      }
      if (t.indexOf('T') > 0 && t.endsWith("Z")) {
        Instant i = UtcInstants.parse(t);
        if (!i.truncatedTo(ChronoUnit.HOURS).equals(i)) {
          throw new IllegalArgumentException("period '" + text + "' is not on the hour; hourly factors start at "
              + "minute 00, e.g. 2025-03-14T05:00Z");
        }
        return new FactorPeriod(Granularity.HOUR, i);
      }
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("period '" + text + "' is not a date: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("period '" + text + "' is not a year (2025), a month (2025-03) or a UTC "
        + "hour (2025-03-14T05:00Z)");
  }

  /**
   * Returns the end of the period (exclusive).
   *
   * @return the first instant after the period
   */
  public Instant end() {
    LocalDateTime t = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
    return switch (granularity) {
      case HOUR -> start.plus(1, ChronoUnit.HOURS);
      case MONTH -> t.plusMonths(1).toInstant(ZoneOffset.UTC);
      case YEAR -> t.plusYears(1).toInstant(ZoneOffset.UTC);
    };
  }

  /**
   * Returns the calendar year (UTC) the period starts in.
   *
   * @return the year
   */
  public int year() {
    return LocalDateTime.ofInstant(start, ZoneOffset.UTC).getYear();
  }

  /**
   * Tells whether an instant falls in the period.
   *
   * @param instant the instant
   * @return true if {@code start <= instant < end}
   */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end());
  }

  @Override
  public int compareTo(FactorPeriod o) {
    int c = start.compareTo(o.start);
    return c != 0 ? c : granularity.compareTo(o.granularity);
  }

  /**
   * Returns the factor-table form: {@code 2025}, {@code 2025-03} or {@code 2025-03-14T05:00Z}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    LocalDateTime t = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
    return switch (granularity) {
      case YEAR -> String.format(Locale.US, "%04d", t.getYear());
      case MONTH -> String.format(Locale.US, "%04d-%02d", t.getYear(), t.getMonthValue());
      case HOUR -> String.format(Locale.US, "%04d-%02d-%02dT%02d:00Z", t.getYear(), t.getMonthValue(),
          t.getDayOfMonth(), t.getHour());
    };
  }

  // Written out rather than generated: a record's generated equals and hashCode bootstrap through
  // java.lang.runtime.ObjectMethods, which spins ~60 method-handle classes on first use (tens of ms of CPU in
  // `ergon measure`'s start-up). Same meaning as the generated ones: every component, in declaration order.
  @Override
  public boolean equals(Object o) {
    return o instanceof FactorPeriod p && granularity == p.granularity && start.equals(p.start);
  }

  @Override
  public int hashCode() {
    return 31 * granularity.hashCode() + start.hashCode();
  }
}
