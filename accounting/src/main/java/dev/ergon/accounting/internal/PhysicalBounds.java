package dev.ergon.accounting.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The physical bounds every number read from a file is checked against when it is parsed, so that a typo (a unit
 * off by 10⁶, an exponent too many) is refused with the file, the line and the field instead of escaping as an
 * overflow or a crash later on. The bounds are generous: each is an order of magnitude or more above anything real.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (constants only).
 */
public final class PhysicalBounds {

  /** The largest instrument volume, MWh: 10 TWh (the largest single contracts cover a few TWh a year). */
  public static final double MAX_VOLUME_MWH = 1e7;

  /** The largest generation of one instrument in one hour, MWh: 100 GW for an hour (the largest plant is ~22 GW). */
  public static final double MAX_HOURLY_MWH = 1e5;

  /** The largest emission intensity, gCO₂e/kWh, in any unit once converted (lignite is ~1,200 g/kWh). */
  public static final double MAX_INTENSITY_G_PER_KWH = 5_000;

  /** The largest offset, tCO₂e: a gigatonne. */
  public static final double MAX_OFFSET_TONNES = 1e9;

  /** The first year a date or period may fall in. */
  public static final int MIN_YEAR = 1900;

  /** The last year a date or period may fall in. */
  public static final int MAX_YEAR = 2200;

  private PhysicalBounds() {}

  /**
   * Checks a parsed number.
   *
   * @param row the row, for the message
   * @param column the column, for the message
   * @param value the value
   * @param max the largest value allowed
   * @param unit the value's unit, for the message
   * @return the value
   * @throws dev.ergon.accounting.InvalidDataException if it is not finite, negative or above {@code max}
   */
  public static double check(CsvTable.Row row, String column, double value, double max, String unit) {
    if (!Double.isFinite(value) || value < 0 || value > max) {
      throw row.error(String.format(Locale.US, "%s '%s' in column '%s' is outside the physical bounds 0 .. %s %s; "
          + "check the number and its unit", column, row.values().get(column), column, plain(max), unit));
    }
    return value;
  }

  /**
   * Checks that an instant lies in the years {@link #MIN_YEAR} to {@link #MAX_YEAR}.
   *
   * @param row the row, for the message
   * @param column the column, for the message
   * @param t the instant
   * @return the instant
   * @throws dev.ergon.accounting.InvalidDataException if outside
   */
  public static Instant checkYear(CsvTable.Row row, String column, Instant t) {
    int year = LocalDateTime.ofInstant(t, ZoneOffset.UTC).getYear();
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw row.error("'" + row.values().get(column) + "' in column '" + column + "' is in the year " + year
          + ", outside " + MIN_YEAR + " .. " + MAX_YEAR + "; check the date");
    }
    return t;
  }

  private static String plain(double d) {
    return d >= 1e5 ? String.format(Locale.US, "%.0e", d) : String.format(Locale.US, "%.0f", d);
  }
}
