package dev.ergon.accounting;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.ergon.Co2e;
import dev.ergon.EnergyRecord;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.scope2.Instruments;
import dev.ergon.accounting.scope2.Offsets;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.accounting.sci.EmbodiedEmissions;
import dev.ergon.accounting.sci.Sci;
import dev.ergon.accounting.sci.SciReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV and text reports against values worked out by hand from simple inputs: one record of 10 kWh in DE (5 kWh
 * in each of two hours, exact), DE 2026 location 400 g/kWh ± 10 %, residual mix 600 g/kWh ± 10 %, a retired 4 kWh
 * guarantee of origin, a 1.5 t offset; for the SCI also 1000 kg embodied over 1460 days, half reserved, 10 runs.
 */
class ReportTextCsvTest {

  @TempDir Path dir;
  Scope2Report report;
  SciReport sci;

  @BeforeEach
  void setUp() throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit,uncertainty
        DE,2026,location,400,g/kWh,0.1
        DE,2026,residual_mix,600,g/kWh,0.1
        """);
    Path i = dir.resolve("i.csv");
    Files.writeString(i, """
        id,type,market,generation_start,generation_end,volume_mwh,emission_rate,unit,technology,retired,retired_for
        GO-1,go,DE,2026-01-01,2026-12-31,0.004,0,g/kWh,wind,true,ACME
        """);
    Path o = dir.resolve("o.csv");
    Files.writeString(o, "id,quantity_t,registry,type,vintage\nCR-1,1.5,Verra,removal,2025\n");
    List<EnergyRecord> records = List.of(
        record("a").region("DE").tags("model", "bert").start("2026-03-01T00:00:00Z").kwh(5, 5).units(10).build());
    EmissionFactors factors = EmissionFactors.readTable(f);
    report = Scope2.calculator(factors).reportingEntity("ACME").instruments(Instruments.load(i))
        .offsets(Offsets.load(o)).pue(1.0).calculate(records);
    sci = Sci.calculator(factors).embodied(EmbodiedEmissions.of(Co2e.ofKilograms(1000), Duration.ofDays(1460), 1, 2,
        "lca")).functionalUnit("run").calculate(records);
  }

  private static List<Map<String, String>> rows(String csv) throws IOException {
    try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
      return it.readAll();
    }
  }

  private static String cell(Map<String, String> row, String column) {
    return Objects.requireNonNull(row.get(column), column);
  }

  private static double num(Map<String, String> row, String column) {
    return Double.parseDouble(Objects.requireNonNull(row.get(column), column));
  }

  @Test
  void scope2CsvRowsCarryTheHandWorkedNumbers() throws IOException {
    String csv = ReportFormat.CSV.toString(report);
    List<Map<String, String>> rows = rows(csv);
    assertEquals(List.of("section", "key", "hour", "it_energy_kwh", "consumption_kwh", "location_kg", "location_u_kg",
        "location_lower95_kg", "location_upper95_kg", "market_kg", "market_u_kg", "market_lower95_kg",
        "market_upper95_kg", "covered_kwh", "location_factor", "location_factor_g_per_kwh", "remainder_factor",
        "remainder_factor_g_per_kwh"), List.copyOf(rows.get(0).keySet()));
    assertEquals(List.of("total", "zone", "month", "tag:model", "cell", "cell"),
        rows.stream().map(r -> r.get("section")).toList());
    assertEquals(List.of("", "DE", "2026-03", "bert", "DE", "DE"), rows.stream().map(r -> r.get("key")).toList());
    double marketU = report.marketBased().standardUncertaintyGrams() / 1000;
    for (Map<String, String> r : rows.subList(0, 4)) {
      assertEquals("", r.get("hour"));
      assertEquals(10.0, num(r, "it_energy_kwh"), 1e-9);
      assertEquals(10.0, num(r, "consumption_kwh"), 1e-9);
      assertEquals(4.0, num(r, "location_kg"), 1e-9);
      assertEquals(0.4, num(r, "location_u_kg"), 1e-9);
      assertEquals(3.2, num(r, "location_lower95_kg"), 1e-9);
      assertEquals(4.8, num(r, "location_upper95_kg"), 1e-9);
      assertEquals(3.6, num(r, "market_kg"), 1e-9);
      assertTrue(marketU > 0.05, "some uncertainty from the residual mix: " + marketU);
      assertEquals(marketU, num(r, "market_u_kg"), 1e-9);
      assertEquals(3.6 - 2 * marketU, num(r, "market_lower95_kg"), 1e-9);
      assertEquals(3.6 + 2 * marketU, num(r, "market_upper95_kg"), 1e-9);
      for (String empty : List.of("covered_kwh", "location_factor", "location_factor_g_per_kwh", "remainder_factor",
          "remainder_factor_g_per_kwh")) {
        assertEquals("", r.get(empty), empty);
      }
    }
    double covered = 0;
    double market = 0;
    for (Map<String, String> r : rows.subList(4, 6)) {
      assertEquals(5.0, num(r, "it_energy_kwh"), 1e-9);
      assertEquals(5.0, num(r, "consumption_kwh"), 1e-9);
      assertEquals(2.0, num(r, "location_kg"), 1e-9);
      assertEquals(400.0, num(r, "location_factor_g_per_kwh"), 1e-9);
      String label = String.valueOf(r.get("location_factor")); // the factor's label [place level/time level]
      assertTrue(label.contains(" [") && label.endsWith("]"), label);
      assertEquals("", r.get("location_u_kg"));
      assertEquals("", r.get("market_upper95_kg"));
      covered += num(r, "covered_kwh");
      market += num(r, "market_kg");
      // each cell's market-based is its uncovered part at 600 g/kWh
      assertEquals((5.0 - num(r, "covered_kwh")) * 0.6, num(r, "market_kg"), 1e-9);
      assertEquals(600.0, num(r, "remainder_factor_g_per_kwh"), 1e-9);
    }
    assertEquals("2026-03-01T00:00:00Z", rows.get(4).get("hour"));
    assertEquals("2026-03-01T01:00:00Z", rows.get(5).get("hour"));
    assertEquals(4.0, covered, 1e-9);
    assertEquals(3.6, market, 1e-9);
    assertTrue(!csv.contains("\r"), "lines end with \\n");
    // numbers are written with up to 10 significant digits and no trailing zeros
    assertEquals(List.of("10", "10", "4", "0.4", "3.2", "4.8", "3.6"), List.of(cell(rows.get(0), "it_energy_kwh"),
        cell(rows.get(0), "consumption_kwh"), cell(rows.get(0), "location_kg"), cell(rows.get(0), "location_u_kg"),
        cell(rows.get(0), "location_lower95_kg"), cell(rows.get(0), "location_upper95_kg"), cell(rows.get(0), "market_kg")));
  }

  @Test
  void sciCsvIsOneRowOfHandWorkedNumbers() throws IOException {
    List<Map<String, String>> rows = rows(ReportFormat.CSV.toString(sci));
    assertEquals(1, rows.size());
    Map<String, String> r = rows.get(0);
    assertEquals("run", r.get("functional_unit"));
    assertEquals("10", r.get("functional_units"));
    assertEquals(10.0, num(r, "energy_kwh"), 1e-9);
    assertEquals(sci.intensityKind().name(), r.get("intensity_kind"));
    // O = 10 kWh × 400 g/kWh = 4000 g
    assertEquals(400.0, num(r, "intensity_g_per_kwh"), 1e-9);
    assertEquals(4000.0, num(r, "operational_g"), 1e-6);
    assertEquals(sci.operational().standardUncertaintyGrams(), num(r, "operational_u_g"), 1e-6);
    assertEquals(sci.embodied().value().toGrams(), num(r, "embodied_g"), 1e-6);
    assertEquals(sci.embodied().standardUncertaintyGrams(), num(r, "embodied_u_g"), 1e-6);
    assertEquals(4000.0 + sci.embodied().value().toGrams(), num(r, "total_g"), 1e-6);
    assertEquals(sci.total().standardUncertaintyGrams(), num(r, "total_u_g"), 1e-6);
    Co2eEstimate per = Objects.requireNonNull(sci.perUnit());
    assertEquals(num(r, "total_g") / 10, num(r, "sci_g_per_unit"), 1e-6);
    assertEquals(num(r, "total_u_g") / 10, num(r, "sci_u_g_per_unit"), 1e-6);
    assertEquals(per.lower().toGrams(), num(r, "sci_lower95_g_per_unit"), 1e-6);
    assertEquals(per.upper().toGrams(), num(r, "sci_upper95_g_per_unit"), 1e-6);
    assertEquals(sci.inputDigest(), r.get("input_digest"));
    assertEquals(Long.toString(sci.perUnits()), r.get("per_units"));
  }

  @Test
  void scope2TextShowsTheHandWorkedNumbers() {
    String text = ReportFormat.TEXT.toString(report);
    List<String> lines = text.lines().toList();
    assertEquals("GHG Protocol Scope 2 report (dual reporting)", lines.get(0));
    assertEquals("Period (UTC): " + report.period() + "   Matching: ANNUAL   Reporting entity: ACME", lines.get(1));
    assertEquals("Input digest: " + report.inputDigest(), lines.get(2));
    assertEquals("", lines.get(3));
    assertEquals("Location-based:        4.00000 kgCO2e   95 % interval [3.20000, 4.80000] kgCO2e", lines.get(4));
    assertTrue(lines.get(5).startsWith("Market-based  :        3.60000 kgCO2e   95 % interval ["), lines.get(5));
    assertEquals("Offsets (listed, NOT subtracted): 1, 1.50000 tCO2e", lines.get(6));
    assertTrue(text.contains("\nConsumption: 10.0000 kWh (IT-level 10.0000 kWh, facility-level "), text);
    assertTrue(text.contains("before PUE); records: 1 counted (1 complete, 0 partial, 0 no meter); measured 100.0 %\n"),
        text);
    assertTrue(text.contains("\nBy zone\n  DE                          10.0000 kWh   location      4.00000 kg "
        + "[3.200, 4.800]   market      3.60000 kg ["), text);
    assertTrue(text.contains("\nBy month (UTC)\n  2026-03 "), text);
    assertTrue(text.contains("\nBy tag 'model'\n  bert "), text);
    assertTrue(text.contains("\nInstruments\n  GO-1                 GO            DE     USED     used 0.00400000 MWh, "
        + "unused 0.00000 MWh\n"), text);
    assertTrue(text.contains("\nOffsets (outside the inventory)\n  CR-1                 1.50000 tCO2e Verra removal 2025\n"),
        text);
    assertTrue(text.contains("\nMarket-based coverage\n"), text);
    assertTrue(text.contains("\nEmission factors used\n"), text);
    assertTrue(text.matches("(?s).*\\] 400\\.000 g/kWh on 10\\.0000 kWh: .*"), "one factor, one value: " + text);
    // coverage: 4 of 10 kWh by the certificate, 6 by the residual mix
    assertTrue(text.contains("  40.0 %  "), text);
    assertTrue(text.contains("  60.0 %  "), text);
    assertTrue(text.contains("\nDisclosures\n  - ["), text);
    for (Disclosure d : report.disclosures()) {
      assertTrue(text.contains("  - [" + d.topic() + "] " + d.text() + "\n"), d.text());
    }
    assertTrue(text.contains("\nData sets\n"), text);
    for (DataSet d : report.dataSets()) {
      assertTrue(text.contains("  - " + d.name() + " (" + d.version() + "), licence " + d.licence()), d.name());
    }
  }

  @Test
  void theMeasuredShareIsShownInPerCent() throws IOException {
    Path f = dir.resolve("f.csv");
    List<EnergyRecord> records = List.of(
        record("m").region("DE").start("2026-03-01T00:00:00Z").kwh(1).build(),
        record("e").region("DE").start("2026-03-01T00:00:00Z").kwh(3).method(dev.ergon.Method.MODEL).build());
    String text = ReportFormat.TEXT.toString(Scope2.calculator(EmissionFactors.readTable(f)).calculate(records));
    assertTrue(text.contains("; measured 25.0 %\n"), text); // 1 kWh of 4 measured
  }

  @Test
  void theTextWriterFlushesWhatItWrites() throws IOException {
    java.io.StringWriter sink = new java.io.StringWriter();
    java.io.BufferedWriter buffered = new java.io.BufferedWriter(sink, 1 << 20);
    ReportFormat.TEXT.write(report, buffered);
    assertTrue(sink.toString().startsWith("GHG Protocol Scope 2 report"), "flushed to the sink");
    java.io.StringWriter sink2 = new java.io.StringWriter();
    java.io.BufferedWriter buffered2 = new java.io.BufferedWriter(sink2, 1 << 20);
    ReportFormat.TEXT.write(sci, buffered2);
    assertTrue(sink2.toString().startsWith("Software Carbon Intensity"), "flushed to the sink");
  }

  @Test
  void sciTextShowsTheFormulaWithHandWorkedNumbers() {
    String text = ReportFormat.TEXT.toString(sci);
    List<String> lines = text.lines().toList();
    assertEquals("Software Carbon Intensity (ISO/IEC 21031:2024)", lines.get(0));
    assertEquals("Period (UTC): " + sci.period() + "   Intensity: " + sci.intensityKind(), lines.get(1));
    assertEquals("Input digest: " + sci.inputDigest(), lines.get(2));
    Co2eEstimate per = Objects.requireNonNull(sci.perUnit());
    assertTrue(lines.get(4).startsWith("SCI: "), lines.get(4));
    assertTrue(lines.get(4).contains(" gCO2e per " + sci.scoreUnit() + ", 95 % interval ["), lines.get(4));
    assertEquals(per.value().toGrams(),
        Double.parseDouble(lines.get(4).substring(5, lines.get(4).indexOf(" gCO2e"))), per.value().toGrams() * 1e-5);
    assertTrue(lines.get(5).startsWith("  E = 10.0000 kWh   I = 400.000 gCO2e/kWh   O = E×I = 4000.00 gCO2e   M = "),
        lines.get(5));
    assertTrue(lines.get(5).endsWith(" gCO2e   R = 10 run"), lines.get(5));
    assertEquals("  Time reserved: " + sci.timeReserved(), lines.get(6));
    assertEquals("Boundary: " + sci.boundary(), lines.get(7));
    assertTrue(text.contains("\nConsumption: 10.0000 kWh (IT-level 10.0000 kWh"), text);
    assertTrue(text.contains("\nEmission factors used\n"), text);
    assertTrue(text.contains("\nDisclosures\n"), text);
  }
}
