package dev.ergon.cli.internal;

import dev.ergon.Job;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Shows a long-running {@code measure} on a terminal: one line on stderr, rewritten every second, with the time
 * elapsed and the energy so far. Started only when {@link System#console()} is present, so redirected output stays
 * clean.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: {@link #stop} may be called from any
 * thread, and more than once.
 */
final class ProgressLine {

  private static final long PERIOD_NANOS = Duration.ofSeconds(1).toNanos();
  /** Not shown for commands shorter than this. */
  private static final long FIRST_NANOS = Duration.ofSeconds(2).toNanos();

  private final Job job;
  private final PrintWriter err;
  private final Thread thread;
  private final long startNanos = System.nanoTime();
  private volatile boolean stopped;
  private boolean shown; // guarded by this

  ProgressLine(Job job, PrintWriter err) {
    this.job = job;
    this.err = err;
    this.thread = new Thread(this::run, "ergon-progress");
    this.thread.setDaemon(true);
  }

  /** Starts the updates. */
  void start() {
    thread.start();
  }

  private void run() {
    LockSupport.parkNanos(FIRST_NANOS);
    while (!stopped) {
      long elapsed = System.nanoTime() - startNanos;
      synchronized (this) {
        if (stopped) {
          return;
        }
        err.print(String.format(Locale.US, "\rergon: %d s, %s so far ", elapsed / 1_000_000_000L,
            QuantityText.energy(job.energySoFar())));
        err.flush();
        shown = true;
      }
      LockSupport.parkNanos(PERIOD_NANOS);
    }
  }

  /** Stops the updates and clears the line. */
  void stop() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
      if (shown) {
        err.print("\r\033[K");
        err.flush();
      }
    }
    LockSupport.unpark(thread);
  }
}
