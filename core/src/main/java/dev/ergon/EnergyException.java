package dev.ergon;

import org.jspecify.annotations.Nullable;

/**
 * The base of Ergon's own exceptions.
 *
 * <p>Messages name the thing, the place and the fix. Thread-safe as any immutable exception.
 *
 * @since 0.1
 */
public class EnergyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what failed, where, and how to fix it
   */
  public EnergyException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what failed, where, and how to fix it
   * @param cause the underlying failure
   */
  public EnergyException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
