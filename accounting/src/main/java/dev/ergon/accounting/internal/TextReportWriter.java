package dev.ergon.accounting.internal;

import dev.ergon.CarbonIntensity;
import dev.ergon.Energy;
import dev.ergon.accounting.Co2eEstimate;
import dev.ergon.accounting.ConsumptionSummary;
import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.factors.FactorUse;
import dev.ergon.accounting.scope2.CoverageLine;
import dev.ergon.accounting.scope2.InstrumentUse;
import dev.ergon.accounting.scope2.Offset;
import dev.ergon.accounting.scope2.Scope2Line;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.accounting.sci.SciReport;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a readable summary of a report: totals with their 95 % intervals, breakdowns, coverage, instruments,
 * factors, disclosures and data sets.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class TextReportWriter {
  private TextReportWriter() {}

  /**
   * Writes a Scope 2 report.
   *
   * @param r the report
   * @param out the destination (not closed)
   * @throws IOException if writing fails
   */
  public static void write(Scope2Report r, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("GHG Protocol Scope 2 report (dual reporting)\n");
    sb.append("Period (UTC): ").append(r.period()).append("   Matching: ").append(r.matching())
        .append("   Reporting entity: ").append(r.reportingEntity() == null ? "not set" : r.reportingEntity())
        .append('\n');
    sb.append("Input digest: ").append(r.inputDigest()).append("\n\n");
    sb.append(total("Location-based", r.locationBased()));
    sb.append(total("Market-based  ", r.marketBased()));
    sb.append(String.format(Locale.US, "Offsets (listed, NOT subtracted): %d, %.6g tCO2e%n", r.offsets().size(),
        r.offsetsTotal().toTonnes()));
    sb.append("Intervals: 95 %, best estimate ± 2 standard uncertainties (GUM, k = 2).\n\n");
    consumption(sb, r.consumption());
    table(sb, "By zone", r.byZone());
    table(sb, "By month (UTC)", r.byMonth());
    for (Map.Entry<String, List<Scope2Line>> e : r.byTag().entrySet()) {
      table(sb, "By tag '" + e.getKey() + "'", e.getValue());
    }
    if (!r.coverage().isEmpty()) {
      sb.append("Market-based coverage\n");
      for (CoverageLine c : r.coverage()) {
        sb.append(String.format(Locale.US, "  %d %-32s %12s %6.1f %%  %12.6g kgCO2e%n", c.rung(), c.basis(),
            kwh(c.energy()), 100 * c.share(), c.marketBased().toKilograms()));
      }
      sb.append('\n');
    }
    if (!r.instruments().isEmpty()) {
      sb.append("Instruments\n");
      for (InstrumentUse u : r.instruments()) {
        Energy unused = u.unused();
        sb.append(String.format(Locale.US, "  %-20s %-13s %-6s %-8s used %.6g MWh, unused %s%n",
            u.instrument().id(), u.instrument().type(), u.instrument().market(), u.status(),
            u.used().toMegawattHours(), unused == null ? "n/a" : String.format(Locale.US, "%.6g MWh",
                unused.toMegawattHours())));
        for (String reason : u.reasons()) {
          sb.append("      ").append(reason).append('\n');
        }
      }
      sb.append('\n');
    }
    if (!r.offsets().isEmpty()) {
      sb.append("Offsets (outside the inventory)\n");
      for (Offset o : r.offsets()) {
        sb.append(String.format(Locale.US, "  %-20s %.6g tCO2e %s %s %s%n", o.id(), o.quantity().toTonnes(),
            o.registry(), o.type(), o.vintage() == 0 ? "" : Integer.toString(o.vintage())));
      }
      sb.append('\n');
    }
    factors(sb, r.factors());
    disclosures(sb, r.disclosures(), r.dataSets());
    out.write(sb.toString());
    out.flush();
  }

  /**
   * Writes an SCI report.
   *
   * @param r the report
   * @param out the destination (not closed)
   * @throws IOException if writing fails
   */
  public static void write(SciReport r, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("Software Carbon Intensity (ISO/IEC 21031:2024)\n");
    sb.append("Period (UTC): ").append(r.period()).append("   Intensity: ").append(r.intensityKind()).append('\n');
    sb.append("Input digest: ").append(r.inputDigest()).append("\n\n");
    Co2eEstimate per = r.perUnit();
    if (per == null) {
      sb.append("SCI: undefined (no functional units counted)\n");
    } else {
      sb.append(String.format(Locale.US, "SCI: %.6g gCO2e per %s, 95 %% interval [%.6g, %.6g] (k = 2)%n",
          per.value().toGrams(), r.scoreUnit(), per.lower().toGrams(), per.upper().toGrams()));
    }
    CarbonIntensity i = r.intensity();
    sb.append(String.format(Locale.US, "  E = %s   I = %s   O = E×I = %.6g gCO2e   M = %.6g gCO2e   R = %d %s%n",
        kwh(r.energy()), i == null ? "n/a" : String.format(Locale.US, "%.6g gCO2e/kWh",
            i.toGramsPerKilowattHour()), r.operational().value().toGrams(), r.embodied().value().toGrams(),
        r.functionalUnits(), r.functionalUnit()));
    sb.append("  Time reserved: ").append(r.timeReserved()).append('\n');
    sb.append("Boundary: ").append(r.boundary()).append("\n\n");
    consumption(sb, r.consumption());
    factors(sb, r.factors());
    disclosures(sb, r.disclosures(), r.dataSets());
    out.write(sb.toString());
    out.flush();
  }

  private static String total(String label, Co2eEstimate e) {
    return String.format(Locale.US, "%s: %14.6g kgCO2e   95 %% interval [%.6g, %.6g] kgCO2e%n", label,
        e.value().toKilograms(), e.lower().toKilograms(), e.upper().toKilograms());
  }

  private static void consumption(StringBuilder sb, ConsumptionSummary s) {
    sb.append(String.format(Locale.US, "Consumption: %s (IT-level %s, facility-level %s, before PUE); "
        + "records: %d counted (%d complete, %d partial, %d no meter); measured %.1f %%%n%n", kwh(s.consumption()),
        kwh(s.itEnergy()), kwh(s.facilityLevelEnergy()), s.recordsCounted(), s.complete(), s.partial(), s.noMeter(),
        100 * s.measuredShare()));
  }

  private static void table(StringBuilder sb, String title, List<Scope2Line> lines) {
    if (lines.isEmpty()) {
      return;
    }
    sb.append(title).append('\n');
    for (Scope2Line l : lines) {
      sb.append(String.format(Locale.US, "  %-24s %14s   location %12.6g kg [%.4g, %.4g]   market %12.6g kg "
          + "[%.4g, %.4g]%n", l.key(), kwh(l.consumption()), l.locationBased().value().toKilograms(),
          l.locationBased().lower().toKilograms(), l.locationBased().upper().toKilograms(),
          l.marketBased().value().toKilograms(), l.marketBased().lower().toKilograms(),
          l.marketBased().upper().toKilograms()));
    }
    sb.append('\n');
  }

  private static void factors(StringBuilder sb, List<FactorUse> factors) {
    sb.append("Emission factors used\n");
    for (FactorUse f : factors) {
      String range = f.factorCount() == 1
          ? String.format(Locale.US, "%.6g g/kWh", f.minimum().toGramsPerKilowattHour())
          : String.format(Locale.US, "%d factors %.6g..%.6g g/kWh", f.factorCount(),
              f.minimum().toGramsPerKilowattHour(), f.maximum().toGramsPerKilowattHour());
      sb.append(String.format(Locale.US, "  %-14s %s %s %s [%s/%s] %s on %s: %s%n", f.usedFor(), f.dataSet(),
          f.zone(), f.kind().tableName(), f.placeLevel(), f.timeLevel(), range, kwh(f.energy()), f.source()));
    }
    sb.append('\n');
  }

  private static void disclosures(StringBuilder sb, List<Disclosure> ds, List<DataSet> dataSets) {
    sb.append("Disclosures\n");
    for (Disclosure d : ds) {
      sb.append("  - [").append(d.topic()).append("] ").append(d.text()).append('\n');
    }
    sb.append("\nData sets\n");
    for (DataSet d : dataSets) {
      sb.append("  - ").append(d.name()).append(" (").append(d.version()).append("), licence ").append(d.licence());
      if (!d.attribution().isEmpty()) {
        sb.append(": ").append(d.attribution());
      }
      sb.append('\n');
    }
  }

  private static String kwh(Energy e) {
    return String.format(Locale.US, "%.6g kWh", e.toKilowattHours());
  }
}
