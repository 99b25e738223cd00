/**
 * Consumption cells: energy records aggregated into exact, mergeable sums per region, UTC hour, group (host and
 * tags) and basis (IT or facility level), the first step of every accounting calculation. Tools that aggregate
 * elsewhere (a database's GROUP BY, a cluster) build {@link dev.ergon.accounting.cells.ConsumptionCells} with its
 * builder and hand them to the Scope 2 or SCI calculator, which applies PUE, factors, instruments and uncertainty
 * per cell.
 *
 * <pre>{@code
 * ConsumptionCells cells = ConsumptionCells.of(shardA).plus(ConsumptionCells.of(shardB));
 * Scope2Report report = Scope2.calculator(EmissionFactors.bundled()).calculate(cells);
 * }</pre>
 */
@NullMarked
package dev.ergon.accounting.cells;

import org.jspecify.annotations.NullMarked;
