package dev.ergon;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a meter cannot be opened, with the reason and the remedy.
 *
 * @since 0.1
 */
public class MeterUnavailableException extends EnergyException {
  private static final long serialVersionUID = 1L;

  private final UnavailableReason reason;
  private final String remedy;

  /**
   * Creates an exception.
   *
   * @param reason why the meter cannot measure
   * @param message what failed and where
   * @param remedy what a person can do about it
   */
  public MeterUnavailableException(UnavailableReason reason, String message, String remedy) {
    this(reason, message, remedy, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param reason why the meter cannot measure
   * @param message what failed and where
   * @param remedy what a person can do about it
   * @param cause the underlying failure
   */
  public MeterUnavailableException(
      UnavailableReason reason, String message, String remedy, @Nullable Throwable cause) {
    super(message + (remedy.isEmpty() ? "" : "; " + remedy), cause);
    this.reason = reason;
    this.remedy = remedy;
  }

  /**
   * Returns why the meter cannot measure.
   *
   * @return the reason
   */
  public UnavailableReason reason() {
    return reason;
  }

  /**
   * Returns what a person can do about it.
   *
   * @return the remedy, possibly several lines
   */
  public String remedy() {
    return remedy;
  }
}
