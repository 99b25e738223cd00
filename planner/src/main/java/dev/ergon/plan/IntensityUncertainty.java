package dev.ergon.plan;

/**
 * The relative standard uncertainty (1σ, a fraction) assumed for an hour's grid intensity, by kind.
 *
 * <p>The defaults are stated assumptions, not measurements: 5 % for actual values (the spread between data providers'
 * reconstructions of one hour is of that order) and 15 % for forecasts and estimates (day-ahead intensity forecasts
 * typically miss by 5–20 %). Give your provider's figures when you know them. Immutable and thread-safe.
 *
 * @param actual relative standard uncertainty of {@link IntensityKind#ACTUAL} hours, {@code 0 <= actual < 1}
 * @param forecast relative standard uncertainty of {@link IntensityKind#FORECAST} hours, {@code 0 <= forecast < 1}
 * @since 0.1
 */
public record IntensityUncertainty(double actual, double forecast) {

  /** 5 % for actual hours, 15 % for forecast hours. */
  public static final IntensityUncertainty DEFAULT = new IntensityUncertainty(0.05, 0.15);

  /**
   * Validates the fractions.
   *
   * @throws IllegalArgumentException if either is not in {@code [0, 1)}
   */
  public IntensityUncertainty {
    check(actual, "actual");
    check(forecast, "forecast");
  }

  private static void check(double u, String what) {
    if (!(u >= 0 && u < 1)) {
      throw new IllegalArgumentException("the relative uncertainty of " + what + " intensities must be a fraction "
          + ">= 0 and < 1 (0.15 for 15 %), got " + u);
    }
  }

  /**
   * Returns the fraction for a kind.
   *
   * @param kind the kind
   * @return the relative standard uncertainty
   */
  public double of(IntensityKind kind) {
    return kind == IntensityKind.ACTUAL ? actual : forecast;
  }
}
