package dev.ergon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.ledger.InMemoryLedger;
import dev.ergon.testing.ManualClock;
import dev.ergon.testing.TraceMeter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Work on other threads belongs to its job; concurrent children share their parent; failure and units. */
class JobThreadsTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final InMemoryLedger ledger = new InMemoryLedger();
  private final TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(1, 0));
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private EnergyMonitor monitor(Attribution attribution) {
    return EnergyMonitor.builder().configuration(Configuration.empty()).providers(List.of(meter.provider(1)))
        .ledger(ledger).clock(clock).ticker(clock).attribution(attribution).withoutSamplerThread()
        .shutdownHook(false).build();
  }

  /** The training loop: 4 workers open children at once; they share the parent, never 4x it. */
  @Test
  void fourConcurrentWorkersShareTheirParentsEnergy() throws Exception {
    try (EnergyMonitor m = monitor(Attribution.MACHINE)) {
      Job epoch = m.start("epoch");
      ExecutorService workers = epoch.wrap(pool);
      CountDownLatch opened = new CountDownLatch(4);
      CountDownLatch measuredNow = new CountDownLatch(1);
      List<Future<EnergyRecord>> results = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        results.add(workers.submit(() -> {
          Job worker = m.start("worker"); // inside wrapped work: a child of the epoch
          worker.addUnits(250);
          opened.countDown();
          measuredNow.await();
          return worker.end();
        }));
      }
      assertTrue(opened.await(10, TimeUnit.SECONDS));
      clock.advance(Duration.ofSeconds(4));
      meter.advance(0, 4_000_000); // 1 W for 4 s while all four workers are open
      m.sample();
      measuredNow.countDown();
      long childSum = 0;
      for (Future<EnergyRecord> f : results) {
        EnergyRecord r = f.get(10, TimeUnit.SECONDS);
        assertEquals(Optional.of(epoch.id()), Optional.ofNullable(r.parentId()), "a child of the epoch");
        assertEquals(1_000_000, r.total().toMicrojoulesExact(), "a quarter of the parent's energy");
        childSum += r.total().toMicrojoulesExact();
      }
      EnergyRecord parent = epoch.end();
      assertEquals(4_000_000, parent.total().toMicrojoulesExact(), "the epoch, the only top-level job, has it all");
      assertEquals(childSum, parent.childrenTotal().toMicrojoulesExact());
      assertEquals(Energy.ZERO, parent.ownTotal());
      assertEquals(1000, parent.units(), "units roll up from the workers");
      assertEquals(RecordStatus.COMPLETE, parent.status());
    }
  }

  @Test
  void aChildTakesOnlyItsShareAndTheRestStaysTheParentsOwn() {
    try (EnergyMonitor m = monitor(Attribution.MACHINE)) {
      Job parent = m.start("parent");
      clock.advance(Duration.ofSeconds(1));
      meter.advance(0, 3_000_000);
      m.sample(); // parent alone: 3 J own
      Job child = parent.start("child");
      clock.advance(Duration.ofSeconds(1));
      meter.advance(0, 2_000_000);
      EnergyRecord c = child.end(); // child alone under the parent: the parent's 2 J are the child's
      EnergyRecord p = parent.end();
      assertEquals(2_000_000, c.total().toMicrojoulesExact());
      assertEquals(5_000_000, p.total().toMicrojoulesExact());
      assertEquals(2_000_000, p.childrenTotal().toMicrojoulesExact());
      assertEquals(3_000_000, p.ownTotal().toMicrojoulesExact());
      assertEquals(2_000_000, p.channels().get(0).children().toMicrojoulesExact());
    }
  }

  @Test
  void workStartedOnAWrappedThreadDoesNotDiluteTheMainJob() throws Exception {
    try (EnergyMonitor m = monitor(Attribution.MACHINE)) {
      Job main = m.start("main");
      Future<String> child = pool.submit(main.wrap(() -> {
        try (Job j = m.start("on-worker")) {
          return j.parentId().orElse("none");
        }
      }));
      assertEquals(main.id(), child.get(10, TimeUnit.SECONDS));
      clock.advance(Duration.ofSeconds(2));
      meter.advance(0, 4_700_000);
      EnergyRecord r = main.end();
      assertEquals(4_700_000, r.total().toMicrojoulesExact(), "the only top-level job is charged everything");
      assertEquals(Energy.ZERO, m.unattributed());
    }
  }

  @Test
  void currentJobFollowsWrappedWorkAndEndsWithTheJob() throws Exception {
    try (EnergyMonitor m = monitor(Attribution.MACHINE)) {
      assertTrue(m.currentJob().isEmpty());
      Job job = m.start("job");
      assertSame(job, m.currentJob().orElseThrow());
      Callable<Optional<Job>> probe = m::currentJob;
      assertSame(job, pool.submit(job.wrap(probe)).get().orElseThrow(), "inside wrapped work");
      assertTrue(pool.submit(probe).get().isEmpty(), "plain work on a pool thread is in no job");
      List<Callable<Optional<Job>>> tasks = List.of(probe, probe, probe);
      for (Future<Optional<Job>> f : job.wrap(pool).invokeAll(tasks)) {
        assertSame(job, f.get().orElseThrow());
      }
      CountDownLatch ran = new CountDownLatch(1);
      java.util.concurrent.Executor plain = pool;
      job.wrap(plain).execute(() -> {
        if (m.currentJob().orElse(null) == job) {
          ran.countDown();
        }
      });
      assertTrue(ran.await(10, TimeUnit.SECONDS), "wrap(Executor)");
      job.close();
      assertTrue(m.currentJob().isEmpty(), "closed");
      assertTrue(pool.submit(job.wrap(probe)).get().isEmpty(), "wrapped work after the job closed runs in no job");
    }
  }

  @Test
  void aJobClosedOnAnotherThreadIsNoLongerItsOpenersCurrentJob() throws Exception {
    try (EnergyMonitor m = monitor(Attribution.MACHINE)) {
      Job job = m.start("job");
      pool.submit(job::close).get();
      assertFalse(job.isOpen());
      assertTrue(m.currentJob().isEmpty());
      Job next = m.start("next");
      assertTrue(next.parentId().isEmpty(), "not a child of the closed job");
      next.close();
    }
  }

  @Test
  void runMarksTheRecordFailedWithTheExceptionClassOnlyAndRethrows() {
    try (EnergyMonitor m = monitor(Attribution.MACHINE)) {
      IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> m.run("step", Tags.empty(), () -> {
        clock.advance(Duration.ofSeconds(1));
        meter.advance(0, 1_000_000);
        throw new IllegalStateException("password=hunter2");
      }));
      assertEquals("password=hunter2", thrown.getMessage());
      EnergyRecord r = ledger.records().get(0);
      assertEquals(RecordStatus.FAILED, r.status());
      assertEquals("java.lang.IllegalStateException", r.failure());
      assertEquals(1_000_000, r.total().toMicrojoulesExact(), "the energy used until the failure");
      assertFalse(r.toString().contains("hunter2"), "the message is never recorded");
      EnergyRecord ok = m.run("fine", Tags.empty(), () -> {});
      assertEquals(RecordStatus.COMPLETE, ok.status());
      assertNull(ok.failure());
    }
  }

  @Test
  void callReturnsTheResultAndFailsTheJobOnACheckedException() throws Exception {
    try (EnergyMonitor m = monitor(Attribution.MACHINE)) {
      assertEquals(42, m.call("answer", Tags.empty(), () -> 42));
      assertThrows(java.io.IOException.class, () -> m.call("io", Tags.empty(), () -> {
        throw new java.io.IOException("disk");
      }));
      Map<String, EnergyRecord> byName = ledger.records().stream()
          .collect(Collectors.toMap(EnergyRecord::name, r -> r));
      assertEquals(RecordStatus.COMPLETE, java.util.Objects.requireNonNull(byName.get("answer")).status());
      EnergyRecord io = java.util.Objects.requireNonNull(byName.get("io"));
      assertEquals(RecordStatus.FAILED, io.status());
      assertEquals("java.io.IOException", io.failure());
    }
  }

  @Test
  void failOnAChildLeavesTheParentComplete() {
    try (EnergyMonitor m = monitor(Attribution.MACHINE)) {
      Job parent = m.start("parent");
      Job child = parent.start("child");
      child.fail(new ArithmeticException());
      child.fail(new IllegalStateException()); // the first failure wins
      assertEquals("java.lang.ArithmeticException", child.end().failure());
      assertEquals(RecordStatus.COMPLETE, parent.end().status());
    }
  }

  @Test
  void unitsFromManyThreadsAndChildrenRollUp() throws Exception {
    try (EnergyMonitor m = monitor(Attribution.MACHINE)) {
      Job root = m.start("root");
      Job a = root.start("a");
      Job b = a.start("b");
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        fs.add(pool.submit(() -> {
          for (int i = 0; i < 10_000; i++) {
            root.addUnits(1);
            b.addUnits(2);
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      a.addUnits(5);
      EnergyRecord rb = b.end();
      EnergyRecord ra = a.end();
      EnergyRecord rr = root.end();
      assertEquals(160_000, rb.units());
      assertEquals(160_005, ra.units());
      assertEquals(240_005, rr.units());
      assertEquals(80_000, root.units(), "the handle's own units");
    }
  }

  @Test
  void absurdUnitsAreCappedWithAProblemNotLost() {
    try (EnergyMonitor m = monitor(Attribution.MACHINE)) {
      Job job = m.start("huge");
      job.addUnits(Long.MAX_VALUE);
      job.addUnits(Long.MAX_VALUE);
      EnergyRecord r = job.end();
      assertEquals(Long.MAX_VALUE, r.units());
      assertEquals(RecordStatus.PARTIAL, r.status());
      assertTrue(r.problems().stream().anyMatch(p -> p.contains("units overflowed")), r.problems().toString());
      assertEquals(List.of(r), ledger.records());
    }
  }

  @Test
  void closingAParentClosesItsChildrenOnOtherThreadsAsPartial() {
    try (EnergyMonitor m = monitor(Attribution.MACHINE)) {
      Job parent = m.start("parent");
      Job child = parent.start("child");
      clock.advance(Duration.ofSeconds(1));
      meter.advance(0, 1_000);
      EnergyRecord p = parent.end();
      assertFalse(child.isOpen());
      EnergyRecord c = child.record().orElseThrow();
      assertEquals(RecordStatus.PARTIAL, c.status());
      assertTrue(c.problems().get(0).contains("closed with its parent"), c.problems().toString());
      assertEquals(RecordStatus.COMPLETE, p.status());
      assertThrows(IllegalStateException.class, () -> parent.start("late"));
    }
  }

  /** THREADS without join(): CPU time used in wrapped work on pool threads counts toward the job. */
  @Test
  void threadsAttributionCountsWrappedWorkWithoutJoin() throws Exception {
    TraceMeter m0 = new TraceMeter("trace", TraceMeter.counters(1, 0));
    try (EnergyMonitor m = EnergyMonitor.builder().configuration(Configuration.empty())
        .providers(List.of(m0.provider(1))).ledger(ledger).attribution(Attribution.THREADS)
        .withoutSamplerThread().shutdownHook(false).build()) {
      Job busy = m.start("busy");
      Thread idleOpener = new Thread(() -> m.start("idle")); // its only thread ends at once, using no CPU inside it
      idleOpener.start();
      idleOpener.join();
      List<Future<Long>> fs = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        fs.add(pool.submit(busy.wrap(JobThreadsTest::spin)));
      }
      for (Future<Long> f : fs) {
        f.get();
      }
      m0.advance(0, 100_000_000L); // 100 J in about 0.3 s: below the channel's 1 kW ceiling
      EnergyRecord rb = busy.end();
      m.close();
      EnergyRecord idle = ledger.records().stream().filter(r -> r.name().equals("idle")).findFirst().orElseThrow();
      assertTrue(rb.total().toMicrojoulesExact() > 0, "wrapped work's CPU counted: " + rb);
      assertTrue(rb.problems().stream().noneMatch(p -> p.contains("no thread inside")), rb.problems().toString());
      assertEquals(0, idle.total().toMicrojoulesExact());
      assertTrue(idle.problems().stream().anyMatch(p -> p.contains("no thread inside this job used CPU time")),
          idle.problems().toString());
    }
  }

  /** The case: THREADS, work on plain pool threads without wrap or join: the record says why it is small. */
  @Test
  void threadsAttributionFlagsAJobWhoseWorkRanOutsideIt() throws Exception {
    TraceMeter m0 = new TraceMeter("trace", TraceMeter.counters(1, 0));
    try (EnergyMonitor m = EnergyMonitor.builder().configuration(Configuration.empty())
        .providers(List.of(m0.provider(1))).ledger(ledger).attribution(Attribution.THREADS)
        .withoutSamplerThread().shutdownHook(false).build()) {
      Job job = m.start("forgot-wrap");
      List<Future<Long>> fs = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        fs.add(pool.submit(JobThreadsTest::spin)); // not wrapped: on threads inside no job
      }
      for (Future<Long> f : fs) {
        f.get();
      }
      m0.advance(0, 100_000_000L);
      EnergyRecord r = job.end();
      // Either "the rest on threads inside none" or, if the opener used no CPU at all, "no thread inside this job".
      assertTrue(r.problems().stream().anyMatch(p -> p.startsWith("THREADS attribution:")), r.problems().toString());
      assertTrue(r.total().compareTo(Energy.ofJoules(50)) < 0, "the work outside the job is not its own: " + r);
    }
  }

  /** Burns 300 ms of this thread's CPU time (not wall time: a loaded machine must not shorten the work). */
  private static long spin() {
    java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
    long x = 0;
    long end = bean.getCurrentThreadCpuTime() + 300_000_000L;
    while (bean.getCurrentThreadCpuTime() < end) {
      for (int i = 0; i < 10_000; i++) {
        x += Long.numberOfTrailingZeros(x + i);
      }
    }
    return x;
  }

  /** Virtual threads (JDK 21+; skipped on 17): wrapped tasks run inside the job and open its children. */
  @Test
  void wrappedWorkOnVirtualThreadsStaysInTheJob() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21");
    ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
        .invoke(null);
    try (EnergyMonitor m = monitor(Attribution.MACHINE)) {
      Job parent = m.start("parent");
      List<Callable<String>> tasks = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        tasks.add(() -> {
          try (Job child = m.start("virtual-child")) {
            child.addUnits(1);
            return child.parentId().orElse("none");
          }
        });
      }
      for (Future<String> f : parent.wrap(virtual).invokeAll(tasks)) {
        assertEquals(parent.id(), f.get());
      }
      assertEquals(100, parent.end().units());
    } finally {
      virtual.shutdownNow();
    }
  }

  @Test
  void samplingPeriodsBelowTenMillisecondsAreRefusedNamingTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnergyMonitor.builder()
        .configuration(Configuration.of(Map.of("ergon.sampling.period", "1ns"))).providers(List.of(meter.provider(1)))
        .noLedger().shutdownHook(false).build());
    String message = String.valueOf(e.getMessage());
    assertTrue(message.contains("ergon.sampling.period"), message);
    assertTrue(message.contains("10ms"), message);
    assertEquals(0, meter.closes(), "no meter opened: the settings are checked first");
  }

  @Test
  void theCheckpointPeriodIsNeverShorterThanTheSamplingPeriod() {
    try (EnergyMonitor m = EnergyMonitor.builder().configuration(Configuration.empty())
        .providers(List.of(meter.provider(1))).noLedger().shutdownHook(false).withoutSamplerThread()
        .samplingPeriod(Duration.ofSeconds(2)).checkpointPeriod(Duration.ofMillis(50)).build()) {
      assertEquals(Duration.ofSeconds(2), m.checkpointPeriod());
    }
  }
}
