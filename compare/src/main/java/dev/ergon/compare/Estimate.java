package dev.ergon.compare;

/**
 * A figure with its 95 % interval, in the unit of the figure it describes (joules per unit for energy, a pure
 * number for a ratio).
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the point estimate
 * @param lower the interval's lower end, {@code <= value}
 * @param upper the interval's upper end, {@code >= value}
 * @since 0.2
 */
public record Estimate(double value, double lower, double upper) {

  /** Validates the interval: finite ends around the value. */
  public Estimate {
    if (!Double.isFinite(value) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
      throw new IllegalArgumentException("estimate must be finite, got " + value + " [" + lower + ", " + upper + "]");
    }
    if (lower > value || upper < value) {
      throw new IllegalArgumentException("interval [" + lower + ", " + upper + "] does not contain " + value);
    }
  }

  /**
   * Tells whether the interval contains a value.
   *
   * @param x the value, in the estimate's unit
   * @return {@code lower <= x <= upper}
   */
  public boolean contains(double x) {
    return lower <= x && x <= upper;
  }
}
