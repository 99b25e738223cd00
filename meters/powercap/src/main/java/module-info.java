/**
 * Ergon's powercap meter: Intel and AMD RAPL energy counters read from Linux {@code /sys/class/powercap}.
 *
 * <p>{@code dev.ergon.meter.powercap.internal} is not exported.
 */
module dev.ergon.meter.powercap {
  requires transitive dev.ergon.core; // the public API names core types (MeterProvider, Power)

  exports dev.ergon.meter.powercap;

  provides dev.ergon.spi.MeterProvider with dev.ergon.meter.powercap.PowercapMeterProvider;
}
