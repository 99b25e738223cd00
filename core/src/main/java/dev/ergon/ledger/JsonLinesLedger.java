package dev.ergon.ledger;

import dev.ergon.Configuration;
import dev.ergon.EnergyRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default ledger: one JSON object per line in a UTF-8 file (JSON Lines), appended, never rewritten.
 *
 * <p><b>Appending never reads the ledger.</b> Opening checks only the file's type and its last bytes (for a torn
 * line); an append writes at the end of the file. A corrupt, huge or duplicated old line cannot stop a new record
 * from being written, and opening a 10 GB ledger costs what opening an empty one does. The same id may be
 * appended again (a job's checkpoints, then its final record); readers keep the latest state per id.
 *
 * <p><b>Durability</b> is chosen with a {@link SyncPolicy} ({@code ergon.ledger.sync}): {@code record},
 * {@code group} (the default) or {@code async:<period>}; its table says what each promises after a crash.
 *
 * <p><b>Several writers.</b> Each batch of lines is written with one positional write at the end of the file
 * while holding an exclusive lock on the dedicated lock file {@code <name>.lock}, which this process holds
 * through one descriptor shared by every ledger object (a POSIX lock belongs to the process, so closing any other
 * descriptor of a locked file would drop it; readers never open the lock file). Threads, ledger objects and
 * processes on one machine may append to one ledger at once; their lines never interleave. Do not open the
 * {@code .lock} file yourself. All writers must run Ergon 0.2 or later (0.1 locked the ledger file itself).
 *
 * <p><b>Failures leave nothing half-written.</b> If a write fails (no space, I/O error, quota), the file is
 * truncated back to its last whole line and the {@link LedgerException} gives the operating system's reason. The
 * failed lines are kept in memory and written before the next append, on {@link #flush()} or on {@link #close()};
 * if they still cannot be written on close, they are written to a fallback file in {@code java.io.tmpdir} named in
 * the log and in the exception. A process killed mid-write can leave a last line without its newline: the next
 * writer moves it to {@code <name>.torn-<millis>} (or, where the directory is read-only, ends it with a newline so
 * that readers report it as a bad line), so nothing is half-parsed or glued to a new record.
 *
 * <p><b>Files.</b> Only regular files are opened; a FIFO, device or directory is refused with a message, and a
 * symbolic link is followed only to an empty file or a ledger. New files are created 0600, new directories 0700.
 * With a {@link Rotation} the configured path names the parts ({@code ledger.2026-05.jsonl}, {@code ledger.3.jsonl}).
 *
 * <p><b>Memory.</b> Nothing appended is retained; {@link #records()} reads the file.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class JsonLinesLedger implements Ledger {
  private static final Logger LOG = LoggerFactory.getLogger(JsonLinesLedger.class);
  private static final AtomicInteger SYNC_THREADS = new AtomicInteger();

  /** The configuration key of the sync mode: {@code record}, {@code group} or {@code async:<period>}. */
  public static final String KEY_SYNC = "ergon.ledger.sync";

  /** The configuration key of the rotation: {@code none}, {@code monthly} or {@code size:<bytes>}. */
  public static final String KEY_ROTATE = "ergon.ledger.rotate";

  /** The longest a group commit's leader waits for the appenders it expects (see gather). */
  private static final long MAX_GATHER_NANOS = 1_000_000;

  /** How often a gathering leader looks at the queue. */
  private static final long GATHER_POLL_NANOS = 20_000;

  /** Failed lines kept in memory for a retry, at most; beyond, they go to a fallback file at once. */
  static final long RETRY_LIMIT_BYTES = 16L << 20;

  private final Path path;
  private final SyncPolicy sync;
  private final Rotation rotation;
  private final ChannelOpener opener;
  private final InstantSource clock;
  private final RecordJson json = new RecordJson();
  private final ProcessLocks.Shared fileLock;
  private final @Nullable ScheduledExecutorService syncer;

  private final Object queueLock = new Object();
  private List<Pending> queue = new ArrayList<>(); // guarded by queueLock
  private boolean closed; // guarded by queueLock
  private boolean leaderActive; // guarded by queueLock: an appender is writing the queue
  private volatile int lastBatchSize = 1; // appends the last group commit covered
  private volatile long lastForceNanos; // how long the last fsync took

  private final ReentrantLock writeLock = new ReentrantLock();
  private @Nullable FileChannel channel; // guarded by writeLock
  private Path part; // guarded by writeLock
  private long lastEnd = -1; // guarded by writeLock: the file's size after our last write
  private boolean dirty; // guarded by writeLock: written, not yet forced
  private final List<Pending> retry = new ArrayList<>(); // guarded by writeLock
  private long retryBytes; // guarded by writeLock
  private final Set<String> described = new HashSet<>(); // guarded by writeLock: descriptions in this part
  private ByteBuffer buffer = ByteBuffer.allocateDirect(64 << 10); // guarded by writeLock
  private final List<String> problems = new ArrayList<>(); // guarded by writeLock
  private boolean shut; // guarded by writeLock: closed, no more writes

  /** Opens a file as a channel; a seam for tests that simulate a full disk. */
  @FunctionalInterface
  interface ChannelOpener {
    FileChannel open(Path file) throws IOException;

    /** The real opener: create 0600, read and write. */
    ChannelOpener REAL = file -> FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
  }

  JsonLinesLedger(Path path, SyncPolicy sync, Rotation rotation, ChannelOpener opener, InstantSource clock) {
    this.path = path;
    this.sync = sync;
    this.rotation = rotation;
    this.opener = opener;
    this.clock = clock;
    this.part = path;
    if (rotation.kind() == Rotation.Kind.NONE) {
      LedgerFiles.checkAppendable(path);
    }
    Path dir = path.toAbsolutePath().getParent();
    try {
      if (dir != null) {
        LedgerFiles.createPrivateDirectories(dir);
      }
    } catch (IOException e) {
      throw new LedgerException("cannot open ledger " + path + ": its directory cannot be created ("
          + LedgerFiles.reason(e) + "); create it, or set ergon.ledger (--ledger) to a file in a writable "
          + "directory", e);
    }
    try {
      this.fileLock = ProcessLocks.acquire(path);
    } catch (IOException e) {
      throw new LedgerException("cannot open ledger " + path + ": its lock file cannot be created or opened ("
          + LedgerFiles.reason(e) + "); check the directory's permissions", e);
    }
    writeLock.lock();
    try (ProcessLocks.Held h = fileLock.lock()) {
      FileChannel ch = currentPart();
      long size = ch.size();
      if (size > 0) {
        lastEnd = repairTail(ch, size);
      }
    } catch (IOException | RuntimeException e) {
      closeChannel();
      releaseLock();
      if (e instanceof LedgerException le) {
        throw le;
      }
      throw new LedgerException("cannot open ledger " + part + ": " + (e instanceof IOException io
          ? LedgerFiles.reason(io) : e.toString()) + "; check the file and its directory are writable, or set "
          + "ergon.ledger (--ledger) to another file", e);
    } finally {
      writeLock.unlock();
    }
    if (sync.mode() == SyncPolicy.Mode.ASYNC) {
      ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ergon-ledger-sync-" + SYNC_THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      long nanos = sync.period().toNanos();
      var unused = s.scheduleWithFixedDelay(this::backgroundSync, nanos, nanos, TimeUnit.NANOSECONDS);
      this.syncer = s;
    } else {
      this.syncer = null;
    }
  }

  /**
   * Opens (creating if needed) a ledger file with group sync and no rotation.
   *
   * @param path the file
   * @return the open ledger, owned by the caller
   * @throws LedgerException if it cannot be opened: not a regular file, not writable, and so on
   */
  public static JsonLinesLedger open(Path path) {
    return open(path, SyncPolicy.GROUP);
  }

  /**
   * Opens (creating if needed) a ledger file with a sync policy and no rotation.
   *
   * @param path the file
   * @param sync when appended records are forced to disk
   * @return the open ledger, owned by the caller
   * @throws LedgerException if it cannot be opened
   */
  public static JsonLinesLedger open(Path path, SyncPolicy sync) {
    return open(path, sync, Rotation.NONE);
  }

  /**
   * Opens (creating if needed) a ledger with a sync policy and a rotation.
   *
   * @param path the file, or with rotation the name its parts are made from
   * @param sync when appended records are forced to disk
   * @param rotation when a new part starts
   * @return the open ledger, owned by the caller
   * @throws LedgerException if it cannot be opened
   */
  public static JsonLinesLedger open(Path path, SyncPolicy sync, Rotation rotation) {
    return new JsonLinesLedger(path, sync, rotation, ChannelOpener.REAL, InstantSource.system());
  }

  /**
   * Opens a ledger with the sync mode ({@value #KEY_SYNC}, default {@code group}) and rotation
   * ({@value #KEY_ROTATE}, default {@code none}) of a configuration.
   *
   * @param path the file
   * @param config the configuration
   * @return the open ledger, owned by the caller
   * @throws IllegalArgumentException if a setting is malformed, naming the key, where it came from, the value and
   *     the allowed forms
   * @throws LedgerException if it cannot be opened
   */
  public static JsonLinesLedger open(Path path, Configuration config) {
    return open(path, syncPolicy(config), rotation(config));
  }

  /**
   * Returns the sync policy a configuration sets ({@value #KEY_SYNC}), {@link SyncPolicy#GROUP} if unset.
   *
   * @param config the configuration
   * @return the policy
   * @throws IllegalArgumentException if malformed, naming the key, its source, the value and the allowed forms
   */
  public static SyncPolicy syncPolicy(Configuration config) {
    return config.get(KEY_SYNC).map(v -> {
      try {
        return SyncPolicy.parse(v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad value '" + v + "' for " + KEY_SYNC + " (from "
            + config.source(KEY_SYNC) + "); expected " + SyncPolicy.FORMS, e);
      }
    }).orElse(SyncPolicy.GROUP);
  }

  /**
   * Returns the rotation a configuration sets ({@value #KEY_ROTATE}), {@link Rotation#NONE} if unset.
   *
   * @param config the configuration
   * @return the rotation
   * @throws IllegalArgumentException if malformed, naming the key, its source, the value and the allowed forms
   */
  public static Rotation rotation(Configuration config) {
    return config.get(KEY_ROTATE).map(v -> {
      try {
        return Rotation.parse(v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad value '" + v + "' for " + KEY_ROTATE + " (from "
            + config.source(KEY_ROTATE) + "); expected " + Rotation.FORMS, e);
      }
    }).orElse(Rotation.NONE);
  }

  /**
   * Returns the default ledger path: {@code $XDG_DATA_HOME/ergon/ledger.jsonl}, else
   * {@code $HOME/.local/share/ergon/ledger.jsonl}, else {@code <userHome>/.local/share/ergon/ledger.jsonl}.
   * Relative or blank variables are ignored, as the XDG specification says.
   *
   * @param env the environment, e.g. {@link System#getenv()}
   * @param userHome the JVM's {@code user.home}, from the password database
   * @return the path, absolute
   * @throws LedgerException if no absolute home is known (a user without a password entry gets {@code ?}),
   *     saying to set {@code HOME} or {@code ergon.ledger}
   */
  public static Path defaultPath(Map<String, String> env, String userHome) {
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "ergon", "ledger.jsonl");
    }
    String home = env.get("HOME");
    if (home == null || home.isBlank() || !Path.of(home).isAbsolute()) {
      home = userHome;
    }
    if (home.isBlank() || !Path.of(home).isAbsolute()) {
      throw new LedgerException("no home directory for the default ledger (HOME is unset and user.home is '"
          + userHome + "'); set HOME or XDG_DATA_HOME, or ergon.ledger (ERGON_LEDGER, --ledger) to a file");
    }
    return Path.of(home, ".local", "share", "ergon", "ledger.jsonl");
  }

  /** A line on its way to the file, and what became of it. */
  private static final class Pending {
    final RecordJson.EncodedRecord encoded;
    volatile boolean done;
    volatile @Nullable LedgerException failure;

    Pending(RecordJson.EncodedRecord encoded) {
      this.encoded = encoded;
    }
  }

  @Override
  public void append(EnergyRecord record) {
    // A thread interrupted during a FileChannel operation closes the channel for every user of this ledger (and
    // of the shared lock file), so the interrupt status is set aside while this thread does I/O, and restored.
    boolean interrupted = Thread.interrupted();
    try {
      appendUninterrupted(record);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void appendUninterrupted(EnergyRecord record) {
    Pending p = new Pending(json.encode(record));
    SyncPolicy.Mode mode = sync.mode();
    if (mode == SyncPolicy.Mode.RECORD) {
      synchronized (queueLock) {
        checkOpen();
      }
      writeLock.lock();
      try {
        if (shut) {
          throw new IllegalStateException("ledger " + path + " is closed");
        }
        writeBatch(List.of(p));
        if (p.failure == null) {
          force(List.of(p));
        }
      } finally {
        writeLock.unlock();
      }
    } else {
      synchronized (queueLock) {
        checkOpen();
        queue.add(p);
      }
      commit(p, mode);
    }
    LedgerException failure = p.failure;
    if (failure != null) {
      throw new LedgerException(String.valueOf(failure.getMessage()), failure.getCause());
    }
  }

  /*
   * Group commit. One appender at a time is the leader: it takes every queued line, writes them with one write
   * and (group mode) forces them with one fsync. The others wait on queueLock, not on writeLock, so that when the
   * leader finishes, every appender whose line it covered returns at once, and one of the rest becomes the next
   * leader with everything queued meanwhile. (Waiting on writeLock instead would make covered appenders queue
   * behind the next fsync before they could even learn they were done.)
   */
  private void commit(Pending p, SyncPolicy.Mode mode) {
    boolean interrupted = false;
    try {
      while (true) {
        synchronized (queueLock) {
          while (!p.done && leaderActive) {
            try {
              queueLock.wait();
            } catch (InterruptedException e) {
              interrupted = true;
            }
          }
          if (p.done) {
            return;
          }
          leaderActive = true;
        }
        try {
          if (mode == SyncPolicy.Mode.GROUP) {
            gather();
          }
          writeLock.lock();
          try {
            List<Pending> batch = takeQueue();
            if (mode == SyncPolicy.Mode.GROUP) {
              lastBatchSize = Math.max(1, batch.size());
            }
            writeBatch(batch);
            if (mode == SyncPolicy.Mode.GROUP) {
              force(batch);
            }
          } finally {
            writeLock.unlock();
          }
        } finally {
          synchronized (queueLock) {
            leaderActive = false;
            queueLock.notifyAll();
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Group commit's gathering (as PostgreSQL's commit_delay): when the last fsync covered several appenders, they
   * are probably about to append again, so the leader gives them up to half an fsync's time (at most 1 ms) to
   * queue before it writes and forces, and one fsync covers them all. With one appender it never waits. Holds
   * leadership, not writeLock or queueLock, so the others can queue meanwhile.
   */
  private void gather() {
    int expected = lastBatchSize;
    if (expected <= 1) {
      return;
    }
    long window = Math.min(lastForceNanos / 2, MAX_GATHER_NANOS);
    long start = System.nanoTime();
    while (true) {
      synchronized (queueLock) {
        if (queue.size() >= expected || closed) {
          return;
        }
      }
      if (System.nanoTime() - start >= window) {
        return;
      }
      LockSupport.parkNanos(GATHER_POLL_NANOS); // frees the CPU the appenders the last fsync covered need
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("ledger " + path + " is closed");
    }
  }

  private List<Pending> takeQueue() {
    synchronized (queueLock) {
      List<Pending> batch = queue;
      queue = new ArrayList<>();
      return batch;
    }
  }

  /** Writes the retried lines and a batch in one write, or fails them all and truncates. Holds writeLock. */
  private void writeBatch(List<Pending> batch) {
    if (batch.isEmpty() && retry.isEmpty()) {
      return;
    }
    if (shut) {
      for (Pending p : batch) {
        p.failure = new LedgerException("ledger " + path + " was closed before record " + p.encoded.id()
            + " was written");
        p.done = true;
      }
      return;
    }
    List<Pending> all = batch;
    if (!retry.isEmpty()) {
      all = new ArrayList<>(retry);
      all.addAll(batch);
    }
    Set<String> newDescriptions = new HashSet<>(2);
    long start = -1;
    FileChannel ch = null;
    try (ProcessLocks.Held h = fileLock.lock()) {
      ch = currentPart();
      fill(all, newDescriptions);
      long size = ch.size();
      if (size > 0 && size != lastEnd) {
        size = repairTail(ch, size);
      }
      start = size;
      long pos = size;
      while (buffer.hasRemaining()) {
        pos += ch.write(buffer, pos);
      }
      lastEnd = pos;
      dirty = true;
    } catch (IOException | RuntimeException e) {
      String undo = truncate(ch, start);
      described.removeAll(newDescriptions);
      failed(batch, e, undo);
      return;
    }
    retry.clear();
    retryBytes = 0;
    for (Pending p : batch) {
      if (sync.mode() == SyncPolicy.Mode.ASYNC) {
        p.done = true;
      }
    }
  }

  /** Puts descriptions not yet in this part, then the lines, into the buffer, ready to write. */
  private void fill(List<Pending> all, Set<String> newDescriptions) {
    int need = 0;
    for (Pending p : all) {
      need += p.encoded.line().length;
      String d = p.encoded.descriptionDigest();
      if (d != null && !described.contains(d) && newDescriptions.add(d)) {
        need += p.encoded.descriptionLine().length;
      }
    }
    if (buffer.capacity() < need) {
      buffer = ByteBuffer.allocateDirect(Math.max(need, buffer.capacity() * 2));
    }
    buffer.clear();
    if (newDescriptions.isEmpty()) {
      for (Pending p : all) {
        buffer.put(p.encoded.line());
      }
    } else {
      Set<String> put = new HashSet<>();
      for (Pending p : all) {
        String d = p.encoded.descriptionDigest();
        if (d != null && newDescriptions.contains(d) && put.add(d)) {
          buffer.put(p.encoded.descriptionLine());
        }
        buffer.put(p.encoded.line());
      }
    }
    buffer.flip();
    described.addAll(newDescriptions);
  }

  /** Truncates back to the last whole line after a failed write; returns what happened, for the message. */
  private String truncate(@Nullable FileChannel ch, long start) {
    if (ch == null || start < 0) {
      return "nothing was written";
    }
    try (ProcessLocks.Held h = fileLock.lock()) {
      if (ch.size() > start) {
        ch.truncate(start);
      }
      lastEnd = start;
      return "the file was truncated back to its last whole line";
    } catch (IOException | RuntimeException e) {
      lastEnd = -1;
      return "truncating the partial line failed too (" + e + "); the next writer sets it aside";
    }
  }

  /** Marks a batch failed; keeps its lines for a retry or writes them to a fallback file. Holds writeLock. */
  private void failed(List<Pending> batch, Throwable e, String undo) {
    String reason = e instanceof IOException io ? LedgerFiles.reason(io) : e.toString();
    for (Pending p : batch) {
      retry.add(p);
      retryBytes += p.encoded.line().length;
    }
    String kept;
    if (retryBytes <= RETRY_LIMIT_BYTES) {
      kept = "the record is kept in memory and written before the next append, on flush or on close (or to a "
          + "fallback file in " + System.getProperty("java.io.tmpdir") + " if that fails too)";
    } else {
      Path spilled = spill();
      kept = spilled != null ? "the record was written to the fallback file " + spilled
          + "; merge it with ergon report --ledger" : "the record could not be kept: the fallback file in "
          + System.getProperty("java.io.tmpdir") + " could not be written either";
    }
    for (Pending p : batch) {
      p.failure = new LedgerException("cannot append record " + p.encoded.id() + " to ledger " + part + ": "
          + reason + "; " + undo + "; " + kept + ". Free space or fix the file system; records already in the "
          + "ledger are intact", e);
      p.done = true;
    }
    LOG.error("ledger {}: cannot append {} record(s): {}; {}", part, batch.size(), reason, undo);
  }

  /** Writes the retry lines to a fallback file; returns it, or null if that failed. Holds writeLock. */
  private @Nullable Path spill() {
    if (retry.isEmpty()) {
      return null;
    }
    Path file = Path.of(System.getProperty("java.io.tmpdir"), "ergon-unsaved-" + path.getFileName() + "-"
        + clock.millis() + "-" + ProcessHandle.current().pid() + ".jsonl");
    try {
      LedgerFiles.createPrivateFile(file);
      try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
        Set<String> put = new HashSet<>();
        for (Pending p : retry) {
          String d = p.encoded.descriptionDigest();
          if (d != null && put.add(d)) {
            write(out, p.encoded.descriptionLine());
          }
          write(out, p.encoded.line());
        }
        out.force(true);
      }
      LOG.error("ledger {}: {} unsaved record(s) written to the fallback file {}; merge it with "
          + "ergon report --ledger", part, retry.size(), file);
      retry.clear();
      retryBytes = 0;
      return file;
    } catch (IOException e) {
      LOG.error("ledger {}: the fallback file {} cannot be written either: {}", part, file, LedgerFiles.reason(e));
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // nothing more to do
      }
      return null;
    }
  }

  private static void write(FileChannel out, byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      out.write(b);
    }
  }

  /** Forces written lines to disk and settles the batch's appends. Holds writeLock. */
  private void force(List<Pending> batch) {
    FileChannel ch = channel;
    if (dirty && ch != null) {
      try {
        long t0 = System.nanoTime();
        ch.force(false);
        lastForceNanos = System.nanoTime() - t0;
        dirty = false;
      } catch (IOException e) {
        for (Pending p : batch) {
          if (p.failure == null) {
            p.failure = new LedgerException("record " + p.encoded.id() + " was written to ledger " + part
                + " but forcing it to disk failed: " + LedgerFiles.reason(e) + "; it may not survive a power "
                + "failure; check the disk", e);
          }
        }
        LOG.error("ledger {}: fsync failed: {}", part, LedgerFiles.reason(e));
      }
    }
    for (Pending p : batch) {
      p.done = true;
    }
  }

  /** Returns the channel of the part to append to now, opening it if it changed. Holds writeLock. */
  private FileChannel currentPart() throws IOException {
    FileChannel ch = channel;
    long size = ch == null || rotation.kind() != Rotation.Kind.SIZE ? -1 : ch.size(); // only size rotation asks
    Path want = rotation.part(path, rotation.kind() == Rotation.Kind.MONTHLY ? clock.instant() : Instant.EPOCH, part,
        size); // only monthly rotation asks the time
    if (ch != null && want.equals(part)) {
      return ch;
    }
    closeChannel();
    LedgerFiles.checkAppendable(want);
    FileChannel opened = opener.open(want);
    channel = opened;
    part = want;
    lastEnd = -1;
    described.clear();
    if (!Files.isRegularFile(want)) { // swapped between the check and the open
      closeChannel();
      LedgerFiles.checkAppendable(want);
      throw new LedgerException("ledger " + want + " is not a regular file");
    }
    return opened;
  }

  /** Sets a last line without its newline aside; returns the size after. Holds writeLock and the file lock. */
  private long repairTail(FileChannel ch, long size) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    if (ch.read(one, size - 1) == 1 && one.get(0) == '\n') {
      return size;
    }
    long start = 0;
    ByteBuffer chunk = ByteBuffer.allocate(64 << 10);
    long pos = size;
    search:
    while (pos > 0) {
      int n = (int) Math.min(chunk.capacity(), pos);
      pos -= n;
      chunk.clear().limit(n);
      int got = 0;
      while (got < n) {
        int r = ch.read(chunk, pos + got);
        if (r < 0) {
          break;
        }
        got += r;
      }
      for (int i = got - 1; i >= 0; i--) {
        if (chunk.get(i) == '\n') {
          start = pos + i + 1;
          break search;
        }
      }
    }
    long torn = size - start;
    Path side = part.resolveSibling(part.getFileName() + ".torn-" + clock.millis());
    try {
      LedgerFiles.createPrivateFile(side);
      try (FileChannel out = FileChannel.open(side, StandardOpenOption.WRITE)) {
        long done = 0;
        while (done < torn) {
          done += ch.transferTo(start + done, torn - done, out);
        }
        out.force(true);
      }
      ch.truncate(start);
      ch.force(true);
      String msg = "a torn last line (" + torn + " bytes, from an interrupted write) was moved to " + side;
      LOG.warn("ledger {}: {}", part, msg);
      problems.add(msg);
      return start;
    } catch (IOException e) {
      Files.deleteIfExists(side);
      ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
      String msg = "a torn last line (" + torn + " bytes) could not be moved aside (" + LedgerFiles.reason(e)
          + "), so it was ended with a newline; readers report it as a bad line";
      LOG.warn("ledger {}: {}", part, msg);
      problems.add(msg);
      return size + 1;
    }
  }

  private void backgroundSync() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.error("ledger {}: background sync failed: {}", path, e.getMessage());
    }
  }

  /**
   * Writes any queued or retried lines and forces everything written to disk.
   *
   * @throws LedgerException if lines cannot be written or the sync fails, with the reason
   */
  @Override
  public void flush() {
    boolean interrupted = Thread.interrupted(); // see append
    try {
      flushLocked();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      synchronized (queueLock) {
        queueLock.notifyAll(); // appenders whose lines this flush wrote
      }
    }
  }

  private void flushLocked() {
    writeLock.lock();
    try {
      List<Pending> batch = takeQueue();
      writeBatch(batch);
      if (shut) {
        return;
      }
      boolean wasDirty = dirty;
      force(batch);
      if (wasDirty && dirty) {
        throw new LedgerException("cannot force ledger " + part + " to disk; see the log for the reason");
      }
      if (!retry.isEmpty()) {
        throw new LedgerException(retry.size() + " record(s) still cannot be written to ledger " + part
            + "; they are kept in memory; see the log for the reason");
      }
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public List<EnergyRecord> records() {
    flush();
    Path p;
    writeLock.lock();
    try {
      p = part;
    } finally {
      writeLock.unlock();
    }
    List<Path> files = rotation.kind() == Rotation.Kind.NONE ? List.of(p) : LedgerReader.parts(path);
    return LedgerReader.read(files, false).records();
  }

  /**
   * Returns what opening and appending found and repaired (torn lines set aside), one line each.
   *
   * @return an immutable list; empty for a healthy file
   */
  public List<String> problems() {
    writeLock.lock();
    try {
      return List.copyOf(problems);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Returns the configured file (with rotation, the name its parts are made from).
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /**
   * Returns the sync policy.
   *
   * @return the policy
   */
  public SyncPolicy syncPolicy() {
    return sync;
  }

  /**
   * Reads a ledger file, strictly: the latest state of each id, a job left open closed as partial
   * ({@link RecordSets#closeDangling}). Memory grows with the number of distinct ids, not with the file.
   *
   * @param path the file, or a directory or glob of parts ({@link LedgerReader#files(String)})
   * @return the records, sorted by id
   * @throws LedgerException naming the file, line and field of the first bad line or conflicting duplicate
   *     (use {@link #readLenient} to read the rest), or if the file cannot be read
   */
  public static List<EnergyRecord> read(Path path) {
    return LedgerReader.read(LedgerReader.files(path.toString()), true).records();
  }

  /**
   * Reads the good records of a ledger and lists the bad lines and conflicting duplicates instead of failing.
   *
   * @param path the file, or a directory or glob of parts
   * @return the records (as {@link #read}) and the problems, one line each naming file and line
   * @throws LedgerException if the file cannot be read at all
   */
  public static ReadResult readLenient(Path path) {
    return LedgerReader.read(LedgerReader.files(path.toString()), false);
  }

  @Override
  public void close() {
    synchronized (queueLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    ScheduledExecutorService s = syncer;
    if (s != null) {
      s.shutdownNow();
    }
    LedgerException failure = null;
    writeLock.lock();
    try {
      try {
        flush();
      } catch (LedgerException e) {
        failure = e;
      }
      if (!retry.isEmpty()) {
        int n = retry.size();
        Path spilled = spill();
        failure = new LedgerException(n + " record(s) could not be written to ledger " + part + (spilled != null
            ? "; they were written to the fallback file " + spilled + ": merge it with ergon report --ledger"
            : " nor to a fallback file in " + System.getProperty("java.io.tmpdir") + "; they are lost"),
            failure);
      }
      shut = true;
      closeChannel();
    } finally {
      writeLock.unlock();
    }
    releaseLock();
    if (failure != null) {
      throw failure;
    }
  }

  private void closeChannel() {
    FileChannel ch = channel;
    channel = null;
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        LOG.warn("closing ledger {} failed", part, e);
      }
    }
  }

  private void releaseLock() {
    try {
      ProcessLocks.release(fileLock);
    } catch (IOException e) {
      LOG.warn("closing the lock file {} failed", fileLock.file(), e);
    }
  }

  @Override
  public String toString() {
    return "JsonLinesLedger[" + path + ", " + sync + ", rotate " + rotation + "]";
  }

  /**
   * The result of a lenient read.
   *
   * @param records the good records, the latest state of each id, sorted by id
   * @param problems one line per bad line or conflicting duplicate: {@code file:line: reason}
   * @since 0.1
   */
  public record ReadResult(List<EnergyRecord> records, List<String> problems) {
    /** Copies the lists. */
    public ReadResult {
      records = List.copyOf(records);
      problems = List.copyOf(problems);
    }
  }
}
