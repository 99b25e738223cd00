package dev.ergon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.ledger.InMemoryLedger;
import dev.ergon.spi.Availability;
import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterContext;
import dev.ergon.spi.MeterProvider;
import dev.ergon.testing.ManualClock;
import dev.ergon.testing.TraceMeter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnergyMonitorTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:59:00Z"));
  private final InMemoryLedger ledger = new InMemoryLedger();

  private EnergyMonitor monitor(TraceMeter meter, Attribution attribution) {
    return EnergyMonitor.builder()
        .configuration(Configuration.empty())
        .providers(List.of(meter.provider(100)))
        .ledger(ledger)
        .clock(clock)
        .ticker(clock)
        .host("test-host")
        .region("DE")
        .attribution(attribution)
        .withoutSamplerThread()
        .build();
  }

  @Test
  void aJobIsChargedExactlyTheEnergyOfItsIntervalsAcrossWraps() {
    long range = 10_000_000; // 10 J: at most 100 W, it cannot wrap twice within 100 ms
    TraceMeter meter = new TraceMeter("trace", List.of(
        TraceMeter.counter("cpu/package-0", dev.ergon.ChannelKind.CPU_PACKAGE, range, 100),
        TraceMeter.counter("dram/0", dev.ergon.ChannelKind.DRAM, range, 100)));
    try (EnergyMonitor m = monitor(meter, Attribution.MACHINE)) {
      meter.advance(0, 123_456); // before the job: not charged
      Job job = m.start("train", Tags.of("model", "bert"));
      long expected0 = 0;
      long expected1 = 0;
      for (int i = 0; i < 25; i++) {
        clock.advance(Duration.ofMillis(99));
        meter.advance(0, 7_000_000); // ~70 W: wraps the 10 J counter every ~1.4 reads
        meter.advance(1, 1_000_001);
        expected0 += 7_000_000;
        expected1 += 1_000_001;
        m.sample();
      }
      job.addUnits(42);
      job.close();
      meter.advance(0, 999); // after the job: not charged
      EnergyRecord r = job.record().orElseThrow();
      assertEquals(expected0, r.channels().get(0).energy().toMicrojoulesExact());
      assertEquals(expected1, r.channels().get(1).energy().toMicrojoulesExact());
      assertEquals(RecordStatus.COMPLETE, r.status());
      assertEquals(42, r.units());
      assertEquals("DE", r.region());
      assertEquals("test-host", r.host());
      assertEquals(Duration.ofMillis(25 * 99), r.duration());
      assertEquals(List.of(r), ledger.records());
      // 10:59:00 + 2.5 s stays in the 10:00 bucket.
      assertEquals(1, r.buckets().size());
      assertEquals(Instant.parse("2026-03-01T10:00:00Z"), r.buckets().get(0).start());
    }
  }

  @Test
  void energyIsSplitIntoUtcHourBuckets() {
    TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(1, 0));
    try (EnergyMonitor m = monitor(meter, Attribution.MACHINE)) {
      Job job = m.start("long");
      clock.advance(Duration.ofSeconds(30)); // 10:59:30
      meter.advance(0, 30_000_000);
      m.sample();
      clock.advance(Duration.ofSeconds(60)); // 11:00:30: half before, half after the hour
      meter.advance(0, 60_000_000);
      EnergyRecord r = job.end();
      assertEquals(2, r.buckets().size());
      assertEquals(Energy.ofMicrojoules(60_000_000), r.buckets().get(0).energy());
      assertEquals(Energy.ofMicrojoules(30_000_000), r.buckets().get(1).energy());
      assertEquals(Instant.parse("2026-03-01T11:00:00Z"), r.buckets().get(1).start());
    }
  }

  @Test
  void concurrentTopLevelJobsShareTheMachineAndNeverExceedIt() {
    TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(1, 0));
    try (EnergyMonitor m = monitor(meter, Attribution.MACHINE)) {
      Job a = m.start("a");
      clock.advance(Duration.ofSeconds(1));
      meter.advance(0, 1_000_000);
      m.sample(); // a alone: 1 J
      Job b = startOnOtherThread(m, "b");
      clock.advance(Duration.ofSeconds(1));
      meter.advance(0, 1_000_001);
      EnergyRecord ra = a.end(); // a and b share 1.000001 J: 500000 each, 1 µJ unattributed
      EnergyRecord rb = b.end();
      assertEquals(1_500_000, ra.total().toMicrojoulesExact());
      assertEquals(500_000, rb.total().toMicrojoulesExact());
      assertEquals(2_000_001, ra.measured().toMicrojoulesExact());
      assertEquals(Energy.ofMicrojoules(1), m.unattributed());
      assertEquals(Energy.ofMicrojoules(2_000_001), m.measured());
    }
  }

  private static Job startOnOtherThread(EnergyMonitor m, String name) {
    Job[] out = new Job[1];
    Thread t = new Thread(() -> out[0] = m.start(name));
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    return out[0];
  }

  @Test
  void nestedJobsAreChildrenAndNeverExceedTheirParent() {
    TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(1, 0));
    try (EnergyMonitor m = monitor(meter, Attribution.MACHINE)) {
      EnergyRecord child;
      EnergyRecord parent;
      try (Job outer = m.start("epoch")) {
        clock.advance(Duration.ofSeconds(1));
        meter.advance(0, 5_000_000);
        try (Job inner = m.start("step")) {
          assertEquals(outer.id(), inner.parentId().orElseThrow());
          clock.advance(Duration.ofSeconds(1));
          meter.advance(0, 3_000_000);
          Job explicitChild = outer.start("eval");
          assertEquals(outer.id(), explicitChild.parentId().orElseThrow());
          explicitChild.close();
        }
        child = ledger.records().get(1);
      }
      parent = ledger.records().get(2);
      assertEquals("step", child.name());
      assertEquals(3_000_000, child.total().toMicrojoulesExact());
      assertEquals("epoch", parent.name());
      assertEquals(8_000_000, parent.total().toMicrojoulesExact());
      assertEquals(parent.id(), child.parentId());
    }
  }

  @Test
  void closingAParentClosesItsOpenChildren() {
    TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(1, 0));
    try (EnergyMonitor m = monitor(meter, Attribution.MACHINE)) {
      Job outer = m.start("outer");
      Job inner = outer.start("inner");
      meter.advance(0, 10);
      outer.close();
      assertFalse(inner.isOpen());
      assertEquals(2, ledger.records().size());
      assertEquals("inner", ledger.records().get(0).name());
    }
  }

  @Test
  void aFailingChannelMakesThePartialRecordSayWhyAndNeverThrows() {
    TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(2, 0));
    try (EnergyMonitor m = monitor(meter, Attribution.MACHINE)) {
      Job job = m.start("job");
      meter.advance(0, 100);
      meter.advance(1, 100);
      m.sample();
      meter.fail(1, new ChannelFault(UnavailableReason.DEVICE_LOST, "GPU fell off the bus", true));
      meter.advance(0, 50);
      m.sample();
      meter.fail(1, null); // a permanent fault stays: the channel is dead
      meter.advance(1, 1000);
      EnergyRecord r = job.end();
      assertEquals(RecordStatus.PARTIAL, r.status());
      assertTrue(r.problems().stream().anyMatch(p -> p.contains("GPU fell off the bus")), r.problems().toString());
      assertEquals(150, r.channels().get(0).energy().toMicrojoulesExact());
      assertEquals(100, r.channels().get(1).energy().toMicrojoulesExact());
      assertTrue(r.channels().get(1).notes().stream().anyMatch(n -> n.contains("DEVICE_LOST")));
    }
  }

  @Test
  void aResetIsDroppedCountedAndMarksTheRecordPartial() {
    TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(1, 0));
    try (EnergyMonitor m = monitor(meter, Attribution.MACHINE)) {
      meter.setRaw(0, 5_000_000);
      Job job = m.start("job");
      clock.advance(Duration.ofSeconds(1));
      meter.setRaw(0, 1_000); // reset: no range, so never negated
      m.sample();
      clock.advance(Duration.ofSeconds(1));
      meter.setRaw(0, 3_000);
      EnergyRecord r = job.end();
      assertEquals(2_000, r.total().toMicrojoulesExact());
      assertEquals(1, r.channels().get(0).droppedIntervals());
      assertEquals(RecordStatus.PARTIAL, r.status());
      assertEquals(1, m.droppedIntervals());
    }
  }

  @Test
  void misuseGetsClearErrorsAndClosingTwiceIsANoOp() {
    TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(1, 0));
    EnergyMonitor m = monitor(meter, Attribution.MACHINE);
    Job job = m.start("job");
    assertThrows(IllegalArgumentException.class, () -> job.addUnits(-1));
    assertThrows(IllegalArgumentException.class, () -> m.start(" "));
    job.close();
    job.close();
    assertEquals(1, ledger.records().size());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> job.addUnits(1));
    assertTrue(String.valueOf(e.getMessage()).contains("closed"), e.getMessage());
    m.close();
    m.close();
    assertEquals(1, meter.closes());
    assertThrows(IllegalStateException.class, () -> m.start("late"));
    assertThrows(IllegalStateException.class, m::sample);
  }

  @Test
  void closingTheMonitorClosesOpenJobsAndWritesTheirRecords() {
    TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(1, 0));
    EnergyMonitor m = monitor(meter, Attribution.MACHINE);
    Job job = m.start("job");
    meter.advance(0, 77);
    m.close();
    EnergyRecord r = job.record().orElseThrow();
    assertEquals(77, r.total().toMicrojoulesExact());
    assertEquals(RecordStatus.PARTIAL, r.status());
    assertEquals(List.of(r), ledger.records());
  }

  @Test
  void withNoMeterTheRecordSaysSo() {
    try (EnergyMonitor m = EnergyMonitor.builder().configuration(Configuration.empty())
        .providers(List.of(TraceMeter.unavailable("none", UnavailableReason.NOT_PRESENT)))
        .ledger(ledger).withoutSamplerThread().build()) {
      EnergyRecord r = m.start("job").end();
      assertEquals(RecordStatus.NO_METER, r.status());
      assertTrue(r.channels().isEmpty());
      assertEquals(UnavailableReason.NOT_PRESENT, m.meterStatus().get(0).availability().reason());
    }
  }

  @Test
  void providersAreSelectedExcludedAndAFailingProviderIsReportedNotFatal() {
    TraceMeter a = new TraceMeter("alpha", TraceMeter.counters(1, 0));
    TraceMeter b = new TraceMeter("beta", TraceMeter.counters(1, 0));
    MeterProvider throwing = new MeterProvider() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public Availability probe(MeterContext context) {
        throw new IllegalStateException("boom");
      }

      @Override
      public Meter open(MeterContext context) {
        throw new AssertionError();
      }
    };
    try (EnergyMonitor m = EnergyMonitor.builder()
        .configuration(Configuration.of(java.util.Map.of("ergon.meters.exclude", "beta")))
        .providers(List.of(a.provider(10), b.provider(10), throwing))
        .noLedger().withoutSamplerThread().build()) {
      assertEquals(1, m.channels().size());
      MeterStatus beta = m.meterStatus().stream().filter(s -> s.provider().equals("beta")).findFirst().orElseThrow();
      assertEquals(UnavailableReason.DISABLED, beta.availability().reason());
      MeterStatus broken = m.meterStatus().stream().filter(s -> s.provider().equals("broken")).findFirst()
          .orElseThrow();
      assertEquals(UnavailableReason.PROVIDER_ERROR, broken.availability().reason());
      assertTrue(broken.availability().detail().contains("boom"));
    }
    try (EnergyMonitor m = EnergyMonitor.builder().configuration(Configuration.empty())
        .providers(List.of(a.provider(10), b.provider(10))).meters("beta", "gamma")
        .noLedger().withoutSamplerThread().build()) {
      assertEquals("beta", m.meterStatus().stream().filter(MeterStatus::open).findFirst().orElseThrow().provider());
      assertTrue(m.meterStatus().stream().anyMatch(s -> s.provider().equals("gamma")
          && s.availability().reason() == UnavailableReason.NOT_PRESENT));
    }
  }

  @Test
  void samplingPeriodIsNeverSlowerThanTheSafestChannel() {
    TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(1, 0)); // channels allow 10 s
    try (EnergyMonitor m = EnergyMonitor.builder().configuration(Configuration.empty())
        .providers(List.of(meter.provider(1))).samplingPeriod(Duration.ofMinutes(5)).noLedger().build()) {
      assertEquals(Duration.ofSeconds(10), m.samplingPeriod());
    }
  }

  @Test
  void processAttributionChargesTheProcessShareOfCpuTime() {
    TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(1, 0));
    long[] cpu = {0, 0}; // process, machine busy (ns)
    try (EnergyMonitor m = EnergyMonitor.builder().configuration(Configuration.empty())
        .providers(List.of(meter.provider(1))).noLedger().withoutSamplerThread().clock(clock).ticker(clock)
        .attribution(Attribution.PROCESS)
        .cpuTimes(cpuTimesFrom(cpu)).build()) {
      Job job = m.start("job");
      cpu[0] += 250;
      cpu[1] += 1000; // this process used a quarter of the machine's busy CPU time
      meter.advance(0, 4_000_000);
      EnergyRecord r = job.end();
      assertEquals(1_000_000, r.total().toMicrojoulesExact());
      assertEquals(4_000_000, r.measured().toMicrojoulesExact());
      assertEquals(Energy.ofMicrojoules(3_000_000), m.unattributed());
    }
  }

  @Test
  void threadsAttributionSplitsTheProcessShareByTheJobsThreadCpuTime() throws Exception {
    TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(1, 0));
    long[] cpu = {0, 0};
    try (EnergyMonitor m = EnergyMonitor.builder().configuration(Configuration.empty())
        .providers(List.of(meter.provider(1))).noLedger().withoutSamplerThread().clock(clock).ticker(clock)
        .attribution(Attribution.THREADS)
        .cpuTimes(cpuTimesFrom(cpu)).build()) {
      java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
      long before = bean.getCurrentThreadCpuTime();
      Job busy = m.start("busy");
      Job idle = startOnOtherThread(m, "idle"); // its thread ends at once and uses no more CPU
      long t0 = System.nanoTime();
      long spin = 0;
      while (System.nanoTime() - t0 < 200_000_000L) {
        spin += Long.numberOfTrailingZeros(spin + t0); // burn CPU on this thread, which opened "busy"
      }
      assertTrue(spin >= 0);
      long used = bean.getCurrentThreadCpuTime() - before;
      cpu[0] = used * 2; // the process used twice this thread's CPU time ...
      cpu[1] = used * 2; // ... and was the only busy process on the machine
      meter.advance(0, 10_000_000);
      EnergyRecord rIdle = idle.end();
      EnergyRecord rBusy = busy.end();
      assertEquals(0, rIdle.total().toMicrojoulesExact());
      // The busy job's thread used (nearly all of) half of the process's CPU time in the interval.
      long got = rBusy.total().toMicrojoulesExact();
      assertTrue(got > 4_000_000 && got <= 5_000_000, "busy job got " + got + " µJ");
      assertTrue(m.unattributed().toMicrojoulesExact() >= 5_000_000);
    }
  }

  /** CPU times the test sets by hand: {@code cpu[0]} for the process, {@code cpu[1]} for the machine, in ns. */
  private static dev.ergon.internal.CpuTimes cpuTimesFrom(long[] cpu) {
    return new dev.ergon.internal.CpuTimes() {
      @Override
      public long processNanos() {
        return cpu[0];
      }

      @Override
      public long machineBusyNanos(long elapsedNanos) {
        return cpu[1];
      }
    };
  }
}
