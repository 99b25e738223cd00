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
 * <p>Records must be added in non-decreasing index order (all of a record's parts together, as the calculations
 * walk their pieces by record then hour): a record's term is then complete when the next record starts, and is
 * squared into the sum at once, so the budget holds no per-record state. The terms are summed in the order the
 * records were added.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe; used by one calculation.
 */
public final class GumBudget {
  private final Map<String, Double> factors = new LinkedHashMap<>();
  private double energySquares;
  private int record = -1;
  private double recordGrams;
  private double recordRelative;

  /** Creates an empty budget. */
  public GumBudget() {}

  /**
   * Adds a record's sensitivity.
   *
   * @param record the record's index, {@code >=} that of the record added before
   * @param relativeUncertainty the record's relative standard uncertainty
   * @param grams the emissions (gCO₂e) that scale with the record's energy
   * @throws IllegalStateException if {@code record} is less than the index added before
   */
  public void addEnergy(int record, double relativeUncertainty, double grams) {
    if (record == this.record) {
      recordGrams += grams;
    } else if (record > this.record) {
      flushRecord();
      this.record = record;
      recordGrams = grams;
    } else {
      throw new IllegalStateException("record " + record + " added after record " + this.record
          + "; add a budget's records in index order");
    }
    recordRelative = relativeUncertainty;
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
      factors.merge(group, relativeUncertainty * grams, Double::sum);
    }
  }

  /**
   * Returns the combined standard uncertainty.
   *
   * @return u(T), gCO₂e
   */
  public double standardUncertainty() {
    double sum = energySquares;
    if (record >= 0) {
      double c = recordRelative * recordGrams;
      sum += c * c;
    }
    for (double c : factors.values()) {
      sum += c * c;
    }
    return Math.sqrt(sum);
  }

  /* Squares the finished record's term into the sum, before the next record starts. */
  private void flushRecord() {
    if (record >= 0) {
      double c = recordRelative * recordGrams;
      energySquares += c * c;
    }
  }
}
