package dev.ergon.accounting.sci;

import dev.ergon.accounting.factors.EmissionFactors;

/**
 * The entry point of Software Carbon Intensity (ISO/IEC 21031:2024) scoring.
 *
 * <pre>{@code
 * SciReport sci = Sci.calculator(EmissionFactors.bundled()).functionalUnit("request").calculate(records);
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class Sci {
  private Sci() {}

  /**
   * Returns a calculator with average intensity, no PUE, no embodied data and the functional unit {@code unit}.
   *
   * @param factors the emission factors
   * @return the calculator
   */
  public static SciCalculator calculator(EmissionFactors factors) {
    return SciCalculator.of(factors);
  }
}
