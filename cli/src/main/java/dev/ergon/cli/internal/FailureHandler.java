package dev.ergon.cli.internal;

import dev.ergon.EnergyException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception thrown by a command into one line on stderr and an exit code: 1, or the code a
 * {@link CommandFailure} carries. The stack trace is printed only with {@code --verbose}.
 *
 * <p>Errors that are the user's to fix (a bad file, a bad value, an unwritable ledger) print their own message,
 * which names the thing, the place and the fix. Anything else is a bug and says so.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
final class FailureHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean verbose = isVerbose(parseResult);
    err.println("ergon: " + message(ex));
    if (verbose) {
      ex.printStackTrace(err);
    } else if (!isExpected(ex)) {
      err.println("ergon: this is a bug; run again with --verbose and report the stack trace");
    }
    err.flush();
    return ex instanceof CommandFailure f ? f.exitCode() : CommandFailure.ERROR;
  }

  /** Tells whether {@code --verbose} was given to the command or any of its parents. */
  static boolean isVerbose(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isExpected(Exception ex) {
    return ex instanceof CommandFailure || ex instanceof EnergyException || ex instanceof IllegalArgumentException
        || ex instanceof UncheckedIOException || ex instanceof IllegalStateException;
  }

  /** The exception's message; for an unexpected exception, its type and message. */
  static String message(Exception ex) {
    String m = ex.getMessage();
    if (isExpected(ex) && m != null && !m.isBlank()) {
      return m;
    }
    return ex.getClass().getName() + (m == null ? "" : ": " + m);
  }
}
