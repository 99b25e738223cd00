/**
 * Ergon's AMD SMI meter: AMD GPU energy through ROCm's {@code libamd_smi.so}, bound with JNA.
 *
 * <p>{@code dev.ergon.meter.amdsmi.internal} is not exported.
 */
module dev.ergon.meter.amdsmi {
  requires transitive dev.ergon.core;
  requires com.sun.jna;
  requires static org.jspecify;

  exports dev.ergon.meter.amdsmi;

  provides dev.ergon.spi.MeterProvider with dev.ergon.meter.amdsmi.AmdSmiMeterProvider;
}
