package dev.ergon.plan.internal;

import dev.ergon.plan.IntensityKind;

/**
 * One row of an intensity file, before the rows of a zone are checked for gaps and overlaps.
 *
 * <p>This class is internal and is hence not for public use. Immutable.
 *
 * @param zone the zone or location
 * @param startSecond the start, UTC epoch seconds
 * @param endSecond the end, UTC epoch seconds, or {@link #UNKNOWN_END} when the file gives only a start (the step is
 *     then the zone's smallest spacing)
 * @param gramsPerKwh the intensity, gCO2e/kWh
 * @param kind actual or forecast
 * @param source the file
 * @param line the 1-based line
 */
public record IntensityRow(String zone, long startSecond, long endSecond, double gramsPerKwh, IntensityKind kind,
    String source, long line) {

  /** The end of a row whose file gives only its start. */
  public static final long UNKNOWN_END = Long.MIN_VALUE;

  /**
   * Returns {@code file:line}.
   *
   * @return the place of the row
   */
  public String where() {
    return line > 0 ? source + ":" + line : source;
  }
}
