package dev.ergon.cli;

import dev.ergon.cli.internal.ErgonCommand;
import dev.ergon.cli.internal.Terminal;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The entry point of the {@code ergon} command ({@code java -jar ergon.jar ...}).
 *
 * <p>Exit codes: the measured command's own exit code for {@code ergon measure}; 0 for success; 1 for an error (one
 * line on stderr, naming what failed, where, and the fix; the stack trace only with {@code --verbose}); 2 for a usage
 * error (a bad flag or value); 126 or 127 when the command to measure cannot be run or is not found, as {@code env}
 * and {@code nice} do.
 *
 * <p>Thread-safe: every call builds its own command objects.
 *
 * @since 0.1
 */
public final class Ergon {
  private Ergon() {}

  /**
   * Runs the command and exits the JVM with its exit code.
   *
   * @param args the command line, e.g. {@code measure -- sleep 1}
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command in this JVM, writing to {@link System#out} and {@link System#err}, and returns its exit code
   * instead of exiting.
   *
   * @param args the command line
   * @return the exit code (see the class description)
   */
  public static int run(String... args) {
    // A terminal gets its own charset; a pipe or file gets UTF-8, the charset JSON and CSV consumers expect.
    Charset charset = Terminal.outputCharset();
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
    return ErgonCommand.commandLine(out, err, args).execute(args);
  }
}
