package dev.ergon.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErgonMetricsTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final TraceMeter meter = new TraceMeter("trace", List.of(
      TraceMeter.counter("cpu/package-0", ChannelKind.CPU_PACKAGE, 0, 1000)));

  EnergyMonitor monitor() {
    return EnergyMonitor.builder()
        .configuration(Configuration.empty())
        .providers(List.of(meter.provider(100)))
        .noLedger()
        .clock(clock)
        .ticker(clock)
        .host("test-host")
        .withoutSamplerThread()
        .shutdownHook(false)
        .build();
  }

  void second(EnergyMonitor m, long microjoules) {
    clock.advance(Duration.ofSeconds(1));
    meter.advance(0, microjoules);
    m.sample();
  }

  private static double counter(MeterRegistry r, String name, String... tags) {
    return r.get(name).tags(tags).functionCounter().count();
  }

  @Test
  void channelsJobsAndWorkloadsAreMetersWithMethodAndUncertaintyTags() {
    try (EnergyMonitor m = monitor()) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      ErgonMetrics.builder(m).tagKeys("model", "version").cacheFor(Duration.ZERO).build().bindTo(registry);
      Workload v1 = m.workload("predict", Tags.of("model", "ranker", "version", "1", "request", "x"));
      second(m, 5_000_000);
      v1.addUnits(10);
      Job batch = m.start("batch", Tags.of("model", "ranker"));
      second(m, 7_000_000);

      FunctionCounter energy = registry.get("ergon.energy").tag("channel", "cpu/package-0").functionCounter();
      assertEquals(12.0, energy.count(), 1e-9);
      assertEquals("joules", energy.getId().getBaseUnit());
      assertEquals("counter", energy.getId().getTag("method"));
      assertTrue(energy.getId().getTag("uncertainty") != null);
      Gauge power = registry.get("ergon.power").gauge();
      assertEquals(7.0, power.value(), 1e-9);
      assertEquals("watts", power.getId().getBaseUnit());

      // Machine attribution: the workload alone for 1 s (5 J), then shared with the batch job (3.5 J each).
      assertEquals(8.5, counter(registry, "ergon.job.energy", "job.name", "predict", "version", "1"), 1e-9);
      assertEquals(10, counter(registry, "ergon.job.units", "job.name", "predict"), 1e-9);
      assertEquals(3.5, counter(registry, "ergon.job.energy", "job.name", "batch", "version", "none"), 1e-9);
      assertTrue(registry.find("ergon.job.energy").tagKeys("request").meters().isEmpty(),
          "only allow-listed tag keys");

      // A closed job keeps counting: the function counter stays monotonic.
      batch.close();
      assertEquals(3.5, counter(registry, "ergon.job.energy", "job.name", "batch"), 1e-9);
      second(m, 2_000_000);
      assertEquals(3.5, counter(registry, "ergon.job.energy", "job.name", "batch"), 1e-9);
      assertEquals(10.5, counter(registry, "ergon.job.energy", "job.name", "predict"), 1e-9);
      Job again = m.start("batch", Tags.of("model", "ranker"));
      second(m, 4_000_000);
      again.close();
      assertEquals(5.5, counter(registry, "ergon.job.energy", "job.name", "batch"), 1e-9);
      assertEquals(0, registry.get("ergon.energy.unattributed").functionCounter().count(), 1e-9);
    }
  }

  @Test
  void anIdleWorkloadShowsAsOne() {
    try (EnergyMonitor m = monitor()) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      ErgonMetrics.builder(m).cacheFor(Duration.ZERO).build().bindTo(registry);
      m.workload("abandoned", Tags.empty(), Duration.ofSeconds(30));
      Gauge idle = registry.get("ergon.job.idle").tag("job.name", "abandoned").gauge();
      for (int s = 0; s < 29; s++) {
        second(m, 1_000_000);
      }
      assertEquals(0, idle.value());
      second(m, 1_000_000);
      assertEquals(1, idle.value());
    }
  }

  @Test
  void seriesBeyondTheBoundFallIntoOneOtherSeries() {
    try (EnergyMonitor m = monitor()) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      ErgonMetrics metrics = ErgonMetrics.builder(m).tagKeys("user").maxSeries(3).cacheFor(Duration.ZERO).build();
      metrics.bindTo(registry);
      for (int i = 0; i < 10; i++) {
        Job j = m.start("req", Tags.of("user", "u" + i));
        second(m, 1_000_000);
        j.close();
      }
      assertEquals(4, metrics.jobSeries(), "3 series and the overflow series");
      assertEquals(4, registry.find("ergon.job.energy").meters().size());
      assertEquals(7.0, counter(registry, "ergon.job.energy", "job.name", "_other", "user", "_other"), 1e-9);
      double sum = registry.find("ergon.job.energy").functionCounters().stream()
          .mapToDouble(FunctionCounter::count).sum();
      assertEquals(10.0, sum, 1e-9, "nothing lost, nothing counted twice");
    }
  }

  @Test
  void invalidTagKeysAreRefusedWithTheRule() {
    try (EnergyMonitor m = monitor()) {
      IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
          () -> ErgonMetrics.builder(m).tagKeys("Model"));
      assertTrue(String.valueOf(bad.getMessage()).contains("'Model'"), bad.getMessage());
      IllegalArgumentException reserved = assertThrows(IllegalArgumentException.class,
          () -> ErgonMetrics.builder(m).tagKeys("method"));
      assertTrue(String.valueOf(reserved.getMessage()).contains("reserved"), reserved.getMessage());
      IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
          () -> ErgonMetrics.builder(m).tagKeys("run.id", "run_id"));
      assertTrue(String.valueOf(clash.getMessage()).contains("run_id"), clash.getMessage());
      assertThrows(IllegalArgumentException.class, () -> ErgonMetrics.builder(m).maxSeries(0));
    }
  }

  @Test
  void aFailingRegistryNeverBreaksAJob() {
    try (EnergyMonitor m = monitor()) {
      BrokenRegistry registry = new BrokenRegistry();
      ErgonMetrics metrics = ErgonMetrics.builder(m).cacheFor(Duration.ZERO).build();
      metrics.bindTo(registry);
      registry.broken = true;
      Job j = m.start("job", Tags.empty());
      second(m, 1_000_000);
      assertEquals(1.0, j.end().total().toJoules(), 1e-9);
      assertTrue(metrics.failures() >= 1, "counted");
      assertEquals(0, m.listenerFailures(), "the binder caught it; the monitor saw nothing");
    }
  }

  @Test
  void jobEnergyNeverDecreasesWhileJobsOpenAndCloseAndEndsAtTheRecordsSum() throws Exception {
    try (EnergyMonitor m = monitor()) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      ErgonMetrics.builder(m).cacheFor(Duration.ZERO).build().bindTo(registry);
      java.util.concurrent.atomic.AtomicLong recordsMicrojoules = new java.util.concurrent.atomic.AtomicLong();
      java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
      m.start("req").close(); // registers the series
      List<Thread> workers = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread w = new Thread(() -> {
          for (int i = 0; i < 200; i++) {
            Job j = m.start("req");
            clock.advance(Duration.ofMillis(10));
            meter.advance(0, 50_000);
            m.sample();
            recordsMicrojoules.addAndGet(j.end().total().toMicrojoulesExact());
          }
        });
        workers.add(w);
        w.start();
      }
      FunctionCounter c = registry.get("ergon.job.energy").tag("job.name", "req").functionCounter();
      double last = 0;
      Thread reader = Thread.currentThread();
      Thread stopper = new Thread(() -> {
        for (Thread w : workers) {
          try {
            w.join();
          } catch (InterruptedException e) {
            reader.interrupt();
          }
        }
        done.set(true);
      });
      stopper.start();
      int reads = 0;
      while (!done.get()) {
        double v = c.count();
        assertTrue(v >= last, "decreased from " + last + " to " + v);
        last = v;
        reads++;
      }
      stopper.join();
      assertTrue(reads > 0);
      assertEquals(recordsMicrojoules.get() / 1e6, c.count(), 1e-9, "every closed job once, none twice");
    }
  }

  /** A registry that refuses new function counters once broken. */
  static final class BrokenRegistry extends SimpleMeterRegistry {
    volatile boolean broken;

    @Override
    protected <T> FunctionCounter newFunctionCounter(io.micrometer.core.instrument.Meter.Id id, T obj,
        java.util.function.ToDoubleFunction<T> countFunction) {
      if (broken) {
        throw new IllegalStateException("registry broken");
      }
      return super.newFunctionCounter(id, obj, countFunction);
    }
  }
}
