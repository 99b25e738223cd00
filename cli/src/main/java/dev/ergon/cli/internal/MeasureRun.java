package dev.ergon.cli.internal;

import dev.ergon.EnergyMonitor;
import dev.ergon.EnergyRecord;
import dev.ergon.Job;
import java.io.PrintWriter;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * One run of {@code ergon measure}: the child, the open job, and the single place where the run ends, either when
 * the child exits or when this process is asked to stop (SIGINT, SIGTERM, SIGHUP).
 *
 * <p>On a signal the JVM runs {@link #onShutdown} as a shutdown hook: it forwards the termination to the child
 * ({@link ChildCommand#stop}), closes the monitor while the job is still open, so the record is written as
 * {@code partial} with the reason, and publishes it (ledger, summary or JSON) before the JVM exits with the signal's
 * code (130 for SIGINT, 143 for SIGTERM). Whichever of the main thread and the hook ends the run first does it; the
 * other finds it done. A signal that arrives while the child is being reaped still marks the run interrupted, since
 * the flag is set before the child is signalled.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe.
 */
final class MeasureRun {

  /**
   * How a run ended.
   *
   * @param record the job's record, as the monitor built it
   * @param exitCode the child's exit code (128 + the signal number if a signal ended it)
   * @param interrupted whether this process was asked to stop before the child exited by itself
   */
  record Outcome(EnergyRecord record, int exitCode, boolean interrupted) {}

  private final EnergyMonitor monitor;
  private final Job job;
  private final ChildCommand child;
  private final @Nullable ProgressLine progress;
  private final PrintWriter err;
  private final ToIntFunction<Outcome> publisher;
  private volatile boolean signalled;
  private @Nullable Integer result; // guarded by this

  /**
   * Creates a run.
   *
   * @param monitor the monitor, closed when the run ends
   * @param job the command's job
   * @param child the running command
   * @param progress the progress line to stop, if shown
   * @param err where a failure while stopping is reported
   * @param publisher appends and prints the record; returns the exit code of {@code ergon}
   */
  MeasureRun(EnergyMonitor monitor, Job job, ChildCommand child, @Nullable ProgressLine progress, PrintWriter err,
      ToIntFunction<Outcome> publisher) {
    this.monitor = monitor;
    this.job = job;
    this.child = child;
    this.progress = progress;
    this.err = err;
    this.publisher = publisher;
  }

  /**
   * Waits for the child to exit, ends the run and returns the exit code.
   *
   * @return the exit code of {@code ergon}
   */
  int awaitExit() {
    int code = child.waitFor();
    return finish(code);
  }

  /** The shutdown hook's work: forward the signal, then end the run as interrupted. Never throws. */
  void onShutdown() {
    signalled = true;
    try {
      child.stop();
      finish(child.waitFor());
    } catch (RuntimeException e) {
      err.println("ergon: stopping after a signal failed: " + FailureHandler.message(e));
      err.flush();
    }
  }

  private synchronized int finish(int childExit) {
    Integer done = result;
    if (done != null) {
      return done;
    }
    ProgressLine p = progress;
    if (p != null) {
      p.stop();
    }
    boolean interrupted = signalled;
    if (!interrupted) {
      job.close();
    }
    monitor.close(); // closes the job if still open: its record says it was cut short
    EnergyRecord record = job.record().orElseThrow(
        () -> new IllegalStateException("job '" + job.name() + "' has no record after the monitor closed"));
    int code = publisher.applyAsInt(new Outcome(record, childExit, interrupted));
    result = code;
    return code;
  }
}
