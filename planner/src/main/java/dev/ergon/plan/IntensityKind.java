package dev.ergon.plan;

/**
 * Whether an hour's intensity was observed or predicted; it sets the hour's relative uncertainty
 * ({@link IntensityUncertainty}).
 *
 * @since 0.1
 */
public enum IntensityKind {
  /** Measured (or reconstructed after the fact) by the data provider. */
  ACTUAL,
  /** Predicted, or estimated by a model where measurements were missing. */
  FORECAST
}
