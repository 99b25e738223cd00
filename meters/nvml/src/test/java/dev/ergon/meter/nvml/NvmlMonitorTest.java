package dev.ergon.meter.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Attribution;
import dev.ergon.ChannelEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyMonitor;
import dev.ergon.EnergyRecord;
import dev.ergon.Job;
import dev.ergon.MeterStatus;
import dev.ergon.RecordStatus;
import dev.ergon.ledger.InMemoryLedger;
import dev.ergon.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NVML meter inside an {@link EnergyMonitor}: what a job's record says. */
class NvmlMonitorTest {

  static final String UUID_0 = NvmlMeterTest.UUID_0;
  static final String UUID_1 = NvmlMeterTest.UUID_1;

  @TempDir Path dir;
  private final AtomicLong now = new AtomicLong();

  private FakeNvml twoHoppers() {
    return FakeNvml.install(dir, FakeNvml.Variant.FULL)
        .set("gpus", 2)
        .set("gpu.0.uuid", UUID_0).set("gpu.0.energy_mj", 5_000_000).set("gpu.0.power", "0:100000")
        .set("gpu.1.uuid", UUID_1).set("gpu.1.power", "0:200000 10000:400000")
        .clock(0);
  }

  /** A monitor on a manual clock that the fake shares: it reads only when told to. */
  private EnergyMonitor manualMonitor(FakeNvml fake) {
    return EnergyMonitor.builder()
        .configuration(fake.config())
        .providers(List.of(new NvmlMeterProvider(Map.of(), "Linux")))
        .ledger(new InMemoryLedger())
        .attribution(Attribution.MACHINE)
        .ticker(now::get)
        .withoutSamplerThread()
        .build();
  }

  private void at(FakeNvml fake, long millis) {
    now.set(millis * 1_000_000L);
    fake.clock(millis * 1_000_000L);
  }

  private static ChannelEnergy channel(EnergyRecord r, String id) {
    return r.channels().stream().filter(c -> c.channel().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aJobIsChargedTheCountersDifference() {
    FakeNvml fake = twoHoppers();
    EnergyRecord r;
    try (EnergyMonitor monitor = manualMonitor(fake)) {
      MeterStatus status = monitor.meterStatus().stream()
          .filter(s -> s.provider().equals("nvml")).findFirst().orElseThrow();
      assertTrue(status.open() && status.availability().available(), status.toString());
      at(fake, 1_000);
      Job job = monitor.start("train");
      for (long t = 2_000; t <= 4_000; t += 1_000) {
        at(fake, t);
        monitor.sample();
      }
      job.close();
      r = job.record().orElseThrow();
    }
    assertEquals(RecordStatus.COMPLETE, r.status(), r.problems().toString());
    ChannelEnergy g0 = channel(r, "gpu/" + UUID_0);
    assertEquals("nvml", g0.meter());
    assertEquals(Method.COUNTER, g0.method());
    assertEquals(Energy.ofJoules(300), g0.energy(), "100 W × 3 s");
    assertEquals(Energy.ofJoules(750), channel(r, "gpu/" + UUID_1).energy(),
        "from 220 W at 1 s to 280 W at 4 s: mean 250 W × 3 s");
    assertTrue(fake.calls("nvmlInit_v2") >= 1);
    assertEquals(fake.calls("nvmlInit_v2"), fake.calls("nvmlShutdown"),
        "every initialisation (the probe's and the meter's) was shut down once");
  }

  @Test
  void aGpuLostMidJobMakesThePartialRecordSayWhich() {
    FakeNvml fake = twoHoppers();
    EnergyRecord r;
    try (EnergyMonitor monitor = manualMonitor(fake)) {
      at(fake, 1_000);
      Job job = monitor.start("train");
      at(fake, 2_000);
      monitor.sample();
      fake.set("gpu.1.lost_at_call", 1);
      at(fake, 3_000);
      monitor.sample();
      at(fake, 4_000);
      job.close();
      r = job.record().orElseThrow();
    }
    assertEquals(RecordStatus.PARTIAL, r.status());
    assertTrue(r.problems().stream().anyMatch(p -> p.contains("gpu/" + UUID_1) && p.contains("DEVICE_LOST")
        && p.contains("NVML_ERROR_GPU_IS_LOST")), r.problems().toString());
    assertEquals(Energy.ofJoules(300), channel(r, "gpu/" + UUID_0).energy(), "the other GPU is whole");
    assertEquals(Energy.ofJoules(230), channel(r, "gpu/" + UUID_1).energy(),
        "only what was read before the loss: 220 W to 240 W over 1 s");
  }

  /**
   * A counter that refreshes every 100 ms, read every 10 ms by the sampler, at a steady 700 W on a GPU whose highest
   * limit is 700 W: each read sees nothing or a whole 70 J step, and none of those steps is dropped.
   */
  @Test
  void aBurstyCounterAtTheLimitReadFasterThanItRefreshesLosesNothing() {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.FULL)
        .set("gpus", 1).set("gpu.0.uuid", UUID_0).set("gpu.0.power", "0:700000").set("gpu.0.limit_max_mw", 700_000)
        .set("gpu.0.energy_period_ms", 100)
        .clock(0);
    EnergyRecord r;
    try (EnergyMonitor monitor = manualMonitor(fake)) {
      at(fake, 1_000);
      Job job = monitor.start("train");
      for (long t = 1_010; t <= 3_000; t += 10) {
        at(fake, t);
        monitor.sample();
      }
      job.close();
      r = job.record().orElseThrow();
    }
    ChannelEnergy g0 = channel(r, "gpu/" + UUID_0);
    assertEquals(0, g0.droppedIntervals());
    assertEquals(Energy.ofJoules(1_400), g0.energy(), "700 W × 2 s, in 20 steps of 70 J");
    assertEquals(RecordStatus.COMPLETE, r.status(), r.problems().toString());
  }

  /** A 1.1 kJ jump within 200 ms on a 700 W GPU is above its ceiling (700 W × 1.2 × 0.3 s): dropped, counted. */
  @Test
  void aJumpAboveTheGpusCeilingIsDroppedAndCounted() {
    FakeNvml fake = twoHoppers();
    EnergyRecord r;
    try (EnergyMonitor monitor = manualMonitor(fake)) {
      Job job = monitor.start("train");
      at(fake, 200);
      monitor.sample();
      fake.set("gpu.0.energy_mj", 5_000_000 + 1_100_000);
      at(fake, 400);
      monitor.sample();
      at(fake, 600);
      job.close();
      r = job.record().orElseThrow();
    }
    ChannelEnergy g0 = channel(r, "gpu/" + UUID_0);
    assertEquals(1, g0.droppedIntervals());
    assertEquals(Energy.ofJoules(40), g0.energy(), "0-0.2 s and 0.4-0.6 s at 100 W; the glitch dropped");
    assertEquals(RecordStatus.PARTIAL, r.status());
  }

  @Test
  void aDriverResetMidJobIsDroppedAndCountedNeverNegated() {
    FakeNvml fake = twoHoppers();
    EnergyRecord r;
    try (EnergyMonitor monitor = manualMonitor(fake)) {
      Job job = monitor.start("train");
      at(fake, 1_000);
      monitor.sample();
      fake.set("gpu.0.energy_mj", 0); // the counter restarts: it now reads the integral of the trace, 200 J at 2 s
      at(fake, 2_000);
      monitor.sample();
      at(fake, 3_000);
      job.close();
      r = job.record().orElseThrow();
    }
    ChannelEnergy g0 = channel(r, "gpu/" + UUID_0);
    assertEquals(1, g0.droppedIntervals());
    assertEquals(Energy.ofJoules(200), g0.energy(), "0-1 s and 2-3 s at 100 W; the reset interval dropped");
    assertEquals(RecordStatus.PARTIAL, r.status());
  }

  @Test
  void migModeIsSaidInTheRecord() {
    FakeNvml fake = twoHoppers().set("gpu.0.mig", 1);
    EnergyRecord r;
    try (EnergyMonitor monitor = manualMonitor(fake)) {
      Job job = monitor.start("infer");
      at(fake, 1_000);
      job.close();
      r = job.record().orElseThrow();
    }
    assertTrue(channel(r, "gpu/" + UUID_0).notes().stream()
        .anyMatch(n -> n.contains("MIG") && n.contains("attribution of this GPU is unsupported")),
        channel(r, "gpu/" + UUID_0).notes().toString());
  }

  @Test
  void theSamplerThreadPollsIntegratedPowerAtOneHundredMillisecondsAndTheEnergyIsWithinOnePercent()
      throws InterruptedException {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.FULL)
        .set("gpus", 1).set("gpu.0.uuid", UUID_0).set("gpu.0.arch", 4).set("gpu.0.energy", 0)
        .set("gpu.0.power", "0:250000"); // 250 W; real CLOCK_MONOTONIC, the clock of System.nanoTime()
    EnergyRecord r;
    long samples;
    try (EnergyMonitor monitor = EnergyMonitor.builder()
        .configuration(fake.config())
        .providers(List.of(new NvmlMeterProvider(Map.of(), "Linux")))
        .ledger(new InMemoryLedger())
        .samplingPeriod(Duration.ofSeconds(1))
        .build()) {
      assertEquals(Duration.ofMillis(100), monitor.samplingPeriod(), "capped by the channel's poll interval");
      long before = fake.calls("nvmlDeviceGetPowerUsage");
      Job job = monitor.start("train");
      Thread.sleep(1_200);
      job.close();
      samples = fake.calls("nvmlDeviceGetPowerUsage") - before;
      r = job.record().orElseThrow();
    }
    assertTrue(samples >= 9, samples + " power samples in 1.2 s");
    double expected = 250 * (r.duration().toNanos() / 1e9);
    double joules = channel(r, "gpu/" + UUID_0).energy().toJoules();
    assertEquals(expected, joules, expected * 0.01, joules + " J over " + r.duration());
    assertEquals(Method.INTEGRATED_POWER, channel(r, "gpu/" + UUID_0).method());
  }
}
