package dev.ergon.ledger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/*
 * Why a lock file, held once per process.
 *
 * FileChannel.lock is a POSIX record lock (fcntl F_SETLKW). Such a lock belongs to the process and the file, not
 * to the descriptor: closing ANY descriptor of the file in the process releases it, even one opened by a reader or
 * by a second ledger object. In 0.1 the ledger locked the ledger file itself, so JsonLinesLedger.read (or a second
 * monitor) closing its own descriptor silently dropped the writer's lock, and lines from several JVMs interleaved.
 *
 * The usual remedies are Linux open file description locks (F_OFD_SETLKW, owned by the descriptor) and a dedicated
 * lock file. OFD locks need a native call (JNA or the foreign function API, neither of which core may depend on
 * under Java 17), and are Linux-only. So the ledger locks a dedicated file, <ledger>.lock, that no reader opens,
 * and this class keeps exactly one descriptor of each lock file per process, shared by every ledger object that
 * uses it and closed only when the last one is closed. Threads of this process take a fair in-process lock first
 * (the OS lock cannot exclude threads of its own process), then the OS lock, which excludes other processes.
 *
 * This is the one piece of process-wide state in the ledger. It mirrors state the kernel already keeps per
 * process (the record locks); holding it anywhere narrower would bring the 0.1 bug back.
 *
 * If the ledger's directory is not writable and has no lock file yet, the lock file lives in java.io.tmpdir,
 * named by the ledger file's device and inode, so every process on the machine finds the same one.
 */
final class ProcessLocks {
  private static final Map<Object, Shared> OPEN = new HashMap<>();

  private ProcessLocks() {}

  /** One lock file's descriptor and in-process lock, shared by the ledgers of this process that use it. */
  static final class Shared {
    private final Object key;
    private final Path file;
    private final FileChannel channel;
    private final ReentrantLock threads = new ReentrantLock(true);
    private int users;

    private Shared(Object key, Path file, FileChannel channel) {
      this.key = key;
      this.file = file;
      this.channel = channel;
    }

    /** Returns the lock file. */
    Path file() {
      return file;
    }

    /**
     * Takes the lock: first against the other threads of this process, then against other processes.
     *
     * @return the lock to release
     * @throws IOException if the OS lock cannot be taken
     */
    Held lock() throws IOException {
      threads.lock();
      try {
        FileLock os = channel.lock();
        return new Held(this, os);
      } catch (IOException | RuntimeException e) {
        threads.unlock();
        throw e;
      }
    }
  }

  /** A held lock; {@link #close()} releases it. */
  static final class Held implements AutoCloseable {
    private final Shared shared;
    private final FileLock os;

    private Held(Shared shared, FileLock os) {
      this.shared = shared;
      this.os = os;
    }

    @Override
    public void close() throws IOException {
      try {
        os.release();
      } finally {
        shared.threads.unlock();
      }
    }
  }

  /**
   * Returns the shared lock for a ledger file, creating its lock file (mode 0600) if needed.
   *
   * @param ledger the ledger's base file (its directory exists; rotated parts share the lock)
   * @return the shared lock; give it back with {@link #release}
   * @throws IOException if no lock file can be created or opened
   */
  static Shared acquire(Path ledger) throws IOException {
    Path beside = ledger.resolveSibling(ledger.getFileName() + ".lock");
    synchronized (OPEN) {
      Path lockFile = beside;
      try {
        create(lockFile);
      } catch (AccessDeniedException e) {
        lockFile = inTmp(ledger);
        create(lockFile);
      } catch (FileSystemException e) {
        if (!String.valueOf(e.getReason()).contains("Read-only")) {
          throw e;
        }
        lockFile = inTmp(ledger);
        create(lockFile);
      }
      Object key = Files.readAttributes(lockFile, BasicFileAttributes.class).fileKey();
      if (key == null) {
        key = lockFile.toRealPath();
      }
      Shared s = OPEN.get(key);
      if (s == null) {
        s = new Shared(key, lockFile, FileChannel.open(lockFile, StandardOpenOption.WRITE));
        OPEN.put(key, s);
      }
      s.users++;
      return s;
    }
  }

  /**
   * Gives back a shared lock; the last user closes the descriptor. The caller does not hold the lock.
   *
   * @param s the lock
   * @throws IOException if closing fails
   */
  static void release(Shared s) throws IOException {
    synchronized (OPEN) {
      if (--s.users == 0) {
        OPEN.remove(s.key);
        s.channel.close();
      }
    }
  }

  private static void create(Path lockFile) throws IOException {
    if (Files.exists(lockFile)) {
      if (!Files.isWritable(lockFile)) {
        throw new AccessDeniedException(lockFile.toString());
      }
      return;
    }
    try {
      LedgerFiles.createPrivateFile(lockFile);
    } catch (FileAlreadyExistsException e) {
      // another process made it first
    }
  }

  private static Path inTmp(Path ledger) throws IOException {
    Path dir = ledger.toAbsolutePath().getParent();
    Object key = dir == null ? null : Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
    String where = key == null ? Integer.toHexString(ledger.toAbsolutePath().normalize().toString().hashCode())
        : key.toString().replaceAll("[^0-9a-zA-Z=,]", "").replace('=', '-').replace(',', '_');
    String name = ledger.getFileName().toString().replaceAll("[^0-9a-zA-Z._-]", "_");
    return Path.of(System.getProperty("java.io.tmpdir"), "ergon-ledger-" + where + "-" + name + ".lock");
  }
}
