package dev.ergon.accounting;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON, CSV and text writers carry the totals, intervals, digest and disclosures, and parse back. */
class ReportFormatTest {

  @TempDir Path dir;
  Scope2Report report;
  SciReport sci;

  @BeforeEach
  void setUp() throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit,uncertainty
        DE,2026,location,400,g/kWh,0.1
        DE,2026,residual_mix,600,g/kWh,
        """);
    Path i = dir.resolve("i.csv");
    Files.writeString(i, """
        id,type,market,generation_start,generation_end,volume_mwh,emission_rate,unit,technology,retired,retired_for
        GO-1,go,DE,2026-01-01,2026-12-31,0.004,0,g/kWh,wind,true,ACME
        "GO, quoted",go,DE,2026-01-01,2026-12-31,0.004,0,g/kWh,wind,false,ACME
        """);
    Path o = dir.resolve("o.csv");
    Files.writeString(o, "id,quantity_t\nCR-1,1.5\n");
    List<EnergyRecord> records = List.of(
        record("a").region("DE").tags("model", "bert").start("2026-03-01T00:00:00Z").kwh(5, 5).units(10)
            .uncertainty(0.05).build());
    EmissionFactors factors = EmissionFactors.readTable(f);
    report = Scope2.calculator(factors).reportingEntity("ACME").instruments(Instruments.load(i))
        .offsets(Offsets.load(o)).pue(1.0).calculate(records);
    sci = Sci.calculator(factors).embodied(EmbodiedEmissions.of(Co2e.ofKilograms(1000), Duration.ofDays(1460), 1, 2,
        "lca")).functionalUnit("run").calculate(records);
  }

  @Test
  void jsonCarriesEverythingWithUnitsInTheNames() throws IOException {
    StringWriter w = new StringWriter();
    ReportFormat.JSON.write(report, w);
    JsonNode n = new ObjectMapper().readTree(w.toString());
    assertEquals("ghg-protocol-scope2", n.get("report").asText());
    assertEquals(report.inputDigest(), n.get("input_digest").asText());
    // 10 kWh x 400 g = 4 kg; market: 4 kWh GO + 6 kWh x 600 = 3.6 kg
    assertEquals(4.0, n.at("/totals/location_based/kg_co2e").asDouble(), 1e-12);
    assertEquals(3.6, n.at("/totals/market_based/kg_co2e").asDouble(), 1e-12);
    assertEquals(2.0, n.at("/totals/location_based/coverage_factor").asDouble());
    assertEquals(report.locationBased().upper().toKilograms(), n.at("/totals/location_based/upper95_kg").asDouble(),
        1e-12);
    assertFalse(n.at("/offsets/subtracted").asBoolean(true));
    assertEquals(1.5, n.at("/offsets/total_tonnes").asDouble(), 1e-12);
    assertEquals("EXCLUDED", n.at("/instruments/0/status").asText());
    assertEquals(3, n.at("/instruments/0/failed_criteria/0").asInt(), "the unretired certificate fails criterion 3");
    assertEquals("USED", n.at("/instruments/1/status").asText());
    assertEquals("bert", n.at("/by_tag/model/0/key").asText());
    assertEquals(2, n.get("cells").size(), "two hourly cells");
    assertTrue(n.get("disclosures").size() >= 5);
    assertEquals("DE", n.at("/by_zone/0/key").asText());
    assertEquals("ANNUAL", n.at("/options/matching").asText());
  }

  @Test
  void csvIsOneLongTableThatParsesBack() throws IOException {
    String csv = ReportFormat.CSV.toString(report);
    CsvMapper mapper = new CsvMapper();
    List<Map<String, String>> rows;
    try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
      rows = it.readAll();
    }
    assertEquals(List.of("total", "zone", "month", "tag:model", "cell", "cell"),
        rows.stream().map(r -> r.get("section")).toList());
    Map<String, String> total = rows.get(0);
    assertEquals(4.0, Double.parseDouble(total.get("location_kg")), 1e-12);
    assertEquals(3.6, Double.parseDouble(total.get("market_kg")), 1e-12);
    assertEquals(report.locationBased().lower().toKilograms(), Double.parseDouble(total.get("location_lower95_kg")),
        1e-9);
    assertEquals("DE", rows.get(4).get("key"));
    assertEquals("2026-03-01T00:00:00Z", rows.get(4).get("hour"));
    assertEquals(400.0, Double.parseDouble(rows.get(4).get("location_factor_g_per_kwh")), 1e-12);
  }

  @Test
  void textSummaryShowsBothTotalsWithIntervalsAndDisclosures() {
    String text = ReportFormat.TEXT.toString(report);
    assertTrue(text.contains("Location-based:"), text);
    assertTrue(text.contains("Market-based  :"), text);
    assertTrue(text.contains("95 % interval"), text);
    assertTrue(text.contains("NOT subtracted"), text);
    assertTrue(text.contains(report.inputDigest()), text);
    assertTrue(text.contains("criterion 3"), text);
    assertTrue(text.contains("Disclosures"), text);
  }

  @Test
  void sciInEveryFormat() throws IOException {
    JsonNode n = new ObjectMapper().readTree(ReportFormat.JSON.toString(sci));
    assertEquals("ISO/IEC 21031:2024", n.get("standard").asText());
    assertEquals(10, n.get("functional_units").asInt());
    double perUnit = java.util.Objects.requireNonNull(sci.perUnit()).value().toGrams();
    assertEquals(perUnit, n.at("/per_unit/g_co2e").asDouble(), 1e-9);
    String csv = ReportFormat.CSV.toString(sci);
    assertTrue(csv.startsWith("functional_unit,functional_units,energy_kwh"), csv);
    assertTrue(csv.contains(sci.inputDigest()));
    String text = ReportFormat.TEXT.toString(sci);
    assertTrue(text.contains("gCO2e per run"), text);
    assertTrue(text.contains("Boundary:"), text);
  }

  @Test
  void writersFlushButDoNotCloseTheWriter() throws IOException {
    StringWriter w = new StringWriter() {
      @Override
      public void close() {
        throw new AssertionError("closed");
      }
    };
    for (ReportFormat f : ReportFormat.values()) {
      f.write(report, w);
      f.write(sci, w);
    }
    assertTrue(w.toString().length() > 1000);
    assertEquals(ReportFormat.CSV, ReportFormat.parse("csv").orElseThrow());
    assertTrue(ReportFormat.parse("xml").isEmpty());
  }
}
