package dev.ergon.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real file channel that runs out of space after a byte budget: the write that crosses it writes what fits,
 * then fails with "No space left on device", as a full disk does. Also records every force with the file's size,
 * can move at most {@link #maxPerCall} bytes a write, read or transfer (short I/O), and can fail force, size and
 * truncate on demand.
 */
final class FaultyChannel extends FileChannel {
  private final FileChannel real;
  final AtomicLong budget;
  final List<Long> forcedSizes = new CopyOnWriteArrayList<>();
  volatile long forceMillis;
  /** The most bytes one write, read or transfer moves: a smaller figure makes every transfer short. */
  volatile int maxPerCall = Integer.MAX_VALUE;
  volatile boolean failForce;
  volatile boolean failSize;
  volatile boolean failTruncate;

  FaultyChannel(FileChannel real, AtomicLong budget) {
    this.real = real;
    this.budget = budget;
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    long left = budget.get();
    if (src.remaining() > maxPerCall && maxPerCall <= left) {
      ByteBuffer part = src.duplicate();
      part.limit(part.position() + maxPerCall);
      int n = real.write(part, position);
      src.position(src.position() + n);
      budget.addAndGet(-n);
      return n;
    }
    if (src.remaining() <= left) {
      int n = real.write(src, position);
      budget.addAndGet(-n);
      return n;
    }
    if (left > 0) {
      ByteBuffer part = src.duplicate();
      part.limit(part.position() + (int) left);
      int n = real.write(part, position);
      src.position(src.position() + n);
      budget.addAndGet(-n);
    }
    throw new IOException("No space left on device");
  }

  @Override
  public void force(boolean metaData) throws IOException {
    if (failForce) {
      throw new IOException("Input/output error");
    }
    real.force(metaData);
    if (forceMillis > 0) {
      try {
        Thread.sleep(forceMillis); // a slow disk, so that concurrent appends must queue behind an fsync
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    forcedSizes.add(real.size());
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return real.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return real.read(dsts, offset, length);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    throw new IOException("only positional writes are expected");
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    throw new IOException("only positional writes are expected");
  }

  @Override
  public long position() throws IOException {
    return real.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    real.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    if (failSize) {
      throw new IOException("Stale file handle");
    }
    return real.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    if (failTruncate) {
      throw new IOException("Read-only file system");
    }
    real.truncate(size);
    return this;
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return real.transferTo(position, Math.min(count, maxPerCall), target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    return real.transferFrom(src, position, count);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    if (dst.remaining() > maxPerCall) {
      ByteBuffer part = dst.duplicate();
      part.limit(part.position() + maxPerCall);
      int n = real.read(part, position);
      if (n > 0) {
        dst.position(dst.position() + n);
      }
      return n;
    }
    return real.read(dst, position);
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return real.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return real.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return real.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    real.close();
  }
}
