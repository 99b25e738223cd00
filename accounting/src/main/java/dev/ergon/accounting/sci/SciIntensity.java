package dev.ergon.accounting.sci;

import dev.ergon.accounting.factors.FactorKind;

/**
 * The grid intensity the SCI uses: ISO/IEC 21031 allows the average or a marginal intensity, never a market-based
 * one.
 *
 * @since 0.1
 */
public enum SciIntensity {
  /** Grid-average (location-based) intensity. */
  AVERAGE(FactorKind.LOCATION),
  /** Marginal intensity (factor kind {@code marginal}); where none is available, the average, disclosed. */
  MARGINAL(FactorKind.MARGINAL);

  private final FactorKind kind;

  SciIntensity(FactorKind kind) {
    this.kind = kind;
  }

  /**
   * Returns the factor kind looked up.
   *
   * @return the kind
   */
  public FactorKind factorKind() {
    return kind;
  }
}
