package dev.ergon.benchmarks;

import dev.ergon.Configuration;
import dev.ergon.EnergyMonitor;
import dev.ergon.benchmarks.fixture.ConstantPowerMeterProvider;
import java.util.List;
import java.util.Map;

/** Builds the monitors the benchmarks measure: hermetic configuration, the constant-power fixture, no ledger. */
final class Monitors {

  private Monitors() {}

  /**
   * Returns a builder with the constant-power fixture as its only meter, no ledger, no environment settings, and
   * the default sampling period (1 s).
   *
   * @return the builder
   */
  static EnergyMonitor.Builder fixture() {
    return fixture(new ConstantPowerMeterProvider());
  }

  /**
   * Returns a builder like {@link #fixture()} with a given fixture instance, to count its reads.
   *
   * @param provider the fixture
   * @return the builder
   */
  static EnergyMonitor.Builder fixture(ConstantPowerMeterProvider provider) {
    return EnergyMonitor.builder()
        .configuration(Configuration.of(Map.of()))
        .providers(List.of(provider))
        .host("bench-host")
        .noLedger();
  }
}
