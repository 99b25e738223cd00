package dev.ergon.accounting;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ergon.EnergyRecord;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.scope2.Instruments;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.scope2.Scope2Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report: its tables carry the JSON report's numbers, the per-group figures are those computed by hand,
 * every text is escaped, and the same inputs give the same bytes. Parsed with jsoup.
 */
class HtmlReportTest {

  @TempDir Path dir;

  /** Rows of a table by id, as cell texts. */
  static List<List<String>> rows(Document d, String id) {
    Element t = java.util.Objects.requireNonNull(d.getElementById(id), "table " + id + " is missing");
    List<List<String>> rows = new ArrayList<>();
    for (Element tr : t.select("tbody tr")) {
      rows.add(tr.select("td").stream().map(Element::text).toList());
    }
    return rows;
  }

  static void close(double expected, String actual, String what) {
    double a = Double.parseDouble(actual);
    double tolerance = Math.max(1e-12, Math.abs(expected) * 5e-6);
    assertEquals(expected, a, tolerance, what);
  }

  @Test
  void tablesCarryTheJsonReportsNumbers() throws IOException {
    HtmlSample.Inputs in = HtmlSample.example(dir);
    Scope2Report report = HtmlSample.report(in);
    JsonNode json = new ObjectMapper().readTree(ReportFormat.JSON.toString(report));
    Document d = Jsoup.parse(HtmlReport.of(report).records(in.records()).groupBy("model").toString());

    List<List<String>> totals = rows(d, "t-totals");
    assertEquals(List.of("location-based", "market-based"), totals.stream().map(r -> r.get(0)).toList());
    String[] methods = {"location_based", "market_based"};
    for (int i = 0; i < 2; i++) {
      JsonNode t = json.at("/totals/" + methods[i]);
      close(t.get("kg_co2e").asDouble(), totals.get(i).get(1), methods[i]);
      close(t.get("standard_uncertainty_kg").asDouble(), totals.get(i).get(2), methods[i] + " u");
      close(t.get("lower95_kg").asDouble(), totals.get(i).get(3), methods[i] + " lower");
      close(t.get("upper95_kg").asDouble(), totals.get(i).get(4), methods[i] + " upper");
    }
    linesMatch(rows(d, "t-months"), json.get("by_month"), "month");
    linesMatch(rows(d, "t-zones"), json.get("by_zone"), "zone");
    assertEquals(4, rows(d, "t-months").size(), "January to April");

    List<List<String>> coverage = rows(d, "t-coverage");
    assertEquals(json.get("coverage").size(), coverage.size());
    for (int i = 0; i < coverage.size(); i++) {
      JsonNode c = json.get("coverage").get(i);
      assertEquals(c.get("basis").asText(), coverage.get(i).get(1));
      close(c.get("energy_kwh").asDouble(), coverage.get(i).get(2), "coverage kWh");
      close(c.get("market_based_kg").asDouble(), coverage.get(i).get(4), "coverage kg");
    }

    List<List<String>> instruments = rows(d, "t-instruments");
    assertEquals(json.get("instruments").size(), instruments.size());
    Map<String, String> status = Map.of("USED", "applied", "UNUSED", "unused", "EXCLUDED", "excluded");
    for (int i = 0; i < instruments.size(); i++) {
      JsonNode u = json.get("instruments").get(i);
      assertEquals(u.get("id").asText(), instruments.get(i).get(0));
      assertEquals(status.get(u.get("status").asText()), instruments.get(i).get(3));
      for (JsonNode c : u.get("failed_criteria")) {
        assertTrue(instruments.get(i).get(4).contains(c.asInt() + ": "), "failed criterion " + c + " listed");
      }
      close(u.get("used_mwh").asDouble(), instruments.get(i).get(7), "used MWh");
    }
    assertTrue(instruments.stream().anyMatch(r -> r.get(3).equals("excluded")), "the sample excludes some");
    assertTrue(instruments.stream().anyMatch(r -> r.get(3).equals("unused")), "and leaves the NL one unused");
    assertTrue(instruments.stream().anyMatch(r -> r.get(3).equals("applied")), "and applies some");

    List<String> disclosures = d.select("#disclosures li").eachText();
    assertEquals(json.get("disclosures").size(), disclosures.size());
    for (int i = 0; i < disclosures.size(); i++) {
      assertTrue(disclosures.get(i).endsWith(json.get("disclosures").get(i).get("text").asText()),
          "disclosure " + i + " in full");
    }
    assertTrue(d.select("#data code").text().contains(json.get("input_digest").asText()));
    assertEquals(json.get("options").size(), rows(d, "t-options").size());
    assertEquals(json.get("data_sets").size(), rows(d, "t-datasets").size());

    // Per group: the IT energy over all weeks of each model is the report's by-tag IT energy (no nested records).
    Map<String, Double> byModel = new HashMap<>();
    for (List<String> r : rows(d, "t-groups")) {
      byModel.merge(r.get(0), Double.parseDouble(r.get(2)), Double::sum);
    }
    JsonNode tag = json.at("/by_tag/model");
    assertEquals(tag.size(), byModel.size());
    for (JsonNode l : tag) {
      double expected = l.get("it_energy_kwh").asDouble();
      assertEquals(expected, byModel.getOrDefault(l.get("key").asText(), -1.0), expected * 1e-4, l.get("key").asText());
    }
    // Measured (counter + integrated power) and estimated (model) per method add up to the report's split.
    double measured = 0;
    double estimated = 0;
    for (List<String> r : rows(d, "t-methods")) {
      if (r.get(1).equals("estimated")) {
        estimated += Double.parseDouble(r.get(2));
      } else {
        measured += Double.parseDouble(r.get(2));
      }
    }
    double m = json.at("/consumption/measured_kwh").asDouble();
    double e = json.at("/consumption/estimated_kwh").asDouble();
    assertEquals(m, measured, m * 1e-4);
    assertEquals(e, estimated, e * 1e-4);
    assertEquals(e / (m + e), 0.1, 1e-6, "the sample models a tenth of each record (memory)");
  }

  private static void linesMatch(List<List<String>> rows, JsonNode lines, String what) {
    assertEquals(lines.size(), rows.size(), what + " rows");
    for (int i = 0; i < rows.size(); i++) {
      JsonNode l = lines.get(i);
      List<String> r = rows.get(i);
      assertEquals(l.get("key").asText(), r.get(0));
      close(l.get("it_energy_kwh").asDouble(), r.get(1), what + " IT kWh");
      close(l.get("consumption_kwh").asDouble(), r.get(2), what + " kWh");
      close(l.at("/location_based/kg_co2e").asDouble(), r.get(3), what + " location");
      close(l.at("/location_based/lower95_kg").asDouble(), r.get(4), what + " location lower");
      close(l.at("/location_based/upper95_kg").asDouble(), r.get(5), what + " location upper");
      close(l.at("/market_based/kg_co2e").asDouble(), r.get(6), what + " market");
      close(l.at("/market_based/lower95_kg").asDouble(), r.get(7), what + " market lower");
      close(l.at("/market_based/upper95_kg").asDouble(), r.get(8), what + " market upper");
    }
  }

  private List<EnergyRecord> small() {
    return List.of(
        record("a").region("DE").tags("model", "m1").start("2026-03-01T00:00:00Z").kwh(2).units(1000)
            .uncertainty(0.05).build(),
        record("b").region("DE").tags("model", "m1").start("2026-03-01T01:00:00Z").kwh(1).units(500)
            .uncertainty(0.1).build(),
        record("c").region("DE").tags("model", "m2").start("2026-03-02T05:00:00Z").kwh(4).build(),
        record("d").parent("a").region("DE").tags("model", "m3").start("2026-03-01T00:00:00Z").kwh(0.5).units(7)
            .build());
  }

  private Scope2Report smallReport(List<EnergyRecord> records) throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, "zone,period,kind,intensity,unit,uncertainty\nDE,2026,location,400,g/kWh,0.1\n");
    return Scope2.calculator(EmissionFactors.readTable(f)).calculate(records);
  }

  @Test
  void perGroupFiguresAreTheHandComputedOnes() throws IOException {
    List<EnergyRecord> records = small();
    Document d = Jsoup.parse(HtmlReport.of(smallReport(records)).records(records).groupBy("model")
        .functionalUnit("prediction", 1000).toString());
    List<List<String>> g = rows(d, "t-groups");
    // m1 on 2026-03-01: 2 + 1 = 3 kWh; u = sqrt((0.05·2)² + (0.1·1)²) = 0.141421 kWh; 1500 predictions;
    // per 1000: 3 / 1.5 = 2 kWh, u = 0.141421 / 1.5 = 0.0942809, 95 %: 2 ± 0.188562.
    // m2 on 2026-03-02: 4 kWh, no predictions: no per-unit figure. d is nested in a: counted in a's group (m1).
    assertEquals(List.of(
        List.of("m1", "2026-03-01", "3", "0.141421", "1500", "2", "1.81144", "2.18856"),
        List.of("m2", "2026-03-02", "4", "0", "0", "", "", "")), g);
    assertEquals("kWh per 1000 predictions", d.select("#t-groups thead th").get(5).text());
    // Heat maps from the cells: consumption per UTC hour (PUE 1), intensity 400 g/kWh where there is energy.
    List<List<String>> heat = rows(d, "t-heat-energy");
    assertEquals(2, heat.size());
    assertEquals("2026-03-01", heat.get(0).get(0));
    assertEquals("2", heat.get(0).get(1));
    assertEquals("1", heat.get(0).get(2));
    assertEquals("", heat.get(0).get(3));
    assertEquals("4", heat.get(1).get(1 + 5));
    assertEquals("400", rows(d, "t-heat-intensity").get(1).get(1 + 5));
    // One line per group in each chart that has it: m2 has no units, so only m1 is in the per-unit chart.
    assertEquals(List.of("m1"), d.select("#groups svg").get(0).select("g.series").eachAttr("data-group"));
    assertEquals(List.of("m1", "m2"), d.select("#groups svg").get(1).select("g.series").eachAttr("data-group"));
  }

  @Test
  void groupsBySeveralTagsAreTheCombinationsOfTheirValues() throws IOException {
    List<EnergyRecord> records = List.of(
        record("a").region("DE").tags("model", "m1", "version", "v1").start("2026-03-01T00:00:00Z").kwh(2)
            .units(1000).build(),
        record("b").region("DE").tags("model", "m1", "version", "v2").start("2026-03-01T01:00:00Z").kwh(1)
            .units(2000).build(),
        record("c").region("DE").tags("model", "m1", "version", "v2").start("2026-03-01T02:00:00Z").kwh(3)
            .units(1000).build(),
        record("e").region("DE").tags("model", "m2").start("2026-03-01T03:00:00Z").kwh(5).units(500).build(),
        record("f").region("DE").tags("team", "x").start("2026-03-01T04:00:00Z").kwh(7).build());
    Document d = Jsoup.parse(HtmlReport.of(smallReport(records)).records(records).groupBy(" model , version")
        .functionalUnit("prediction", 1000).toString());
    List<List<String>> g = rows(d, "t-groups");
    // m1/v1: 2 kWh for 1000 → 2 kWh per 1000; m1/v2: 1 + 3 = 4 kWh for 3000 → 1.33333; m2 has no version:
    // "m2 / (none)", 5 kWh for 500 → 10; f has neither tag: "(none)", 7 kWh, no units.
    assertEquals(List.of("(none)", "m1 / v1", "m1 / v2", "m2 / (none)"), g.stream().map(r -> r.get(0)).toList());
    assertEquals(List.of("7", "2", "4", "5"), g.stream().map(r -> r.get(2)).toList());
    assertEquals(List.of("", "2", "1.33333", "10"), g.stream().map(r -> r.get(5)).toList());
    assertEquals("model / version", d.select("#t-groups thead th").get(0).text());
    assertThrows(IllegalArgumentException.class, () -> HtmlReport.of(smallReport(records)).groupBy("model,"));
  }

  @Test
  void addedSectionsAreDrawnAfterTheMonthsWithTheirTextEscaped() throws IOException {
    List<EnergyRecord> records = small();
    HtmlSection extra = new HtmlSection("period-change", "Change <b>between</b> periods",
        List.of("a & b"), List.of("part", "gCO2e"), List.of(List.of("total <script>", "400")));
    Document d = Jsoup.parse(HtmlReport.of(smallReport(records)).records(records).section(extra).toString());
    assertEquals("Change <b>between</b> periods", d.select("#x-period-change > h2").text());
    assertEquals("a & b", d.select("#x-period-change > p").text());
    assertEquals(List.of(List.of("total <script>", "400")), rows(d, "t-x-period-change"));
    assertTrue(d.select("script").isEmpty());
    // After the months and before the groups.
    List<String> ids = d.select("main > section").eachAttr("id");
    assertEquals(ids.indexOf("months") + 1, ids.indexOf("x-period-change"), ids.toString());
    assertThrows(IllegalArgumentException.class,
        () -> HtmlReport.of(smallReport(records)).section(extra).section(extra));
    assertThrows(IllegalArgumentException.class,
        () -> new HtmlSection("Bad id", "t", List.of(), List.of("a"), List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new HtmlSection("ok", "t", List.of(), List.of("a", "b"), List.of(List.of("only one"))));
  }

  @Test
  void sameInputsGiveTheSameBytesWhateverTheRecordOrder() throws IOException {
    HtmlSample.Inputs in = HtmlSample.example(dir);
    Scope2Report report = HtmlSample.report(in);
    String once = HtmlReport.of(report).records(in.records()).toString();
    List<EnergyRecord> reversed = new ArrayList<>(in.records());
    Collections.reverse(reversed);
    String again = HtmlReport.of(HtmlSample.report(new HtmlSample.Inputs(reversed, in.factors(), in.instruments(),
        in.offsets()))).records(reversed).toString();
    assertEquals(once, again);
    assertTrue(once.getBytes(StandardCharsets.UTF_8).length > 10_000);
  }

  @Test
  void everyTextFromTheInputsIsEscaped() throws IOException {
    String evil = "<img src=x onerror=alert(1)>\"'&";
    List<EnergyRecord> records = List.of(record("a").region("DE").tags("model", evil).kwh(1).units(3).build());
    Path f = dir.resolve("f.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit,uncertainty
        DE,2026,location,400,g/kWh,0.1
        DE,2026,residual_mix,600,g/kWh,
        """);
    Path i = dir.resolve("i.csv");
    Files.writeString(i, "id,type,market,generation_start,generation_end,volume_mwh,emission_rate,unit,technology,"
        + "retired,retired_for\n\"<script>alert(2)</script>\",go,DE,2026-01-01,2026-12-31,0.001,0,g/kWh,wind,true,"
        + "\"</td><b>ACME</b>\"\n");
    Scope2Report report = Scope2.calculator(EmissionFactors.readTable(f)).instruments(Instruments.load(i))
        .reportingEntity("</td><b>ACME</b>").calculate(records);
    String html = HtmlReport.of(report).records(records).toString();
    Document d = Jsoup.parse(html);
    assertTrue(d.select("script").isEmpty(), "no script element");
    assertTrue(d.select("img").isEmpty(), "no injected element");
    assertTrue(d.select("b").stream().noneMatch(b -> b.text().equals("ACME")), "no injected bold");
    assertEquals(evil, rows(d, "t-groups").get(0).get(0));
    assertEquals("<script>alert(2)</script>", rows(d, "t-instruments").get(0).get(0));
    assertTrue(d.select("header").text().contains("</td><b>ACME</b>"));
    assertFalse(html.contains("<script"), "no script anywhere, not even escaped badly");
  }

  @Test
  void thePageForbidsEveryNetworkRequestAndHasNoScript() throws IOException {
    List<EnergyRecord> records = small();
    String html = ReportFormat.HTML.toString(smallReport(records));
    Document d = Jsoup.parse(html);
    assertEquals("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
        d.select("meta[http-equiv=Content-Security-Policy]").attr("content"));
    assertTrue(d.select("script, link, img, iframe, object, embed").isEmpty());
    assertFalse(html.contains("http://") || html.contains("https://"), "no absolute URL at all");
    // From the report alone: the per-group sections say why they are not drawn.
    assertTrue(d.select("#groups").text().contains("records, which were not given"));
    assertTrue(rows(d, "t-heat-energy").size() == 2);
  }
}
