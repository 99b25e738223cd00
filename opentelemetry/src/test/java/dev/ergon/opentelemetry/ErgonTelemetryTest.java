package dev.ergon.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.ChannelKind;
import dev.ergon.Configuration;
import dev.ergon.EnergyMonitor;
import dev.ergon.Job;
import dev.ergon.Tags;
import dev.ergon.Workload;
import dev.ergon.testing.ManualClock;
import dev.ergon.testing.TraceMeter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErgonTelemetryTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final TraceMeter meter = new TraceMeter("trace", List.of(
      TraceMeter.counter("cpu/package-0", ChannelKind.CPU_PACKAGE, 0, 1000),
      TraceMeter.counter("gpu/GPU-1", ChannelKind.GPU, 0, 1000),
      TraceMeter.counter("platform/psys", ChannelKind.PLATFORM, 0, 1000)));

  private EnergyMonitor monitor() {
    return EnergyMonitor.builder().configuration(Configuration.empty()).providers(List.of(meter.provider(100)))
        .noLedger().clock(clock).ticker(clock).host("h").withoutSamplerThread().shutdownHook(false).build();
  }

  private void second(EnergyMonitor m) {
    clock.advance(Duration.ofSeconds(1));
    meter.advance(0, 10_000_000);
    meter.advance(1, 20_000_000);
    meter.advance(2, 40_000_000);
    m.sample();
  }

  private static MetricData metric(Collection<MetricData> all, String name) {
    return all.stream().filter(d -> d.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name));
  }

  private static double sum(MetricData d, String key, String value) {
    return d.getDoubleSumData().getPoints().stream()
        .filter(p -> value.equals(p.getAttributes().get(AttributeKey.stringKey(key))))
        .mapToDouble(DoublePointData::getValue).sum();
  }

  @Test
  void channelsFollowTheHardwareConventionsAndTheHostIsApart() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
        EnergyMonitor m = monitor();
        ErgonTelemetry t = ErgonTelemetry.builder(m).tagKeys("version").cacheFor(Duration.ZERO).build(provider)) {
      Workload w = m.workload("predict", Tags.of("version", "2"));
      second(m);
      w.addUnits(7);
      Job batch = m.start("batch");
      second(m);
      batch.close();
      Collection<MetricData> all = reader.collectAllMetrics();

      MetricData energy = metric(all, "hw.energy");
      assertEquals("J", energy.getUnit());
      assertTrue(energy.getDoubleSumData().isMonotonic());
      assertEquals(20.0, sum(energy, "hw.type", "cpu"), 1e-9);
      assertEquals(40.0, sum(energy, "hw.type", "gpu"), 1e-9);
      assertEquals(0.0, sum(energy, "hw.id", "platform/psys"), "the host is never a component");
      assertEquals(80.0, sum(metric(all, "hw.host.energy"), "hw.id", "platform/psys"), 1e-9);
      DoublePointData cpu = energy.getDoubleSumData().getPoints().stream()
          .filter(p -> "cpu".equals(p.getAttributes().get(AttributeKey.stringKey("hw.type")))).findFirst()
          .orElseThrow();
      assertEquals("counter", cpu.getAttributes().get(AttributeKey.stringKey("ergon.method")));
      assertEquals("cpu/package-0", cpu.getAttributes().get(AttributeKey.stringKey("hw.id")));
      assertEquals(0.05, cpu.getAttributes().get(AttributeKey.doubleKey("ergon.uncertainty")));
      MetricData power = metric(all, "hw.power");
      assertEquals("W", power.getUnit());
      assertEquals(10.0, power.getDoubleGaugeData().getPoints().stream()
          .filter(p -> "cpu".equals(p.getAttributes().get(AttributeKey.stringKey("hw.type"))))
          .findFirst().orElseThrow().getValue(), 1e-9);

      MetricData jobs = metric(all, "ergon.job.energy");
      // Machine attribution: predict alone for 1 s (70 J), then shared with batch (35 J each).
      assertEquals(105.0, sum(jobs, "ergon.job.name", "predict"), 1e-9);
      assertEquals(35.0, sum(jobs, "ergon.job.name", "batch"), 1e-9, "a closed job keeps counting");
      assertEquals(7L, metric(all, "ergon.job.units").getLongSumData().getPoints().stream()
          .filter(p -> "2".equals(p.getAttributes().get(AttributeKey.stringKey("version"))))
          .mapToLong(LongPointData::getValue).sum());
      assertEquals(0, t.failures());
    }
  }

  @Test
  void badTagKeysAreRefusedWithTheRule() {
    try (EnergyMonitor m = monitor()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ErgonTelemetry.builder(m).tagKeys("hw.id"));
      assertTrue(String.valueOf(e.getMessage()).contains("reserved"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> ErgonTelemetry.builder(m).tagKeys("Bad Key"));
    }
  }

  @Test
  void aClosedRegistrationStopsReporting() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
        EnergyMonitor m = monitor()) {
      ErgonTelemetry t = ErgonTelemetry.builder(m).build(provider);
      second(m);
      assertFalse(reader.collectAllMetrics().isEmpty());
      t.close();
      assertTrue(reader.collectAllMetrics().isEmpty());
    }
  }
}
