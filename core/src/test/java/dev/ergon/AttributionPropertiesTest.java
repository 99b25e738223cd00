package dev.ergon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.ergon.ledger.InMemoryLedger;
import dev.ergon.testing.ManualClock;
import dev.ergon.testing.TraceMeter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Conservation under real concurrency (the single-thread random trees are {@link TreeConservationPropertiesTest}).
 */
class AttributionPropertiesTest {

  /** Dozens of threads open and close nested jobs for seconds while the sampler runs; then conservation holds. */
  @Test
  void manyThreadsWithNestedJobsConserveEnergy() throws Exception {
    // A 5 MJ counter: at the 1 MW ceiling below it cannot wrap twice within 5 s, so no interval of a sampler
    // delayed by a loaded machine is taken for a double wrap (the feeder spins out tens of kilowatts).
    TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(2, 5_000_000_000_000L));
    InMemoryLedger ledger = new InMemoryLedger();
    int threads = 32;
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (EnergyMonitor m = EnergyMonitor.builder().configuration(Configuration.empty())
        .providers(List.of(meter.provider(1))).ledger(ledger).samplingPeriod(Duration.ofMillis(10))
        .maxPower(Power.ofWatts(1_000_000)) // the feeder spins: kilowatts of fake energy, not a physical trace
        .build()) {
      CountDownLatch done = new CountDownLatch(threads + 1);
      Thread feeder = new Thread(() -> {
        try {
          while (System.nanoTime() < deadline) {
            meter.advance(0, 1_000);
            meter.advance(1, 10);
            Thread.onSpinWait();
          }
        } finally {
          done.countDown();
        }
      });
      feeder.start();
      for (int t = 0; t < threads; t++) {
        new Thread(() -> {
          try {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            while (System.nanoTime() < deadline) {
              try (Job outer = m.start("outer")) {
                outer.addUnits(1);
                try (Job inner = m.start("inner")) {
                  inner.addUnits(r.nextInt(3));
                  if (r.nextBoolean()) {
                    m.sample(); // interleave explicit samples with the sampler thread's
                  }
                }
              }
            }
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          } finally {
            done.countDown();
          }
        }).start();
      }
      done.await();
      m.sample();
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
      long measured = m.measured().toMicrojoulesExact();
      assertEquals(meter.trueEnergy(0) + meter.trueEnergy(1), measured, "every µJ measured, across threads");
      long roots = ledger.records().stream().filter(r -> r.parentId() == null)
          .mapToLong(r -> r.total().toMicrojoulesExact()).sum();
      assertTrue(roots <= measured);
      assertEquals(measured - roots, m.unattributed().toMicrojoulesExact());
      assertTrue(ledger.records().size() > threads * 2, "jobs ran: " + ledger.records().size());
      assertEquals(0, m.droppedIntervals());
    }
  }
}
