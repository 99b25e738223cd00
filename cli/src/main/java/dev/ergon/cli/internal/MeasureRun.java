package dev.ergon.cli.internal;

import dev.ergon.EnergyMonitor;
import dev.ergon.EnergyRecord;
import dev.ergon.Job;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * One run of {@code ergon measure}: the child, the open job, and the single place where the run ends, either when
 * the child exits or when this process is asked to stop (SIGINT, SIGTERM, SIGHUP).
 *
 * <p>The signal handling is in place before the child starts ({@link #onSignal}, installed by the caller through
 * {@link SignalTrap}): a signal that arrives before {@link #start} means the child is never started; one that arrives
 * after it is forwarded to the child ({@link ChildCommand#stop}, its whole process group where it has one). Either way
 * the main thread then ends the run: it closes the job with the reason {@code "terminated by SIGTERM"}, so the record
 * is written as {@code partial}, publishes it (ledger, summary or JSON) and returns 128 + the signal's number (130 for
 * SIGINT, 143 for SIGTERM). {@link #onShutdown} is the fallback for a JVM shutdown without a trapped signal; it ends
 * the run on the hook's thread. Whichever thread ends the run first does it; the other finds it done.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe.
 */
final class MeasureRun {

  /**
   * How a run ended.
   *
   * @param record the job's record, as the monitor built it
   * @param exitCode the child's exit code (128 + the signal number if a signal ended it or stopped it before it ran)
   * @param interrupted whether this process was asked to stop before the child exited by itself
   * @param started whether the child was started
   */
  record Outcome(EnergyRecord record, int exitCode, boolean interrupted, boolean started) {}

  /** Starts the child. */
  interface Starter {
    /**
     * Starts it.
     *
     * @return the running child
     * @throws IOException if it cannot be started
     */
    ChildCommand start() throws IOException;
  }

  private final EnergyMonitor monitor;
  private final Job job;
  private final @Nullable ProgressLine progress;
  private final PrintWriter err;
  private final ToIntFunction<Outcome> publisher;
  private @Nullable ChildCommand child; // guarded by this
  private @Nullable String reason; // guarded by this; why the run was cut short
  private int signalNumber; // guarded by this; 0 unless a trapped signal ended the run
  private @Nullable Integer result; // guarded by this

  /**
   * Creates a run.
   *
   * @param monitor the monitor, closed when the run ends
   * @param job the command's job
   * @param progress the progress line to stop, if shown
   * @param err where a failure while stopping is reported
   * @param publisher appends and prints the record; returns the exit code of {@code ergon}
   */
  MeasureRun(EnergyMonitor monitor, Job job, @Nullable ProgressLine progress, PrintWriter err,
      ToIntFunction<Outcome> publisher) {
    this.monitor = monitor;
    this.job = job;
    this.progress = progress;
    this.err = err;
    this.publisher = publisher;
  }

  /**
   * Starts the child unless a signal has already asked this process to stop.
   *
   * @param starter starts it
   * @return whether it was started
   * @throws IOException if it cannot be started
   */
  synchronized boolean start(Starter starter) throws IOException {
    if (reason != null) {
      return false;
    }
    child = starter.start();
    return true;
  }

  /**
   * Waits for the child to exit (at once if it never started), ends the run and returns the exit code.
   *
   * @return the exit code of {@code ergon}
   */
  int awaitExit() {
    ChildCommand c;
    int signal;
    synchronized (this) {
      c = child;
      signal = signalNumber;
    }
    return finish(c != null ? c.waitFor() : 128 + signal);
  }

  /**
   * A trapped signal's work, on the JVM's signal thread: note the signal (the first one names the reason) and forward
   * it to the child. The main thread, whose wait then returns, ends the run. Never throws.
   *
   * @param name the signal's name, e.g. {@code SIGTERM}
   * @param number its number
   */
  void onSignal(String name, int number) {
    ChildCommand c;
    synchronized (this) {
      if (reason == null) {
        reason = "terminated by " + name;
        signalNumber = number;
      }
      c = child;
    }
    if (c != null) {
      stopChild(c);
    }
  }

  /** The shutdown hook's work when the JVM shuts down without a trapped signal. Never throws. */
  void onShutdown() {
    ChildCommand c;
    synchronized (this) {
      if (reason == null) {
        reason = "terminated: ergon's JVM was shut down while the command ran";
      }
      c = child;
    }
    if (c != null) {
      stopChild(c);
    }
    try {
      finish(c != null ? c.waitFor() : 128 + 15);
    } catch (RuntimeException e) {
      err.println("ergon: ending the run after a shutdown failed: " + FailureHandler.message(e));
      err.flush();
    }
  }

  private void stopChild(ChildCommand c) {
    try {
      c.stop();
    } catch (RuntimeException e) {
      err.println("ergon: stopping the command after a signal failed: " + FailureHandler.message(e));
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
    String why = reason;
    if (why == null) {
      job.close();
    } else {
      job.closeEarly(why); // the record is partial and says why
    }
    monitor.close();
    EnergyRecord record = job.record().orElseThrow(
        () -> new IllegalStateException("job '" + job.name() + "' has no record after the monitor closed"));
    int code = publisher.applyAsInt(new Outcome(record, childExit, why != null, child != null));
    if (signalNumber != 0) {
      code = 128 + signalNumber;
    }
    result = code;
    return code;
  }
}
