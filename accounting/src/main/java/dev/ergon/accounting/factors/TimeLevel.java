package dev.ergon.accounting.factors;

/**
 * The rung of the time hierarchy at which a factor was found, finest first.
 *
 * @since 0.1
 */
public enum TimeLevel {
  /** A factor for the same UTC hour as the consumption. */
  HOUR,
  /** A factor for the same UTC month. */
  MONTH,
  /** A factor for the same UTC year. */
  YEAR,
  /**
   * An annual factor of another year, the nearest available (the latest earlier year, else the earliest later
   * one): used when the data set has not caught up with the consumption; always disclosed.
   */
  OTHER_YEAR
}
