package dev.ergon.ledger;

import dev.ergon.EnergyRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default ledger: one JSON object per line in a UTF-8 file (JSON Lines), appended, never rewritten.
 *
 * <p><b>Durability.</b> Under {@link SyncPolicy#PER_RECORD} (the default) {@link #append} returns only when the
 * record's line is on disk; concurrent appenders share one {@code fsync}. Each line is written with one
 * positional {@code write} at the end of the file, while holding an exclusive {@code fcntl} lock on the file, so
 * several JVMs may append to one ledger without interleaving partial lines.
 *
 * <p><b>Crashes.</b> A process killed mid-write can leave a last line without its newline. On open, and before
 * every append, such a torn tail is moved to a side file {@code <name>.torn-<millis>} with a warning, and the
 * ledger is truncated to its last complete line: nothing is half-parsed or silently dropped.
 *
 * <p><b>Reading.</b> {@link #read(Path)} is strict and names the file and line of the first bad line;
 * {@link #readLenient(Path)} returns the good records and lists the bad lines. Opening for append reads the
 * existing records leniently (bad lines are kept in {@link #problems()}), so an old corrupted line never stops new
 * records from being written. A record whose id is already in the file is not appended again.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class JsonLinesLedger implements Ledger {
  private static final Logger LOG = LoggerFactory.getLogger(JsonLinesLedger.class);

  private final Path path;
  private final SyncPolicy sync;
  private final FileChannel channel;
  private final RecordJson json = new RecordJson();
  private final List<EnergyRecord> records = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();
  private final List<String> problems = new ArrayList<>();
  private final Object syncLock = new Object();
  private long written;
  private volatile long synced;
  private long lastSyncNanos = System.nanoTime();
  private boolean closed;

  private JsonLinesLedger(Path path, SyncPolicy sync) {
    this.path = path;
    this.sync = sync;
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new LedgerException("cannot open ledger " + path + ": " + e
          + "; check the directory exists and is writable, or set ergon.ledger to another file", e);
    }
    try (FileLock lock = lock()) {
      quarantineTornTail();
      ReadResult existing = readLenient(path);
      for (EnergyRecord r : existing.records()) {
        if (ids.add(r.id())) {
          records.add(r);
        }
      }
      problems.addAll(existing.problems());
      for (String p : existing.problems()) {
        LOG.warn("ledger {}: {}", path, p);
      }
    } catch (IOException e) {
      closeQuietly();
      throw new LedgerException("cannot read ledger " + path + ": " + e, e);
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /**
   * Opens (creating if needed) a ledger file that syncs every record.
   *
   * @param path the file
   * @return the open ledger
   * @throws LedgerException if it cannot be opened or read
   */
  public static JsonLinesLedger open(Path path) {
    return new JsonLinesLedger(path, SyncPolicy.PER_RECORD);
  }

  /**
   * Opens (creating if needed) a ledger file with a sync policy.
   *
   * @param path the file
   * @param sync when appended records are forced to disk
   * @return the open ledger
   * @throws LedgerException if it cannot be opened or read
   */
  public static JsonLinesLedger open(Path path, SyncPolicy sync) {
    return new JsonLinesLedger(path, sync);
  }

  private FileLock lock() throws IOException {
    try {
      return channel.lock();
    } catch (OverlappingFileLockException e) {
      throw new LedgerException("ledger " + path + " is already open in this JVM; share one JsonLinesLedger", e);
    }
  }

  /** Moves a last line without its newline to a side file. Caller holds the file lock. */
  private void quarantineTornTail() throws IOException {
    long size = channel.size();
    if (size == 0) {
      return;
    }
    ByteBuffer last = ByteBuffer.allocate(1);
    channel.read(last, size - 1);
    if (last.get(0) == '\n') {
      return;
    }
    long start = size;
    ByteBuffer one = ByteBuffer.allocate(8192);
    long pos = size;
    search:
    while (pos > 0) {
      int n = (int) Math.min(one.capacity(), pos);
      pos -= n;
      one.clear().limit(n);
      channel.read(one, pos);
      for (int i = n - 1; i >= 0; i--) {
        if (one.get(i) == '\n') {
          start = pos + i + 1;
          break search;
        }
        start = pos + i;
      }
    }
    ByteBuffer tail = ByteBuffer.allocate((int) (size - start));
    channel.read(tail, start);
    Path side = sideFile();
    Files.write(side, tail.array(), StandardOpenOption.CREATE_NEW);
    channel.truncate(start);
    channel.force(true);
    LOG.warn("ledger {}: a torn last line ({} bytes, from an interrupted write) was moved to {}",
        path, size - start, side);
    problems.add("torn last line (" + (size - start) + " bytes) moved to " + side);
  }

  private Path sideFile() throws IOException {
    String base = path.getFileName() + ".torn-" + System.currentTimeMillis();
    Path dir = path.toAbsolutePath().getParent();
    for (int i = 0; ; i++) {
      Path candidate = dir == null ? Path.of(base + (i == 0 ? "" : "-" + i)) : dir.resolve(base + (i == 0 ? "" : "-" + i));
      if (!Files.exists(candidate)) {
        return candidate;
      }
      if (i > 1000) {
        throw new FileAlreadyExistsException(candidate.toString());
      }
    }
  }

  @Override
  public void append(EnergyRecord record) {
    long mine;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("ledger " + path + " is closed");
      }
      if (ids.contains(record.id())) {
        return;
      }
      byte[] line = (json.toJson(record) + "\n").getBytes(StandardCharsets.UTF_8);
      try (FileLock lock = lock()) {
        quarantineTornTail();
        ByteBuffer buf = ByteBuffer.wrap(line);
        long pos = channel.size(); // every writer holds the exclusive lock, so the end cannot move under us
        while (buf.hasRemaining()) {
          pos += channel.write(buf, pos);
        }
      } catch (IOException e) {
        throw new LedgerException("cannot append record " + record.id() + " to ledger " + path + ": " + e
            + "; check free space and permissions; records already in the file are intact", e);
      }
      ids.add(record.id());
      records.add(record);
      mine = ++written;
    }
    if (sync.maxDelay().isZero()) {
      syncUpTo(mine);
    } else if (System.nanoTime() - lastSyncNanos >= sync.maxDelay().toNanos()) {
      flush();
    }
  }

  /** Group commit: the first waiter syncs everything written so far; later waiters find their write covered. */
  private void syncUpTo(long mine) {
    if (synced >= mine) {
      return;
    }
    synchronized (syncLock) {
      if (synced >= mine) {
        return;
      }
      long target;
      synchronized (this) {
        target = written;
      }
      try {
        channel.force(false);
      } catch (IOException e) {
        throw new LedgerException("cannot sync ledger " + path + " to disk: " + e, e);
      }
      synced = target;
      lastSyncNanos = System.nanoTime();
    }
  }

  /**
   * Forces every appended record to disk.
   *
   * @throws LedgerException if the sync fails
   */
  @Override
  public void flush() {
    long target;
    synchronized (this) {
      target = written;
      if (closed) {
        return;
      }
    }
    syncUpTo(target);
  }

  @Override
  public synchronized List<EnergyRecord> records() {
    return List.copyOf(records);
  }

  /**
   * Returns the bad lines found when the ledger was opened (and torn tails set aside), one line each.
   *
   * @return an immutable list; empty for a healthy file
   */
  public synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * Returns the file.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /**
   * Reads every record of a ledger file, strictly.
   *
   * @param path the file
   * @return the records in file order; a repeated id is kept once
   * @throws LedgerException naming the file and line of the first bad line (use {@link #readLenient} to read
   *     the rest), or if the file cannot be read
   */
  public static List<EnergyRecord> read(Path path) {
    ReadResult r = readLines(path, true);
    return r.records();
  }

  /**
   * Reads the good records of a ledger file and lists the bad lines instead of failing on them.
   *
   * @param path the file
   * @return the records and the problems
   * @throws LedgerException if the file cannot be read at all
   */
  public static ReadResult readLenient(Path path) {
    return readLines(path, false);
  }

  private static ReadResult readLines(Path path, boolean strict) {
    List<String> lines;
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new LedgerException("cannot read ledger " + path + ": " + e
          + "; check the path (ergon.ledger / --ledger) and permissions", e);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    lines = List.of(text.split("\n", -1));
    RecordJson json = new RecordJson();
    List<EnergyRecord> records = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int count = lines.size();
    boolean torn = !text.isEmpty() && !text.endsWith("\n");
    for (int i = 0; i < count; i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int lineNo = i + 1;
      if (torn && i == count - 1) {
        String msg = path + ":" + lineNo + ": torn last line (no newline: an interrupted write); opening the "
            + "ledger for append moves it to a side file";
        if (strict) {
          throw new LedgerException(msg + "; or read with readLenient / --lenient");
        }
        problems.add(msg);
        continue;
      }
      try {
        EnergyRecord r = json.fromJson(line);
        if (seen.add(r.id())) {
          records.add(r);
        }
      } catch (IllegalArgumentException e) {
        String msg = path + ":" + lineNo + ": " + e.getMessage();
        if (strict) {
          throw new LedgerException(msg + "; fix or remove that line, or read leniently (--lenient) to skip it", e);
        }
        problems.add(msg);
      }
    }
    return new ReadResult(records, problems);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    try {
      flush();
    } finally {
      synchronized (this) {
        closed = true;
      }
      closeQuietly();
    }
  }

  private void closeQuietly() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("closing ledger {} failed", path, e);
    }
  }

  /**
   * The result of a lenient read.
   *
   * @param records the good records in file order
   * @param problems one line per bad line: {@code file:line: reason}
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
