/**
 * Emission factors: bundled data sets, user tables, the cloud-region mapping and the look-up hierarchy.
 *
 * <pre>{@code
 * EmissionFactors factors = EmissionFactors.load(Path.of("factors.csv"));   // user table over the bundled set
 * FactorMatch m = factors.lookup("aws:eu-west-1", Instant.parse("2026-03-14T05:20:00Z"), FactorKind.LOCATION)
 *     .orElseThrow();
 * // m.factor().intensity(): 290.0 gCO2e/kWh; m.placeLevel(): NATIONAL (IE); m.timeLevel(): OTHER_YEAR (2025)
 * }</pre>
 */
@NullMarked
package dev.ergon.accounting.factors;

import org.jspecify.annotations.NullMarked;
