/**
 * Ergon's estimate meter: model-based CPU, memory and (configured) GPU energy where no hardware counter exists.
 *
 * <p>{@code dev.ergon.meter.estimate.internal} is not exported.
 */
module dev.ergon.meter.estimate {
  requires transitive dev.ergon.core;
  requires static org.jspecify;
  requires jdk.management;

  exports dev.ergon.meter.estimate;

  provides dev.ergon.spi.MeterProvider with
      dev.ergon.meter.estimate.EstimateMeterProvider;
}
