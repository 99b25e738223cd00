package dev.ergon.accounting.scope2;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.accounting.Co2eEstimate;
import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.factors.EmissionFactors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GUM first-order propagation, worked by hand. */
class UncertaintyTest {

  @TempDir Path dir;

  @Test
  void locationBasedIntervalCombinesRecordsAndFactors() throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit,uncertainty
        DE,2026,location,400,g/kWh,10%
        FR,2026,location,100,g/kWh,0.2
        """);
    Scope2Report r = Scope2.calculator(EmissionFactors.readTable(f)).calculate(List.of(
        record("a").region("DE").start("2026-01-05T00:00:00Z").kwh(1, 1).uncertainty(0.05).build(),
        record("b").region("DE").start("2026-01-05T01:00:00Z").kwh(3).uncertainty(0.02).build(),
        record("c").region("FR").start("2026-01-05T00:00:00Z").kwh(5).build()));
    // L_a = 800, L_b = 1200, L_c = 500 g. Records independent: (0.05 x 800)^2 + (0.02 x 1200)^2.
    // DE factor common to a and b: (0.1 x 2000)^2; FR factor: (0.2 x 500)^2.
    double u = Math.sqrt(40 * 40 + 24 * 24 + 200 * 200 + 100 * 100);
    Co2eEstimate loc = r.locationBased();
    assertEquals(2500.0, loc.value().toGrams(), 1e-9);
    assertEquals(u, loc.standardUncertaintyGrams(), 1e-9);
    assertEquals(2500.0 - 2 * u, loc.lower().toGrams(), 1e-9);
    assertEquals(2500.0 + 2 * u, loc.upper().toGrams(), 1e-9);
    Scope2Line de = r.byZone().get(0);
    assertEquals("DE", de.key());
    assertEquals(Math.sqrt(40 * 40 + 24 * 24 + 200 * 200), de.locationBased().standardUncertaintyGrams(), 1e-9);
    assertTrue(r.disclosures().stream().anyMatch(d -> d.topic() == Disclosure.Topic.UNCERTAINTY
        && d.text().contains("k = 2") && d.text().contains("0.0 %")), "all factors here state an uncertainty");
  }

  @Test
  void marketBasedSensitivityIsTheFactorTheNextKilowattHourGets() throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit,uncertainty
        DE,2026,location,400,g/kWh,
        DE,2026,residual_mix,600,g/kWh,10%
        """);
    Path i = dir.resolve("i.csv");
    Files.writeString(i, MarketBasedTest.HEADER + "GO-1,go,DE,2026-01-01,2026-12-31,0.004,0,g/kWh,wind,true,ACME\n");
    Scope2Report r = Scope2.calculator(EmissionFactors.readTable(f)).reportingEntity("ACME")
        .reportingPeriod(ReportingPeriod.ofYear(2026)).instruments(Instruments.load(i))
        .calculate(List.of(record("a").region("DE").start("2026-01-05T00:00:00Z").kwh(10).uncertainty(0.05).build()));
    // M = 6 kWh x 600 = 3600 g. The certificate's 4 kWh are binding, so one more kWh consumed would be residual:
    // energy term 0.05 x 10 kWh x 600 = 300 g; factor term 0.1 x 3600 = 360 g.
    assertEquals(3600.0, r.marketBased().value().toGrams(), 1e-9);
    assertEquals(Math.hypot(300, 360), r.marketBased().standardUncertaintyGrams(), 1e-9);
    // location: 4000 g, energy 0.05 x 4000 = 200 g, factor uncertainty not stated (disclosed as 100 %)
    assertEquals(200.0, r.locationBased().standardUncertaintyGrams(), 1e-9);
    assertTrue(r.disclosures().stream().anyMatch(d -> d.topic() == Disclosure.Topic.UNCERTAINTY
        && d.text().contains("100.0 %")));
  }

  @Test
  void theLowerBoundNeverGoesBelowZero() {
    Co2eEstimate e = Co2eEstimate.ofGrams(10, 8);
    assertEquals(0.0, e.lower().toGrams());
    assertEquals(26.0, e.upper().toGrams());
    assertEquals(16.0, e.expandedUncertaintyGrams());
    assertEquals(0.8, e.relativeUncertainty(), 1e-15);
  }

  @Test
  void oneRecordAcrossTwoHoursIsOneUncertaintyInEveryLineThatHoldsBothHours(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit
        DE,2026,location,400,g/kWh
        DE,2026,residual_mix,600,g/kWh
        FR,2026,location,100,g/kWh
        FR,2026,residual_mix,100,g/kWh
        """);
    // 1 kWh ± 10 % over 10:00-12:00 (0.5 kWh in each hour, from the same meter reading: fully correlated), and
    // 1 kWh ± 10 % in FR in March (independent of it).
    Scope2Report r = Scope2.calculator(EmissionFactors.readTable(f)).calculate(List.of(
        record("two-hours").region("DE").start("2026-02-01T10:00:00Z").kwh(0.5, 0.5).uncertainty(0.1)
            .tags("model", "m1").build(),
        record("fr").region("FR").start("2026-03-01T10:00:00Z").kwh(1).uncertainty(0.1).tags("model", "m2").build()));
    // DE: 400 g ± 0.1 × 400 = 40 g (not √(20² + 20²) = 28.3 g: the two hours are one measurement); market-based
    // 600 g ± 60 g. FR: 100 g ± 10 g both ways.
    Scope2Line de = line(r.byZone(), "DE");
    assertEquals(400.0, de.locationBased().value().toGrams(), 1e-9);
    assertEquals(40.0, de.locationBased().standardUncertaintyGrams(), 1e-9);
    assertEquals(60.0, de.marketBased().standardUncertaintyGrams(), 1e-9);
    Scope2Line february = line(r.byMonth(), "2026-02");
    assertEquals(40.0, february.locationBased().standardUncertaintyGrams(), 1e-9);
    assertEquals(60.0, february.marketBased().standardUncertaintyGrams(), 1e-9);
    Scope2Line m1 = line(r.byTag("model"), "m1");
    assertEquals(40.0, m1.locationBased().standardUncertaintyGrams(), 1e-9);
    assertEquals(60.0, m1.marketBased().standardUncertaintyGrams(), 1e-9);
    assertEquals(10.0, line(r.byTag("model"), "m2").locationBased().standardUncertaintyGrams(), 1e-9);
    // The total: √(40² + 10²) location-based, √(60² + 10²) market-based.
    assertEquals(Math.sqrt(1700), r.locationBased().standardUncertaintyGrams(), 1e-9);
    assertEquals(Math.sqrt(3700), r.marketBased().standardUncertaintyGrams(), 1e-9);
  }

  private static Scope2Line line(List<Scope2Line> lines, String key) {
    return lines.stream().filter(l -> l.key().equals(key)).findFirst()
        .orElseThrow(() -> new AssertionError("no line " + key + " in " + lines));
  }
}
