package dev.ergon;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A long-lived top-level job for a service or a model version, opened with {@link EnergyMonitor#workload}: request
 * threads count predictions with {@link #addUnits}, and its energy and units are read live.
 *
 * <pre>{@code
 * Workload v3 = monitor.workload("predict", Tags.of("model", "ranker", "version", "3"));
 * // in each request thread:
 * v3.addUnits(1);
 * }</pre>
 *
 * <p><b>Records.</b> Besides the workload's own checkpoints and final record (as any job), every time bucket
 * ({@code ergon.bucket}, default 1 h) closes a <em>segment</em>: a record with the workload as parent, tagged
 * {@code ergon.segment}, holding the energy and the units of that bucket (cut at the first reading at or after the
 * bucket boundary). The segments of a workload sum exactly to its own record; accounting counts top-level records
 * only, so nothing is counted twice, and a per-hour ratio (kWh per 1000 predictions) comes straight from the
 * segments.
 *
 * <p><b>Idle.</b> With {@code idleAfter} set, a workload whose units have not moved for that long while its energy
 * keeps growing is idle: {@link MonitorListener#onIdle} is called once, {@link #isIdle()} turns true, and the
 * segment records of the buckets it was idle in carry the tag {@code ergon.idle=true}.
 *
 * <p>A workload is always top-level, whichever thread opens it, and is no thread's current job; under
 * {@link Attribution#THREADS} let the request threads {@link Job#join() join} or {@link Job#wrap(Runnable) wrap}
 * {@link #job()} so their CPU time counts.
 *
 * <p>Thread-safe: {@link #addUnits} is lock-free and may be called from any number of threads at once; it never
 * throws on a closed workload (the units are counted in {@link #unitsAfterClose()} and otherwise dropped), so a
 * request thread never fails because of metering.
 *
 * @since 0.1
 */
public final class Workload implements AutoCloseable {

  private final Job job;
  private final @Nullable Duration idleAfter;
  private final LongAdder late = new LongAdder();

  Workload(Job job, @Nullable Duration idleAfter) {
    this.job = job;
    this.idleAfter = idleAfter;
  }

  /**
   * Counts functional units (predictions, requests). Lock-free; safe from any number of threads at once. After
   * the workload closed, the units are only counted in {@link #unitsAfterClose()}.
   *
   * @param count how many, {@code >= 0}
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public void addUnits(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("units must be >= 0, got " + count + " for workload '" + name() + "'");
    }
    if (job.account.isClosed()) {
      late.add(count);
      return;
    }
    job.account.addUnits(count);
  }

  /**
   * Returns the units added to the workload so far (its child jobs' units not included). Lock-free.
   *
   * @return the count
   */
  public long units() {
    return job.units();
  }

  /**
   * Returns the units added after the workload closed, which no record holds.
   *
   * @return the count
   */
  public long unitsAfterClose() {
    return late.sum();
  }

  /**
   * Returns the energy charged to the workload so far, as of the last reading (no fresh read).
   *
   * @return the energy summed over channels
   */
  public Energy energy() {
    return job.energySoFar();
  }

  /**
   * Tells whether the workload is idle now (see the class comment). Always false without {@code idleAfter}.
   *
   * @return true if idle
   */
  public boolean isIdle() {
    return job.monitor.isIdle(job);
  }

  /**
   * Returns how long units may stand still while energy grows before the workload is idle.
   *
   * @return the duration, or empty if idle detection is off
   */
  public Optional<Duration> idleAfter() {
    return Optional.ofNullable(idleAfter);
  }

  /**
   * Returns the job behind the workload (for child jobs, {@link Job#wrap}, {@link Job#join}).
   *
   * @return the job
   */
  public Job job() {
    return job;
  }

  /**
   * Returns the workload's record id.
   *
   * @return the id
   */
  public String id() {
    return job.id();
  }

  /**
   * Returns the workload's name.
   *
   * @return the name
   */
  public String name() {
    return job.name();
  }

  /**
   * Returns the workload's tags.
   *
   * @return the tags
   */
  public Tags tags() {
    return job.account.tags();
  }

  /**
   * Tells whether the workload is still open. Lock-free.
   *
   * @return true until closed
   */
  public boolean isOpen() {
    return job.isOpen();
  }

  /**
   * Closes the workload and returns its final record (its last segment is appended too).
   *
   * @return the record
   * @throws IllegalStateException if no record could be assembled
   */
  public EnergyRecord end() {
    return job.end();
  }

  /** Closes the workload: its last segment and its final record are appended. Never throws; idempotent. */
  @Override
  public void close() {
    job.close();
  }

  @Override
  public String toString() {
    return "Workload[" + name() + ", " + id() + "]";
  }
}
