/**
 * Did a change really save energy? A/B comparison of runs, and the period-over-period decomposition of
 * location-based emissions.
 *
 * <pre>{@code
 * List<EnergyRecord> records = JsonLinesLedger.read(Path.of("ergon-ledger.jsonl"));
 * Basis per1000 = Basis.perUnits(1000, "prediction");
 * RunGroup a = RunGroup.ofRecords("A", records, RecordSelector.parse("tag:variant=fp32"), per1000);
 * RunGroup b = RunGroup.ofRecords("B", records, RecordSelector.parse("tag:variant=int8"), per1000);
 * Comparison c = Comparison.of(a, b, ComparisonSettings.defaults());
 * c.ratio();        // B/A with its 95 % interval, e.g. 0.62 [0.58, 0.66]
 * c.runsNeeded();   // runs per side to detect a 5 % difference at 80 % power
 * CompareFormat.TEXT.write(c, writer);
 *
 * // What drove the change between two quarters (LMDI-I: parts sum exactly to the change)
 * Scope2Report q1 = calculator.reportingPeriod(firstQuarter).calculate(records);
 * Scope2Report q2 = calculator.reportingPeriod(secondQuarter).calculate(records);
 * EmissionsDecomposition d = EmissionsDecomposition.between(PeriodFigures.of(q1, records),
 *     PeriodFigures.of(q2, records));
 * d.volume(); d.efficiency(); d.mix(); d.intensity();   // µgCO2e each, summing to d.total()
 * }</pre>
 *
 * <p>Statistics (t and normal distributions, Welch's test, moments) come from Apache Commons Statistics.
 */
@NullMarked
package dev.ergon.compare;

import org.jspecify.annotations.NullMarked;
