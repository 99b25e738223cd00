package dev.ergon.meter.amdsmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Attribution;
import dev.ergon.ChannelEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyMonitor;
import dev.ergon.EnergyRecord;
import dev.ergon.Job;
import dev.ergon.MeterStatus;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.ledger.InMemoryLedger;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AMD SMI meter inside an {@link EnergyMonitor}: what a job's record says. */
class AmdSmiMonitorTest {

  static final String UUID_0 = AmdSmiMeterTest.UUID_0;
  static final String UUID_1 = AmdSmiMeterTest.UUID_1;

  @TempDir Path dir;
  private final AtomicLong now = new AtomicLong();

  /** Two MI300-like GPUs with 1 µJ ticks: 100 W steady, and 200 W rising to 400 W over 10 s. */
  private FakeAmdSmi twoGpus() {
    return FakeAmdSmi.install(dir, FakeAmdSmi.Variant.FULL)
        .set("gpus", 2)
        .set("gpu.0.uuid", UUID_0).set("gpu.0.resolution_uj", "1.0").set("gpu.0.power", "0:100000")
        .set("gpu.1.uuid", UUID_1).set("gpu.1.resolution_uj", "1.0").set("gpu.1.power", "0:200000 10000:400000")
        .clock(0);
  }

  private EnergyMonitor manualMonitor(FakeAmdSmi fake) {
    return EnergyMonitor.builder()
        .configuration(fake.config())
        .providers(List.of(new AmdSmiMeterProvider(Map.of(), "Linux")))
        .ledger(new InMemoryLedger())
        .attribution(Attribution.MACHINE)
        .ticker(now::get)
        .withoutSamplerThread()
        .build();
  }

  private void at(FakeAmdSmi fake, long millis) {
    now.set(millis * 1_000_000L);
    fake.clock(millis * 1_000_000L);
  }

  private static ChannelEnergy channel(EnergyRecord r, String id) {
    return r.channels().stream().filter(c -> c.channel().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aJobIsChargedTheCountersDifference() {
    FakeAmdSmi fake = twoGpus();
    EnergyRecord r;
    try (EnergyMonitor monitor = manualMonitor(fake)) {
      MeterStatus status = monitor.meterStatus().stream()
          .filter(s -> s.provider().equals("amdsmi")).findFirst().orElseThrow();
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
    assertEquals("amdsmi", g0.meter());
    assertEquals(Method.COUNTER, g0.method());
    assertEquals(Energy.ofJoules(300), g0.energy(), "100 W × 3 s");
    assertEquals(Energy.ofJoules(750), channel(r, "gpu/" + UUID_1).energy(),
        "from 220 W at 1 s to 280 W at 4 s: mean 250 W × 3 s");
    assertEquals(fake.calls("amdsmi_init"), fake.calls("amdsmi_shut_down"),
        "every initialisation (the probe's and the meter's) was shut down once");
  }

  @Test
  void aGpuLostMidJobMakesThePartialRecordSayWhich() {
    FakeAmdSmi fake = twoGpus();
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
        && p.contains("AMDSMI_STATUS_NOT_FOUND")), r.problems().toString());
    assertEquals(Energy.ofJoules(300), channel(r, "gpu/" + UUID_0).energy(), "the other GPU is whole");
    assertEquals(Energy.ofJoules(230), channel(r, "gpu/" + UUID_1).energy(),
        "only what was read before the loss: 220 W to 240 W over 1 s");
  }

  /**
   * The 64-bit accumulator passes 2^64 during the job: 150 J of 1 µJ ticks below it at the start, 100 W for 3 s.
   * The meter reports it modulo 2^61 ticks with that wrap range, and core counts the wrap: 300 J, complete.
   */
  @Test
  void theAccumulatorWrappingPast2To64IsCountedNotDropped() {
    BigInteger start = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.valueOf(150_000_000L));
    FakeAmdSmi fake = twoGpus().set("gpu.0.energy_ticks", start);
    EnergyRecord r;
    try (EnergyMonitor monitor = manualMonitor(fake)) {
      Job job = monitor.start("train"); // t = 0: 2^64 - 150 J
      for (long t = 1_000; t <= 3_000; t += 1_000) { // 2^64 - 50 J at 1 s, then 50 J and 150 J past the wrap
        at(fake, t);
        monitor.sample();
      }
      job.close();
      r = job.record().orElseThrow();
    }
    ChannelEnergy g0 = channel(r, "gpu/" + UUID_0);
    assertEquals(0, g0.droppedIntervals(), r.problems().toString());
    assertEquals(Energy.ofJoules(300), g0.energy(), "100 W × 3 s across the wrap");
    assertEquals(RecordStatus.COMPLETE, r.status(), r.problems().toString());
  }
}
