package dev.ergon.meter.estimate.internal;

import java.util.Objects;

/**
 * The per-vCPU power coefficients of one CPU microarchitecture (Cloud Carbon Footprint, SPECpower-derived).
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 *
 * @param name the microarchitecture as CCF names it, e.g. {@code Cascade Lake}, {@code EPYC 2nd Gen}
 * @param minWattsPerVcpu the power of one vCPU at 0 % utilisation, in W, {@code >= 0}
 * @param maxWattsPerVcpu the power of one vCPU at 100 % utilisation, in W, {@code >= minWattsPerVcpu}
 */
public record Microarchitecture(String name, double minWattsPerVcpu, double maxWattsPerVcpu) {
  /**
   * Validates the coefficients.
   *
   * @throws IllegalArgumentException if negative, not finite, or max below min
   */
  public Microarchitecture {
    Objects.requireNonNull(name, "name");
    if (!(minWattsPerVcpu >= 0) || !Double.isFinite(maxWattsPerVcpu) || maxWattsPerVcpu < minWattsPerVcpu) {
      throw new IllegalArgumentException(
          "bad coefficients for " + name + ": min " + minWattsPerVcpu + " W, max " + maxWattsPerVcpu + " W per vCPU");
    }
  }
}
