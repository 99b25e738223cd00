package dev.ergon;

import java.time.Duration;

/**
 * A rate of energy, in watts.
 *
 * <p>Power is a {@code double} of watts: it is always derived (an average over an interval, a model coefficient, a
 * plausibility limit) and never summed into a ledger, so it needs range and a relative precision, not exactness.
 * It is finite and never negative.
 *
 * <p>Instances are immutable, value-based and thread-safe.
 *
 * @param watts the power in W; finite and {@code >= 0}
 * @since 0.1
 */
public record Power(double watts) implements Comparable<Power> {

  /** No power. */
  public static final Power ZERO = new Power(0);

  /**
   * Validates the value.
   *
   * @throws IllegalArgumentException if negative, NaN or infinite
   */
  public Power {
    if (!Double.isFinite(watts) || watts < 0) {
      throw new IllegalArgumentException("power must be finite and >= 0 W, got " + watts);
    }
  }

  /**
   * Returns a power in watts.
   *
   * @param watts the power in W; finite and {@code >= 0}
   * @return the power
   * @throws IllegalArgumentException if negative, NaN or infinite
   */
  public static Power ofWatts(double watts) {
    return new Power(watts);
  }

  /**
   * Returns a power in milliwatts (the unit of NVML's power readings).
   *
   * @param milliwatts the power in mW, {@code >= 0}
   * @return the power
   * @throws IllegalArgumentException if negative
   */
  public static Power ofMilliwatts(long milliwatts) {
    if (milliwatts < 0) {
      throw new IllegalArgumentException("power must be >= 0 mW, got " + milliwatts);
    }
    return new Power(milliwatts / 1000.0);
  }

  /**
   * Returns a power in microwatts (the unit of powercap {@code *_uw} files).
   *
   * @param microwatts the power in µW, {@code >= 0}
   * @return the power
   * @throws IllegalArgumentException if negative
   */
  public static Power ofMicrowatts(long microwatts) {
    if (microwatts < 0) {
      throw new IllegalArgumentException("power must be >= 0 µW, got " + microwatts);
    }
    return new Power(microwatts / 1e6);
  }

  /**
   * Returns the energy spent at this power over an interval, rounded half-up to the microjoule.
   *
   * @param interval the interval, {@code >= 0}
   * @return the energy
   * @throws IllegalArgumentException if {@code interval} is negative
   * @throws ArithmeticException if the energy overflows
   */
  public Energy times(Duration interval) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("interval must be >= 0, got " + interval);
    }
    double seconds = interval.getSeconds() + interval.getNano() / 1e9;
    return Energy.ofJoules(watts * seconds);
  }

  /**
   * Returns the sum of this power and another.
   *
   * @param other the power to add
   * @return the sum
   * @throws ArithmeticException if the sum is not finite
   */
  public Power plus(Power other) {
    double sum = watts + other.watts;
    if (!Double.isFinite(sum)) {
      throw new ArithmeticException("power overflow: " + this + " + " + other);
    }
    return new Power(sum);
  }

  /**
   * Returns the power in watts.
   *
   * @return W
   */
  public double toWatts() {
    return watts;
  }

  /**
   * Returns the power in milliwatts.
   *
   * @return mW
   */
  public double toMilliwatts() {
    return watts * 1000.0;
  }

  /**
   * Returns the power in kilowatts.
   *
   * @return kW
   */
  public double toKilowatts() {
    return watts / 1000.0;
  }

  @Override
  public int compareTo(Power other) {
    return Double.compare(watts, other.watts);
  }

  /**
   * Returns the power with its unit, e.g. {@code 12.5 W}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return watts + " W";
  }
}
