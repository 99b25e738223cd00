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
}
