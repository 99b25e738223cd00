package dev.ergon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A metered scope of work, opened with {@link EnergyMonitor#start} and closed with try-with-resources.
 *
 * <pre>{@code
 * try (Job job = monitor.start("train", Tags.of("model", "bert-base"))) {
 *   for (Batch b : batches) { step(b); job.addUnits(b.size()); }
 * }
 * }</pre>
 *
 * <p>Closing reads every meter afresh, builds the {@link EnergyRecord}, appends it to the monitor's ledger and
 * makes it available from {@link #record()}. Closing never throws, and closing twice is a no-op. A meter that
 * fails while the job is open makes the record {@link RecordStatus#PARTIAL} with the reason.
 *
 * <p>Jobs nest: a job started on a thread inside another open job of the same monitor, or with
 * {@link #start(String)}, is its child. Closing a job first closes its open children.
 *
 * <p>Thread-safe: {@link #addUnits} may be called from many threads; everything else is guarded by the monitor.
 *
 * @since 0.1
 */
public final class Job implements AutoCloseable {

  final EnergyMonitor monitor;
  final String id;
  final @Nullable Job parent;
  final Job root;
  final String name;
  final Tags tags;
  final java.time.Instant start;
  final Attribution attribution;

  // Guarded by monitor.lock.
  final long[] attributed;
  final long[] measured;
  final int[] dropped;
  final TreeMap<Long, long[]> buckets = new TreeMap<>();
  final Set<String> problems = new LinkedHashSet<>();
  final List<Job> children = new ArrayList<>();
  /** For a root job: every open job of its tree, itself included. */
  final List<Job> members;
  /** For a root job under THREADS: thread id to that thread's CPU time at the last sample, ns. */
  final Map<Long, Long> threads;
  /** Written under the monitor's lock; volatile so {@link #addUnits} checks it without taking the lock. */
  volatile boolean closed;
  @Nullable EnergyRecord record;

  private final AtomicLong units = new AtomicLong();

  Job(EnergyMonitor monitor, String id, @Nullable Job parent, String name, Tags tags, java.time.Instant start,
      Attribution attribution, int channels) {
    this.monitor = monitor;
    this.id = id;
    this.parent = parent;
    this.root = parent == null ? this : parent.root;
    this.name = name;
    this.tags = tags;
    this.start = start;
    this.attribution = attribution;
    this.attributed = new long[channels];
    this.measured = new long[channels];
    this.dropped = new int[channels];
    this.members = parent == null ? new ArrayList<>() : List.of();
    this.threads = parent == null ? new HashMap<>() : Map.of();
  }

  /**
   * Returns the job's record id (the id its record will carry).
   *
   * @return a UUID version 7 text
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
   * Returns the enclosing job's id.
   *
   * @return the parent id, if this job is nested
   */
  public Optional<String> parentId() {
    return parent == null ? Optional.empty() : Optional.of(parent.id);
  }

  /**
   * Counts functional units of work done in this job (predictions, samples, requests), for per-unit figures.
   *
   * @param count how many, {@code >= 0}
   * @throws IllegalArgumentException if {@code count} is negative
   * @throws IllegalStateException if the job is closed
   */
  public void addUnits(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("units must be >= 0, got " + count + " for job '" + name + "'");
    }
    if (isClosed()) {
      throw new IllegalStateException("job '" + name + "' (" + id + ") is closed; add units before closing it");
    }
    units.addAndGet(count);
  }

  /**
   * Returns the functional units counted so far.
   *
   * @return the count
   */
  public long units() {
    return units.get();
  }

  /**
   * Starts a nested job.
   *
   * @param name the child's name
   * @return the open child
   * @throws IllegalStateException if this job or the monitor is closed
   */
  public Job start(String name) {
    return start(name, Tags.empty());
  }

  /**
   * Starts a nested job with tags.
   *
   * @param name the child's name
   * @param tags the child's tags
   * @return the open child
   * @throws IllegalStateException if this job or the monitor is closed
   */
  public Job start(String name, Tags tags) {
    return monitor.startJob(name, tags, this);
  }

  /**
   * Counts the calling thread's CPU time toward this job's top-level job under {@link Attribution#THREADS}, until
   * the returned membership is closed or the job closes. The thread that opened a top-level job is joined
   * automatically.
   *
   * @return the membership, to close when the thread leaves the job's work
   * @throws IllegalStateException if the thread is already joined to another open top-level job, or this job is
   *     closed
   */
  public Membership join() {
    return monitor.join(this);
  }

  /**
   * Returns the energy charged to this job so far, as of the last sample (no fresh read).
   *
   * @return the energy summed over channels
   */
  public Energy energySoFar() {
    return monitor.energySoFar(this);
  }

  /**
   * Tells whether the job is still open.
   *
   * @return true until closed
   */
  public boolean isOpen() {
    return !isClosed();
  }

  private boolean isClosed() {
    return monitor.isClosed(this);
  }

  /**
   * Returns the record, once the job is closed.
   *
   * @return the record, or empty while open
   */
  public Optional<EnergyRecord> record() {
    return Optional.ofNullable(monitor.recordOf(this));
  }

  /**
   * Closes the job and returns its record.
   *
   * @return the record
   */
  public EnergyRecord end() {
    close();
    EnergyRecord r = monitor.recordOf(this);
    if (r == null) {
      throw new IllegalStateException("job '" + name + "' has no record after closing");
    }
    return r;
  }

  /** Closes the job: reads the meters afresh, builds the record and appends it to the ledger. Never throws. */
  @Override
  public void close() {
    monitor.closeJob(this);
  }

  @Override
  public String toString() {
    return "Job[" + name + ", " + id + "]";
  }

  /**
   * A thread's membership of a job under {@link Attribution#THREADS}; closing it stops counting that thread.
   *
   * @since 0.1
   */
  public interface Membership extends AutoCloseable {
    /** Ends the membership. Idempotent. */
    @Override
    void close();
  }
}
