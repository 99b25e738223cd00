package dev.ergon.meter.estimate.internal;

/**
 * Power linear in utilisation between an idle and a full figure: Cloud Carbon Footprint's compute model,
 * {@code W = min + u × (max − min)}, for CPUs (per vCPU, times the vCPU count) and GPUs (per GPU).
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 *
 * @param idleWatts the power at 0 % utilisation, in W, {@code >= 0}
 * @param fullWatts the power at 100 % utilisation, in W, {@code >= idleWatts}
 */
public record LinearPowerCurve(double idleWatts, double fullWatts) implements PowerCurve {
  /**
   * Validates the figures.
   *
   * @throws IllegalArgumentException if negative, not finite, or full below idle
   */
  public LinearPowerCurve {
    if (!(idleWatts >= 0) || !Double.isFinite(fullWatts) || fullWatts < idleWatts) {
      throw new IllegalArgumentException(
          "a power curve needs 0 <= idle <= full watts, got idle " + idleWatts + " W, full " + fullWatts + " W");
    }
  }

  /**
   * Returns CCF's CPU model for a number of vCPUs.
   *
   * @param vcpus the vCPU count (may be fractional, e.g. a 1.5-CPU quota), {@code > 0}
   * @param minWattsPerVcpu W per vCPU at 0 %
   * @param maxWattsPerVcpu W per vCPU at 100 %
   * @return the curve for all the vCPUs together
   * @throws IllegalArgumentException if {@code vcpus} is not positive
   */
  public static LinearPowerCurve perVcpu(double vcpus, double minWattsPerVcpu, double maxWattsPerVcpu) {
    if (!(vcpus > 0) || !Double.isFinite(vcpus)) {
      throw new IllegalArgumentException("vCPU count must be positive, got " + vcpus);
    }
    return new LinearPowerCurve(vcpus * minWattsPerVcpu, vcpus * maxWattsPerVcpu);
  }

  @Override
  public double watts(double utilisation) {
    return idleWatts + PowerCurve.clamp(utilisation) * (fullWatts - idleWatts);
  }
}
