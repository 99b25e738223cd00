package dev.ergon.accounting.internal;

import dev.ergon.EnergyRecord;
import java.security.MessageDigest;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The input digest's record lines built in chunks by more than one thread and fed to the digest in order, so that a
 * thread with nothing else to do can share the digest's work: the digest's thread ({@link #feed}) feeds chunk after
 * chunk, building each itself unless another thread has; any other thread ({@link #help}) builds chunks a few ahead
 * of the one being fed. SHA-256 itself stays on one thread, in order, so the digest is exactly that of one thread
 * writing every line ({@link InputDigest#records}).
 *
 * <p>Memory stays bounded: chunks are built at most {@link #WINDOW} ahead of the one being fed, into buffers that are
 * reused once fed.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: one thread feeds, any number help.
 */
final class RecordLineChunks {
  /** Records per chunk: a chunk is about 170 KB of lines for a three-channel record. */
  static final int CHUNK_RECORDS = 256;
  /** How many chunks may be built ahead of the one being fed. */
  static final int WINDOW = 8;
  /* How long a thread waits for a chunk that another thread is building, or for room in the window. */
  private static final long PAUSE_NANOS = 20_000;

  private final EnergyRecord[] records;
  private final int chunks;
  private final BooleanSupplier abandoned;
  /* The next chunk nobody has claimed. */
  private final AtomicInteger unclaimed = new AtomicInteger();
  /* Chunks built and not yet fed, by index; FAILED where a helper could not build its chunk. */
  private final AtomicReferenceArray<@Nullable Built> built;
  /* How many chunks have been fed. */
  private volatile int fed;
  /* Set when the feeding thread has stopped, fed all or not: helpers then stop too. */
  private volatile boolean over;
  private final ConcurrentLinkedQueue<byte[]> spareBuffers = new ConcurrentLinkedQueue<>();

  /* A chunk's lines: the first length bytes of the buffer. */
  private static final class Built {
    final byte[] bytes;
    final int length;

    Built(byte[] bytes, int length) {
      this.bytes = bytes;
      this.length = length;
    }
  }

  private static final Built FAILED = new Built(new byte[0], 0);

  /**
   * Prepares the chunks of records already sorted by id ({@link InputDigest#sort}).
   *
   * @param sorted the records, sorted; not changed from here on
   * @param abandoned polled between chunks; when true, {@link #feed} stops with a {@link CancellationException} and
   *     {@link #help} returns
   */
  RecordLineChunks(EnergyRecord[] sorted, BooleanSupplier abandoned) {
    this.records = sorted;
    this.chunks = (sorted.length + CHUNK_RECORDS - 1) / CHUNK_RECORDS;
    this.abandoned = abandoned;
    this.built = new AtomicReferenceArray<>(chunks);
  }

  /**
   * Feeds every chunk's lines to a digest, in order; called once, by the thread that owns the digest.
   *
   * @param md the digest, after the head lines
   */
  void feed(MessageDigest md) {
    try {
      feedAll(md);
    } finally {
      over = true;
    }
  }

  private void feedAll(MessageDigest md) {
    RecordLineWriter own = writer();
    for (int i = 0; i < chunks; i++) {
      if (abandoned.getAsBoolean()) {
        throw new CancellationException("input digest abandoned: the calculation ended without it");
      }
      Built b;
      while ((b = built.get(i)) == null) {
        int j = claim(i);
        if (j >= 0) {
          built.set(j, build(j, own));
        } else {
          LockSupport.parkNanos(PAUSE_NANOS); // chunk i is being built by a helper, and the window is full
        }
      }
      if (b == FAILED) {
        b = build(i, own);
      }
      md.update(b.bytes, 0, b.length);
      built.set(i, null);
      spareBuffers.offer(b.bytes);
      fed = i + 1;
    }
  }

  /**
   * Builds chunks ahead of the feeding thread until every chunk is claimed, the feeding thread has stopped or the
   * work is abandoned; called by any thread that would otherwise wait for the digest.
   */
  void help() {
    RecordLineWriter mine = writer();
    while (!over && !abandoned.getAsBoolean()) {
      int j = unclaimed.get();
      if (j >= chunks) {
        return;
      }
      if (j >= fed + WINDOW) {
        LockSupport.parkNanos(PAUSE_NANOS);
        continue;
      }
      if (!unclaimed.compareAndSet(j, j + 1)) {
        continue;
      }
      try {
        built.set(j, build(j, mine));
      } catch (RuntimeException | Error e) {
        // The feeding thread builds it again, and meets the same failure if there is one.
        built.set(j, FAILED);
        return;
      }
    }
  }

  /* Claims the next chunk if it is within the window from chunk i, the next to feed; -1 if none. */
  private int claim(int i) {
    while (true) {
      int j = unclaimed.get();
      if (j >= chunks || j >= i + WINDOW) {
        return -1;
      }
      if (unclaimed.compareAndSet(j, j + 1)) {
        return j;
      }
    }
  }

  private Built build(int chunk, RecordLineWriter lines) {
    int from = chunk * CHUNK_RECORDS;
    int to = Math.min(records.length, from + CHUNK_RECORDS);
    for (int k = from; k < to; k++) {
      if (!InputDigest.repeatsPrevious(records, k)) {
        lines.write(records[k]);
      }
    }
    CanonicalFieldWriter w = lines.fields();
    int length = w.mark();
    byte[] spare = spareBuffers.poll();
    return new Built(w.takeBuffer(spare != null ? spare : new byte[length + length / 4]), length);
  }

  private static RecordLineWriter writer() {
    return new RecordLineWriter(new CanonicalFieldWriter(new byte[64 * 1024]));
  }
}
