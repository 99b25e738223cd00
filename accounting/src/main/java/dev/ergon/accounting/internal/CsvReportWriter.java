package dev.ergon.accounting.internal;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.ergon.CarbonIntensity;
import dev.ergon.Energy;
import dev.ergon.accounting.Co2eEstimate;
import dev.ergon.accounting.factors.FactorMatch;
import dev.ergon.accounting.scope2.Scope2Cell;
import dev.ergon.accounting.scope2.Scope2Line;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.accounting.sci.SciReport;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes reports as CSV with Jackson's CSV generator (RFC 4180 quoting).
 *
 * <p>A Scope 2 report is one table in long form: a {@code section} column says what each row is ({@code total},
 * {@code zone}, {@code month}, {@code tag:<key>}, {@code cell}); energies in kWh, masses in kg, intensities in
 * g/kWh; every row carries both methods with their standard uncertainty and 95 % bounds (k = 2). An SCI report is
 * one row.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class CsvReportWriter {

  /** The Scope 2 columns. */
  public static final List<String> SCOPE2_COLUMNS = List.of("section", "key", "hour", "it_energy_kwh",
      "consumption_kwh", "location_kg", "location_u_kg", "location_lower95_kg", "location_upper95_kg", "market_kg",
      "market_u_kg", "market_lower95_kg", "market_upper95_kg", "covered_kwh", "location_factor",
      "location_factor_g_per_kwh", "remainder_factor", "remainder_factor_g_per_kwh");

  /** The SCI columns. */
  public static final List<String> SCI_COLUMNS = List.of("functional_unit", "functional_units", "energy_kwh",
      "intensity_kind", "intensity_g_per_kwh", "operational_g", "operational_u_g", "embodied_g", "embodied_u_g",
      "total_g", "total_u_g", "sci_g_per_unit", "sci_u_g_per_unit", "sci_lower95_g_per_unit",
      "sci_upper95_g_per_unit", "input_digest", "per_units");

  private CsvReportWriter() {}

  private static CsvGenerator open(Writer out, List<String> columns) throws IOException {
    CsvSchema.Builder b = CsvSchema.builder();
    for (String c : columns) {
      b.addColumn(c);
    }
    CsvGenerator g = CsvFactory.builder().build().createGenerator(out);
    g.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.setSchema(b.build().withHeader().withLineSeparator("\n"));
    return g;
  }

  /**
   * Writes a Scope 2 report.
   *
   * @param r the report
   * @param out the destination (not closed)
   * @throws IOException if writing fails
   */
  public static void write(Scope2Report r, Writer out) throws IOException {
    try (CsvGenerator g = open(out, SCOPE2_COLUMNS)) {
      row(g, lineRow("total", "", r.consumption().itEnergy(), r.consumption().consumption(), r.locationBased(),
          r.marketBased()));
      for (Scope2Line l : r.byZone()) {
        row(g, lineRow("zone", l));
      }
      for (Scope2Line l : r.byMonth()) {
        row(g, lineRow("month", l));
      }
      for (Map.Entry<String, List<Scope2Line>> e : r.byTag().entrySet()) {
        for (Scope2Line l : e.getValue()) {
          row(g, lineRow("tag:" + e.getKey(), l));
        }
      }
      for (Scope2Cell c : r.cells()) {
        List<String> v = new ArrayList<>();
        v.add("cell");
        v.add(c.place());
        v.add(c.hour().toString());
        v.add(num(c.itEnergy().toKilowattHours()));
        v.add(num(c.consumption().toKilowattHours()));
        v.add(num(c.locationBased().toKilograms()));
        v.add("");
        v.add("");
        v.add("");
        v.add(num(c.marketBased().toKilograms()));
        v.add("");
        v.add("");
        v.add("");
        v.add(num(c.covered().toKilowattHours()));
        factor(v, c.locationFactor());
        factor(v, c.remainderFactor());
        row(g, v);
      }
    }
    out.flush();
  }

  /**
   * Writes an SCI report as one row.
   *
   * @param r the report
   * @param out the destination (not closed)
   * @throws IOException if writing fails
   */
  public static void write(SciReport r, Writer out) throws IOException {
    try (CsvGenerator g = open(out, SCI_COLUMNS)) {
      List<String> v = new ArrayList<>();
      v.add(r.functionalUnit());
      v.add(Long.toString(r.functionalUnits()));
      v.add(num(r.energy().toKilowattHours()));
      v.add(r.intensityKind().name());
      CarbonIntensity i = r.intensity();
      v.add(i == null ? "" : num(i.toGramsPerKilowattHour()));
      v.add(num(r.operational().value().toGrams()));
      v.add(num(r.operational().standardUncertaintyGrams()));
      v.add(num(r.embodied().value().toGrams()));
      v.add(num(r.embodied().standardUncertaintyGrams()));
      v.add(num(r.total().value().toGrams()));
      v.add(num(r.total().standardUncertaintyGrams()));
      Co2eEstimate per = r.perUnit();
      v.add(per == null ? "" : num(per.value().toGrams()));
      v.add(per == null ? "" : num(per.standardUncertaintyGrams()));
      v.add(per == null ? "" : num(per.lower().toGrams()));
      v.add(per == null ? "" : num(per.upper().toGrams()));
      v.add(r.inputDigest());
      v.add(Long.toString(r.perUnits()));
      row(g, v);
    }
    out.flush();
  }

  private static List<String> lineRow(String section, Scope2Line l) {
    return lineRow(section, l.key(), l.itEnergy(), l.consumption(), l.locationBased(), l.marketBased());
  }

  private static List<String> lineRow(String section, String key, Energy it, Energy consumption, Co2eEstimate loc,
      Co2eEstimate mkt) {
    List<String> v = new ArrayList<>();
    v.add(section);
    v.add(key);
    v.add("");
    v.add(num(it.toKilowattHours()));
    v.add(num(consumption.toKilowattHours()));
    estimate(v, loc);
    estimate(v, mkt);
    for (int i = 0; i < 5; i++) {
      v.add("");
    }
    return v;
  }

  private static void estimate(List<String> v, Co2eEstimate e) {
    v.add(num(e.value().toKilograms()));
    v.add(num(e.standardUncertaintyGrams() / 1e3));
    v.add(num(e.lower().toKilograms()));
    v.add(num(e.upper().toKilograms()));
  }

  private static void factor(List<String> v, @Nullable FactorMatch m) {
    if (m == null) {
      v.add("");
      v.add("");
    } else {
      v.add(m.factor().label() + " [" + m.placeLevel() + "/" + m.timeLevel() + "]");
      v.add(num(m.factor().intensity().toGramsPerKilowattHour()));
    }
  }

  private static String num(double d) {
    return String.format(Locale.US, "%.10g", d).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
        .replaceFirst("\\.(e|$)", "$1");
  }

  private static void row(CsvGenerator g, List<String> values) throws IOException {
    g.writeStartArray();
    for (String s : values) {
      g.writeString(s);
    }
    g.writeEndArray();
  }
}
