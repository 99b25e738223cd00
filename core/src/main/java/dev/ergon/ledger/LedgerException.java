package dev.ergon.ledger;

import dev.ergon.EnergyException;
import org.jspecify.annotations.Nullable;

/**
 * A ledger could not be read or written; the message names the file, the line and the fix.
 *
 * @since 0.1
 */
public class LedgerException extends EnergyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what, where and the fix
   * @param cause the underlying failure
   */
  public LedgerException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception.
   *
   * @param message what, where and the fix
   */
  public LedgerException(String message) {
    super(message);
  }
}
