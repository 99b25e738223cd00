package dev.ergon.accounting;

import static dev.ergon.accounting.HtmlReportTest.rows;
import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.scope2.Scope2Report;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the HTML page includes and omits per report content, its group note, and that it is flushed; expected figures
 * worked out by hand from two records at 400 g/kWh.
 */
class HtmlReportPageTest {
  @TempDir Path dir;

  private Scope2Report report(List<EnergyRecord> records) throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, "zone,period,kind,intensity,unit,uncertainty\nDE,2026,location,400,g/kWh,0.1\n");
    return Scope2.calculator(EmissionFactors.readTable(f)).calculate(records);
  }

  private static List<EnergyRecord> twoRecords(String... tagsOfB) {
    return List.of(
        record("a").region("DE").tags("model", "m1", "app", "x").start("2026-03-01T00:00:00Z").kwh(2).build(),
        record("b").region("DE").tags(tagsOfB).start("2026-03-01T01:00:00Z").kwh(1).method(Method.MODEL).build());
  }

  @Test
  void pageIsFlushedAndCarriesItsSections() throws IOException {
    List<EnergyRecord> rs = twoRecords("model", "m2");
    StringWriter sink = new StringWriter();
    BufferedWriter out = new BufferedWriter(sink, 1 << 16);
    HtmlReport.of(report(rs)).records(rs).write(out);
    // not closed: only the flush brings the page to the sink
    String html = sink.toString();
    assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"), html.substring(0,
        Math.min(80, html.length())));
    assertTrue(html.endsWith("</html>\n"));
    Document d = Jsoup.parse(html);
    assertFalse(d.title().isBlank());
    // 3 kWh at 400 g/kWh: 1.2 kg location-based
    assertEquals("1.2 kgCO2e", d.select("#totals .card.loc .v").text());
    assertEquals(1, d.select("#totals .card.mkt .v").size());
    assertEquals(List.of("location-based", "market-based"),
        rows(d, "t-totals").stream().map(r -> r.get(0)).toList());
    assertEquals("1.2", rows(d, "t-totals").get(0).get(1));
    // 2 kWh by a counter (measured), 1 kWh by a model (estimated): 66.6667 % measured
    assertTrue(d.select("#totals p.note").text().contains("records: 2 given, 2 counted (2 complete, 0 partial, 0 no "
        + "meter), 0 nested, 0 duplicates; measured 66.6667 %."), d.select("#totals p.note").text());
    // no PUE given: one row, PUE 1 over the 3 kWh, facility 3 kWh
    List<List<String>> pue = rows(d, "t-pue");
    assertEquals(1, pue.size());
    assertEquals(List.of("1", "3", "3"), pue.get(0).subList(1, 4));
    assertEquals(List.of(List.of("counter", "measured", "2", "66.6667"), List.of("model", "estimated", "1",
        "33.3333")), rows(d, "t-methods"));
    assertEquals(List.of(List.of("measured", "2"), List.of("estimated", "1")), rows(d, "t-measured"));
    assertEquals("No offsets given.", d.select("#offsets p.note").text());
    assertNull(d.getElementById("t-offsets"));
    List<List<String>> factors = rows(d, "t-factors");
    assertFalse(factors.isEmpty());
    assertEquals("DE", factors.get(0).get(2));
    assertEquals("400", factors.get(0).get(7));
    assertEquals("400", factors.get(0).get(8));
    assertEquals(1, d.select("#disclosures").size());
    assertFalse(d.select("#disclosures li").isEmpty());
    assertNull(d.getElementById("sci"));
    assertTrue(Objects.requireNonNull(d.getElementById("t-coverage")).select("tbody tr").size() >= 1);
  }

  @Test
  void withoutRecordsThePerMethodFiguresAreNotDrawn() throws IOException {
    Document d = Jsoup.parse(HtmlReport.of(report(twoRecords("model", "m2"))).toString());
    assertTrue(d.text().contains("Per method: not drawn (the records were not given)."), d.text());
    assertNull(d.getElementById("t-methods"));
  }

  @Test
  void groupNoteNamesTheTagUsed() throws IOException {
    // tags app and model found: model preferred although app sorts first
    List<EnergyRecord> rs = twoRecords("model", "m2");
    Document d = Jsoup.parse(HtmlReport.of(report(rs)).records(rs).toString());
    assertTrue(d.text().contains("Groups: the values of the tag 'model' (tags found: app, model; choose one with "
        + "--group-by TAG)."), d.text());
    // only one tag, not model: that one
    List<EnergyRecord> one = List.of(
        record("a").region("DE").tags("team", "t1").start("2026-03-01T00:00:00Z").kwh(2).build());
    d = Jsoup.parse(HtmlReport.of(report(one)).records(one).toString());
    assertTrue(d.text().contains("Groups: the values of the tag 'team' (tags found: team;"), d.text());
    // no tags: one group
    List<EnergyRecord> none = List.of(record("a").region("DE").start("2026-03-01T00:00:00Z").kwh(2).build());
    d = Jsoup.parse(HtmlReport.of(report(none)).records(none).toString());
    assertTrue(d.text().contains("No record has a tag: one group, all."), d.text());
    // chosen tag(s)
    d = Jsoup.parse(HtmlReport.of(report(rs)).records(rs).groupBy("app").toString());
    assertTrue(d.text().contains("Groups: the values of the tag 'app'; (none) for records without it."), d.text());
    d = Jsoup.parse(HtmlReport.of(report(rs)).records(rs).groupBy("app,model").toString());
    assertTrue(d.text().contains("Groups: the combinations of the values of the tags 'app', 'model', joined with "
        + "' / '; (none) for a tag a record lacks."), d.text());
  }

  @Test
  void oneUnitIsAValidFunctionalUnit() throws IOException {
    // per 1: "kWh per request" (no count, no plural)
    List<EnergyRecord> rs = twoRecords("model", "m2");
    Document d = Jsoup.parse(HtmlReport.of(report(rs)).records(rs).functionalUnit("request", 1).toString());
    assertTrue(d.select("#t-groups thead th").eachText().contains("kWh per request"),
        d.select("#t-groups thead th").eachText()::toString);
  }

  @Test
  void tablesOfMoreThanFortyRowsAreFolded() throws IOException {
    List<EnergyRecord> rs = twoRecords("model", "m2");
    for (int n : new int[] {40, 41}) {
      List<List<String>> rows = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        rows.add(List.of("r" + i, Integer.toString(i)));
      }
      HtmlSection s = new HtmlSection("many", "Many", List.of(), List.of("row", "n"), rows);
      Document d = Jsoup.parse(HtmlReport.of(report(rs)).records(rs).section(s).toString());
      assertEquals(n, rows(d, "t-x-many").size());
      boolean folded = !d.select("details > #t-x-many").isEmpty();
      assertEquals(n > 40, folded, n + " rows");
      if (folded) {
        assertEquals("Many: table, 41 rows", d.select("details:has(#t-x-many) > summary").text());
      }
      assertEquals("n1", Objects.requireNonNull(d.getElementById("t-x-many")).className());
    }
  }
}
