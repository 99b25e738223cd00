package dev.ergon.meter.estimate.internal;

/**
 * Modelled power of a device as a function of its utilisation.
 *
 * <p>This interface is internal and is hence not for public use. Implementations are immutable and thread-safe,
 * non-decreasing in utilisation and bounded by {@link #idleWatts()} and {@link #fullWatts()}.
 */
public interface PowerCurve {
  /**
   * Returns the modelled power.
   *
   * @param utilisation the fraction of capacity busy, clamped to {@code 0..1}; NaN counts as 0
   * @return the power in W
   */
  double watts(double utilisation);

  /**
   * Returns the power at 0 % utilisation.
   *
   * @return W
   */
  double idleWatts();

  /**
   * Returns the power at 100 % utilisation.
   *
   * @return W
   */
  double fullWatts();

  /**
   * Clamps a utilisation to {@code 0..1}, with NaN as 0.
   *
   * @param utilisation the value
   * @return the clamped value
   */
  static double clamp(double utilisation) {
    if (!(utilisation > 0)) {
      return 0;
    }
    return Math.min(utilisation, 1);
  }
}
