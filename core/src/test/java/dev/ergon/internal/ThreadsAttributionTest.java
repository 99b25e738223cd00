package dev.ergon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The THREADS policy end to end through the job tree, with CPU clocks the test sets: every expected amount is
 * worked out by hand from the clocks (comments give the arithmetic).
 */
class ThreadsAttributionTest {
  private static final long MS = 1_000_000L;
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final long HOUR_MS = 3_600_000L;
  private static final long BUCKET = T0.toEpochMilli() / HOUR_MS;

  /** Process and machine CPU counters, ns, set by the test. */
  private static final class FakeCpuTimes implements CpuTimes {
    volatile long process;
    volatile long machine;

    @Override
    public long processNanos() {
      return process;
    }

    @Override
    public long machineBusyNanos(long elapsedNanos) {
      return machine;
    }
  }

  /** Per-thread CPU clocks, ns, set by the test; -1 for a thread it has not set. */
  private static final class FakeCpuClock implements ThreadScopes.CpuClock {
    final Map<Thread, Long> cpu = new ConcurrentHashMap<>();

    @Override
    public long current() {
      return of(Thread.currentThread());
    }

    @Override
    public long of(Thread thread) {
      return cpu.getOrDefault(thread, -1L);
    }
  }

  private static JobAccount job(String name, @Nullable JobAccount parent) {
    return new JobAccount(new Object(), name.toLowerCase(java.util.Locale.ROOT), name, Tags.empty(), T0, parent, 1);
  }

  private static Sampler.Interval interval(long fromSecond, long toSecond, long microjoules) {
    Sampler.Interval iv = new Sampler.Interval(1);
    iv.from = T0.plusSeconds(fromSecond);
    iv.to = T0.plusSeconds(toSecond);
    iv.fromNanos = fromSecond * 1_000 * MS;
    iv.toNanos = toSecond * 1_000 * MS;
    iv.deltas[0] = microjoules;
    return iv;
  }

  @Test
  void energyFollowsEachJobsThreadsCpuTimeAtEveryLevel() throws Exception {
    FakeCpuTimes times = new FakeCpuTimes();
    FakeCpuClock clock = new FakeCpuClock();
    ThreadScopes scopes = new ThreadScopes(clock);
    ProcessShare share = new ProcessShare(times); // first readings: process 0, machine 0
    JobTree tree = new JobTree(new ThreadsAttributor(share, scopes), HOUR_MS, List.of("cpu"));
    JobAccount a = job("A", null);
    JobAccount b = job("B", null);
    JobAccount a1 = job("A1", a);
    tree.open(a, 0);
    tree.open(b, 0);
    tree.open(a1, 0);
    assertEquals(List.of(a, b), tree.roots());
    assertTrue(tree.hasOpenJobs());
    assertEquals(HOUR_MS, tree.bucketMillis());

    Thread me = Thread.currentThread();
    clock.cpu.put(me, 0L);
    assertEquals(0, scopes.enter(a), "the first job entered is at depth 0");
    assertSame(a, scopes.current());
    clock.cpu.put(me, 100 * MS); // 100 ms inside A alone
    assertEquals(1, scopes.enter(a1), "a nested job is at depth 1");
    assertSame(a1, scopes.current());
    // Another thread inside B, alive until the end.
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread worker = new Thread(() -> {
      scopes.enter(b);
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    clock.cpu.put(worker, 0L);
    worker.start();
    try {
      assertTrue(entered.await(10, TimeUnit.SECONDS));

      // Interval 1 (1 s, 2 J measured): the test thread reaches 400 ms (300 ms in A1), the worker 200 ms (in B);
      // the process used 1,000 ms of the machine's 2,000 ms busy: share 0.5.
      clock.cpu.put(me, 400 * MS);
      clock.cpu.put(worker, 200 * MS);
      times.process = 1_000 * MS;
      times.machine = 2_000 * MS;
      tree.accept(interval(0, 1, 2_000_000));
      // A's subtree: 100 + 300 = 400 ms of the process's 1,000 → weight 0.4; B: 200 ms → 0.2.
      // A: floor(2,000,000 × 0.5 × 0.4) = 400,000 µJ; B: floor(2,000,000 × 0.5 × 0.2) = 200,000 µJ.
      // A1 within A: 300 of A's 400 ms → floor(400,000 × 0.75) = 300,000 µJ.
      JobSnapshot open = JobTree.snapshot(a, T0.plusSeconds(1));
      assertEquals(400_000, open.energy()[0]);
      assertEquals(300_000, open.children()[0]);
      assertEquals(2_000_000, open.measured()[0]);
      assertTrue(open.open());
      assertEquals(Map.of(BUCKET, 400_000L), open.buckets());
      assertEquals(200_000, JobTree.snapshot(b, T0.plusSeconds(1)).energy()[0]);
      assertEquals(300_000, JobTree.snapshot(a1, T0.plusSeconds(1)).energy()[0]);
      assertEquals(600_000, tree.attributed()[0], "only the top level counts as attributed");
      assertEquals(2_000_000, tree.measured()[0]);

      // Interval 2 (1 s, 1 J): only the worker runs, 300 ms more; the process used 600 ms of the machine's 600 ms
      // busy: share 1. A's subtree 0 → weight 0; B 300 of 600 ms → 0.5: floor(1,000,000 × 1 × 0.5) = 500,000 µJ.
      clock.cpu.put(worker, 500 * MS);
      times.process = 1_600 * MS;
      times.machine = 2_600 * MS;
      tree.accept(interval(1, 2, 1_000_000));
      assertEquals(400_000, open.energy()[0], "a snapshot of an open job is a copy, not the live account");
      assertEquals(400_000, JobTree.snapshot(a, T0.plusSeconds(2)).energy()[0]);
      assertEquals(300_000, JobTree.snapshot(a1, T0.plusSeconds(2)).energy()[0]);
      assertEquals(700_000, JobTree.snapshot(b, T0.plusSeconds(2)).energy()[0]);
      assertEquals(3_000_000, JobTree.snapshot(b, T0.plusSeconds(2)).measured()[0]);
      assertEquals(1_100_000, tree.attributed()[0]);

      // The test thread leaves A1: its later CPU time goes to A again (scopes must keep tracking the thread).
      scopes.exit(1);
      assertSame(a, scopes.current());
      clock.cpu.put(me, 450 * MS);
      scopes.collect();
      assertEquals(50 * MS, a.takeCpu(), "50 ms on the test thread inside A after leaving A1");
      scopes.exit(0);
      assertNull(scopes.current());
      clock.cpu.put(me, 900 * MS);
      scopes.collect();
      assertEquals(0, a.takeCpu(), "a thread outside every job credits nothing");

      List<JobAccount> closed = new ArrayList<>();
      tree.close(a, T0.plusSeconds(2), null, closed);
      assertEquals(List.of(a1, a), closed, "descendants first");
      // Jobs' threads used 600 of 1,000 ms and 300 of 600 ms of the process: no warning about outside threads.
      assertEquals(List.of("closed with its parent job 'A' while still open"), JobTree.snapshot(a1,
          T0.plusSeconds(3)).problems());
      assertEquals(List.of(), JobTree.snapshot(a, T0.plusSeconds(3)).problems());
      JobSnapshot closedA = JobTree.snapshot(a, T0.plusSeconds(3));
      assertFalse(closedA.open());
      assertEquals(T0.plusSeconds(2), closedA.end(), "a closed job ends at its close, not at the snapshot");
      assertEquals(List.of(b), tree.roots());
    } finally {
      release.countDown();
      worker.join(10_000);
    }
  }

  /** One job whose thread used {@code jobMs} of the process's {@code processMs}; returns its closing problem. */
  private static @Nullable String closingProblem(long jobMs, long processMs, boolean measurable) {
    FakeCpuTimes times = new FakeCpuTimes();
    FakeCpuClock clock = new FakeCpuClock();
    ThreadScopes scopes = new ThreadScopes(clock);
    ThreadsAttributor policy = new ThreadsAttributor(new ProcessShare(times), scopes);
    JobTree tree = new JobTree(policy, HOUR_MS, List.of("cpu"));
    JobAccount j = job("J", null);
    tree.open(j, 0);
    Thread me = Thread.currentThread();
    if (measurable) {
      clock.cpu.put(me, 0L);
    }
    int token = scopes.enter(j);
    try {
      if (measurable) {
        clock.cpu.put(me, jobMs * MS);
      }
      times.process = processMs * MS;
      times.machine = 4 * processMs * MS;
      tree.accept(interval(0, 1, 1_000_000));
      return policy.closingProblem(j);
    } finally {
      scopes.exit(token);
    }
  }

  @Test
  void aJobWhoseProcessWorkedMostlyOutsideAnyJobIsFlaggedWithTheShare() {
    // 1 ms of 100 ms = 1.0 %: below 5 %, and the process used the least CPU time the check looks at (100 ms).
    String p = closingProblem(1, 100, true);
    assertTrue(p != null && p.contains("while this job was open, 1.0 % of this process's CPU time ran on threads "
        + "inside a job"), p);
    // 12 ms of 400 ms = 3.0 %.
    String q = closingProblem(12, 400, true);
    assertTrue(q != null && q.contains(" 3.0 % "), q);
    // Exactly 5 % (10 ms of 200 ms) is not below 5 %.
    assertNull(closingProblem(10, 200, true));
    // Under 100 ms of process CPU the check says nothing (1 ms of 99 ms).
    assertNull(closingProblem(1, 99, true));
  }

  @Test
  void aJobWithNoCpuTimeOrNoClockSaysWhyItsShareIsNearZero() {
    String none = closingProblem(0, 500, true);
    assertTrue(none != null && none.startsWith("THREADS attribution: no thread inside this job used CPU time"),
        none);
    String unmeasurable = closingProblem(0, 500, false);
    assertTrue(unmeasurable != null && unmeasurable.contains("cannot be measured on this JVM"), unmeasurable);
  }

  @Test
  void theProcessShareIsTheProcessFractionOfEachIntervalsMachineTime() {
    FakeCpuTimes times = new FakeCpuTimes();
    times.process = 10 * MS;
    times.machine = 100 * MS;
    ProcessShare share = new ProcessShare(times);
    times.process = 30 * MS;
    times.machine = 140 * MS;
    ProcessShare.Step s = share.next(1_000 * MS);
    assertEquals(20 * MS, s.processNanos());
    assertEquals(0.5, s.share(), 0.0); // 20 of 40 ms
    times.process = 25 * MS; // a counter that went back counts as nothing, not as negative time
    times.machine = 150 * MS;
    s = share.next(1_000 * MS);
    assertEquals(0, s.processNanos());
    assertEquals(0.0, s.share(), 0.0);
    times.process = -1; // unknown
    times.machine = 160 * MS;
    assertEquals(new ProcessShare.Step(0, 0.0), share.next(1_000 * MS));
    times.process = 35 * MS;
    times.machine = 170 * MS; // after an unknown reading the next interval has no base either
    assertEquals(new ProcessShare.Step(0, 0.0), share.next(1_000 * MS));
    times.process = 45 * MS;
    times.machine = 175 * MS; // 10 ms of 5 ms busy: capped at the whole machine
    assertEquals(new ProcessShare.Step(10 * MS, 1.0), share.next(1_000 * MS));
  }

  @Test
  void checkpointsFallDueAPeriodAfterOpeningOrTheLastCheckpoint() {
    JobTree tree = new JobTree(new EqualShareAttributor(null), HOUR_MS, List.of("cpu"));
    JobAccount a = job("A", null);
    JobAccount a1 = job("A1", a);
    JobAccount b = job("B", null);
    tree.open(a, 0);
    tree.open(a1, 2_000 * MS);
    tree.open(b, 0);
    assertEquals(List.of(), tree.dueForCheckpoint(4_999 * MS, 5_000 * MS));
    assertEquals(List.of(a, b), tree.dueForCheckpoint(5_000 * MS, 5_000 * MS), "exactly one period is due");
    assertEquals(List.of(a1), tree.dueForCheckpoint(7_000 * MS, 5_000 * MS));
    assertEquals(List.of(), tree.dueForCheckpoint(9_999 * MS, 5_000 * MS));
    assertEquals(List.of(a, b), tree.dueForCheckpoint(10_000 * MS, 5_000 * MS));
    List<JobAccount> closed = new ArrayList<>();
    tree.closeAll(T0.plusSeconds(10), "monitor closed", closed);
    assertEquals(List.of(a1, a, b), closed);
    assertFalse(tree.hasOpenJobs());
    assertEquals(List.of(), tree.dueForCheckpoint(20_000 * MS, 5_000 * MS));
  }

  @Test
  void unitsRollUpExactlyAndSaturateWithAProblemPastALong() {
    JobTree tree = new JobTree(new EqualShareAttributor(null), HOUR_MS, List.of("cpu"));
    JobAccount a = job("A", null);
    JobAccount c1 = job("C1", a);
    JobAccount c2 = job("C2", a);
    tree.open(a, 0);
    tree.open(c1, 0);
    tree.open(c2, 0);
    a.addUnits(2);
    c1.addUnits(3);
    c2.addUnits(4);
    assertEquals(9, JobTree.snapshot(a, T0).units(), "2 own + 3 + 4 open children");
    List<JobAccount> closed = new ArrayList<>();
    tree.close(c1, T0, null, closed);
    assertEquals(9, JobTree.snapshot(a, T0).units(), "a closed child's units stay rolled up");
    tree.close(c2, T0, null, closed);
    assertEquals(9, JobTree.snapshot(a, T0).units());
    assertEquals(List.of(), JobTree.snapshot(a, T0).problems());

    JobAccount big1 = job("Big1", a);
    JobAccount big2 = job("Big2", a);
    tree.open(big1, 0);
    tree.open(big2, 0);
    big1.addUnits(Long.MAX_VALUE - 30);
    big2.addUnits(15);
    assertEquals(Long.MAX_VALUE - 6, JobTree.snapshot(a, T0).units(), "9 + (2^63 - 31) + 15 fits");
    tree.close(big1, T0, null, closed);
    tree.close(big2, T0, null, closed);
    assertEquals(Long.MAX_VALUE - 6, JobTree.snapshot(a, T0).units(), "closed children add up exactly too");
    a.addUnits(10); // 12 own + (2^63 - 9) rolled up from closed children
    JobSnapshot s = JobTree.snapshot(a, T0);
    assertEquals(Long.MAX_VALUE, s.units(), "past 2^63 - 1 the count is capped");
    assertEquals(List.of("units overflowed: more than " + Long.MAX_VALUE
        + " were added; the count is capped there"), s.problems());
    JobAccount huge = job("Huge", a);
    tree.open(huge, 0);
    huge.addUnits(Long.MAX_VALUE);
    tree.close(huge, T0, null, closed);
    assertEquals(Long.MAX_VALUE, JobTree.snapshot(a, T0).units(), "a closed child's overflow is capped too");
  }
}
