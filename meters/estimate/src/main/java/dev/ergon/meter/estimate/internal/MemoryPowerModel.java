package dev.ergon.meter.estimate.internal;

/**
 * Memory power from Cloud Carbon Footprint's memory coefficient: 0.000392 kWh per GB-hour, i.e. 0.392 W per GB,
 * the mean of Crucial's 0.375 W/GB and Micron's 0.4083 W/GB (CCF methodology, "Memory"). A GB here is a gibibyte
 * (2^30 bytes), the unit DIMM capacities are sold in.
 *
 * <p>CCF charges memory allocated to an instance (on AWS and Azure only above a per-chip baseline); this meter
 * charges the memory in use, so an idle machine with much free memory is charged little.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 *
 * @param wattsPerGib the coefficient, in W per GiB, {@code >= 0}
 */
public record MemoryPowerModel(double wattsPerGib) {
  /** CCF's MEMORY_COEFFICIENT, in kWh per GB-hour. */
  public static final double CCF_KWH_PER_GB_HOUR = 0.000392;

  /** Bytes in a GiB. */
  static final double BYTES_PER_GIB = 1024.0 * 1024 * 1024;

  /**
   * Validates the coefficient.
   *
   * @throws IllegalArgumentException if negative or not finite
   */
  public MemoryPowerModel {
    if (!(wattsPerGib >= 0) || !Double.isFinite(wattsPerGib)) {
      throw new IllegalArgumentException("memory coefficient must be >= 0 W/GiB, got " + wattsPerGib);
    }
  }

  /**
   * Returns CCF's model.
   *
   * @return 0.392 W per GiB (0.000392 kWh per GB-hour × 1000 W/kW)
   */
  public static MemoryPowerModel ccf() {
    return new MemoryPowerModel(CCF_KWH_PER_GB_HOUR * 1000);
  }

  /**
   * Returns the power of an amount of memory.
   *
   * @param bytes memory in use, in bytes; negative counts as 0
   * @return W
   */
  public double watts(long bytes) {
    return wattsPerGib * Math.max(0, bytes) / BYTES_PER_GIB;
  }
}
