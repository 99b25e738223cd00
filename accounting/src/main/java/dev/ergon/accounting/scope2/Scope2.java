package dev.ergon.accounting.scope2;

import dev.ergon.accounting.factors.EmissionFactors;

/**
 * The entry point of GHG Protocol Scope 2 accounting.
 *
 * <pre>{@code
 * Scope2Report report = Scope2.calculator(EmissionFactors.bundled()).pue(1.2).calculate(records);
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class Scope2 {
  private Scope2() {}

  /**
   * Returns a calculator that uses these factors, no instruments, annual matching and no PUE.
   *
   * @param factors the emission factors (e.g. {@link EmissionFactors#bundled()})
   * @return the calculator
   */
  public static Scope2Calculator calculator(EmissionFactors factors) {
    return Scope2Calculator.of(factors);
  }
}
