package dev.ergon.accounting;

import dev.ergon.EnergyException;

/**
 * Thrown when a data file (emission factors, instruments, offsets, a cloud-region mapping) holds a value that
 * cannot be used; the message names the file, the line and the reason, and says how to fix it.
 *
 * <p>Nothing from a refused file is used: loaders read the whole file before they return. Immutable and
 * thread-safe.
 *
 * @since 0.1
 */
public final class InvalidDataException extends EnergyException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final String reason;

  /**
   * Creates an exception.
   *
   * @param source the file (its path) or bundled resource that holds the bad data
   * @param line the 1-based line of the bad row, or 0 when the fault is not on one line
   * @param reason what is wrong and how to fix it
   */
  public InvalidDataException(String source, long line, String reason) {
    super(source + (line > 0 ? ":" + line : "") + ": " + reason);
    this.source = source;
    this.line = line;
    this.reason = reason;
  }

  /**
   * Creates an exception with a cause.
   *
   * @param source the file or bundled resource
   * @param line the 1-based line, or 0
   * @param reason what is wrong and how to fix it
   * @param cause the underlying failure (a CSV syntax error, an I/O error)
   */
  public InvalidDataException(String source, long line, String reason, Throwable cause) {
    super(source + (line > 0 ? ":" + line : "") + ": " + reason, cause);
    this.source = source;
    this.line = line;
    this.reason = reason;
  }

  /**
   * Returns the message: {@code source:line: reason}.
   *
   * @return the message, never null
   */
  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }

  /**
   * Returns the file or resource that holds the bad data.
   *
   * @return the path or resource name
   */
  public String source() {
    return source;
  }

  /**
   * Returns the line of the bad row.
   *
   * @return the 1-based line number, or 0 when the fault is not on one line
   */
  public long line() {
    return line;
  }

  /**
   * Returns the reason, without the file and line.
   *
   * @return what is wrong and how to fix it
   */
  public String reason() {
    return reason;
  }
}
