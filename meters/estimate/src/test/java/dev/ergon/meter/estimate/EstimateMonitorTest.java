package dev.ergon.meter.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Attribution;
import dev.ergon.ChannelEnergy;
import dev.ergon.EnergyMonitor;
import dev.ergon.EnergyRecord;
import dev.ergon.Job;
import dev.ergon.MeterStatus;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Channel;
import dev.ergon.ChannelKind;
import dev.ergon.Method;
import dev.ergon.spi.MeterProvider;
import dev.ergon.testing.TraceMeter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimate meter through core's real monitor: discovery, covered components, records, and a real run. */
class EstimateMonitorTest {
  private static final long SECOND = 1_000_000_000L;
  private static final String CASCADE_LAKE = "Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz";

  @TempDir Path dir;

  private static ChannelEnergy channel(EnergyRecord r, String id) {
    return r.channels().stream().filter(c -> c.channel().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no channel " + id + " in " + r.channels()));
  }

  private static MeterStatus status(EnergyMonitor monitor, String provider) {
    return monitor.meterStatus().stream().filter(s -> s.provider().equals(provider)).findFirst()
        .orElseThrow(() -> new AssertionError("no meter " + provider + " in " + monitor.meterStatus()));
  }

  @Test
  void aJobOnAFakeMachineIsChargedTheModelledEnergyWithItsProvenance() {
    // 4 busy Cascade Lake vCPUs for one second: 4 x 3.97 W = 15.88 J; 4 GiB of memory in use: 4 x 0.392 = 1.568 J
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true).stat(0, 0);
    AtomicLong now = new AtomicLong(50 * SECOND);
    try (EnergyMonitor monitor = EnergyMonitor.builder().configuration(m.config())
        .providers(List.of(new EstimateMeterProvider())).noLedger().withoutSamplerThread().ticker(now::get)
        .attribution(Attribution.MACHINE).build()) {
      MeterStatus s = status(monitor, "estimate");
      assertTrue(s.open());
      assertEquals(MeterProvider.PRIORITY_MODEL, s.priority());
      Job job = monitor.start("busy");
      m.stat(400, 0);
      now.addAndGet(SECOND);
      job.close();
      EnergyRecord r = job.record().orElseThrow();
      assertTrue(r.isComplete(), r.problems().toString());
      ChannelEnergy cpu = channel(r, "cpu/model");
      assertEquals(15.88, cpu.energy().toJoules(), 2e-6);
      assertEquals("estimate", cpu.meter());
      assertEquals(Method.MODEL, cpu.method());
      assertEquals(ChannelKind.MODEL_CPU, cpu.kind());
      assertEquals(0.30, cpu.relativeUncertainty());
      assertTrue(cpu.device().contains("CCF Cascade Lake (microarchitecture match)"), cpu.device());
      assertTrue(cpu.notes().stream().anyMatch(n -> n.startsWith("rung: microarchitecture match")), cpu.notes()
          .toString());
      ChannelEnergy mem = channel(r, "memory/model");
      assertEquals(1.568, mem.energy().toJoules(), 2e-6);
      assertEquals(Method.MODEL, mem.method());
      // GUM root sum of squares of the channels' 1σ: sqrt((0.30 x 15.88)^2 + (0.40 x 1.568)^2) = 4.8049 J
      assertEquals(Math.sqrt(Math.pow(0.30 * 15.88, 2) + Math.pow(0.40 * 1.568, 2)), r.totalUncertaintyJoules(),
          1e-5);
    }
  }

  @Test
  void aCounterMeterForTheCpuLeavesTheModelOnlyMemory() {
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true).stat(0, 0);
    TraceMeter rapl = new TraceMeter("rapl-like",
        List.of(TraceMeter.counter("cpu/package-0", ChannelKind.CPU_PACKAGE, 0)));
    try (EnergyMonitor monitor = EnergyMonitor.builder().configuration(m.config())
        .providers(List.of(new EstimateMeterProvider(), rapl.provider(MeterProvider.PRIORITY_COUNTER)))
        .noLedger().withoutSamplerThread().build()) {
      List<String> ids = monitor.channels().stream().map(Channel::id).toList();
      assertEquals(List.of("cpu/package-0", "memory/model"), ids);
    }
    TraceMeter psys = new TraceMeter("psys-like",
        List.of(TraceMeter.counter("platform/psys", ChannelKind.PLATFORM, 0)));
    try (EnergyMonitor monitor = EnergyMonitor.builder().configuration(m.config())
        .providers(List.of(new EstimateMeterProvider(), psys.provider(MeterProvider.PRIORITY_COUNTER)))
        .noLedger().withoutSamplerThread().build()) {
      MeterStatus s = status(monitor, "estimate");
      assertFalse(s.open());
      assertEquals(UnavailableReason.COVERED, s.availability().reason());
      assertEquals(List.of("platform/psys"), monitor.channels().stream().map(Channel::id).toList());
    }
  }

  /** The "done when": a monitor created with no configuration picks this meter on this machine. */
  @Test
  void createPicksTheEstimateMeterWithNoConfiguration() throws InterruptedException {
    String previous = System.getProperty("ergon.ledger");
    System.setProperty("ergon.ledger", dir.resolve("ledger.jsonl").toString());
    try (EnergyMonitor monitor = EnergyMonitor.create()) {
      MeterStatus s = status(monitor, "estimate");
      assertTrue(s.open(), s.availability().toString());
      List<String> ids = s.channels().stream().map(Channel::id).toList();
      assertTrue(ids.contains("cpu/model") && ids.contains("memory/model"), ids.toString());
      EnergyRecord r;
      try (Job job = monitor.start("short")) {
        Thread.sleep(200);
        r = job.end();
      }
      for (ChannelEnergy c : r.channels()) {
        assertEquals(Method.MODEL, c.method(), c.channel());
        assertTrue(c.relativeUncertainty() >= 0.30, c.channel());
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("not a measurement")), c.notes().toString());
      }
      ChannelEnergy cpu = channel(r, "cpu/model");
      assertTrue(cpu.notes().stream().anyMatch(n -> n.startsWith("rung: ")), cpu.notes().toString());
      assertTrue(cpu.notes().stream().anyMatch(n -> n.startsWith("vCPUs: ")), cpu.notes().toString());
      System.out.println("[real machine] cpu/model device: " + cpu.device());
      cpu.notes().forEach(n -> System.out.println("[real machine]   " + n));
    } finally {
      if (previous == null) {
        System.clearProperty("ergon.ledger");
      } else {
        System.setProperty("ergon.ledger", previous);
      }
    }
  }

  /**
   * The real run: a job that burns CPU on one thread for a second is charged more than one that sleeps
   * for a second. Under the THREADS policy each job gets the machine's modelled energy times its own thread's share
   * of the machine's CPU time, so other load on a shared CI machine cannot make the idle job look busy.
   */
  @Test
  void burningCpuOnOneThreadCostsMoreThanIdling() throws InterruptedException {
    try (EnergyMonitor monitor = EnergyMonitor.builder().configuration(dev.ergon.Configuration.empty())
        .providers(List.of(new EstimateMeterProvider())).noLedger().samplingPeriod(Duration.ofMillis(100))
        .attribution(Attribution.THREADS).build()) {
      EnergyRecord idle;
      try (Job job = monitor.start("idle")) {
        Thread.sleep(1000);
        idle = job.end();
      }
      EnergyRecord busy;
      try (Job job = monitor.start("busy")) {
        long end = System.nanoTime() + SECOND;
        long x = 0;
        while (System.nanoTime() < end) {
          x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        busy = job.end();
        assertTrue(x >= 0);
      }
      System.out.printf("[real machine] idle job: %s (measured %s), busy job: %s (measured %s)%n",
          idle.total(), idle.measured(), busy.total(), busy.measured());
      assertTrue(busy.total().compareTo(idle.total()) > 0,
          "busy " + busy.total() + " should exceed idle " + idle.total());
      for (EnergyRecord r : List.of(idle, busy)) {
        ChannelEnergy cpu = channel(r, "cpu/model");
        assertEquals(Method.MODEL, cpu.method());
        assertTrue(cpu.notes().stream().anyMatch(n -> n.startsWith("rung: ")), cpu.notes().toString());
      }
    }
  }

  @Test
  void readingTheRealMachineNeverBlocks() {
    // a meter that waited for a CPU-percent window (0.5 s per call in one tool) would need 500 s here
    try (var meter = new EstimateMeterProvider().open(
        dev.ergon.spi.MeterContext.of(dev.ergon.Configuration.empty()))) {
      dev.ergon.spi.ReadingBuffer b = new dev.ergon.spi.ReadingBuffer(meter.channels().size());
      long start = System.nanoTime();
      for (int i = 0; i < 1000; i++) {
        b.reset(System.nanoTime());
        meter.read(b);
        for (int c = 0; c < b.size(); c++) {
          assertTrue(b.hasValue(c), String.valueOf(b.fault(c)));
        }
      }
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("[real machine] 1000 reads took " + elapsedMillis + " ms");
      assertTrue(elapsedMillis < 5000, "1000 reads took " + elapsedMillis + " ms");
    }
  }
}
