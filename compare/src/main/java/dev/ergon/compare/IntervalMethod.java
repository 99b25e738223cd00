package dev.ergon.compare;

/**
 * How a comparison's 95 % intervals were computed, chosen from the runs by a fixed rule (see {@link Comparison}).
 *
 * @since 0.2
 */
public enum IntervalMethod {
  /**
   * Welch's t: both groups have at least {@value Comparison#FEW_RUNS} runs and neither is skewed
   * (|sample skewness| at most {@value Comparison#SKEWED}). The ratio's interval is Welch's on the log scale (delta
   * method).
   */
  WELCH,
  /** The bootstrap BCa (bias-corrected and accelerated): at least {@value Comparison#FEW_RUNS} runs a side, skewed. */
  BOOTSTRAP_BCA,
  /**
   * Fewer than {@value Comparison#FEW_RUNS} runs on a side: neither method's assumptions can be checked, so the
   * interval is the hull of Welch's and the bootstrap BCa's (from the lower of the two lower ends to the higher of
   * the upper ends).
   */
  WELCH_BOOTSTRAP_HULL
}
