package dev.ergon.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Attribution;
import dev.ergon.ChannelEnergy;
import dev.ergon.ChannelKind;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON Lines ledger's states: what lands on disk byte for byte after failed, short and foreign writes, when it
 * forces, how a torn tail is repaired, and that closing releases the channel, the lock file and the write lock.
 */
class JsonLinesLedgerStatesTest {
  private static final Instant NOW = Instant.parse("2026-05-10T08:00:00Z");

  @TempDir
  Path dir;

  private final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
  private final List<FaultyChannel> channels = new CopyOnWriteArrayList<>();
  private volatile int maxPerCall = Integer.MAX_VALUE;
  private final RecordJson json = new RecordJson();

  private JsonLinesLedger open(Path file, SyncPolicy sync, Rotation rotation) {
    return new JsonLinesLedger(file, sync, rotation, f -> {
      FaultyChannel c = new FaultyChannel(JsonLinesLedger.ChannelOpener.REAL.open(f), budget);
      c.maxPerCall = maxPerCall;
      channels.add(c);
      return c;
    }, InstantSource.fixed(NOW));
  }

  private JsonLinesLedger open(Path file, SyncPolicy sync) {
    return open(file, sync, Rotation.NONE);
  }

  private FaultyChannel channel() {
    return channels.get(channels.size() - 1);
  }

  private byte[] line(EnergyRecord r) {
    return json.encode(r).line();
  }

  private byte[] description() {
    return json.encode(Records.sample(Records.id(0), 0)).descriptionLine();
  }

  private static byte[] join(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static EnergyRecord named(long n, String name) {
    Energy e = Energy.ofMicrojoules(n);
    return new EnergyRecord(Records.id(n), null, name, Tags.of("k", "v"), "host-1", "DE", Records.START,
        Records.START.plusSeconds(10), 1, Attribution.MACHINE,
        List.of(new ChannelEnergy("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "socket 0",
            Method.COUNTER, 0.05, e, e, 0, List.of())), List.of(), RecordStatus.COMPLETE, List.of(), null);
  }

  /** Record {@code n} whose line is exactly 1 MiB long, its job name padding it out. */
  private EnergyRecord oneMebibyte(long n) {
    int length = 1;
    for (int tries = 0; tries < 5; tries++) {
      int diff = (1 << 20) - line(named(n, "n".repeat(length))).length;
      if (diff == 0) {
        break;
      }
      length += diff;
    }
    return named(n, "n".repeat(length));
  }

  private Path side(Path part) {
    return part.resolveSibling(part.getFileName() + ".torn-" + NOW.toEpochMilli());
  }

  /** Runs an action on another thread, failing if it does not finish in 10 s (a lock left held). */
  private static void onAnotherThread(Runnable action) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        action.run();
        done.complete(null);
      } catch (RuntimeException | Error e) {
        done.completeExceptionally(e);
      }
    });
    t.setDaemon(true);
    t.start();
    done.get(10, TimeUnit.SECONDS);
  }

  private static void assertLockFileReleased(Path file) throws IOException {
    ProcessLocks.Shared s = ProcessLocks.acquire(file);
    ProcessLocks.release(s);
    assertThrows(ClosedChannelException.class, s::lock, "no other user held the lock file open");
  }

  @Test
  void anOpenThatFailsReportsTheReasonAndReleasesTheLockFile() throws Exception {
    Path file = dir.resolve("ledger.jsonl");
    LedgerException e = assertThrows(LedgerException.class, () -> new JsonLinesLedger(file, SyncPolicy.GROUP,
        Rotation.NONE, f -> {
          throw new IOException("disk gone");
        }, InstantSource.fixed(NOW)));
    assertEquals("cannot open ledger " + file + ": disk gone; check the file and its directory are writable, or set "
        + "ergon.ledger (--ledger) to another file", e.getMessage());
    assertLockFileReleased(file);
    try (JsonLinesLedger l = open(file, SyncPolicy.GROUP)) {
      l.append(Records.sample(Records.id(1), 1));
    }
    assertEquals(1, JsonLinesLedger.read(file).size());
  }

  @Test
  void aMonthlyPartThatIsADirectoryIsRefusedWithTheCheckersOwnMessage() throws Exception {
    Path file = dir.resolve("ledger.jsonl");
    Path month = Files.createDirectory(dir.resolve("ledger.2026-05.jsonl"));
    LedgerException e = assertThrows(LedgerException.class, () -> open(file, SyncPolicy.GROUP, Rotation.MONTHLY));
    assertTrue(String.valueOf(e.getMessage()).startsWith("cannot open ledger " + month + ": it is a directory;"),
        e.getMessage());
    assertLockFileReleased(file);
  }

  @Test
  void aFileSwappedForSomethingElseWhileOpeningIsRefusedAndItsChannelClosed() {
    Path file = dir.resolve("ledger.jsonl");
    List<FaultyChannel> opened = new ArrayList<>();
    LedgerException e = assertThrows(LedgerException.class, () -> new JsonLinesLedger(file, SyncPolicy.GROUP,
        Rotation.NONE, f -> {
          FaultyChannel c = new FaultyChannel(JsonLinesLedger.ChannelOpener.REAL.open(f), budget);
          opened.add(c);
          Files.delete(f);
          return c;
        }, InstantSource.fixed(NOW)));
    assertEquals("ledger " + file + " is not a regular file", e.getMessage());
    assertFalse(opened.get(0).isOpen());
  }

  @Test
  void theBackgroundSyncThreadDoesNotKeepTheJvmAlive() {
    try (JsonLinesLedger l = open(dir.resolve("ledger.jsonl"), SyncPolicy.async(Duration.ofHours(1)))) {
      List<Thread> syncers = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith("ergon-ledger-sync-") && t.isAlive()).toList();
      assertFalse(syncers.isEmpty());
      for (Thread t : syncers) {
        assertTrue(t.isDaemon(), t.getName());
      }
      assertEquals(SyncPolicy.async(Duration.ofHours(1)), l.syncPolicy());
      assertEquals(dir.resolve("ledger.jsonl"), l.path());
      assertEquals("JsonLinesLedger[" + dir.resolve("ledger.jsonl") + ", async:3600000ms, rotate none]",
          l.toString());
    }
  }

  @Test
  void groupModeForcesOncePerAppendAndAFlushWithNothingNewForcesNothing() {
    Path file = dir.resolve("ledger.jsonl");
    EnergyRecord a = Records.sample(Records.id(1), 1);
    try (JsonLinesLedger l = open(file, SyncPolicy.GROUP)) {
      l.append(a);
      long size = (long) description().length + line(a).length;
      assertEquals(List.of(size), channel().forcedSizes);
      l.flush();
      l.flush();
      assertEquals(List.of(size), channel().forcedSizes, "nothing written since: no fsync");
    }
  }

  @Test
  void asyncModeForcesOnFlushAndAFailedForceIsReported() {
    Path file = dir.resolve("ledger.jsonl");
    EnergyRecord a = Records.sample(Records.id(1), 1);
    try (JsonLinesLedger l = open(file, SyncPolicy.async(Duration.ofHours(1)))) {
      l.append(a);
      assertEquals(List.of(), channel().forcedSizes, "async: not forced by the append");
      channel().failForce = true;
      LedgerException e = assertThrows(LedgerException.class, l::flush);
      assertEquals("cannot force ledger " + file + " to disk; see the log for the reason", e.getMessage());
      channel().failForce = false;
      l.flush();
      assertEquals(List.of((long) description().length + line(a).length), channel().forcedSizes);
    }
  }

  @Test
  void groupModeReportsAFailedForceOnTheRecordItWrote() {
    Path file = dir.resolve("ledger.jsonl");
    EnergyRecord a = Records.sample(Records.id(1), 1);
    try (JsonLinesLedger l = open(file, SyncPolicy.GROUP)) {
      channel().failForce = true;
      LedgerException e = assertThrows(LedgerException.class, () -> l.append(a));
      assertEquals("record " + a.id() + " was written to ledger " + file + " but forcing it to disk failed: "
          + "Input/output error; it may not survive a power failure; check the disk", e.getMessage());
      channel().failForce = false;
    }
    assertEquals(List.of(a), JsonLinesLedger.read(file), "written, though not known to be durable");
  }

  @Test
  void aRecordKeptAfterAFailedWriteIsWrittenByFlushAndByRecords() {
    Path file = dir.resolve("ledger.jsonl");
    EnergyRecord a = Records.sample(Records.id(1), 1);
    EnergyRecord b = Records.sample(Records.id(2), 2);
    EnergyRecord c = Records.sample(Records.id(3), 3);
    try (JsonLinesLedger l = open(file, SyncPolicy.GROUP)) {
      l.append(a);
      budget.set(0);
      assertThrows(LedgerException.class, () -> l.append(b));
      LedgerException still = assertThrows(LedgerException.class, l::flush);
      assertEquals("1 record(s) still cannot be written to ledger " + file + "; they are kept in memory; see the "
          + "log for the reason", still.getMessage());
      budget.set(Long.MAX_VALUE);
      l.flush();
      assertArrayEquals(join(description(), line(a), line(b)), readAll(file), "written by the flush alone");
      budget.set(0);
      assertThrows(LedgerException.class, () -> l.append(c));
      budget.set(Long.MAX_VALUE);
      assertEquals(List.of(a, b, c), l.records(), "records() writes what is kept first");
    }
  }

  private static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aFailedFirstWriteIsTruncatedToAnEmptyFile() throws IOException {
    Path file = dir.resolve("ledger.jsonl");
    EnergyRecord a = Records.sample(Records.id(1), 1);
    try (JsonLinesLedger l = open(file, SyncPolicy.GROUP)) {
      budget.set(10);
      LedgerException e = assertThrows(LedgerException.class, () -> l.append(a));
      assertTrue(String.valueOf(e.getMessage()).startsWith("cannot append record " + a.id() + " to ledger " + file
          + ": No space left on device; the file was truncated back to its last whole line; the record is kept in "
          + "memory"), e.getMessage());
      assertEquals(0, Files.size(file));
      budget.set(Long.MAX_VALUE);
    }
    assertArrayEquals(join(description(), line(a)), Files.readAllBytes(file));
  }

  @Test
  void aWriteThatFailsBeforeWritingSaysNothingWasWritten() {
    Path file = dir.resolve("ledger.jsonl");
    EnergyRecord a = Records.sample(Records.id(1), 1);
    try (JsonLinesLedger l = open(file, SyncPolicy.GROUP)) {
      channel().failSize = true;
      LedgerException e = assertThrows(LedgerException.class, () -> l.append(a));
      assertTrue(String.valueOf(e.getMessage()).startsWith("cannot append record " + a.id() + " to ledger " + file
          + ": Stale file handle; nothing was written; the record is kept in memory"), e.getMessage());
      channel().failSize = false;
    }
    assertEquals(List.of(a), JsonLinesLedger.read(file));
  }

  @Test
  void aPartialLineThatCannotBeTruncatedIsSetAsideByTheNextWrite() throws IOException {
    Path file = dir.resolve("ledger.jsonl");
    EnergyRecord a = Records.sample(Records.id(1), 1);
    EnergyRecord b = Records.sample(Records.id(2), 2);
    EnergyRecord c = Records.sample(Records.id(3), 3);
    try (JsonLinesLedger l = open(file, SyncPolicy.GROUP)) {
      l.append(a);
      budget.set(10);
      channel().failTruncate = true;
      LedgerException e = assertThrows(LedgerException.class, () -> l.append(b));
      assertTrue(String.valueOf(e.getMessage()).contains(": No space left on device; truncating the partial line "
          + "failed too (java.io.IOException: Read-only file system); the next writer sets it aside; "),
          e.getMessage());
      channel().failTruncate = false;
      budget.set(Long.MAX_VALUE);
      l.append(c);
      assertEquals(1, l.problems().size(), l.problems().toString());
      assertEquals("a torn last line (10 bytes, from an interrupted write) was moved to " + side(file),
          l.problems().get(0));
    }
    assertArrayEquals(join(description(), line(a), line(b), line(c)), Files.readAllBytes(file));
    assertArrayEquals(Arrays.copyOf(line(b), 10), Files.readAllBytes(side(file)));
  }

  @Test
  void aTornLineLeftByAnotherWriterIsMovedAsideBeforeTheNextRecord() throws IOException {
    Path file = dir.resolve("ledger.jsonl");
    EnergyRecord a = Records.sample(Records.id(1), 1);
    EnergyRecord b = Records.sample(Records.id(2), 2);
    try (JsonLinesLedger l = open(file, SyncPolicy.GROUP)) {
      l.append(a);
      Files.write(file, ascii("{\"partial"), StandardOpenOption.APPEND);
      l.append(b);
      assertEquals(List.of("a torn last line (9 bytes, from an interrupted write) was moved to " + side(file)),
          l.problems());
    }
    assertArrayEquals(join(description(), line(a), line(b)), Files.readAllBytes(file));
    assertArrayEquals(ascii("{\"partial"), Files.readAllBytes(side(file)));
  }

  @Test
  void aTornLineThatCannotBeMovedAsideIsEndedWithANewlineAndTheNextRecordFollowsIt() throws IOException {
    Path file = dir.resolve("ledger.jsonl");
    EnergyRecord a = Records.sample(Records.id(1), 1);
    EnergyRecord b = Records.sample(Records.id(2), 2);
    Files.createDirectory(side(file)); // the side file's name is taken
    try (JsonLinesLedger l = open(file, SyncPolicy.GROUP)) {
      l.append(a);
      Files.write(file, ascii("xyz"), StandardOpenOption.APPEND);
      l.append(b);
      assertEquals(1, l.problems().size());
      assertTrue(l.problems().get(0).startsWith("a torn last line (3 bytes) could not be moved aside ("),
          l.problems().get(0));
    }
    assertArrayEquals(join(description(), line(a), ascii("xyz\n"), line(b)), Files.readAllBytes(file));
    JsonLinesLedger.ReadResult r = JsonLinesLedger.readLenient(file);
    assertEquals(List.of(a, b), r.records());
    assertEquals(1, r.problems().size());
    assertTrue(r.problems().get(0).startsWith(file + ":3: "), r.problems().toString());
  }

  @Test
  void aFileOfOnlyATornLineIsEmptiedOnOpenAndTheTruncationForced() throws IOException {
    Path file = Files.write(dir.resolve("ledger.jsonl"), ascii("{\"sche"));
    try (JsonLinesLedger l = open(file, SyncPolicy.GROUP)) {
      assertEquals(0, Files.size(file));
      assertEquals(List.of(0L), channel().forcedSizes, "the truncation is forced");
      assertEquals(List.of("a torn last line (6 bytes, from an interrupted write) was moved to " + side(file)),
          l.problems());
    }
    assertArrayEquals(ascii("{\"sche"), Files.readAllBytes(side(file)));
  }

  /** Torn tails of 65 535 and 70 000 bytes, read, copied aside and the next batch written 100 bytes a call. */
  @Test
  void longTornTailsAreFoundAcrossChunksAndCopiedWholeWithShortTransfers() throws IOException {
    EnergyRecord a = Records.sample(Records.id(1), 1);
    EnergyRecord b = Records.sample(Records.id(2), 2);
    maxPerCall = 100;
    for (int torn : new int[] {65_535, 70_000}) {
      Path file = dir.resolve("ledger-" + torn + ".jsonl");
      byte[] tail = new byte[torn];
      for (int i = 0; i < torn; i++) {
        tail[i] = (byte) ('a' + i % 26);
      }
      // the newline before the torn tail is the first byte of the last 64 KiB when the tail is 65 535 bytes
      Files.write(file, join(description(), line(a), tail));
      try (JsonLinesLedger l = open(file, SyncPolicy.GROUP)) {
        assertEquals(List.of("a torn last line (" + torn + " bytes, from an interrupted write) was moved to "
            + side(file)), l.problems());
        l.append(b);
      }
      // this ledger object has not yet described the channels in this part, so it does before b
      assertArrayEquals(join(description(), line(a), description(), line(b)), Files.readAllBytes(file),
          "written in pieces");
      assertArrayEquals(tail, Files.readAllBytes(side(file)));
    }
  }

  @Test
  void recordsOfMoreThanTwiceTheWriteBufferGoOutInOneBatch() {
    Path file = dir.resolve("ledger.jsonl");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(description());
    try (JsonLinesLedger l = open(file, SyncPolicy.GROUP)) {
      budget.set(0);
      long bytes = 0;
      for (int i = 1; bytes <= (128 << 10) + description().length + 4096; i++) {
        EnergyRecord r = Records.sample(Records.id(i), i);
        assertThrows(LedgerException.class, () -> l.append(r));
        expected.writeBytes(line(r));
        bytes += line(r).length;
      }
      budget.set(Long.MAX_VALUE);
      l.flush();
      assertEquals(List.of((long) expected.size()), channel().forcedSizes, "one write, one fsync");
    }
    assertArrayEquals(expected.toByteArray(), readAll(file));
  }

  /** 16 records of exactly 1 MiB are 16 MiB, the most kept in memory; the 17th sends them to a fallback file. */
  @Test
  void recordsPastSixteenMebibytesGoToAFallbackFileAndAreNotWrittenTwice() throws IOException {
    String tmp = System.getProperty("java.io.tmpdir");
    Path spillDir = Files.createDirectory(dir.resolve("tmp"));
    System.setProperty("java.io.tmpdir", spillDir.toString());
    try {
      Path file = dir.resolve("ledger.jsonl");
      List<EnergyRecord> big = new ArrayList<>();
      try (JsonLinesLedger l = open(file, SyncPolicy.GROUP)) {
        budget.set(0);
        for (int i = 1; i <= 17; i++) {
          EnergyRecord r = oneMebibyte(i);
          assertEquals(1 << 20, line(r).length);
          big.add(r);
          LedgerException e = assertThrows(LedgerException.class, () -> l.append(r));
          String m = String.valueOf(e.getMessage());
          if (i <= 16) {
            assertTrue(m.contains("; the record is kept in memory"), i + ": " + m);
          } else {
            assertTrue(m.contains("; the record was written to the fallback file " + spillDir.resolve(
                "ergon-unsaved-ledger.jsonl-" + NOW.toEpochMilli() + "-" + ProcessHandle.current().pid()
                + ".jsonl") + "; merge it with ergon report --ledger"), m);
          }
        }
        budget.set(Long.MAX_VALUE);
        EnergyRecord c = Records.sample(Records.id(100), 3);
        l.append(c);
        assertEquals(List.of(c), l.records(), "the spilled records are not written again");
      }
      try (var files = Files.list(spillDir)) {
        Path spilled = files.findFirst().orElseThrow();
        assertEquals(big, JsonLinesLedger.read(spilled));
      }
    } finally {
      System.setProperty("java.io.tmpdir", tmp);
    }
  }

  @Test
  void recordsThatCannotBeSpilledEitherSaySo() {
    String tmp = System.getProperty("java.io.tmpdir");
    Path nowhere = dir.resolve("no/such/dir");
    System.setProperty("java.io.tmpdir", nowhere.toString());
    try (JsonLinesLedger l = open(dir.resolve("ledger.jsonl"), SyncPolicy.GROUP)) {
      budget.set(0);
      String last = "";
      for (int i = 1; i <= 17; i++) {
        EnergyRecord r = oneMebibyte(i);
        last = String.valueOf(assertThrows(LedgerException.class, () -> l.append(r)).getMessage());
      }
      assertTrue(last.contains("; the record could not be kept: the fallback file in " + nowhere
          + " could not be written either."), last);
      budget.set(Long.MAX_VALUE);
    } finally {
      System.setProperty("java.io.tmpdir", tmp);
    }
  }

  @Test
  void aSizePartWithRoomIsKeptThoughAHigherOneAppearsAndTheOldChannelIsClosedOnSwitching() throws IOException {
    Path base = dir.resolve("ledger.jsonl");
    EnergyRecord a = Records.sample(Records.id(1), 1);
    EnergyRecord b = Records.sample(Records.id(2), 2);
    EnergyRecord c = Records.sample(Records.id(3), 3);
    long limit = (long) description().length + line(a).length + line(b).length; // a and b fill part 0 exactly
    Path p0 = dir.resolve("ledger.0.jsonl");
    Path p1 = dir.resolve("ledger.1.jsonl");
    try (JsonLinesLedger l = open(base, SyncPolicy.GROUP, Rotation.bySize(limit))) {
      l.append(a);
      Files.createFile(p1); // another process started part 1
      l.append(b);
      assertArrayEquals(join(description(), line(a), line(b)), Files.readAllBytes(p0), "part 0 had room");
      assertEquals(0, Files.size(p1));
      l.append(c);
      assertFalse(channels.get(0).isOpen(), "part 0's channel closed when part 1 was taken");
    }
    assertArrayEquals(join(description(), line(c)), Files.readAllBytes(p1));
  }

  @Test
  void eachDistinctChannelDescriptionIsWrittenOncePerPartBeforeItsFirstRecord() throws IOException {
    Path file = dir.resolve("ledger.jsonl");
    EnergyRecord a = Records.sample(Records.id(1), 1);
    EnergyRecord other = named(2, "other job"); // no notes: another description
    EnergyRecord b = Records.sample(Records.id(3), 3);
    RecordJson.EncodedRecord o = json.encode(other);
    try (JsonLinesLedger l = open(file, SyncPolicy.GROUP)) {
      l.append(a);
      l.append(other);
      l.append(b);
    }
    assertArrayEquals(join(description(), line(a), o.descriptionLine(), o.line(), line(b)),
        Files.readAllBytes(file));
    assertEquals(List.of(a, other, b), JsonLinesLedger.read(file));
  }

  @Test
  void readingReleasesTheWriteLockAndClosingReleasesChannelLockFileAndWriteLock() throws Exception {
    Path file = dir.resolve("ledger.jsonl");
    EnergyRecord a = Records.sample(Records.id(1), 1);
    EnergyRecord b = Records.sample(Records.id(2), 2);
    JsonLinesLedger l = open(file, SyncPolicy.GROUP);
    l.append(a);
    assertEquals(List.of(a), l.records());
    assertEquals(List.of(), l.problems());
    onAnotherThread(() -> l.append(b));
    l.close();
    assertFalse(channel().isOpen());
    assertLockFileReleased(file);
    onAnotherThread(() -> assertEquals(List.of(a, b), l.records()));
    onAnotherThread(() -> assertEquals(List.of(), l.problems()));
    IllegalStateException closed = assertThrows(IllegalStateException.class, () -> l.append(a));
    assertEquals("ledger " + file + " is closed", closed.getMessage());
  }

  @Test
  void aFlushByAnInterruptedThreadKeepsItsInterruptAndTheChannelOpen() {
    Path file = dir.resolve("ledger.jsonl");
    EnergyRecord a = Records.sample(Records.id(1), 1);
    EnergyRecord b = Records.sample(Records.id(2), 2);
    try (JsonLinesLedger l = open(file, SyncPolicy.async(Duration.ofHours(1)))) {
      l.append(a);
      Thread.currentThread().interrupt();
      l.flush();
      assertTrue(Thread.interrupted(), "the interrupt status is restored (and cleared here)");
      assertTrue(channel().isOpen());
      l.append(b);
    }
    assertEquals(List.of(a, b), JsonLinesLedger.read(file));
  }

  /** An appender interrupted while it waits behind another's fsync still has its record written, and its flag. */
  @Test
  void anAppenderInterruptedWhileWaitingForTheLeaderKeepsItsInterrupt() throws Exception {
    Path file = dir.resolve("ledger.jsonl");
    EnergyRecord a = Records.sample(Records.id(1), 1);
    EnergyRecord b = Records.sample(Records.id(2), 2);
    try (JsonLinesLedger l = open(file, SyncPolicy.GROUP)) {
      channel().forceMillis = 400;
      Thread leader = new Thread(() -> l.append(a));
      leader.start();
      Thread.sleep(100);
      CompletableFuture<Boolean> flag = new CompletableFuture<>();
      Thread waiter = new Thread(() -> {
        try {
          l.append(b);
          flag.complete(Thread.currentThread().isInterrupted());
        } catch (RuntimeException e) {
          flag.completeExceptionally(e);
        }
      });
      waiter.start();
      Thread.sleep(100);
      waiter.interrupt();
      assertTrue(flag.get(10, TimeUnit.SECONDS), "the interrupt is not swallowed");
      leader.join();
    }
    assertEquals(List.of(a, b), JsonLinesLedger.read(file));
  }
}
