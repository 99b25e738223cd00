package dev.ergon.meter.estimate.internal;

/**
 * CPU power from thermal design power with the Teads load curve: at 0, 10, 50 and 100 % load a CPU draws 0.12,
 * 0.32, 0.75 and 1.02 × TDP; between those points the fraction is interpolated linearly (a simple, monotonic
 * stand-in for Boavizta's logarithmic fit to the same four points).
 *
 * <p>{@code share} scales one package's figure to the vCPUs modelled: vCPUs ÷ logical CPUs per package (0.0625 for
 * a 2-vCPU slice of a 32-thread package; 2 for a two-socket machine modelled whole).
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 *
 * @param tdpWatts the thermal design power of one package, in W, {@code > 0}
 * @param share the number of packages' worth of logical CPUs modelled, {@code > 0}
 */
public record TeadsPowerCurve(double tdpWatts, double share) implements PowerCurve {
  /** Load points, as fractions of capacity. */
  static final double[] LOAD = {0, 0.10, 0.50, 1.00};
  /** Power at each load point, as fractions of TDP. */
  static final double[] FRACTION = {0.12, 0.32, 0.75, 1.02};

  /**
   * Validates the figures.
   *
   * @throws IllegalArgumentException if not positive and finite
   */
  public TeadsPowerCurve {
    if (!(tdpWatts > 0) || !Double.isFinite(tdpWatts) || !(share > 0) || !Double.isFinite(share)) {
      throw new IllegalArgumentException("TDP and share must be positive, got " + tdpWatts + " W × " + share);
    }
  }

  /**
   * Returns the Teads fraction of TDP at a load, interpolated.
   *
   * @param utilisation the load, clamped to {@code 0..1}
   * @return the fraction, {@code 0.12..1.02}
   */
  static double fraction(double utilisation) {
    double u = PowerCurve.clamp(utilisation);
    for (int i = 1; i < LOAD.length; i++) {
      if (u <= LOAD[i]) {
        double t = (u - LOAD[i - 1]) / (LOAD[i] - LOAD[i - 1]);
        return FRACTION[i - 1] + t * (FRACTION[i] - FRACTION[i - 1]);
      }
    }
    return FRACTION[FRACTION.length - 1];
  }

  @Override
  public double watts(double utilisation) {
    return tdpWatts * share * fraction(utilisation);
  }

  @Override
  public double idleWatts() {
    return tdpWatts * share * FRACTION[0];
  }

  @Override
  public double fullWatts() {
    return tdpWatts * share * FRACTION[FRACTION.length - 1];
  }
}
