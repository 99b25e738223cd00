package dev.ergon.plan;

/**
 * An amount of CO2e in kilograms with its 95 % interval. A saving may be negative at its lower end (the shift may
 * turn out worse); an emission's lower end is never below zero.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the expected value, kg CO2e
 * @param lower the lower end of the 95 % interval, kg CO2e
 * @param upper the upper end of the 95 % interval, kg CO2e
 * @since 0.1
 */
public record Co2eInterval(double value, double lower, double upper) {

  /** The coverage factor of a 95 % interval of a normal distribution. */
  public static final double K95 = 1.959964;

  /** Zero, exactly, with no spread. */
  public static final Co2eInterval ZERO = new Co2eInterval(0, 0, 0);

  /**
   * Validates the bounds.
   *
   * @throws IllegalArgumentException if a bound is not finite or they are out of order
   */
  public Co2eInterval {
    if (!Double.isFinite(value) || !Double.isFinite(lower) || !Double.isFinite(upper) || lower > value
        || value > upper) {
      throw new IllegalArgumentException("need finite lower <= value <= upper (kg CO2e), got " + lower + ", "
          + value + ", " + upper);
    }
  }

  /**
   * Returns {@code value ± K95 × sd}.
   *
   * @param valueKg the value, kg CO2e
   * @param sdKg the combined standard uncertainty, kg CO2e, {@code >= 0}
   * @param nonNegative true to clip the lower end at zero (an emission, not a difference)
   * @return the interval
   */
  public static Co2eInterval of(double valueKg, double sdKg, boolean nonNegative) {
    double lo = valueKg - K95 * sdKg;
    return new Co2eInterval(valueKg, nonNegative ? Math.max(0, Math.min(lo, valueKg)) : Math.min(lo, valueKg),
        Math.max(valueKg, valueKg + K95 * sdKg));
  }

  /** Returns e.g. {@code 12.3 kg CO2e (95 %: 10.1 to 14.5)}. */
  @Override
  public String toString() {
    return String.format(java.util.Locale.US, "%.3f kg CO2e (95 %%: %.3f to %.3f)", value, lower, upper);
  }
}
