package dev.ergon.accounting;

import static dev.ergon.accounting.HtmlReportTest.close;
import static dev.ergon.accounting.HtmlReportTest.rows;
import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML page's totals cards, coverage, instruments, offsets, factors and SCI sections, and the SCI-only page, for
 * one DE record of 3 kWh in one hour at 400 g/kWh (relative standard uncertainty 0.1). Every expected figure is worked
 * out by hand in the comments from these inputs.
 */
class HtmlReportSectionsTest {
  @TempDir Path dir;

  private EmissionFactors factors() throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, "zone,period,kind,intensity,unit,uncertainty\nDE,2026,location,400,g/kWh,0.1\n");
    return EmissionFactors.readTable(f);
  }

  /* 3 kWh in DE, 2026-03-01 00:00-01:00 UTC, by a counter without uncertainty; 500 units. */
  private static List<EnergyRecord> threeKwh(long units) {
    return List.of(record("a").region("DE").start("2026-03-01T00:00:00Z").kwh(3).units(units).build());
  }

  /*
   * GO-A covers 2 of the 3 kWh (rate 0); GO-B is neither retired nor of 2026 (criteria 3 and 4); GO-C is in NL,
   * where nothing is consumed; SR-1, a supplier rate without a volume, covers the last 1 kWh at 300 g/kWh.
   */
  private Scope2Report withInstrumentsAndOffsets() throws IOException {
    Path ins = dir.resolve("instruments.csv");
    Files.writeString(ins, """
        id,type,market,generation_start,generation_end,volume_mwh,emission_rate,unit,retired,retired_for
        GO-A,go,DE,2026-01-01,2026-12-31,0.002,0,g/kWh,true,ACME
        GO-B,go,DE,2024-01-01,2024-12-31,0.5,0,g/kWh,false,
        GO-C,go,NL,2026-01-01,2026-12-31,0.2,0,g/kWh,true,ACME
        SR-1,supplier_rate,DE,2026-01-01,2026-12-31,,300,g/kWh,,
        """);
    Path off = dir.resolve("offsets.csv");
    Files.writeString(off, """
        id,quantity_t,registry,project,type,vintage,retired_for
        VCS-1,2.5,Verra VCS,Wind farm X,avoidance,2025,ACME
        GS-2,0.5,,,,,
        """);
    return Scope2.calculator(factors()).instruments(Instruments.load(ins)).reportingEntity("ACME")
        .offsets(Offsets.load(off)).calculate(threeKwh(500));
  }

  @Test
  void totalsCardsAndTableCarryValueUncertaintyAndInterval() throws IOException {
    Document d = Jsoup.parse(HtmlReport.of(withInstrumentsAndOffsets()).toString());
    // location: 3 kWh x 400 g = 1.2 kg, u = 0.1 x 1.2 = 0.12 kg, 95 %: 1.2 -/+ 0.24
    assertEquals("Location-based 1.2 kgCO2e 95 % interval 0.96 – 1.44 kgCO2e grid-average emission factors where the "
        + "electricity is used", d.select("#totals .card.loc").text());
    // market: 2 kWh at 0 + 1 kWh at 300 g = 0.3 kg; instruments' rates are exact: u = 0
    assertEquals("Market-based 0.3 kgCO2e 95 % interval 0.3 – 0.3 kgCO2e contractual instruments, supplier rates and "
        + "residual mixes", d.select("#totals .card.mkt").text());
    assertEquals(List.of(List.of("location-based", "1.2", "0.12", "0.96", "1.44"),
        List.of("market-based", "0.3", "0", "0.3", "0.3")), rows(d, "t-totals"));
    // offsets listed apart: 2.5 t + 0.5 t
    assertTrue(d.select("#totals p.note").text().contains("Offsets are listed apart and never subtracted: 2 offset(s), "
        + "3 tCO2e"), d.select("#totals p.note").text());
    assertTrue(d.select("#totals p.note").text().contains("Consumption 3 kWh (IT-level 3 kWh, facility-level 0 kWh); "
        + "records: 1 given, 1 counted (1 complete, 0 partial, 0 no meter), 0 nested, 0 duplicates; measured 100 %."),
        d.select("#totals p.note").text());
    // no record at facility level (0 kWh above); no PUE given: PUE 1 over the 3 kWh
    assertEquals(List.of("1", "3", "3"), rows(d, "t-pue").get(0).subList(1, 4));
    assertEquals(1, rows(d, "t-pue").size());
  }

  @Test
  void coverageByBasisInPercentOfTheConsumption() throws IOException {
    Document d = Jsoup.parse(HtmlReport.of(withInstrumentsAndOffsets()).toString());
    // GO 2 of 3 kWh = 66.6667 % at 0 kg; the supplier rate (rung 3) 1 kWh = 33.3333 % at 0.3 kg
    assertEquals(List.of(List.of("1", "GO", "2", "66.6667", "0"), List.of("3", "SUPPLIER_RATE", "1", "33.3333", "0.3")),
        rows(d, "t-coverage"));
    // the shares chart of the bases (the per-method one is not drawn: no records given)
    assertEquals(1, d.select("#coverage svg.shares").size());
    assertEquals(List.of(List.of("measured", "3"), List.of("estimated", "0")), rows(d, "t-measured"));
  }

  @Test
  void instrumentsTableShowsAppliedExcludedWithFailedCriteriaAndUnused() throws IOException {
    Document d = Jsoup.parse(HtmlReport.of(withInstrumentsAndOffsets()).toString());
    List<List<String>> rows = rows(d, "t-instruments");
    assertEquals(4, rows.size());
    // certificates by id, then the supplier rate; volume, used, unused in MWh
    assertEquals(List.of("GO-A", "GO", "DE", "applied", "", "", "0.002", "0.002", "0"), rows.get(0));
    List<String> b = rows.get(1);
    assertEquals(List.of("GO-B", "GO", "DE", "excluded",
        "3: is retired or cancelled by or on behalf of the reporting entity; "
            + "4: was generated within the reporting period (vintage)"), b.subList(0, 5));
    assertTrue(b.get(5).startsWith("criterion 3: not retired, redeemed or cancelled; criterion 4: generation period "),
        b.get(5));
    assertEquals(List.of("0.5", "0", "0.5"), b.subList(6, 9));
    assertEquals(List.of("GO-C", "GO", "NL", "unused", "", "no consumption in market NL", "0.2", "0", "0.2"),
        rows.get(2));
    // no volume: volume and unused are blank
    assertEquals(List.of("SR-1", "SUPPLIER_RATE", "DE", "applied", "", "", "", "0.001", ""), rows.get(3));
    assertNull(d.selectFirst("#instruments p.note"));
  }

  @Test
  void offsetsTableListsEachOffsetBlankWhereNotStated() throws IOException {
    Document d = Jsoup.parse(HtmlReport.of(withInstrumentsAndOffsets()).toString());
    assertEquals(List.of(List.of("VCS-1", "Verra VCS", "Wind farm X", "avoidance", "2025", "ACME", "2.5"),
        List.of("GS-2", "", "", "", "", "", "0.5")), rows(d, "t-offsets"));
    assertNull(d.selectFirst("#offsets p.note"));
  }

  @Test
  void factorsTableHasTheLocationFactorOverTheConsumption() throws IOException {
    Document d = Jsoup.parse(HtmlReport.of(withInstrumentsAndOffsets()).toString());
    // the market-based remainder is 0 (all covered): only the location-based use of DE 400 g/kWh, 3 kWh, 1.2 kg
    List<List<String>> f = rows(d, "t-factors");
    assertEquals(1, f.size());
    assertEquals("location-based", f.get(0).get(0));
    assertEquals("DE", f.get(0).get(2));
    assertEquals(List.of("1", "400", "400", "3", "1.2"), f.get(0).subList(6, 11));
  }

  @Test
  void withoutInstrumentsTheSectionSaysSo() throws IOException {
    Document d = Jsoup.parse(HtmlReport.of(Scope2.calculator(factors()).calculate(threeKwh(0))).toString());
    assertEquals("No contractual instruments given.", d.select("#instruments p.note").text());
    assertNull(d.getElementById("t-instruments"));
    // all 3 kWh on the grid average: rung 5, 100 %, 1.2 kg
    assertEquals(List.of(List.of("5", "grid average (no residual mix)", "3", "100", "1.2")), rows(d, "t-coverage"));
  }

  @Test
  void aPeriodWithoutConsumptionDrawsNoChart() throws IOException {
    // the record is in 2026, the period is 2025: nothing counted
    Scope2Report r = Scope2.calculator(factors()).reportingPeriod(ReportingPeriod.ofYear(2025))
        .calculate(threeKwh(0));
    Document d = Jsoup.parse(HtmlReport.of(r).toString());
    assertEquals("No consumption in the period.", d.select("#months p.note").text());
    assertTrue(d.select("#months svg").isEmpty());
    assertEquals(List.of(), rows(d, "t-months"));
    assertTrue(d.select("#zones svg").isEmpty());
    assertEquals(List.of(), rows(d, "t-zones"));
    assertEquals("No consumption in the period.", d.select("#heat p.note").text());
    assertTrue(d.select("#coverage svg").isEmpty());
    assertEquals(List.of(), rows(d, "t-coverage"));
    assertNull(d.getElementById("t-pue"));
  }

  /* SCI of the 3 kWh with 500 requests, scored per 1000, and 25 g embodied (u 20 %). */
  private SciReport sci() throws IOException {
    // M = TE x TiR/EL x RR/ToR = 100 kg x 1 h / 1000 h x 1/4 = 25 g, u = 0.2 x 25 = 5 g
    EmbodiedEmissions m = EmbodiedEmissions.of(Co2e.ofKilograms(100), Duration.ofHours(1000), 1, 4, "test rack")
        .withRelativeUncertainty(0.2);
    return Sci.calculator(factors()).functionalUnit("request", 1000).embodied(m).timeReserved(Duration.ofHours(1))
        .calculate(threeKwh(500));
  }

  private static void assertSciTable(Document d) {
    List<List<String>> rows = rows(d, "t-sci");
    assertEquals(6, rows.size());
    // (O + M) / R x 1000 = (1200 + 25) / 500 x 1000 = 2450 g; u = hypot(120, 5) x 2
    double u = Math.hypot(120, 5) * 2;
    assertEquals(List.of("SCI, gCO2e per 1000 request", "2450"), rows.get(0).subList(0, 2));
    close(2450 - 2 * u, rows.get(0).get(2), "lower");
    close(2450 + 2 * u, rows.get(0).get(3), "upper");
    assertEquals(List.of("E, kWh", "3", "", ""), rows.get(1));
    assertEquals(List.of("I, gCO2e/kWh (average)", "400", "", ""), rows.get(2));
    // O = 3 x 400 = 1200 g, u = 120 g
    assertEquals(List.of("O = E×I, gCO2e", "1200", "960", "1440"), rows.get(3));
    assertEquals(List.of("M, gCO2e", "25", "15", "35"), rows.get(4));
    assertEquals(List.of("R, request", "500", "", ""), rows.get(5));
  }

  @Test
  void sciSectionOnTheScope2Page() throws IOException {
    SciReport s = sci();
    Document d = Jsoup.parse(HtmlReport.of(withInstrumentsAndOffsets()).sci(s).toString());
    assertNotNull(d.getElementById("sci"));
    assertSciTable(d);
    assertEquals("Boundary: " + s.boundary(), d.select("#sci p.note").text());
  }

  @Test
  void sciPageAloneIsCompleteAndFlushed() throws IOException {
    SciReport s = sci();
    StringWriter sink = new StringWriter();
    BufferedWriter out = new BufferedWriter(sink, 1 << 16);
    ReportFormat.HTML.write(s, out);
    String html = sink.toString();
    assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"), html);
    assertTrue(html.endsWith("</main>\n</body>\n</html>\n"), html);
    Document d = Jsoup.parse(html);
    assertEquals("SCI report " + s.period(), d.title());
    assertEquals("Software Carbon Intensity ISO/IEC 21031:2024", d.select("header h1").text());
    assertEquals(s.inputDigest(), d.select("header .digest code").text());
    assertSciTable(d);
    assertEquals(s.disclosures().size(), d.select("#disclosures li").size());
    assertEquals(s.options().size(), rows(d, "t-options").size());
    assertNull(d.getElementById("totals"));
  }

  @Test
  void sciWithoutFunctionalUnitsOrEmbodiedEmissions() throws IOException {
    SciReport s = Sci.calculator(factors()).functionalUnit("request").calculate(threeKwh(0));
    Document d = Jsoup.parse(ReportFormat.HTML.toString(s));
    List<List<String>> rows = rows(d, "t-sci");
    assertEquals(List.of("SCI, gCO2e per request", "undefined (no functional units)", "", ""), rows.get(0));
    assertEquals(List.of("M, gCO2e", "0", "0", "0"), rows.get(4));
    assertEquals(List.of("R, request", "0", "", ""), rows.get(5));
    Objects.requireNonNull(d.getElementById("sci"));
  }

  @Test
  void sciWithoutEnergyHasNoIntensity() throws IOException {
    SciReport s = Sci.calculator(factors()).functionalUnit("request")
        .calculate(List.of(record("z").region("DE").start("2026-03-01T00:00:00Z").kwh(0).units(7).build()));
    Document d = Jsoup.parse(ReportFormat.HTML.toString(s));
    List<List<String>> rows = rows(d, "t-sci");
    // E = 0: I undefined; O = 0; 7 requests: 0 g per request
    assertEquals(List.of("E, kWh", "0", "", ""), rows.get(1));
    assertEquals(List.of("I, gCO2e/kWh (average)", "n/a", "", ""), rows.get(2));
    assertEquals(List.of("SCI, gCO2e per request", "0", "0", "0"), rows.get(0));
  }
  @Test
  void withRecordsCoverageAlsoChartsTheChannelMethods() throws IOException {
    List<EnergyRecord> rs = threeKwh(0);
    Document d = Jsoup.parse(HtmlReport.of(Scope2.calculator(factors()).calculate(rs)).records(rs).toString());
    // one chart of the bases (all grid average), one of the methods (all counter)
    assertEquals(2, d.select("#coverage svg.shares").size());
    assertEquals(List.of(List.of("counter", "measured", "3", "100")), rows(d, "t-methods"));
  }

  @Test
  void heatTablesHaveOneColumnPerUtcHour() throws IOException {
    Document d = Jsoup.parse(HtmlReport.of(Scope2.calculator(factors()).calculate(threeKwh(0))).toString());
    List<String> header = new ArrayList<>(List.of("day"));
    for (int h = 0; h < 24; h++) {
      header.add((h < 10 ? "0" : "") + h);
    }
    assertEquals(header, d.select("#t-heat-energy thead th").eachText());
    assertEquals(header, d.select("#t-heat-intensity thead th").eachText());
  }

  @Test
  void onlyAFoldedTableIsClosedByADetailsEndTag() throws IOException {
    List<EnergyRecord> rs = threeKwh(0);
    Scope2Report r = Scope2.calculator(factors()).calculate(rs);
    // no table above 40 rows: no details element at all
    String open = HtmlReport.of(r).records(rs).toString();
    assertEquals(-1, open.indexOf("<details>"));
    assertEquals(-1, open.indexOf("</details>"));
    List<List<String>> many = new ArrayList<>();
    for (int i = 0; i < 41; i++) {
      many.add(List.of("r" + i));
    }
    String folded = HtmlReport.of(r).records(rs).section(new HtmlSection("many", "Many", List.of(), List.of("row"),
        many)).toString();
    // 41 rows: one details element, closed right after its table
    assertEquals(folded.indexOf("<details>"), folded.lastIndexOf("<details>"));
    int end = folded.indexOf("</details>");
    assertEquals(end, folded.lastIndexOf("</details>"));
    assertTrue(folded.startsWith("r40\n</tbody></table>\n</details>\n", end - "r40\n</tbody></table>\n".length()),
        folded.substring(Math.max(0, end - 60), end + 12));
  }
}
