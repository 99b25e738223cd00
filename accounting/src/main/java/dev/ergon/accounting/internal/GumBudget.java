package dev.ergon.accounting.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A first-order (GUM, JCGM 100:2008 §5) uncertainty budget for a sum of emissions.
 *
 * <p>A total {@code T = Σ E·F} has two kinds of input: record energies and emission factors. Linearised, each input
 * {@code x} with relative standard uncertainty {@code u_r(x)} contributes {@code (∂T/∂x · x) · u_r(x)}; the
 * contributions of one correlated group add linearly, groups add in quadrature:
 *
 * <pre>u(T)² = Σ_records (u_r(E_rec) · S_rec)² + Σ_factor groups (Σ u_r(F) · T_F)²</pre>
 *
 * <p>where {@code S_rec} is the sensitivity of {@code T} to a proportional change of the record's energy (its
 * emissions in {@code T} under the factor that would apply to one more kWh), and {@code T_F} the part of {@code T}
 * computed with factor {@code F}. Assumed: a record's energy error is common to all its hours (one meter, one
 * calibration); different records' errors are independent; factors of one data set, zone and kind are fully
 * correlated (one method), factors of different data sets or zones independent; energy and factor errors are
 * independent of each other.
 *
 * <p>The energy part comes from the cells: a cell's variance {@code Σ a²} and the covariances {@code Σ a₁a₂} of
 * cells sharing records (see {@code CellEnergy}), each times the sensitivities (g per µJ) of the cells involved;
 * the caller adds them in a fixed order (cells in key order, then pairs in pair order), so the result does not
 * depend on the order of the records.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe; used by one calculation.
 */
public final class GumBudget {
  /* Σ u·grams per correlation group, in first-use order; a one-slot array to sum in place without boxing. */
  private final Map<String, double[]> factors = new LinkedHashMap<>();
  private double energyVariance;

  /** Creates an empty budget. */
  public GumBudget() {}

  /**
   * Adds a term of the energy variance.
   *
   * @param gramsSquared {@code Σ a₁a₂ · s₁ · s₂}, (gCO₂e)²
   */
  public void addEnergyVariance(double gramsSquared) {
    energyVariance += gramsSquared;
  }

  /**
   * Adds a factor's contribution.
   *
   * @param group the correlation group (data set, zone, kind)
   * @param relativeUncertainty the factor's relative standard uncertainty
   * @param grams the emissions (gCO₂e) computed with it
   */
  public void addFactor(String group, double relativeUncertainty, double grams) {
    if (relativeUncertainty > 0) {
      double[] sum = factors.get(group);
      if (sum == null) {
        factors.put(group, new double[] {relativeUncertainty * grams});
      } else {
        sum[0] += relativeUncertainty * grams;
      }
    }
  }

  /**
   * Returns the combined standard uncertainty.
   *
   * @return u(T), gCO₂e
   */
  public double standardUncertainty() {
    double sum = energyVariance;
    for (double[] c : factors.values()) {
      sum += c[0] * c[0];
    }
    return Math.sqrt(sum);
  }
}
