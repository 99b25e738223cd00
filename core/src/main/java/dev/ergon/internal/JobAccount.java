package dev.ergon.internal;

import dev.ergon.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * What one job has been charged: energy, its children's part, the machine's energy while it was open, dropped
 * intervals and problems per channel, energy per time bucket, units, CPU time of the threads inside it.
 *
 * <p>Written by the {@link JobTree} under the sampler's reading lock; {@link #addUnits}, {@link #fail} and
 * {@link #creditCpu} may be called from any thread at any time. After {@link #isClosed()} turns true the account
 * no longer changes, and may be read by the thread that closed it.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class JobAccount {

  final String id;
  final String name;
  final Tags tags;
  final Instant start;
  final @Nullable JobAccount parent;
  /** The user's handle on this account (a {@code dev.ergon.Job}); used to answer "which job is this thread in". */
  final Object handle;

  // Guarded by the sampler's reading lock.
  final List<JobAccount> openChildren = new ArrayList<>(0);
  final long[] energy;
  final long[] children;
  final long[] measured;
  final int[] dropped;
  /** Buckets before the current one; created when a job spans a second bucket. */
  private @Nullable TreeMap<Long, long[]> buckets;
  private long bucket = Long.MIN_VALUE;
  private long bucketEnergy;
  private @Nullable Set<String> problems;
  /** Units of closed children, rolled up. */
  long childUnits;
  /** Weight of this job among its siblings for the current interval. */
  double weight;
  /** CPU time of the threads inside this job and its open descendants in the current interval, ns. */
  long subtreeCpu;
  /** CPU time of the threads inside this job and its descendants during its life, ns. */
  long subtreeCpuTotal;
  /** Process CPU time while this job was open, ns (THREADS). */
  long processCpuWhileOpen;
  /** The part of {@link #processCpuWhileOpen} used by threads inside any job, ns (THREADS). */
  long jobsCpuWhileOpen;
  /** A thread inside this job had no readable CPU clock. */
  volatile boolean cpuUnmeasurable;
  /** When the job was last checkpointed, monotonic ns. */
  long lastCheckpointNanos;
  @Nullable Instant end;

  private volatile boolean closed;
  private final LongAdder units = new LongAdder();
  private final AtomicLong pendingCpu = new AtomicLong();
  private final AtomicReference<@Nullable String> failure = new AtomicReference<>();

  /**
   * Creates an account.
   *
   * @param handle the user's handle
   * @param id the record id
   * @param name the job's name
   * @param tags the job's tags
   * @param start when it opened (a reading boundary)
   * @param parent the enclosing job's account, or null
   * @param channels the number of channels
   */
  public JobAccount(Object handle, String id, String name, Tags tags, Instant start, @Nullable JobAccount parent,
      int channels) {
    this.handle = handle;
    this.id = id;
    this.name = name;
    this.tags = tags;
    this.start = start;
    this.parent = parent;
    this.energy = new long[channels];
    this.children = new long[channels];
    this.measured = new long[channels];
    this.dropped = new int[channels];
  }

  /**
   * Returns the record id.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Returns the job's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the job's tags.
   *
   * @return the tags
   */
  public Tags tags() {
    return tags;
  }

  /**
   * Returns the enclosing job's account.
   *
   * @return the parent, or null for a top-level job
   */
  public @Nullable JobAccount parent() {
    return parent;
  }

  /**
   * Returns the user's handle on this account.
   *
   * @return the handle
   */
  public Object handle() {
    return handle;
  }

  /**
   * Tells whether the job is closed. Lock-free.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Returns the energy charged per channel; read under the reading lock.
   *
   * @return µJ per channel, the live array
   */
  public long[] energyArray() {
    return energy;
  }

  void markClosed(Instant at) {
    end = at;
    closed = true;
  }

  /**
   * Counts functional units. Lock-free; safe from any number of threads.
   *
   * @param count how many, {@code >= 0}
   */
  public void addUnits(long count) {
    units.add(count);
  }

  /**
   * Returns the units added to this job itself (not its children).
   *
   * @return the count
   */
  public long ownUnits() {
    return units.sum();
  }

  /**
   * Marks the job failed by an exception; the first failure wins.
   *
   * @param exceptionClass the exception's class name
   */
  public void fail(String exceptionClass) {
    failure.compareAndSet(null, exceptionClass);
  }

  /**
   * Returns the failure, if any.
   *
   * @return the exception's class name, or null
   */
  public @Nullable String failure() {
    return failure.get();
  }

  /**
   * Credits CPU time used by a thread inside this job. Lock-free.
   *
   * @param nanos CPU time, ns, {@code >= 0}
   */
  public void creditCpu(long nanos) {
    if (nanos > 0 && !closed) {
      pendingCpu.addAndGet(nanos);
    }
  }

  /** Takes the CPU time credited since the previous call. */
  long takeCpu() {
    return pendingCpu.getAndSet(0);
  }

  void problem(String text) {
    Set<String> p = problems;
    if (p == null) {
      p = new LinkedHashSet<>();
      problems = p;
    }
    p.add(text);
  }

  List<String> problems() {
    Set<String> p = problems;
    return p == null ? List.of() : List.copyOf(p);
  }

  void addBucket(long index, long microjoules) {
    if (index != bucket) {
      flushBucket();
      bucket = index;
    }
    bucketEnergy += microjoules;
  }

  private void flushBucket() {
    if (bucket != Long.MIN_VALUE && bucketEnergy != 0) {
      TreeMap<Long, long[]> b = buckets;
      if (b == null) {
        b = new TreeMap<>();
        buckets = b;
      }
      b.computeIfAbsent(bucket, k -> new long[1])[0] += bucketEnergy;
    }
    bucketEnergy = 0;
  }

  /** Returns bucket index to µJ, sorted; a copy. */
  java.util.SortedMap<Long, Long> buckets() {
    TreeMap<Long, Long> out = new TreeMap<>();
    TreeMap<Long, long[]> b = buckets;
    if (b != null) {
      b.forEach((k, v) -> out.put(k, v[0]));
    }
    if (bucket != Long.MIN_VALUE && bucketEnergy != 0) {
      out.merge(bucket, bucketEnergy, Long::sum);
    }
    return out;
  }

  /** Units of this job, its closed children (rolled up) and its open descendants, now. Under the lock. */
  long rolledUnits() {
    long u = Math.addExact(units.sum(), childUnits);
    for (JobAccount c : openChildren) {
      u = Math.addExact(u, c.rolledUnits());
    }
    return u;
  }

  @Override
  public String toString() {
    return "JobAccount[" + name + ", " + id + "]";
  }
}
