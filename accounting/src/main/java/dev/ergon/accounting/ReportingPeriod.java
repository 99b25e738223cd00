package dev.ergon.accounting;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The UTC period a report covers, {@code [start, end)}, on whole hours.
 *
 * <p>Energy outside it is left out of the report (and the amount disclosed); contractual instruments must have
 * been generated within it (Scope 2 Quality Criterion 4, vintage).
 *
 * <p>Immutable and thread-safe.
 *
 * @param start the first instant, on a whole UTC hour
 * @param end the first instant after the period, on a whole UTC hour, after {@code start}
 * @since 0.1
 */
public record ReportingPeriod(Instant start, Instant end) {
  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the bounds are not whole hours or the end is not after the start
   */
  public ReportingPeriod {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.truncatedTo(ChronoUnit.HOURS).equals(start) || !end.truncatedTo(ChronoUnit.HOURS).equals(end)) {
      throw new IllegalArgumentException("reporting period " + start + " .. " + end + " must start and end on whole "
          + "UTC hours");
    }
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("reporting period end " + end + " is not after its start " + start);
    }
  }

  /**
   * Returns a calendar year, UTC.
   *
   * @param year the year
   * @return {@code [year-01-01T00:00Z, (year+1)-01-01T00:00Z)}
   */
  public static ReportingPeriod ofYear(int year) {
    return new ReportingPeriod(LocalDateTime.of(year, 1, 1, 0, 0).toInstant(ZoneOffset.UTC),
        LocalDateTime.of(year + 1, 1, 1, 0, 0).toInstant(ZoneOffset.UTC));
  }

  /**
   * Tells whether an instant falls in the period.
   *
   * @param instant the instant
   * @return true if {@code start <= instant < end}
   */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /**
   * Tells whether another period lies wholly inside this one.
   *
   * @param from the other period's start
   * @param to the other period's end (exclusive)
   * @return true if {@code start <= from} and {@code to <= end}
   */
  public boolean encloses(Instant from, Instant to) {
    return !from.isBefore(start) && !to.isAfter(end);
  }

  /**
   * Returns the period as {@code start/end} in ISO-8601.
   *
   * @return e.g. {@code 2026-01-01T00:00:00Z/2027-01-01T00:00:00Z}
   */
  @Override
  public String toString() {
    return start + "/" + end;
  }
}
