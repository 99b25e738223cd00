package dev.ergon.cli.internal;

import org.jspecify.annotations.Nullable;

/**
 * An error a command reports to the person running it: one line naming what failed, where, and the fix, and the
 * exit code to end with.
 *
 * <p>This class is internal and is hence not for public use. Immutable.
 */
public final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The exit code of a failed command. */
  public static final int ERROR = 1;
  /** The exit code when the command to measure was found but cannot be run (as {@code env} and {@code nice}). */
  public static final int CANNOT_EXECUTE = 126;
  /** The exit code when the command to measure was not found (as {@code env} and {@code nice}). */
  public static final int NOT_FOUND = 127;

  private final int exitCode;

  /**
   * Creates a failure with exit code {@link #ERROR}.
   *
   * @param message what failed, where, and the fix
   */
  public CommandFailure(String message) {
    this(message, ERROR, null);
  }

  /**
   * Creates a failure.
   *
   * @param message what failed, where, and the fix
   * @param exitCode the exit code
   * @param cause the underlying failure, shown with {@code --verbose}
   */
  public CommandFailure(String message, int exitCode, @Nullable Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /**
   * Returns the message: what failed, where, and the fix.
   *
   * @return the message, never null
   */
  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }

  /**
   * Returns the exit code to end with.
   *
   * @return the code
   */
  public int exitCode() {
    return exitCode;
  }
}
