package dev.ergon.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Configuration;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which paths a ledger may be opened at, how the per-file lock is shared and released, and the in-memory store. */
class LedgerFilesAndLocksTest {

  @TempDir
  Path dir;

  @Test
  void aMissingFileIsNotYetAppendableAndARegularFileOrALinkToALedgerIs() throws IOException {
    Path missing = dir.resolve("missing.jsonl");
    assertFalse(LedgerFiles.checkAppendable(missing));
    Path empty = Files.createFile(dir.resolve("empty.jsonl"));
    assertTrue(LedgerFiles.checkAppendable(empty));
    Path ledger = Files.writeString(dir.resolve("real.jsonl"), "{\"schema\":1}\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), ledger);
    assertTrue(LedgerFiles.checkAppendable(link));
    Path toEmpty = Files.createSymbolicLink(dir.resolve("link-empty.jsonl"), empty);
    assertTrue(LedgerFiles.checkAppendable(toEmpty));
  }

  @Test
  void aDirectoryIsRefusedWithAFileInItSuggestedDirectlyOrThroughALink() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    LedgerException e = assertThrows(LedgerException.class, () -> LedgerFiles.checkAppendable(sub));
    assertEquals("cannot open ledger " + sub + ": it is a directory; a ledger must be a regular file: point "
        + "ergon.ledger (or --ledger) at a file such as " + sub.resolve("ledger.jsonl"), e.getMessage());
    Path link = Files.createSymbolicLink(dir.resolve("to-sub"), sub);
    LedgerException viaLink = assertThrows(LedgerException.class, () -> LedgerFiles.checkAppendable(link));
    assertEquals("cannot open ledger " + link + ": it (through a symbolic link) is a directory; a ledger must be a "
        + "regular file: point ergon.ledger (or --ledger) at a file such as " + link.resolve("ledger.jsonl"),
        viaLink.getMessage());
  }

  @Test
  void aLinkToANonLedgerOrToNothingIsRefused() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello\n");
    Path link = Files.createSymbolicLink(dir.resolve("l.jsonl"), text);
    LedgerException e = assertThrows(LedgerException.class, () -> LedgerFiles.checkAppendable(link));
    assertTrue(String.valueOf(e.getMessage()).contains("not an Ergon ledger"), e.getMessage());
    Path dangling = Files.createSymbolicLink(dir.resolve("d.jsonl"), dir.resolve("gone.jsonl"));
    LedgerException d = assertThrows(LedgerException.class, () -> LedgerFiles.checkAppendable(dangling));
    assertTrue(String.valueOf(d.getMessage()).contains("symbolic link to a missing file"), d.getMessage());
  }

  @Test
  void theReasonOfAFileSystemErrorIsItsReasonAndItsKindElseItsMessage() {
    assertEquals("No space left on device (FileSystemException)",
        LedgerFiles.reason(new FileSystemException("/x", null, "No space left on device")));
    assertEquals("/x", LedgerFiles.reason(new AccessDeniedException("/x")));
    assertEquals("boom", LedgerFiles.reason(new IOException("boom")));
    assertEquals("IOException", LedgerFiles.reason(new IOException()));
  }

  @Test
  void oneLockFileIsSharedByEveryOpenOfALedgerAndClosedWithTheLast() throws IOException {
    Path ledger = dir.resolve("ledger.jsonl");
    ProcessLocks.Shared a = ProcessLocks.acquire(ledger);
    ProcessLocks.Shared b = ProcessLocks.acquire(dir.resolve("./ledger.jsonl"));
    assertSame(a, b, "the same lock file, by its file key");
    assertEquals(dir.resolve("ledger.jsonl.lock"), a.file());
    assertTrue(Files.isRegularFile(a.file()));
    ProcessLocks.release(a);
    try (ProcessLocks.Held h = b.lock()) {
      assertTrue(h != null, "still open for the second user");
    }
    ProcessLocks.release(b);
    assertThrows(ClosedChannelException.class, b::lock, "the channel is closed with the last user");
    ProcessLocks.Shared c = ProcessLocks.acquire(ledger);
    try {
      assertNotSame(a, c, "a fresh lock after the last release");
    } finally {
      ProcessLocks.release(c);
    }
  }

  @Test
  void aFailedLockLeavesTheThreadLockFreeForOtherThreads() throws Exception {
    ProcessLocks.Shared s = ProcessLocks.acquire(dir.resolve("ledger.jsonl"));
    ProcessLocks.release(s);
    assertThrows(ClosedChannelException.class, s::lock);
    CompletableFuture<Throwable> other = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        s.lock().close();
        other.complete(new AssertionError("locked a closed channel"));
      } catch (IOException | RuntimeException e) {
        other.complete(e);
      }
    });
    t.setDaemon(true);
    t.start();
    assertInstanceOf(ClosedChannelException.class, other.get(10, TimeUnit.SECONDS),
        "the other thread is not kept waiting on the thread lock");
  }

  @Test
  void twoNamesOfOneLockFileShareOneLock() throws IOException {
    Path a = dir.resolve("a.jsonl");
    ProcessLocks.Shared sa = ProcessLocks.acquire(a);
    try {
      Files.createLink(dir.resolve("b.jsonl.lock"), sa.file());
      ProcessLocks.Shared sb = ProcessLocks.acquire(dir.resolve("b.jsonl"));
      try {
        assertSame(sa, sb, "a hard link is the same file: a second channel could not lock it in this JVM");
      } finally {
        ProcessLocks.release(sb);
      }
    } finally {
      ProcessLocks.release(sa);
    }
  }

  @Test
  void aLockFileThatCannotBeMadeForAnotherReasonThanPermissionIsAnError() throws IOException {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    FileSystemException e = assertThrows(FileSystemException.class,
        () -> ProcessLocks.acquire(file.resolve("ledger.jsonl")));
    assertTrue(String.valueOf(e.getReason()).contains("Not a directory"), e.toString());
  }

  @Test
  void onlyJdbcLocationsAreUrlsAndAFileLocationOpensAJsonLinesLedger() throws IOException {
    assertTrue(LedgerProvider.isUrl("jdbc:postgresql://h/db"));
    assertFalse(LedgerProvider.isUrl("ledger.jsonl"));
    Path file = dir.resolve("ledger.jsonl");
    try (Ledger l = LedgerProvider.open(file.toString(), Configuration.empty(), getClass().getClassLoader())) {
      assertInstanceOf(JsonLinesLedger.class, l);
      l.append(Records.sample(Records.id(1), 1));
    }
    assertTrue(Files.readString(file, StandardCharsets.UTF_8).contains(Records.id(1)));
  }

  @Test
  void aUrlNoProviderTakesNamesItsSchemeOrTheWholeUrl() {
    ClassLoader loader = getClass().getClassLoader();
    LedgerException e = assertThrows(LedgerException.class,
        () -> LedgerProvider.open("jdbc:nosuch://h/db", Configuration.empty(), loader));
    assertTrue(String.valueOf(e.getMessage()).startsWith("no ledger store for 'jdbc:nosuch:' URLs"), e.getMessage());
    LedgerException whole = assertThrows(LedgerException.class,
        () -> LedgerProvider.open("jdbc:bare", Configuration.empty(), loader));
    assertTrue(String.valueOf(whole.getMessage()).startsWith("no ledger store for 'jdbc:bare:' URLs"),
        whole.getMessage());
  }

  @Test
  void inMemoryKeepsTheLaterCheckpointAndRefusesAnotherJobUnderAnId() {
    InMemoryLedger l = new InMemoryLedger();
    EnergyRecord open = Records.sample(Records.id(1), 5, RecordStatus.OPEN, 5);
    EnergyRecord done = Records.sample(Records.id(1), 9, RecordStatus.COMPLETE, 10);
    l.append(open);
    l.append(open);
    assertEquals(List.of(open), l.records());
    l.append(done);
    assertEquals(List.of(done), l.records(), "the final record replaces the checkpoint");
    l.append(open);
    assertEquals(List.of(done), l.records(), "a late checkpoint does not replace the final record");
    EnergyRecord other = Records.sample(Records.id(1), 9, RecordStatus.COMPLETE, 20);
    LedgerException e = assertThrows(LedgerException.class, () -> l.append(other));
    assertTrue(String.valueOf(e.getMessage()).contains("conflicts with the record of job"), e.getMessage());
    assertEquals(List.of(done), l.records());
  }
}
