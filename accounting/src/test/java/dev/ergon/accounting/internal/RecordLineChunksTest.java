package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ergon.EnergyRecord;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The record lines built in chunks by several threads give the digest of the canonical lines written by one thread,
 * as {@link InputDigestRecordsTest} builds them from the class's description: whichever thread builds which chunk,
 * with repeated ids inside and across chunk boundaries; and no thread is left waiting when one fails or the work is
 * abandoned.
 */
class RecordLineChunksTest {

  private static final SortedMap<String, String> OPTIONS = new TreeMap<>(Map.of("period",
      "2025-01-01T00:00:00Z/2027-01-01T00:00:00Z"));

  /* At least n records of the kinds InputDigestRecordsTest makes, from one seed. */
  private static List<EnergyRecord> many(long seed, int n) {
    List<EnergyRecord> out = new ArrayList<>();
    for (long s = seed; out.size() < n; s++) {
      out.addAll(InputDigestRecordsTest.records(s));
    }
    return out;
  }

  /* Feeds the records in chunks with some helper threads beside the feeding one; returns the digest. */
  private static String chunked(List<EnergyRecord> records, int helpers) throws InterruptedException {
    EnergyRecord[] sorted = records.toArray(new EnergyRecord[0]);
    InputDigest.sort(sorted);
    MessageDigest md = InputDigest.head("scope2", OPTIONS, List.of());
    RecordLineChunks chunks = new RecordLineChunks(sorted, () -> false);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < helpers; i++) {
      Thread t = new Thread(chunks::help, "helper-" + i);
      t.start();
      threads.add(t);
    }
    chunks.feed(md);
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(30));
      assertFalse(t.isAlive(), "a helper still runs after the digest was fed");
    }
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  @Test
  void chunksBuiltByAnyThreadGiveTheDigestOfOneThread() {
    qt().withExamples(25).forAll(longs().all(), integers().between(0, 3), integers().between(1, 12))
        .checkAssert((seed, helpers, chunks) -> {
          List<EnergyRecord> records = many(seed, chunks * RecordLineChunks.CHUNK_RECORDS - 20);
          try {
            assertEquals(InputDigestRecordsTest.sha256(InputDigestRecordsTest.expected(OPTIONS, List.of(), records)),
                chunked(records, helpers), "seed " + seed + ", " + helpers + " helpers");
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void aRepeatedIdAcrossAChunkBoundaryIsDigestedOnce() throws InterruptedException {
    List<EnergyRecord> records = many(7, 3 * RecordLineChunks.CHUNK_RECORDS);
    List<EnergyRecord> sorted = new ArrayList<>(records);
    sorted.sort((a, b) -> a.id().compareTo(b.id()));
    // After sorting, the last record of the first chunk is followed by copies of itself into the second chunk.
    List<EnergyRecord> input = new ArrayList<>(sorted.subList(0, RecordLineChunks.CHUNK_RECORDS));
    EnergyRecord last = input.get(input.size() - 1);
    input.add(last);
    input.add(last);
    input.addAll(sorted.subList(RecordLineChunks.CHUNK_RECORDS, sorted.size()));
    String once = InputDigestRecordsTest.sha256(InputDigestRecordsTest.expected(OPTIONS, List.of(), sorted));
    assertEquals(once, chunked(input, 0));
    assertEquals(once, chunked(input, 2));
  }

  @Test
  @SuppressWarnings("NullAway") // a null record: the one way to make writing a line throw
  void aChunkThatCannotBeBuiltFailsTheFeedAndReleasesTheHelpers() throws InterruptedException {
    List<EnergyRecord> records = many(11, 6 * RecordLineChunks.CHUNK_RECORDS);
    EnergyRecord[] sorted = records.toArray(new EnergyRecord[0]);
    InputDigest.sort(sorted);
    sorted[3 * RecordLineChunks.CHUNK_RECORDS + 5] = null; // writing its line throws, in whichever thread builds it
    RecordLineChunks chunks = new RecordLineChunks(sorted, () -> false);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Thread t = new Thread(chunks::help, "helper-" + i);
      t.start();
      threads.add(t);
    }
    assertThrows(NullPointerException.class, () -> chunks.feed(InputDigest.head("scope2", OPTIONS, List.of())));
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(30));
      assertFalse(t.isAlive(), "a helper still waits after the feed failed");
    }
  }

  @Test
  void abandonedWorkStopsTheFeedAndTheHelpers() throws InterruptedException {
    List<EnergyRecord> records = many(3, 4 * RecordLineChunks.CHUNK_RECORDS);
    EnergyRecord[] sorted = records.toArray(new EnergyRecord[0]);
    InputDigest.sort(sorted);
    AtomicBoolean abandoned = new AtomicBoolean(true);
    RecordLineChunks chunks = new RecordLineChunks(sorted, abandoned::get);
    chunks.help(); // returns at once: nothing is built for abandoned work
    assertThrows(CancellationException.class, () -> chunks.feed(InputDigest.head("scope2", OPTIONS, List.of())));
  }

  @Test
  void theTaskDigestsChunksWithTheCallingThreadsHelp() {
    List<EnergyRecord> records = many(5, 10 * RecordLineChunks.CHUNK_RECORDS);
    assertTrue(records.size() >= InputDigestTask.MIN_CHUNKED);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      InputDigestTask task = InputDigestTask.start(pool, "scope2", p -> OPTIONS,
          new dev.ergon.accounting.ReportingPeriod(java.time.Instant.parse("2025-01-01T00:00:00Z"),
              java.time.Instant.parse("2027-01-01T00:00:00Z")), List.of(), records, List.of(), List.of());
      assertEquals(InputDigestRecordsTest.sha256(InputDigestRecordsTest.expected(OPTIONS, List.of(), records)),
          task.finish(OPTIONS));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void manyCallersSharingOneDigestThreadEachGetTheirOwnDigest() throws Exception {
    // Eight calculations at once, their digest tasks queued on one shared thread: each caller either helps its
    // own task or runs it itself, and every digest is that of its own records.
    ExecutorService shared = Executors.newSingleThreadExecutor();
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        List<EnergyRecord> records = many(100 + c, (3 + c) * RecordLineChunks.CHUNK_RECORDS);
        String expected = InputDigestRecordsTest.sha256(InputDigestRecordsTest.expected(OPTIONS, List.of(), records));
        results.add(callers.submit(() -> expected.equals(InputDigestTask.start(shared, "scope2", p -> OPTIONS,
            new dev.ergon.accounting.ReportingPeriod(java.time.Instant.parse("2025-01-01T00:00:00Z"),
                java.time.Instant.parse("2027-01-01T00:00:00Z")), List.of(), records, List.of(), List.of())
            .finish(OPTIONS))));
      }
      for (java.util.concurrent.Future<Boolean> r : results) {
        assertTrue(r.get(60, TimeUnit.SECONDS), "a caller got another digest than its records'");
      }
    } finally {
      callers.shutdownNow();
      shared.shutdownNow();
    }
  }
}
