package dev.ergon.cli.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The measured command, running as a child process with this process's stdin, stdout and stderr.
 *
 * <p>Where {@code setsid} (util-linux) is installed and stdin is not a terminal, the child runs in a session and process
 * group of its own, whose id is its pid; {@link #stop} signals that whole group, so the processes it spawned do not
 * survive it. At a terminal the child stays in ergon's process group, so that it keeps the terminal ({@code /dev/tty},
 * job control) and Ctrl-C reaches the whole group from the terminal itself; {@link #stop} then signals the child's
 * descendants one by one, as it also does in the other case for those that left the group.
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

  /** Where {@code setsid} may be installed. */
  private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

  private final Process process;
  private final @Nullable Thread copier;
  private final boolean ownGroup;

  private ChildCommand(Process process, @Nullable Thread copier, boolean ownGroup) {
    this.process = process;
    this.copier = copier;
    this.ownGroup = ownGroup;
  }

  /**
   * Returns the {@code setsid} program to start the child with, or {@code null} to start it in ergon's group.
   *
   * @param stdinIsTerminal whether ergon's stdin is a terminal
   * @param candidates where {@code setsid} may be
   * @return the program, or null
   */
  static @Nullable Path setsid(boolean stdinIsTerminal, List<Path> candidates) {
    if (stdinIsTerminal) {
      return null;
    }
    for (Path p : candidates) {
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** Tells whether this process's stdin is a terminal (Linux: {@code /proc/self/fd/0} names a tty device). */
  static boolean stdinIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.startsWith("/dev/console");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Terminal.isInteractive(); // not Linux: assume a terminal when there is a console
    }
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
    Path setsid = setsid(stdinIsTerminal(), SETSID);
    List<String> argv = command;
    if (setsid != null) {
      argv = new ArrayList<>();
      argv.add(setsid.toString());
      argv.addAll(command); // without --fork: setsid execs the command, so the child's pid is its group's id
    }
    ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
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
    return new ChildCommand(p, copier, setsid != null);
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
   * Returns whether the child runs in a process group of its own (whose id is {@link #pid}).
   *
   * @return true if it was started with {@code setsid}
   */
  boolean ownGroup() {
    return ownGroup;
  }

  /**
   * Forwards a termination request: sends SIGTERM to the child's process group (when it has its own) and to each of
   * its descendants, waits up to {@link #GRACE} for the child to exit, then sends SIGKILL to what is left, the group
   * included. Returns when the child has exited.
   */
  void stop() {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    signalGroup("TERM");
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        signalGroup("KILL");
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } else {
        // The child is gone; processes it left behind in its group get the same request.
        signalGroup("TERM");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends a signal to the child's process group with kill(1); Java has no call for a group. */
  private void signalGroup(String signal) {
    if (!ownGroup) {
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      // No kill(1): the descendants are still signalled one by one.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
