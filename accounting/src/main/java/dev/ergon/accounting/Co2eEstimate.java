package dev.ergon.accounting;

import dev.ergon.Co2e;
import java.util.Locale;
import java.util.Objects;

/**
 * A mass of CO₂e with its standard uncertainty, as every total in an Ergon report carries.
 *
 * <p>The uncertainty is a combined standard uncertainty in the sense of the GUM (JCGM 100:2008, §5): one standard
 * deviation, in grams. The interval reported with it is the <b>expanded uncertainty with coverage factor
 * k&nbsp;=&nbsp;2</b> ({@link #COVERAGE_FACTOR}), which for a normal distribution covers about 95&nbsp;% of the
 * probable values (GUM §6.2). The lower end is clipped at zero, since a mass is never negative.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the best estimate
 * @param standardUncertaintyGrams the combined standard uncertainty (1σ), in gCO₂e; finite and {@code >= 0}
 * @since 0.1
 */
public record Co2eEstimate(Co2e value, double standardUncertaintyGrams) {

  /** The coverage factor of the reported interval: 2, for about 95 % coverage. */
  public static final double COVERAGE_FACTOR = 2.0;

  /** No emissions, known exactly. */
  public static final Co2eEstimate ZERO = new Co2eEstimate(Co2e.ZERO, 0);

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the uncertainty is negative, NaN or infinite
   */
  public Co2eEstimate {
    Objects.requireNonNull(value, "value");
    if (!Double.isFinite(standardUncertaintyGrams) || standardUncertaintyGrams < 0) {
      throw new IllegalArgumentException(
          "standard uncertainty must be finite and >= 0 gCO2e, got " + standardUncertaintyGrams);
    }
  }

  /**
   * Returns an estimate in grams.
   *
   * @param grams the best estimate, gCO₂e
   * @param standardUncertaintyGrams one standard uncertainty, gCO₂e
   * @return the estimate
   */
  public static Co2eEstimate ofGrams(double grams, double standardUncertaintyGrams) {
    return new Co2eEstimate(Co2e.ofGrams(grams), standardUncertaintyGrams);
  }

  /**
   * Returns the expanded uncertainty, {@code k × u} with k = 2.
   *
   * @return the half-width of the 95 % interval, in gCO₂e
   */
  public double expandedUncertaintyGrams() {
    return COVERAGE_FACTOR * standardUncertaintyGrams;
  }

  /**
   * Returns the lower end of the 95 % interval (k = 2), clipped at zero.
   *
   * @return {@code max(0, value − 2u)}
   */
  public Co2e lower() {
    return Co2e.ofGrams(Math.max(0, value.toGrams() - expandedUncertaintyGrams()));
  }

  /**
   * Returns the upper end of the 95 % interval (k = 2).
   *
   * @return {@code value + 2u}
   */
  public Co2e upper() {
    return Co2e.ofGrams(value.toGrams() + expandedUncertaintyGrams());
  }

  /**
   * Returns the relative standard uncertainty.
   *
   * @return {@code u / value} as a fraction, or 0 when the value is zero
   */
  public double relativeUncertainty() {
    return value.toGrams() == 0 ? 0 : standardUncertaintyGrams / value.toGrams();
  }

  /**
   * Returns the estimate in kilograms with its 95 % interval, e.g.
   * {@code 12.345 kgCO2e [11.9, 12.8] (95 %, k=2)}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return String.format(Locale.US, "%.6g kgCO2e [%.6g, %.6g] (95 %%, k=2)",
        value.toKilograms(), lower().toKilograms(), upper().toKilograms());
  }
}
