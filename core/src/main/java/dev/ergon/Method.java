package dev.ergon;

/**
 * How a channel knows its energy: the provenance written into every record.
 *
 * @since 0.1
 */
public enum Method {
  /** A hardware energy counter (RAPL {@code energy_uj}, NVML total energy). */
  COUNTER,
  /** Power readings integrated over time (NVML power usage on GPUs without an energy counter). */
  INTEGRATED_POWER,
  /** An estimate from a model (utilisation times published watts); never a measurement. */
  MODEL
}
