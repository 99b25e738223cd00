package dev.ergon.cli.internal;

import picocli.CommandLine.Option;

/**
 * The options every command takes: {@code --verbose}.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe.
 */
public final class GlobalOptions {

  /** The slf4j-simple property that sets the log level. */
  static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

  /** The description of {@code --verbose} (also in {@link MeasureModel}). */
  static final String VERBOSE_DESCRIPTION = "Print debug logs, timings and the stack trace of an error.";

  @Option(names = "--verbose", description = VERBOSE_DESCRIPTION)
  boolean verbose;

  /** Creates the options; picocli fills them in. */
  public GlobalOptions() {}

  /**
   * Tells whether {@code --verbose} was given.
   *
   * @return true if verbose
   */
  public boolean verbose() {
    return verbose;
  }

  /**
   * Turns on debug logging when verbose. Must run before the first logger is created, that is before any Ergon
   * monitor or ledger class is used.
   */
  void applyLogging() {
    if (verbose) {
      System.setProperty(LOG_LEVEL_PROPERTY, "debug");
    }
  }
}
