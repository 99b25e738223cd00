package dev.ergon;

import dev.ergon.internal.JobAccount;
import dev.ergon.internal.ThreadScopes;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A metered scope of work, opened with {@link EnergyMonitor#start} and closed with try-with-resources: a handle
 * on the job's account in its monitor.
 *
 * <pre>{@code
 * try (Job job = monitor.start("train", Tags.of("model", "bert-base"))) {
 *   for (Batch b : batches) { step(b); job.addUnits(b.size()); }
 *   pool.invokeAll(job.wrap(tasks));          // work on other threads stays in the job
 * }
 * }</pre>
 *
 * <p>Closing reads every meter afresh, builds the {@link EnergyRecord}, appends it to the monitor's ledger and
 * makes it available from {@link #record()}. Closing never throws, and closing twice is a no-op. A meter that
 * fails while the job is open makes the record {@link RecordStatus#PARTIAL} with the reason; {@link #fail} makes it
 * {@link RecordStatus#FAILED}.
 *
 * <p>Jobs nest: a job started on a thread that is inside another open job of the same monitor, or with
 * {@link #start(String)}, is its child. Concurrent children share their parent's energy; the parent's record says
 * what was its own. Closing a job first closes its open children (their records are partial). Units roll up: a
 * record's units are those added to the job and all its descendants.
 *
 * <p>Thread-safe: {@link #addUnits} and {@link #fail} may be called from any number of threads without a lock;
 * everything else may be called from any thread.
 *
 * @since 0.1
 */
public final class Job implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Job.class);

  final EnergyMonitor monitor;
  final JobAccount account;
  private volatile @Nullable Thread opener;
  private volatile int openerToken = -1;
  private volatile @Nullable EnergyRecord record;

  Job(EnergyMonitor monitor, String id, String name, Tags tags, Instant start, @Nullable JobAccount parent,
      int channels) {
    this.monitor = monitor;
    this.account = new JobAccount(this, id, name, tags, start, parent, channels);
  }

  /** Makes the job the calling thread's current job (the thread that opened it). */
  void enter() {
    openerToken = monitor.scopes().enter(account);
    opener = Thread.currentThread();
  }

  void publish(EnergyRecord r) {
    record = r;
  }

  /**
   * Returns the job's record id (the id its checkpoints and record carry).
   *
   * @return a UUID version 7 text
   */
  public String id() {
    return account.id();
  }

  /**
   * Returns the job's name.
   *
   * @return the name
   */
  public String name() {
    return account.name();
  }

  /**
   * Returns the enclosing job's id.
   *
   * @return the parent id, if this job is nested
   */
  public Optional<String> parentId() {
    JobAccount p = account.parent();
    return p == null ? Optional.empty() : Optional.of(p.id());
  }

  /**
   * Counts functional units of work done in this job (predictions, samples, requests), for per-unit figures.
   * Lock-free; safe from any number of threads at once.
   *
   * @param count how many, {@code >= 0}
   * @throws IllegalArgumentException if {@code count} is negative
   * @throws IllegalStateException if the job is closed
   */
  public void addUnits(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("units must be >= 0, got " + count + " for job '" + name() + "'");
    }
    if (account.isClosed()) {
      throw new IllegalStateException("job '" + name() + "' (" + id() + ") is closed; add units before closing it");
    }
    account.addUnits(count);
  }

  /**
   * Returns the functional units added to this job itself so far; its record's units also include its
   * descendants'.
   *
   * @return the count
   */
  public long units() {
    return account.ownUnits();
  }

  /**
   * Marks the job failed: its record gets status {@link RecordStatus#FAILED} and the exception's class name (not
   * its message, which may hold secrets). The first failure wins. The job stays open until closed.
   *
   * @param failure what failed the job's work
   */
  public void fail(Throwable failure) {
    account.fail(Objects.requireNonNull(failure, "failure").getClass().getName());
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
   * Puts the calling thread inside this job until the returned membership is closed (on the same thread): jobs it
   * starts are this job's children, and under {@link Attribution#THREADS} its CPU time counts toward this job.
   * {@link #wrap(Runnable)} does the same for a task and needs no closing.
   *
   * @return the membership, to close on this thread when it leaves the job's work
   * @throws IllegalStateException if this job is closed
   */
  public Membership join() {
    if (account.isClosed()) {
      throw new IllegalStateException("job '" + name() + "' is closed; join it while it is open");
    }
    ThreadScopes scopes = monitor.scopes();
    int token = scopes.enter(account);
    Thread joiner = Thread.currentThread();
    AtomicBoolean left = new AtomicBoolean();
    return () -> {
      if (Thread.currentThread() == joiner && left.compareAndSet(false, true)) {
        scopes.exit(token);
      }
    };
  }

  /**
   * Returns a task that runs {@code task} inside this job, on whatever thread runs it: jobs it starts are this job's
   * children, {@link EnergyMonitor#currentJob()} returns this job, and under {@link Attribution#THREADS} its CPU
   * time counts toward this job. After the job closes the task still runs, outside any job.
   *
   * @param task the work
   * @return the wrapped task
   */
  public Runnable wrap(Runnable task) {
    Objects.requireNonNull(task, "task");
    ThreadScopes scopes = monitor.scopes();
    return () -> {
      int token = scopes.enter(account);
      try {
        task.run();
      } finally {
        scopes.exit(token);
      }
    };
  }

  /**
   * Returns a callable that runs {@code task} inside this job, as {@link #wrap(Runnable)}.
   *
   * @param task the work
   * @param <T> its result type
   * @return the wrapped callable
   */
  public <T> Callable<T> wrap(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    ThreadScopes scopes = monitor.scopes();
    return () -> {
      int token = scopes.enter(account);
      try {
        return task.call();
      } finally {
        scopes.exit(token);
      }
    };
  }

  /**
   * Returns an executor that runs every task it is given inside this job, as {@link #wrap(Runnable)}.
   *
   * @param executor the executor that runs the tasks
   * @return the wrapping executor
   */
  public Executor wrap(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return command -> executor.execute(wrap(command));
  }

  /**
   * Returns an executor service that runs every task submitted to it inside this job, as {@link #wrap(Runnable)};
   * shutting it down shuts down {@code service}.
   *
   * @param service the service that runs the tasks
   * @return the wrapping service
   */
  public ExecutorService wrap(ExecutorService service) {
    return new JobExecutorService(Objects.requireNonNull(service, "service"), this);
  }

  /**
   * Returns the energy charged to this job so far, as of the last reading (no fresh read).
   *
   * @return the energy summed over channels
   */
  public Energy energySoFar() {
    return monitor.energySoFar(this);
  }

  /**
   * Tells whether the job is still open. Lock-free.
   *
   * @return true until closed
   */
  public boolean isOpen() {
    return !account.isClosed();
  }

  /**
   * Returns the record, once the job is closed.
   *
   * @return the record, or empty while open
   */
  public Optional<EnergyRecord> record() {
    return Optional.ofNullable(record);
  }

  /**
   * Closes the job and returns its record.
   *
   * @return the record
   * @throws IllegalStateException if no record could be assembled (logged when it happened)
   */
  public EnergyRecord end() {
    close();
    EnergyRecord r = record;
    // Closed by another thread (its parent's closer, or the monitor): that thread publishes the record.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (r == null && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(100_000);
      r = record;
    }
    if (r == null) {
      throw new IllegalStateException("job '" + name() + "' has no record after closing");
    }
    return r;
  }

  /**
   * Closes the job: reads the meters afresh, builds the record and appends it to the ledger. Never throws.
   */
  @Override
  public void close() {
    close(null);
  }

  /**
   * Closes the job as cut short: like {@link #close()}, but the record is {@link RecordStatus#PARTIAL} and its
   * problems say why, e.g. {@code "terminated by SIGTERM"}. Does nothing if the job is already closed. Never throws.
   *
   * @param reason why the job ended before its work did, one line
   * @since 0.1
   */
  public void closeEarly(String reason) {
    close(Objects.requireNonNull(reason, "reason"));
  }

  private void close(@Nullable String reason) {
    try {
      monitor.closeJob(this, reason);
    } catch (RuntimeException e) {
      LOG.error("closing job '{}' failed", name(), e);
    }
    int token = openerToken;
    if (token >= 0 && Thread.currentThread() == opener) {
      openerToken = -1;
      monitor.scopes().exit(token);
    }
  }

  @Override
  public String toString() {
    return "Job[" + name() + ", " + id() + "]";
  }

  /**
   * A thread's membership of a job, from {@link #join()}; closing it takes the thread out of the job.
   *
   * @since 0.1
   */
  public interface Membership extends AutoCloseable {
    /** Ends the membership, on the thread that joined. Idempotent. */
    @Override
    void close();
  }
}
