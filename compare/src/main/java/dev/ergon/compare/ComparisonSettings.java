package dev.ergon.compare;

/**
 * The settings of a comparison.
 *
 * <p>Immutable and thread-safe.
 *
 * @param effect the relative difference to size the runs for, e.g. {@code 0.05} for 5 % of A's mean; in (0, 10]
 * @param resamples the bootstrap's resamples, 1 000 to 1 000 000
 * @param seed the bootstrap's random seed: the same runs and seed give the same intervals
 * @since 0.2
 */
public record ComparisonSettings(double effect, int resamples, long seed) {

  /** The default effect: 5 % of A's mean. */
  public static final double DEFAULT_EFFECT = 0.05;

  /** The default number of bootstrap resamples. */
  public static final int DEFAULT_RESAMPLES = 10_000;

  /** The default seed. */
  public static final long DEFAULT_SEED = 17;

  /** Validates the settings. */
  public ComparisonSettings {
    if (!(effect > 0 && effect <= 10)) {
      throw new IllegalArgumentException("effect must be a relative difference > 0 and <= 10 (1000 %), got " + effect
          + "; e.g. 0.05 for 5 %");
    }
    if (resamples < 1_000 || resamples > 1_000_000) {
      throw new IllegalArgumentException("resamples must be 1000..1000000, got " + resamples);
    }
  }

  /**
   * Returns the defaults: a 5 % effect, 10 000 resamples, seed 17.
   *
   * @return the settings
   */
  public static ComparisonSettings defaults() {
    return new ComparisonSettings(DEFAULT_EFFECT, DEFAULT_RESAMPLES, DEFAULT_SEED);
  }
}
