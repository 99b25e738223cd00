package dev.ergon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.ledger.InMemoryLedger;
import dev.ergon.testing.ManualClock;
import dev.ergon.testing.TraceMeter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkloadTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:58:00Z"));
  private final InMemoryLedger ledger = new InMemoryLedger();
  private final TraceMeter meter = new TraceMeter("trace", List.of(
      TraceMeter.counter("cpu/package-0", ChannelKind.CPU_PACKAGE, 0, 1000),
      TraceMeter.counter("dram/0", ChannelKind.DRAM, 0, 1000)));

  private EnergyMonitor monitor() {
    return EnergyMonitor.builder()
        .configuration(Configuration.empty())
        .providers(List.of(meter.provider(100)))
        .ledger(ledger)
        .clock(clock)
        .ticker(clock)
        .host("test-host")
        .withoutSamplerThread()
        .shutdownHook(false)
        .build();
  }

  /** One second at 10 W on channel 0 and 1 W on channel 1, then a reading. */
  private void second(EnergyMonitor m) {
    clock.advance(Duration.ofSeconds(1));
    meter.advance(0, 10_000_000);
    meter.advance(1, 1_000_000);
    m.sample();
  }

  @Test
  void energyAndUnitsAreLiveAndEachHourClosesASegmentThatSumsToTheWorkload() {
    try (EnergyMonitor m = monitor()) {
      Workload w = m.workload("predict", Tags.of("model", "ranker", "version", "3"));
      assertTrue(m.currentJob().isEmpty(), "a workload is no thread's current job");
      for (int s = 0; s < 180; s++) { // 10:58:00 to 11:01:00: crosses 11:00
        w.addUnits(2);
        second(m);
      }
      assertEquals(360, w.units());
      assertEquals(Energy.ofJoules(180 * 11), w.energy());
      MonitorSnapshot snap = m.snapshot();
      MonitorSnapshot.JobState js = snap.jobs().get(0);
      assertTrue(js.workload());
      assertEquals(360, js.units());
      assertEquals(Energy.ofJoules(180 * 11), js.energy());
      assertEquals(Power.ofWatts(10), snap.channels().get(0).power());
      assertEquals(Energy.ofJoules(1800), snap.channels().get(0).measured());

      List<EnergyRecord> hourly = segments();
      assertEquals(1, hourly.size(), "the 10:00 hour closed at the first reading after 11:00");
      EnergyRecord first = hourly.get(0);
      assertEquals(w.id(), first.parentId());
      assertEquals("PT1H", first.tags().get("ergon.segment").orElseThrow());
      assertEquals("3", first.tags().get("version").orElseThrow());
      assertEquals(Energy.ofJoules(120 * 11), first.total());
      assertEquals(240, first.units());
      assertEquals(RecordStatus.COMPLETE, first.status());

      EnergyRecord whole = w.end();
      assertFalse(w.isOpen());
      List<EnergyRecord> all = segments();
      assertEquals(2, all.size());
      assertEquals(whole.total(), all.get(0).total().plus(all.get(1).total()));
      assertEquals(whole.units(), all.get(0).units() + all.get(1).units());
      assertEquals(whole.id(), all.get(1).parentId());
      assertNull(whole.parentId());
      // Units after close go nowhere but are counted; the request thread is not failed.
      w.addUnits(5);
      assertEquals(5, w.unitsAfterClose());
      assertThrows(IllegalArgumentException.class, () -> w.addUnits(-1));
    }
  }

  @Test
  void unitsFromManyThreadsAreAllCounted() throws Exception {
    try (EnergyMonitor m = monitor()) {
      Workload w = m.workload("predict", Tags.empty());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      for (int t = 0; t < 8; t++) {
        pool.execute(() -> {
          for (int i = 0; i < 100_000; i++) {
            w.addUnits(1);
          }
        });
      }
      pool.shutdown();
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
      assertEquals(800_000, w.units());
      assertEquals(800_000, w.end().units());
    }
  }

  @Test
  void aWorkloadWhoseUnitsStandStillWhileEnergyGrowsIsIdleOnce() {
    try (EnergyMonitor m = monitor()) {
      List<String> events = new CopyOnWriteArrayList<>();
      m.addListener(new MonitorListener() {
        @Override
        public void onIdle(Workload workload, Duration idleFor, Energy energySinceLastUnit) {
          events.add(workload.name() + " " + idleFor + " " + energySinceLastUnit.toJoules());
        }
      });
      Workload busy = m.workload("busy", Tags.empty(), Duration.ofMinutes(5));
      Workload abandoned = m.workload("abandoned", Tags.empty(), Duration.ofMinutes(5));
      Workload untracked = m.workload("untracked", Tags.empty());
      abandoned.addUnits(1);
      // Units are seen moving at readings: the first reading sees abandoned's unit, at t = 1 s.
      for (int s = 0; s < 300; s++) {
        busy.addUnits(1);
        second(m);
      }
      assertFalse(abandoned.isIdle(), "299 s still is not yet 5 min");
      busy.addUnits(1);
      second(m); // 300 s since the reading that saw its units move
      assertTrue(abandoned.isIdle());
      assertFalse(busy.isIdle());
      assertFalse(untracked.isIdle());
      assertEquals(1, events.size());
      assertTrue(events.get(0).startsWith("abandoned PT5M "), events.get(0));
      for (int s = 0; s < 10; s++) {
        second(m);
      }
      assertEquals(1, events.size(), "told once per idle spell");
      assertTrue(m.snapshot().jobs().stream().anyMatch(j -> j.name().equals("abandoned") && j.idle()));
      abandoned.addUnits(1);
      second(m);
      assertFalse(abandoned.isIdle(), "units moved: no longer idle");
      clock.advance(Duration.ofHours(1));
      busy.addUnits(1); // both move: the idle tag below comes from the earlier spell only
      abandoned.addUnits(1);
      second(m);
      List<EnergyRecord> segs = segments();
      assertTrue(segs.stream().anyMatch(r -> r.name().equals("abandoned")
          && r.tags().get("ergon.idle").orElse("").equals("true")), "the record notes the idle hour");
      assertTrue(segs.stream().noneMatch(r -> r.name().equals("busy") && r.tags().get("ergon.idle").isPresent()));
    }
  }

  @Test
  void aStillWorkloadWhoseEnergyDoesNotGrowIsNotIdle() {
    try (EnergyMonitor m = monitor()) {
      Workload w = m.workload("w", Tags.empty(), Duration.ofSeconds(10));
      for (int s = 0; s < 30; s++) {
        clock.advance(Duration.ofSeconds(1));
        m.sample(); // no energy
      }
      assertFalse(w.isIdle());
    }
  }

  @Test
  void aThrowingListenerNeverReachesTheJobAndIsCounted() {
    try (EnergyMonitor m = monitor()) {
      m.addListener(new MonitorListener() {
        @Override
        public void onRecord(EnergyRecord record) {
          throw new IllegalStateException("dashboard down");
        }

        @Override
        public void onStart(MonitorSnapshot.JobState job) {
          throw new IllegalArgumentException("registry refuses");
        }
      });
      Job job = m.start("j");
      second(m);
      EnergyRecord r = job.end();
      assertEquals(RecordStatus.COMPLETE, r.status());
      assertEquals(2, m.listenerFailures());
      assertEquals(List.of(r), ledger.records());
    }
  }

  @Test
  void badArgumentsAreRefusedWithTheRule() {
    try (EnergyMonitor m = monitor()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> m.workload("w", Tags.empty(), Duration.ZERO));
      assertTrue(String.valueOf(e.getMessage()).contains("must be positive"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> m.workload(" ", Tags.empty()));
    }
  }

  private List<EnergyRecord> segments() {
    List<EnergyRecord> out = new ArrayList<>();
    for (EnergyRecord r : ledger.records()) {
      if (r.tags().get("ergon.segment").isPresent()) {
        out.add(r);
      }
    }
    return out;
  }
}
