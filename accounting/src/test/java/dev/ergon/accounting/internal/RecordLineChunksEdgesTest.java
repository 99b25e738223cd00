package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Which chunks a helper builds, driven on one thread: the abandonment check, polled by the feeder before each chunk
 * and by a helper on each turn of its loop, is where the test steps in. A helper builds exactly the chunks from the
 * next one not yet claimed up to {@link RecordLineChunks#WINDOW} ahead of the next one to feed, and stops at the
 * last chunk; the feeder feeds what a helper built as it was built, builds the rest itself from the records as they
 * are then, and builds again a chunk a helper could not. The test sees which thread built a chunk by changing the
 * records after the helper has run: chunks the helper built keep the old records' lines.
 */
class RecordLineChunksEdgesTest {

  private static final int CHUNK = RecordLineChunks.CHUNK_RECORDS;
  private static final SortedMap<String, String> OPTIONS = new TreeMap<>(Map.of("period",
      "2025-01-01T00:00:00Z/2027-01-01T00:00:00Z"));
  /* Polls after which a waiting helper is told the work is abandoned, so that it returns. */
  private static final int GIVE_UP = 100;

  /* Exactly n records of the kinds InputDigestRecordsTest makes, sorted as the task sorts them. */
  private static EnergyRecord[] sorted(long seed, int n) {
    List<EnergyRecord> out = new ArrayList<>();
    for (long s = seed; out.size() < n; s++) {
      out.addAll(InputDigestRecordsTest.records(s));
    }
    EnergyRecord[] a = out.subList(0, n).toArray(new EnergyRecord[0]);
    InputDigest.sort(a);
    return a;
  }

  private static String expected(EnergyRecord[] records) {
    return InputDigestRecordsTest.sha256(InputDigestRecordsTest.expected(OPTIONS, List.of(), Arrays.asList(records)));
  }

  private static String hex(MessageDigest md) {
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  /* The same record with one more functional unit: another line, the same id (so the same place in the order). */
  private static EnergyRecord changed(EnergyRecord r) {
    return new EnergyRecord(r.id(), r.parentId(), r.name(), r.tags(), r.host(), r.region(), r.start(), r.end(),
        r.units() + 1, r.attribution(), r.channels(), r.buckets(), r.status(), r.problems(), r.failure(),
        r.selfCpu());
  }

  /*
   * The abandonment check: counts the feeder's polls and, at its poll before chunk `at`, lets a helper run on the
   * same thread; a helper's polls are counted too, and after GIVE_UP of them the helper is told to stop.
   */
  private static final class Polls implements BooleanSupplier {
    private final int at;
    private final Runnable between;
    private @Nullable RecordLineChunks chunks;
    int feederPolls;
    int helperPolls;
    private boolean helping;

    Polls(int at, Runnable between) {
      this.at = at;
      this.between = between;
    }

    RecordLineChunks chunks(EnergyRecord[] sorted) {
      RecordLineChunks c = new RecordLineChunks(sorted, this);
      chunks = c;
      return c;
    }

    /* Runs a helper on this thread; returns when it has returned. */
    void help() {
      helping = true;
      try {
        Objects.requireNonNull(chunks).help();
      } finally {
        helping = false;
      }
    }

    @Override
    public boolean getAsBoolean() {
      if (helping) {
        return ++helperPolls > GIVE_UP;
      }
      if (feederPolls++ == at) {
        help();
        between.run();
      }
      return false;
    }
  }

  @Test
  void theFeederPollsOnceBeforeEachChunkOf256Records() {
    // n records make ceil(n / 256) chunks.
    int[][] cases = {{0, 0}, {1, 1}, {255, 1}, {256, 1}, {257, 2}, {767, 3}, {768, 3}, {769, 4}};
    for (int[] c : cases) {
      EnergyRecord[] records = sorted(c[0], c[0]);
      Polls polls = new Polls(-1, () -> { });
      MessageDigest md = InputDigest.head("scope2", OPTIONS, List.of());
      polls.chunks(records).feed(md);
      assertEquals(c[1], polls.feederPolls, c[0] + " records");
      assertEquals(expected(records), hex(md), c[0] + " records");
    }
  }

  @Test
  @SuppressWarnings("NullAway") // nulls in place of records: reading one again would throw
  void aHelperAloneBuildsEveryChunkWhenAllFitInTheWindowAndThenReturns() {
    EnergyRecord[] records = sorted(21, 3 * CHUNK - 10);
    String digest = expected(records);
    Polls polls = new Polls(-1, () -> { });
    RecordLineChunks chunks = polls.chunks(records);
    polls.help(); // three chunks, all within the window of eight: built, then the helper returns by itself
    assertTrue(polls.helperPolls <= GIVE_UP, "the helper waited although every chunk was built");
    Arrays.fill(records, null); // the feeder must not read a record again: every chunk is built
    MessageDigest md = InputDigest.head("scope2", OPTIONS, List.of());
    chunks.feed(md);
    assertEquals(digest, hex(md));
  }

  @Test
  @SuppressWarnings("NullAway") // nulls in place of records: reading one again would throw
  void aHelperBuildsTheEightChunksAheadOfTheNextToFeedAndNoMore() {
    EnergyRecord[] records = sorted(31, 12 * CHUNK);
    // The feeder has fed chunks 0 and 1; a helper steps in: it builds chunks 2 to 9, then waits for the feeder.
    int next = 2;
    int end = next + RecordLineChunks.WINDOW; // the first chunk past the window: 10
    int k = end * CHUNK; // a record of chunk 10 that is not a repeat of the one before it
    while (InputDigest.repeatsPrevious(records, k)) {
      k++;
    }
    assertTrue(k < (end + 1) * CHUNK);
    EnergyRecord[] after = records.clone();
    after[k] = changed(records[k]);
    // The change shows in the record's line, so in the digest.
    assertNotEquals(expected(new EnergyRecord[] {records[k]}), expected(new EnergyRecord[] {after[k]}));
    String digest = expected(after); // chunk 10 is built by the feeder, from the record as changed
    int changedAt = k;
    Polls polls = new Polls(next, () -> {
      // Chunks 2 to 9 were built by the helper: their records are not read again (the last record of chunk 9 stays,
      // chunk 10's first record is compared with it).
      Arrays.fill(records, next * CHUNK, end * CHUNK - 1, null);
      records[changedAt] = after[changedAt];
    });
    RecordLineChunks chunks = polls.chunks(records);
    MessageDigest md = InputDigest.head("scope2", OPTIONS, List.of());
    chunks.feed(md);
    assertEquals(digest, hex(md));
    assertTrue(polls.helperPolls > GIVE_UP, "the helper returned instead of waiting at the window's edge");
    assertEquals(12, polls.feederPolls);
  }

  @Test
  @SuppressWarnings("NullAway") // a null record: the one way to make building a chunk throw
  void aChunkTheHelperCouldNotBuildIsBuiltAgainByTheFeeder() throws InterruptedException {
    EnergyRecord[] records = sorted(41, 12 * CHUNK);
    String digest = expected(records);
    int k = 5 * CHUNK + 3;
    EnergyRecord kept = records[k];
    records[k] = null;
    Polls polls = new Polls(-1, () -> { });
    RecordLineChunks chunks = polls.chunks(records);
    polls.help(); // builds chunks 0 to 4, fails on chunk 5 and returns
    assertTrue(polls.helperPolls <= GIVE_UP, "the helper waited instead of returning on the failed chunk");
    records[k] = kept; // the failure was the helper's alone: the feeder builds chunk 5 again, and succeeds
    MessageDigest md = InputDigest.head("scope2", OPTIONS, List.of());
    AtomicReference<@Nullable Throwable> failed = new AtomicReference<>();
    Thread feeder = new Thread(() -> {
      try {
        chunks.feed(md);
      } catch (RuntimeException | Error e) {
        failed.set(e);
      }
    }, "feeder");
    feeder.setDaemon(true);
    feeder.start();
    feeder.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(feeder.isAlive(), "the feeder still waits for the chunk the helper could not build");
    assertNull(failed.get());
    assertEquals(digest, hex(md));
  }
}
