package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.ReportingPeriod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The task's digest is the one {@link InputDigest#of} computes on one thread, on each side of the record count from
 * which the calling thread shares the work, whether the executor runs it here, later or never; an error is thrown as
 * it was; an interrupt that meets the caller waiting for the task is kept for the caller.
 */
class InputDigestTaskHelpTest {

  private static final SortedMap<String, String> OPTIONS = new TreeMap<>(Map.of("period",
      "2025-01-01T00:00:00Z/2027-01-01T00:00:00Z"));
  private static final ReportingPeriod PERIOD = new ReportingPeriod(Instant.parse("2025-01-01T00:00:00Z"),
      Instant.parse("2027-01-01T00:00:00Z"));

  /* Exactly n records of the kinds InputDigestRecordsTest makes, in the order made (not sorted). */
  private static List<EnergyRecord> records(long seed, int n) {
    List<EnergyRecord> out = new ArrayList<>();
    for (long s = seed; out.size() < n; s++) {
      out.addAll(InputDigestRecordsTest.records(s));
    }
    return List.copyOf(out.subList(0, n));
  }

  private static final class DigestError extends Error {
    private static final long serialVersionUID = 1L;

    DigestError() {
      super("the digest's own failure");
    }
  }

  @Test
  void anErrorWhileDigestingIsThrownAsItWasOnEveryExecutor() {
    DigestError boom = new DigestError();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      for (Executor e : List.<Executor>of(Runnable::run, pool, r -> { })) {
        InputDigestTask t = InputDigestTask.start(e, "scope2", p -> {
          throw boom;
        }, PERIOD, List.of(), records(1, 3), List.of(), List.of());
        assertSame(boom, assertThrows(DigestError.class, () -> t.finish(OPTIONS)));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aroundTheChunkedThresholdTheDigestIsTheOneThreadOne() {
    int min = InputDigestTask.MIN_CHUNKED;
    int window = RecordLineChunks.WINDOW * RecordLineChunks.CHUNK_RECORDS;
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      for (int n : new int[] {min - 1, min, min + 1, min + window + 1}) {
        List<EnergyRecord> records = records(n, n);
        String expected = InputDigest.of("scope2", OPTIONS, List.of(), records, List.of(), List.of());
        // Here and now; on another thread; never started (the caller runs it in finish).
        for (Executor e : List.<Executor>of(Runnable::run, pool, r -> { })) {
          InputDigestTask t = InputDigestTask.start(e, "scope2", p -> OPTIONS, PERIOD, List.of(), records, List.of(),
              List.of());
          assertEquals(expected, t.finish(OPTIONS), n + " records");
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anInterruptMeetingTheCallerWhileItWaitsIsKeptForIt() throws InterruptedException {
    // 24 chunks on another thread: the caller builds chunks until all are claimed, then waits for the feeding thread,
    // interrupted: the wait goes on, and the interrupt is set again when it ends.
    List<EnergyRecord> records = records(7, 24 * RecordLineChunks.CHUNK_RECORDS);
    String expected = InputDigest.of("scope2", OPTIONS, List.of(), records, List.of(), List.of());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch begun = new CountDownLatch(1);
      InputDigestTask t = InputDigestTask.start(pool, "scope2", p -> {
        begun.countDown(); // the pool's thread has begun the task: finish will not run it itself
        return OPTIONS;
      }, PERIOD, List.of(), records, List.of(), List.of());
      assertTrue(begun.await(30, TimeUnit.SECONDS), "the pool never began the task");
      Thread.currentThread().interrupt();
      String digest;
      try {
        digest = t.finish(OPTIONS);
      } finally {
        assertTrue(Thread.interrupted(), "the caller's interrupt is kept");
      }
      assertEquals(expected, digest);
    } finally {
      pool.shutdownNow();
    }
  }
}
