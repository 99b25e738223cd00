/**
 * GHG Protocol Scope 2 (2015 Guidance, with the hourly matching of the 2025 revision proposal): dual reporting,
 * contractual instruments and the Scope 2 Quality Criteria, residual mixes, offsets beside the inventory.
 *
 * <p>A worked example. 10 kWh of IT energy in {@code DE}, PUE 1.2, grid average 400 g/kWh, residual mix 700 g/kWh,
 * one Guarantee of Origin of 4 kWh (0 g/kWh) retired for the reporter:
 *
 * <pre>{@code
 * Scope2Report r = Scope2.calculator(factors).instruments(goes).reportingEntity("ACME").pue(1.2)
 *     .calculate(records);
 * // consumption 12 kWh; location-based 12 × 400 = 4 800 g;
 * // market-based 4 kWh × 0 + 8 kWh × 700 = 5 600 g, coverage: GO 33.3 %, residual mix 66.7 %
 * }</pre>
 *
 * <p>Start at {@link dev.ergon.accounting.scope2.Scope2#calculator}; the method is described on
 * {@link dev.ergon.accounting.scope2.Scope2Calculator}, the files on {@link dev.ergon.accounting.scope2.Instruments}
 * and {@link dev.ergon.accounting.scope2.Offsets}.
 */
@NullMarked
package dev.ergon.accounting.scope2;

import org.jspecify.annotations.NullMarked;
