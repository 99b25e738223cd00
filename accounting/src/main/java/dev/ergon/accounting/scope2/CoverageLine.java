package dev.ergon.accounting.scope2;

import dev.ergon.Co2e;
import dev.ergon.Energy;
import java.util.Objects;

/**
 * How much of the consumption one basis of the market-based method covered.
 *
 * <p>The lines of a report partition the consumption: they sum to it exactly.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rung the hierarchy rung: 1 certificates, 2 direct contracts, 3 supplier rates, 4 residual mix, 5 grid average
 * @param basis the instrument type ({@code GO}, {@code PPA}, ...) or {@code supplier factor},
 *     {@code residual mix}, {@code grid average (no residual mix)}
 * @param energy the consumption it covered
 * @param share {@code energy / consumption}, 0 to 1
 * @param marketBased the market-based emissions of that consumption
 * @since 0.1
 */
public record CoverageLine(int rung, String basis, Energy energy, double share, Co2e marketBased) {
  /** Validates the fields. */
  public CoverageLine {
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(energy, "energy");
    Objects.requireNonNull(marketBased, "marketBased");
  }
}
