/**
 * Ergon's NVML meter: NVIDIA GPU energy through NVML, bound with JNA.
 *
 * <p>{@code dev.ergon.meter.nvml.internal} is not exported.
 */
module dev.ergon.meter.nvml {
  requires transitive dev.ergon.core;
  requires com.sun.jna;
  requires static org.jspecify;

  exports dev.ergon.meter.nvml;

  provides dev.ergon.spi.MeterProvider with dev.ergon.meter.nvml.NvmlMeterProvider;
}
