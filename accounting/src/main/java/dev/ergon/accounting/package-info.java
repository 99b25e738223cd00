/**
 * Ergon's accounting engine: turns energy records into GHG Protocol Scope 2 reports (location-based and
 * market-based, side by side) and Software Carbon Intensity scores, each figure with its source and a 95 %
 * interval.
 *
 * <pre>{@code
 * List<EnergyRecord> records = JsonLinesLedger.read(Path.of("ergon-ledger.jsonl"));
 * Scope2Report report = Scope2.calculator(EmissionFactors.load(Path.of("factors.csv")))  // over the bundled data
 *     .instruments(Instruments.load(Path.of("instruments.csv")))
 *     .reportingEntity("Example Ltd")
 *     .pue(1.2)
 *     .calculate(records);
 * System.out.println("location-based " + report.locationBased());   // 0.288000 kgCO2e [0.247271, 0.328729] (95 %, k=2)
 * System.out.println("market-based   " + report.marketBased());
 * report.disclosures().forEach(d -> System.out.println(d.text()));
 * ReportFormat.JSON.write(report, writer);                           // or CSV, TEXT
 * }</pre>
 *
 * <p>Packages: {@link dev.ergon.accounting.factors} (emission factors, bundled data, look-up hierarchy, cloud
 * regions), {@link dev.ergon.accounting.scope2} (instruments, offsets, the Scope 2 calculator and report),
 * {@link dev.ergon.accounting.sci} (SCI). This package holds what they share: {@link Co2eEstimate} (a mass with its
 * standard uncertainty), {@link Disclosure}, {@link DataSet}, {@link ConsumptionSummary}, {@link ReportingPeriod},
 * {@link EnergyLevel}, {@link ReportFormat} and {@link InvalidDataException}.
 *
 * <p>Accounting is a pure function of its inputs: it reads no clock and no network, and the same records, data and
 * options give the same report, whatever the order of the records.
 */
@NullMarked
package dev.ergon.accounting;

import org.jspecify.annotations.NullMarked;
