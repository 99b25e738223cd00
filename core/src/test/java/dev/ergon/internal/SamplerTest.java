package dev.ergon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ergon.ChannelKind;
import dev.ergon.testing.ManualClock;
import dev.ergon.testing.TraceMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The sampler's own thread and lock, driven directly: periodic readings, the period kept, close stopping the
 * thread, readings after close, and a submitter that waits for another thread's reading.
 */
class SamplerTest {

  private static TraceMeter meter() {
    return new TraceMeter("trace", List.of(TraceMeter.counter("cpu/package-0", ChannelKind.CPU_PACKAGE, 0)));
  }

  private static ChannelReader reader(TraceMeter meter) {
    return new ChannelReader(List.of(meter), null);
  }

  /** The alive thread whose name starts with the sampler's prefix and that was not there before. */
  private static @Nullable Thread samplerThread(List<Thread> before) {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("ergon-sampler-") && !before.contains(t)) {
        return t;
      }
    }
    return null;
  }

  private static List<Thread> samplerThreads() {
    List<Thread> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("ergon-sampler-")) {
        out.add(t);
      }
    }
    return out;
  }

  private static void awaitAtLeast(AtomicInteger counter, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (counter.get() < n) {
      if (System.nanoTime() > deadline) {
        fail("only " + counter.get() + " of " + n + " periodic readings within 30 s");
      }
      Thread.sleep(5);
    }
  }

  @Test
  void theDaemonThreadReadsEveryPeriodRunsTheFollowUpAndStopsForGoodOnClose() throws Exception {
    TraceMeter meter = meter();
    AtomicInteger intervals = new AtomicInteger();
    AtomicInteger afterReadings = new AtomicInteger();
    List<Thread> before = samplerThreads();
    Sampler sampler = new Sampler(reader(meter), Clock.systemUTC(), System::nanoTime,
        iv -> intervals.incrementAndGet());
    assertEquals(1, meter.reads(), "the priming reading");
    sampler.startThread(TimeUnit.MILLISECONDS.toNanos(10), afterReadings::incrementAndGet);
    awaitAtLeast(afterReadings, 3);
    Thread t = java.util.Objects.requireNonNull(samplerThread(before), "a sampler thread runs");
    assertTrue(t.isAlive(), "a sampler thread runs");
    assertTrue(t.isDaemon(), "it must not keep the JVM alive");
    // Each periodic reading went through the meter and the consumer before its follow-up ran.
    assertTrue(intervals.get() >= afterReadings.get(), intervals + " intervals, " + afterReadings + " follow-ups");
    assertTrue(meter.reads() >= 1 + afterReadings.get(), meter.reads() + " reads");

    sampler.close();
    assertFalse(t.isAlive(), "close waits for the thread to end");
    assertEquals(1, meter.closes());
    int readsAtClose = meter.reads();
    int followUpsAtClose = afterReadings.get();
    Thread.sleep(60);
    assertEquals(readsAtClose, meter.reads(), "no reading after close");
    assertEquals(followUpsAtClose, afterReadings.get());
  }

  @Test
  void readingsAreAPeriodApartNotBackToBack() throws Exception {
    TraceMeter meter = meter();
    AtomicInteger afterReadings = new AtomicInteger();
    try (Sampler sampler = new Sampler(reader(meter), Clock.systemUTC(), System::nanoTime, iv -> { })) {
      long started = System.nanoTime();
      sampler.startThread(TimeUnit.MILLISECONDS.toNanos(400), afterReadings::incrementAndGet);
      Thread.sleep(100);
      // A slow machine can only delay the first periodic reading, never bring it forward.
      if (System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(390)) {
        assertEquals(1, meter.reads(), "no periodic reading before the first period is up");
      }
      awaitAtLeast(afterReadings, 1);
      int reads = meter.reads();
      long firstPeriodic = System.nanoTime();
      Thread.sleep(100);
      if (System.nanoTime() - firstPeriodic < TimeUnit.MILLISECONDS.toNanos(390)) {
        assertTrue(meter.reads() <= reads + 1, "readings a whole period apart, got " + (meter.reads() - reads)
            + " more within 100 ms of a period of 400 ms");
      }
    }
  }

  @Test
  void closeWakesAThreadParkedForALongPeriodAtOnce() throws Exception {
    TraceMeter meter = meter();
    List<Thread> before = samplerThreads();
    Sampler sampler = new Sampler(reader(meter), Clock.systemUTC(), System::nanoTime, iv -> { });
    sampler.startThread(TimeUnit.SECONDS.toNanos(600), () -> { });
    @Nullable Thread found = null;
    for (int i = 0; i < 3000 && found == null; i++) {
      found = samplerThread(before);
      Thread.sleep(1);
    }
    Thread t = java.util.Objects.requireNonNull(found, "the thread started");
    long start = System.nanoTime();
    sampler.close();
    assertFalse(t.isAlive(), "close ends a thread parked for a ten-minute period");
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "without waiting out the join timeout");
    assertEquals(1, meter.reads(), "closing takes no reading");
  }

  @Test
  void aFollowUpThatFailsIsLoggedAndTheReadingsGoOn() throws Exception {
    TraceMeter meter = meter();
    AtomicInteger calls = new AtomicInteger();
    try (Sampler sampler = new Sampler(reader(meter), Clock.systemUTC(), System::nanoTime, iv -> { })) {
      sampler.startThread(TimeUnit.MILLISECONDS.toNanos(5), () -> {
        calls.incrementAndGet();
        throw new IllegalStateException("checkpoint failed");
      });
      awaitAtLeast(calls, 3);
    }
  }

  @Test
  void theLastReadingIsTheLatestBoundaryOnBothClocks() throws InterruptedException {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    long t0 = clock.getAsLong();
    try (Sampler sampler = new Sampler(reader(meter()), clock, clock, iv -> { })) {
      assertEquals(Instant.parse("2026-03-01T10:00:00Z"), sampler.lastReading());
      assertEquals(t0, sampler.lastReadingNanos());
      clock.advance(Duration.ofSeconds(5));
      sampler.sample();
      assertEquals(Instant.parse("2026-03-01T10:00:05Z"), sampler.lastReading());
      assertEquals(t0 + 5_000_000_000L, sampler.lastReadingNanos());
      // The lock is free again after each query: another thread can read.
      AtomicReference<@Nullable Instant> seen = new AtomicReference<>();
      Thread other = new Thread(() -> seen.set(sampler.locked(sampler::lastReading)));
      other.start();
      assertTrue(joined(other), "a query from another thread got the lock");
      assertEquals(Instant.parse("2026-03-01T10:00:05Z"), seen.get());
    }
  }

  @Test
  void afterCloseAReadingChargesNothingAndStillRunsTheWaitingActions() {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    TraceMeter meter = meter();
    List<long[]> deltas = new ArrayList<>();
    List<@Nullable Object> faults = new ArrayList<>();
    Sampler sampler = new Sampler(reader(meter), clock, clock, iv -> {
      deltas.add(new long[] {iv.delta(0)});
      faults.add(iv.fault(0));
    });
    meter.advance(0, 7_000_000);
    meter.fail(0, new dev.ergon.spi.ChannelFault(dev.ergon.UnavailableReason.PROVIDER_ERROR, "flaky", false));
    clock.advance(Duration.ofSeconds(1));
    sampler.sample();
    assertEquals(ChannelReader.FAULTED, deltas.get(0)[0], "an open sampler reports the fault");
    assertTrue(faults.get(0) != null);
    sampler.close();
    clock.advance(Duration.ofSeconds(1));
    AtomicInteger ran = new AtomicInteger();
    Sampler.Action action = new Sampler.Action() {
      @Override
      protected void run(Sampler.Interval at) {
        ran.incrementAndGet();
        assertEquals(Instant.parse("2026-03-01T10:00:02Z"), at.to());
      }
    };
    assertFalse(action.isDone());
    sampler.submit(action);
    assertTrue(action.isDone());
    assertEquals(1, ran.get());
    assertEquals(0, deltas.get(1)[0], "a closed sampler charges no energy");
    assertNull(faults.get(1), "and no fault");
    assertEquals(2, meter.reads(), "and reads no meter");
  }

  @Test
  void aSubmitterWaitsForAReadingThatOutlastsItsSpinsAndRunsOnce() throws Exception {
    TraceMeter meter = meter();
    try (Sampler sampler = new Sampler(reader(meter), Clock.systemUTC(), System::nanoTime, iv -> { })) {
      CountDownLatch reading = new CountDownLatch(1);
      AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
      Thread slowReader;
      Thread submitter;
      AtomicInteger ran = new AtomicInteger();
      Sampler.Action action = new Sampler.Action() {
        @Override
        protected void run(Sampler.Interval at) {
          ran.incrementAndGet();
        }
      };
      // TraceMeter's read is synchronized: holding its monitor holds the slow reader inside the reading lock.
      synchronized (meter) {
        slowReader = new Thread(() -> {
          reading.countDown();
          sampler.sample();
        });
        slowReader.start();
        assertTrue(reading.await(10, TimeUnit.SECONDS));
        while (slowReader.getState() != Thread.State.BLOCKED) {
          Thread.sleep(1);
        }
        submitter = new Thread(() -> {
          try {
            sampler.submit(action);
          } catch (Throwable e) {
            failure.set(e);
          }
        });
        submitter.start();
        Thread.sleep(200); // far more than the bounded spin: the submitter now blocks on the lock
        assertFalse(action.isDone(), "the action waits for a reading boundary");
      }
      assertTrue(joined(slowReader) && joined(submitter));
      assertNull(failure.get());
      assertTrue(action.isDone());
      assertEquals(1, ran.get(), "run once, at one boundary");
    }
  }

  @Test
  void anActionsFailureReachesItsSubmitter() {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    try (Sampler sampler = new Sampler(reader(meter()), clock, clock, iv -> { })) {
      IllegalStateException boom = new IllegalStateException("boom");
      Sampler.Action action = new Sampler.Action() {
        @Override
        protected void run(Sampler.Interval at) {
          throw boom;
        }
      };
      assertSame(boom, assertThrows(IllegalStateException.class, () -> sampler.submit(action)));
      assertTrue(action.isDone(), "a failed action is done too");
    }
  }

  private static boolean joined(Thread t) throws InterruptedException {
    t.join(30_000);
    return !t.isAlive();
  }
}
