package dev.ergon.internal;

import dev.ergon.spi.ChannelFault;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage of the pipeline: reads every meter, turns the readings into one {@link Interval} and hands it
 * downstream, then runs the actions that were waiting for a reading boundary (jobs opening and closing).
 *
 * <p><b>Combining.</b> A job opens and closes on a fresh reading, so its energy starts and ends exactly at reading
 * boundaries. Callers {@link #submit} an action; whichever thread holds the reading lock next reads the meters once
 * and runs every action queued by then, so concurrent opens and closes share one meter read instead of queueing one
 * read each. A caller whose action was run by another thread's reading does not read the meters itself.
 *
 * <p>The sampler thread ({@link #startThread}) takes a reading every period, so counters never wrap unseen.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe.
 */
public final class Sampler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);
  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
  /** A few microseconds of spinning: about one reading of a fast meter; longer waits block (never burn a core). */
  private static final int SPINS_BEFORE_BLOCKING = 200;

  /** Receives each interval, in reading order, under the reading lock. */
  @FunctionalInterface
  public interface IntervalConsumer {
    /**
     * Takes one interval. Must not block or read meters.
     *
     * @param interval the interval; valid only during the call
     */
    void accept(Interval interval);
  }

  /** An action run under the reading lock right after a reading, at that reading's boundary. */
  public abstract static class Action {
    private volatile boolean done;
    private @Nullable RuntimeException failure;

    /** Creates an action. */
    protected Action() {}

    /**
     * Runs at a reading boundary, under the reading lock.
     *
     * @param at the reading's interval (its end is the boundary)
     */
    protected abstract void run(Interval at);

    /**
     * Tells whether the action ran.
     *
     * @return true once run (or failed)
     */
    public final boolean isDone() {
      return done;
    }
  }

  private final ChannelReader reader;
  private final InstantSource clock;
  private final LongSupplier ticker;
  private final IntervalConsumer consumer;
  private final ReentrantLock lock = new ReentrantLock();
  private final ConcurrentLinkedQueue<Action> pending = new ConcurrentLinkedQueue<>();
  private final Interval interval;
  private volatile @Nullable Thread thread;
  private volatile boolean closed;

  /**
   * Creates a sampler and takes the priming reading (every counter's starting value).
   *
   * @param reader the channel reader; the sampler closes it
   * @param clock wall clock for interval bounds
   * @param ticker monotonic clock, ns
   * @param consumer the next stage
   */
  public Sampler(ChannelReader reader, InstantSource clock, LongSupplier ticker, IntervalConsumer consumer) {
    this.reader = reader;
    this.clock = clock;
    this.ticker = ticker;
    this.consumer = consumer;
    this.interval = new Interval(reader.size());
    lock.lock();
    try {
      interval.toNanos = ticker.getAsLong();
      interval.to = clock.instant();
      reader.read(interval.toNanos, interval.deltas, interval.faults); // primes every counter
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the channel reader (for channel metadata and dead faults).
   *
   * @return the reader
   */
  public ChannelReader reader() {
    return reader;
  }

  /**
   * Returns the boundary of the latest reading (wall clock).
   *
   * @return the instant
   */
  public Instant lastReading() {
    lock.lock();
    try {
      return interval.to;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the monotonic time of the latest reading.
   *
   * @return ns
   */
  public long lastReadingNanos() {
    lock.lock();
    try {
      return interval.toNanos;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs an action at the next reading boundary, reading the meters unless another thread's reading runs it
   * first. Returns when the action has run.
   *
   * @param action the action
   * @throws RuntimeException what the action threw
   */
  public void submit(Action action) {
    pending.add(action);
    // Spin rather than park while another thread reads: its reading most likely runs this action too, and a parked
    // waiter costs a context switch on each side. After a bounded spin, block.
    for (int spins = 0; !action.done; spins++) {
      if (spins >= SPINS_BEFORE_BLOCKING) {
        lock.lock();
      } else if (!lock.tryLock()) {
        Thread.onSpinWait();
        continue;
      }
      try {
        if (!action.done) {
          readLocked();
        }
      } finally {
        lock.unlock();
      }
    }
    RuntimeException f = action.failure;
    if (f != null) {
      throw f;
    }
  }

  /** Takes one reading now and runs the actions waiting for it. */
  public void sample() {
    lock.lock();
    try {
      readLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs a query under the reading lock, between readings.
   *
   * @param query the query
   * @param <T> its result type
   * @return its result
   */
  public <T> T locked(Supplier<T> query) {
    lock.lock();
    try {
      return query.get();
    } finally {
      lock.unlock();
    }
  }

  private void readLocked() {
    Interval iv = interval;
    long now = ticker.getAsLong();
    Instant nowInstant = clock.instant();
    iv.from = iv.to;
    iv.fromNanos = iv.toNanos;
    if (nowInstant.isBefore(iv.from)) {
      nowInstant = iv.from; // the wall clock stepped back: keep record times monotonic
    }
    if (!closed) {
      try {
        reader.read(now, iv.deltas, iv.faults);
      } catch (RuntimeException e) {
        LOG.error("reading the meters failed; the interval is lost for every channel", e);
        java.util.Arrays.fill(iv.deltas, ChannelReader.FAULTED);
        ChannelFault f = new ChannelFault(dev.ergon.UnavailableReason.PROVIDER_ERROR, "reading failed: " + e, false);
        java.util.Arrays.fill(iv.faults, f);
      }
    } else {
      java.util.Arrays.fill(iv.deltas, 0);
      java.util.Arrays.fill(iv.faults, null);
    }
    iv.to = nowInstant;
    iv.toNanos = now;
    try {
      consumer.accept(iv);
    } catch (RuntimeException e) {
      // Never leave the waiting actions undone: a job must open and close even if one interval cannot be charged.
      LOG.error("charging the interval to the open jobs failed; its energy is lost", e);
    }
    Action a;
    while ((a = pending.poll()) != null) {
      try {
        a.run(iv);
      } catch (RuntimeException e) {
        a.failure = e;
      }
      a.done = true;
    }
  }

  /**
   * Starts the daemon thread that reads every period and then calls {@code afterReading} outside the lock.
   *
   * @param periodNanos the period, ns
   * @param afterReading work after each periodic reading (checkpoints); exceptions are logged
   */
  public void startThread(long periodNanos, Runnable afterReading) {
    Thread t = new Thread(() -> run(periodNanos, afterReading), "ergon-sampler-" + THREAD_NUMBER.incrementAndGet());
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  private void run(long periodNanos, Runnable afterReading) {
    long next = System.nanoTime() + periodNanos;
    while (!closed) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(this, wait);
        if (System.nanoTime() < next && !closed) {
          continue; // spurious or early wake-up
        }
      }
      // Fixed rate without catch-up bursts: the next reading is a whole period after this one.
      next = System.nanoTime() + periodNanos;
      if (closed || Thread.currentThread().isInterrupted()) {
        return;
      }
      try {
        sample();
        afterReading.run();
      } catch (RuntimeException e) {
        LOG.error("sampling failed; will retry next period", e);
      }
    }
  }

  /** Stops the thread (waiting up to 5 s) and closes the meters; later readings read nothing. Idempotent. */
  @Override
  public void close() {
    closed = true;
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      LockSupport.unpark(t);
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lock.lock();
    try {
      reader.close();
    } finally {
      lock.unlock();
    }
  }

  /**
   * One interval between two readings, reused from reading to reading.
   *
   * <p>Not thread-safe: valid only under the reading lock, during {@link IntervalConsumer#accept} and
   * {@link Action#run}.
   */
  public static final class Interval {
    Instant from = Instant.EPOCH;
    Instant to = Instant.EPOCH;
    long fromNanos;
    long toNanos;
    final long[] deltas;
    final @Nullable ChannelFault[] faults;

    Interval(int channels) {
      deltas = new long[channels];
      faults = new ChannelFault[channels];
    }

    /**
     * Returns the interval's start (the previous reading).
     *
     * @return the instant
     */
    public Instant from() {
      return from;
    }

    /**
     * Returns the interval's end (this reading).
     *
     * @return the instant
     */
    public Instant to() {
      return to;
    }

    /**
     * Returns the interval's length on the monotonic clock.
     *
     * @return ns, {@code >= 0}
     */
    public long elapsedNanos() {
      return Math.max(0, toNanos - fromNanos);
    }

    /**
     * Returns the monotonic time of this reading.
     *
     * @return ns
     */
    public long toNanos() {
      return toNanos;
    }

    /**
     * Returns the number of channels.
     *
     * @return the count
     */
    public int channels() {
      return deltas.length;
    }

    /**
     * Returns a channel's energy in the interval.
     *
     * @param channel the index
     * @return µJ {@code >= 0}, or {@link ChannelReader#DROPPED} or {@link ChannelReader#FAULTED}
     */
    public long delta(int channel) {
      return deltas[channel];
    }

    /**
     * Returns a faulted channel's fault.
     *
     * @param channel the index
     * @return the fault, or null
     */
    public @Nullable ChannelFault fault(int channel) {
      return faults[channel];
    }
  }
}
