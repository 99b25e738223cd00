package dev.ergon.cli.internal;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a usage error (an unknown flag, a bad value, a missing argument) in a few lines on stderr, with a
 * suggestion for a mistyped flag and a pointer to the help, and returns the usage-error exit code, 2.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("ergon: " + ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return cl.getCommandSpec().exitCodeOnInvalidInput();
  }
}
