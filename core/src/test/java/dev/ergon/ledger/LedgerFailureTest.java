package dev.ergon.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #12, items 5 and 7: failures leave nothing half-written; each sync mode forces when it promises. */
class LedgerFailureTest {

  @TempDir
  Path dir;

  private final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
  private final AtomicReference<FaultyChannel> last = new AtomicReference<>();

  private JsonLinesLedger open(Path file, SyncPolicy sync) {
    return new JsonLinesLedger(file, sync, Rotation.NONE, f -> {
      FaultyChannel c = new FaultyChannel(JsonLinesLedger.ChannelOpener.REAL.open(f), budget);
      last.set(c);
      return c;
    }, InstantSource.system());
  }

  private FaultyChannel channel() {
    FaultyChannel c = last.get();
    if (c == null) {
      throw new AssertionError("no channel opened");
    }
    return c;
  }

  private static int lineBytes(EnergyRecord r) {
    return new RecordJson().encode(r).line().length;
  }

  /** The bytes of the channel description entry written before a ledger part's first sample record. */
  private static int descriptionBytes() {
    return new RecordJson().encode(Records.sample(Records.id(0), 0)).descriptionLine().length;
  }

  @Test
  void aFullDiskTruncatesBackReportsTheReasonAndTheRecordIsRetriedLater() throws IOException {
    Path file = dir.resolve("ledger.jsonl");
    EnergyRecord a = Records.sample(Records.id(1), 1);
    EnergyRecord b = Records.sample(Records.id(2), 2);
    EnergyRecord c = Records.sample(Records.id(3), 3);
    try (JsonLinesLedger l = open(file, SyncPolicy.GROUP)) {
      l.append(a);
      budget.set(lineBytes(b) / 2);
      LedgerException e = assertThrows(LedgerException.class, () -> l.append(b));
      String m = String.valueOf(e.getMessage());
      assertTrue(m.contains("No space left on device") && m.contains(Records.id(2))
          && m.contains("truncated back to its last whole line") && m.contains("kept in memory"), m);
      assertEquals(descriptionBytes() + lineBytes(a), Files.size(file), "nothing half-written");
      assertEquals(List.of(a), JsonLinesLedger.read(file));
      budget.set(Long.MAX_VALUE); // space freed
      l.append(c);
    }
    assertEquals(List.of(a, b, c), JsonLinesLedger.read(file), "the failed record was written before the next");
  }

  @Test
  void recordsThatStillCannotBeWrittenOnCloseGoToAFallbackFileNamedInTheError() throws IOException {
    Path file = dir.resolve("ledger.jsonl");
    EnergyRecord b = Records.sample(Records.id(2), 2);
    JsonLinesLedger l = open(file, SyncPolicy.GROUP);
    budget.set(10);
    assertThrows(LedgerException.class, () -> l.append(b));
    LedgerException e = assertThrows(LedgerException.class, l::close);
    Matcher m = Pattern.compile("fallback file (\\S+\\.jsonl)").matcher(String.valueOf(e.getMessage()));
    assertTrue(m.find(), e.getMessage());
    Path fallback = Path.of(m.group(1));
    try {
      assertEquals(List.of(b), JsonLinesLedger.read(fallback));
      assertEquals(0, Files.size(file));
    } finally {
      Files.deleteIfExists(fallback);
    }
  }

  @Test
  void recordModeForcesBeforeEachAppendReturns() {
    Path file = dir.resolve("ledger.jsonl");
    try (JsonLinesLedger l = open(file, SyncPolicy.RECORD)) {
      long end = descriptionBytes();
      for (int i = 0; i < 5; i++) {
        EnergyRecord r = Records.sample(Records.id(i), i);
        l.append(r);
        end += lineBytes(r);
        List<Long> forced = channel().forcedSizes;
        assertEquals(i + 1, forced.size(), "one fsync per record");
        assertEquals(end, forced.get(forced.size() - 1), "forced after its line was written");
      }
    }
  }

  @Test
  void groupModeSharesForcesAmongConcurrentAppendsAndEachReturnsCovered() throws Exception {
    Path file = dir.resolve("ledger.jsonl");
    int threads = 8;
    int each = 50;
    try (JsonLinesLedger l = open(file, SyncPolicy.GROUP)) {
      channel().forceMillis = 10; // a slow disk: appends pile up behind each force even on a loaded machine
      List<Thread> ts = new ArrayList<>();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      for (int t = 0; t < threads; t++) {
        int writer = t;
        ts.add(new Thread(() -> {
          for (int i = 0; i < each; i++) {
            l.append(Records.sample(Records.id(writer, i), i));
            try {
              // Covered: the last force saw a file that holds this record's line.
              long forced = channel().forcedSizes.get(channel().forcedSizes.size() - 1);
              String id = Records.id(writer, i);
              if (!new String(Files.readAllBytes(file), 0, (int) forced,
                  java.nio.charset.StandardCharsets.UTF_8).contains(id)) {
                failure.compareAndSet(null, new AssertionError(id + " returned before a covering fsync"));
              }
            } catch (IOException e) {
              failure.compareAndSet(null, e);
            }
          }
        }));
      }
      ts.forEach(Thread::start);
      for (Thread t : ts) {
        t.join();
      }
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
      int forces = channel().forcedSizes.size();
      // The promise is sharing, not a ratio: one fsync per append would be 400; a loaded 2-core machine that
      // schedules the 8 writers late still shares each force among several of them.
      assertTrue(forces <= threads * each / 2, "waiting appends share fsyncs: " + forces + " for "
          + threads * each + " appends");
    }
    assertEquals(threads * each, JsonLinesLedger.read(file).size());
  }

  @Test
  void asyncModeReturnsAtOnceAndForcesWithinThePeriodAndOnClose() throws Exception {
    Path file = dir.resolve("ledger.jsonl");
    JsonLinesLedger l = open(file, SyncPolicy.async(Duration.ofMillis(50)));
    EnergyRecord r = Records.sample(Records.id(1), 1);
    l.append(r);
    long first = (long) descriptionBytes() + lineBytes(r);
    assertEquals(first, Files.size(file), "written through to the OS before append returns");
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (channel().forcedSizes.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(List.of(first), channel().forcedSizes, "forced by the background thread");
    EnergyRecord s = Records.sample(Records.id(2), 2);
    l.append(s);
    FaultyChannel c = channel();
    l.close();
    assertEquals(first + lineBytes(s), c.forcedSizes.get(c.forcedSizes.size() - 1),
        "forced on close");
  }

  @Test
  void nonRegularFilesAreRefusedAtOpen() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo unavailable");
    LedgerException e = assertThrows(LedgerException.class, () -> JsonLinesLedger.open(fifo));
    assertTrue(String.valueOf(e.getMessage()).contains("FIFO"), e.getMessage());
    if (Files.exists(Path.of("/dev/full"))) {
      e = assertThrows(LedgerException.class, () -> JsonLinesLedger.open(Path.of("/dev/full")));
      assertTrue(String.valueOf(e.getMessage()).contains("not a regular file"), e.getMessage());
    }
    e = assertThrows(LedgerException.class, () -> JsonLinesLedger.open(dir));
    assertTrue(String.valueOf(e.getMessage()).contains("a directory"), e.getMessage());
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("fifo"), s.map(f -> f.getFileName().toString()).toList(),
          "nothing created beside a refused file");
    }
  }

  @Test
  void aSymbolicLinkIsFollowedOnlyToAnEmptyFileOrALedger() throws IOException {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "line one\nlast line without newline");
    Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), notes);
    LedgerException e = assertThrows(LedgerException.class, () -> JsonLinesLedger.open(link));
    assertTrue(String.valueOf(e.getMessage()).contains("not an Ergon ledger"), e.getMessage());
    assertEquals("line one\nlast line without newline", Files.readString(notes), "untouched");
    Path real = dir.resolve("real.jsonl");
    try (JsonLinesLedger l = JsonLinesLedger.open(real)) {
      l.append(Records.sample(Records.id(1), 1));
    }
    Path good = Files.createSymbolicLink(dir.resolve("good.jsonl"), real);
    Path empty = Files.createSymbolicLink(dir.resolve("empty.jsonl"), Files.createFile(dir.resolve("e")));
    for (Path ok : List.of(good, empty)) {
      try (JsonLinesLedger l = JsonLinesLedger.open(ok)) {
        l.append(Records.sample(Records.id(2), 2));
      }
    }
    assertEquals(2, JsonLinesLedger.read(real).size());
    assertEquals(1, JsonLinesLedger.read(dir.resolve("e")).size());
  }

  @Test
  void aLedgerInAReadOnlyDirectoryStillTakesAppends() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("ro"));
    Path file = sub.resolve("ledger.jsonl");
    Files.writeString(file, "");
    Files.setPosixFilePermissions(sub, java.nio.file.attribute.PosixFilePermissions.fromString("r-x------"));
    try {
      Assumptions.assumeFalse(Files.isWritable(sub), "running as root: directory permissions do not bind");
      try (JsonLinesLedger l = JsonLinesLedger.open(file)) {
        l.append(Records.sample(Records.id(1), 1));
      }
      assertEquals(1, JsonLinesLedger.read(file).size());
    } finally {
      Files.setPosixFilePermissions(sub, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
  }

  /** An interrupted thread must not close the ledger's channel for everyone (FileChannel is interruptible). */
  @Test
  void anInterruptedAppenderNeitherFailsNorBreaksTheLedger() throws Exception {
    Path file = dir.resolve("ledger.jsonl");
    try (JsonLinesLedger l = JsonLinesLedger.open(file)) {
      Thread t = new Thread(() -> {
        Thread.currentThread().interrupt();
        l.append(Records.sample(Records.id(1), 1));
        if (!Thread.currentThread().isInterrupted()) {
          throw new AssertionError("the interrupt status must be restored");
        }
      });
      AtomicReference<Throwable> failure = new AtomicReference<>();
      t.setUncaughtExceptionHandler((th, e) -> failure.set(e));
      t.start();
      t.join();
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
      l.append(Records.sample(Records.id(2), 2));
    }
    assertEquals(2, JsonLinesLedger.read(file).size());
  }
}
