package dev.ergon.accounting;

import static dev.ergon.accounting.HtmlReportTest.rows;
import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.scope2.Scope2Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML page's month, zone, group and heat-map tables from two records at 400 g/kWh, figures by hand. */
class HtmlReportContentTest {
  @TempDir Path dir;

  private Scope2Report report(List<EnergyRecord> records) throws IOException {
    Path f = dir.resolve("f.csv");
    Files.write(f, List.of("zone,period,kind,intensity,unit,uncertainty", "DE,2026,location,400,g/kWh,0.1",
        "DE,2027,location,400,g/kWh,0.1"));
    return Scope2.calculator(EmissionFactors.readTable(f)).calculate(records);
  }

  private static List<String> hourRow(String day, String h0, String h1) {
    List<String> row = new ArrayList<>(Collections.nCopies(25, ""));
    row.set(0, day);
    row.set(1, h0);
    row.set(2, h1);
    return row;
  }

  @Test
  void monthsZonesGroupsAndHeatMapsOfTwoRecords() throws IOException {
    List<EnergyRecord> rs = List.of(
        record("a").region("DE").tags("model", "m1").start("2026-03-01T00:00:00Z").kwh(2).units(1000)
            .uncertainty(0.05).build(),
        record("b").region("DE").tags("model", "m2").start("2026-03-01T01:00:00Z").kwh(1).method(Method.MODEL)
            .build());
    Document d = Jsoup.parse(HtmlReport.of(report(rs)).records(rs).groupBy("model").functionalUnit("call", 1000)
        .toString());
    // one month, one zone: 3 kWh IT = consumption (PUE 1), 3 x 400 g = 1.2 kg
    List<List<String>> months = rows(d, "t-months");
    assertEquals(1, months.size());
    assertEquals(List.of("2026-03", "3", "3", "1.2"), months.get(0).subList(0, 4));
    assertEquals(1, d.select("#months svg.bars").size());
    List<List<String>> zones = rows(d, "t-zones");
    assertEquals(List.of(List.of("DE", "3", "3", "1.2")), zones.stream().map(r -> r.subList(0, 4)).toList());
    assertEquals(1, d.select("#zones svg.shares").size());
    // groups per day: m1 2 kWh, u 0.05 x 2 = 0.1, 1000 calls -> 2 kWh per 1000 calls, 95 % 2 -/+ 0.2;
    // m2 1 kWh, no calls, no per-unit figure
    assertEquals(List.of(
        List.of("m1", "2026-03-01", "2", "0.1", "1000", "2", "1.8", "2.2"),
        List.of("m2", "2026-03-01", "1", "0", "0", "", "", "")), rows(d, "t-groups"));
    assertEquals("model", d.select("#t-groups thead th").get(0).text());
    // the per-unit chart's tooltip carries the same 95 % band
    assertEquals(List.of("m1, 2026-03-01: 2 kWh per 1000 calls, 95 % 1.8–2.2"),
        d.select("#groups svg").get(0).select("circle > title").eachText());
    // heat maps: hours 00 and 01 of 2026-03-01; intensity 400 where there is energy
    assertEquals(List.of(hourRow("2026-03-01", "2", "1")), rows(d, "t-heat-energy"));
    assertEquals(List.of(hourRow("2026-03-01", "400", "400")), rows(d, "t-heat-intensity"));
    assertEquals(2, d.select("#heat svg.heat").size());
    assertFalse(d.select("#heat").text().contains("The maps show the last"));
    // data sets and options tables are drawn
    assertTrue(d.getElementById("t-datasets") != null && d.getElementById("t-options") != null);
  }

  @Test
  void ungroupedHeaderIsGroup() throws IOException {
    List<EnergyRecord> rs = List.of(record("a").region("DE").start("2026-03-01T00:00:00Z").kwh(2).build());
    Document d = Jsoup.parse(HtmlReport.of(report(rs)).records(rs).toString());
    assertEquals("group", d.select("#t-groups thead th").get(0).text());
    assertEquals(List.of(List.of("all", "2026-03-01", "2", "0", "0", "", "", "")), rows(d, "t-groups"));
    assertTrue(d.text().contains("No functional units counted: the energy per unit is undefined."));
  }

  @Test
  void heatMapsShowAtMost366Days() throws IOException {
    // 2026-01-01 to 2027-01-01: 365 days apart, 366 days drawn, no note
    List<EnergyRecord> year = List.of(
        record("a").region("DE").start("2026-01-01T00:00:00Z").kwh(1).build(),
        record("b").region("DE").start("2027-01-01T05:00:00Z").kwh(2).build());
    Document d = Jsoup.parse(HtmlReport.of(report(year)).records(year).toString());
    List<List<String>> heat = rows(d, "t-heat-energy");
    assertEquals(366, heat.size());
    assertEquals(hourRow("2026-01-01", "1", ""), heat.get(0));
    assertEquals("2", heat.get(365).get(1 + 5));
    assertFalse(d.select("#heat").text().contains("The maps show the last"));
    // to 2027-01-02: 366 days apart; the first day is left out
    List<EnergyRecord> more = List.of(
        record("a").region("DE").start("2026-01-01T00:00:00Z").kwh(1).build(),
        record("b").region("DE").start("2027-01-02T05:00:00Z").kwh(2).build());
    d = Jsoup.parse(HtmlReport.of(report(more)).records(more).toString());
    heat = rows(d, "t-heat-energy");
    assertEquals(366, heat.size());
    assertEquals("2026-01-02", heat.get(0).get(0));
    assertEquals(Collections.nCopies(24, ""), heat.get(0).subList(1, 25));
    assertTrue(d.select("#heat").text().contains("The maps show the last 366 days with data, from 2026-01-02; the "
        + "totals above cover the whole period."), d.select("#heat").text());
  }
}
