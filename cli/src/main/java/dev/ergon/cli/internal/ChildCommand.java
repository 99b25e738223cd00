package dev.ergon.cli.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The measured command, running as a child process with this process's stdin, stdout and stderr.
 *
 * <p>With {@code --json} the child's stdout is copied to this process's stderr instead, so that stdout carries only
 * the record.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: {@link #stop} may run on a shutdown hook
 * while the main thread waits in {@link #waitFor}.
 */
final class ChildCommand {

  /** How long a signalled child may take to exit before it is killed. */
  static final Duration GRACE = Duration.ofSeconds(10);

  private final Process process;
  private final @Nullable Thread copier;

  private ChildCommand(Process process, @Nullable Thread copier) {
    this.process = process;
    this.copier = copier;
  }

  /**
   * Starts a command.
   *
   * @param command the program and its arguments
   * @param stdoutToStderr whether the child's stdout goes to this process's stderr
   * @return the running child
   * @throws IOException if it cannot be started
   */
  static ChildCommand start(List<String> command, boolean stdoutToStderr) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    if (stdoutToStderr) {
      pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
    }
    Process p = pb.start();
    Thread copier = null;
    if (stdoutToStderr) {
      copier = new Thread(() -> copy(p.getInputStream(), new FileOutputStream(FileDescriptor.err)),
          "ergon-child-stdout");
      copier.setDaemon(true);
      copier.start();
    }
    return new ChildCommand(p, copier);
  }

  private static void copy(InputStream in, OutputStream out) {
    byte[] buf = new byte[8192];
    try (in) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // The child closed its stdout or this process's stderr is gone: nothing left to copy to.
    }
  }

  /**
   * Returns the child's process id.
   *
   * @return the pid
   */
  long pid() {
    return process.pid();
  }

  /**
   * Waits for the child to exit, and for its copied output to be written.
   *
   * @return its exit code; 128 + the signal number if a signal ended it
   */
  int waitFor() {
    boolean interrupted = false;
    int code;
    while (true) {
      try {
        code = process.waitFor();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    Thread c = copier;
    if (c != null) {
      try {
        c.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return code;
  }

  /**
   * Returns whether the child is still running.
   *
   * @return true until it exits
   */
  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Forwards a termination request: sends SIGTERM to the child and its descendants, waits up to {@link #GRACE} for
   * the child to exit, then kills what is left. Returns when the child has exited.
   */
  void stop() {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
