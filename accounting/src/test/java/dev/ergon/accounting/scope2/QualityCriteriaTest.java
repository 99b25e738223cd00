package dev.ergon.accounting.scope2;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.factors.EmissionFactors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each checkable Scope 2 Quality Criterion excludes an instrument that fails it; an excluded instrument changes
 * nothing in the market-based total (10 kWh in DE at the residual mix 600 g/kWh = 6000 g) and is listed with its
 * reason.
 */
class QualityCriteriaTest {

  @TempDir Path dir;
  Scope2Calculator calculator;
  List<EnergyRecord> records;

  @BeforeEach
  void setUp() throws IOException {
    Path f = dir.resolve("factors.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit
        DE,2026,location,400,g/kWh
        DE,2026,residual_mix,600,g/kWh
        FR,2026,residual_mix,60,g/kWh
        """);
    calculator = Scope2.calculator(EmissionFactors.readTable(f)).reportingEntity("ACME")
        .reportingPeriod(ReportingPeriod.ofYear(2026));
    records = List.of(record("r").region("DE").start("2026-04-01T00:00:00Z").kwh(4, 6).build());
  }

  private Scope2Report run(String rows) throws IOException {
    Path p = dir.resolve("i.csv");
    Files.writeString(p, MarketBasedTest.HEADER + rows);
    return calculator.instruments(Instruments.load(p)).calculate(records);
  }

  private static void assertExcluded(Scope2Report r, String id, QualityCriterion criterion, String reasonPart) {
    boolean found = false;
    for (InstrumentUse u : r.instruments()) {
      if (u.instrument().id().equals(id)) {
        found = true;
        assertEquals(InstrumentUse.Status.EXCLUDED, u.status());
        assertTrue(u.failedCriteria().contains(criterion), u.failedCriteria()::toString);
        assertTrue(String.join(" ", u.reasons()).contains(reasonPart), u.reasons()::toString);
        assertTrue(u.used().isZero());
      }
    }
    assertTrue(found, "instrument " + id + " listed");
    assertEquals(6000.0, r.marketBased().value().toGrams(), 1e-6, "an excluded instrument covers nothing");
    assertTrue(r.disclosures().stream().anyMatch(d -> d.topic() == Disclosure.Topic.INSTRUMENTS
        && d.text().contains(id) && d.text().contains("excluded")));
  }

  @Test
  void ergonChecksCriteriaOneToFiveFromTheDataAndDisclosesSixToEight() {
    for (QualityCriterion c : QualityCriterion.values()) {
      assertEquals(c.number() <= 5, c.checked(), c.name());
    }
    assertEquals(8, QualityCriterion.values().length);
  }

  @Test
  void criterion1NoEmissionRate() throws IOException {
    assertExcluded(run("NR-1,go,DE,2026-01-01,2026-12-31,0.01,,,wind,true,ACME\n"), "NR-1",
        QualityCriterion.EMISSION_RATE, "no emission rate");
  }

  @Test
  void identicalRowsOfOneSerialAreOneCertificateAppliedOnceAndTheRepeatIsDisclosed() throws IOException {
    // 2 kWh at 0 g/kWh covers 2 of the 10 kWh: 8 kWh x 600 g/kWh remain.
    Scope2Report r = run("""
        DUP,go,DE,2026-01-01,2026-12-31,0.002,0,g/kWh,wind,true,ACME
        DUP,go,DE,2026-01-01,2026-12-31,0.002,0,g/kWh,wind,true,ACME
        """);
    assertEquals(1, r.instruments().size(), r.instruments()::toString);
    InstrumentUse u = r.instruments().get(0);
    assertEquals(InstrumentUse.Status.USED, u.status());
    assertEquals(dev.ergon.Energy.ofKilowattHours(2), u.used());
    assertEquals(8 * 600.0, r.marketBased().value().toGrams(), 1e-6);
    assertTrue(r.disclosures().stream().anyMatch(d -> d.text().contains("serial DUP is listed 2 times with "
        + "identical rows (lines 2, 3)")), r.disclosures()::toString);
    assertTrue(r.disclosures().stream().noneMatch(d -> d.text().contains("excluded")), r.disclosures()::toString);
  }

  @Test
  void rowsOfOneSerialThatDifferAreAConflictAndEveryRowIsExcluded() throws IOException {
    for (String second : List.of(
        "DUP,go,DE,2026-01-01,2026-12-31,0.003,0,g/kWh,wind,true,ACME",     // volume
        "DUP,go,DE,2026-02-01,2026-12-31,0.002,0,g/kWh,wind,true,ACME",     // vintage
        "DUP,go,EEA,2026-01-01,2026-12-31,0.002,0,g/kWh,wind,true,ACME",    // market
        "DUP,go,DE,2026-01-01,2026-12-31,0.002,0,g/kWh,wind,true,ACME Two")) { // holder
      Scope2Report r = run("DUP,go,DE,2026-01-01,2026-12-31,0.002,0,g/kWh,wind,true,ACME\n" + second + "\n");
      assertExcluded(r, "DUP", QualityCriterion.UNIQUE_CLAIM, "conflicting rows for serial DUP (lines 2, 3)");
      assertEquals(2, r.instruments().stream().filter(u -> u.status() == InstrumentUse.Status.EXCLUDED).count());
    }
  }

  @Test
  void criterion3NotRetired() throws IOException {
    assertExcluded(run("NRT,go,DE,2026-01-01,2026-12-31,0.01,0,g/kWh,wind,false,ACME\n"), "NRT",
        QualityCriterion.RETIRED_FOR_REPORTER, "not retired");
  }

  @Test
  void criterion3RetiredForSomeoneElse() throws IOException {
    assertExcluded(run("OTH,go,DE,2026-01-01,2026-12-31,0.01,0,g/kWh,wind,true,Other Corp\n"), "OTH",
        QualityCriterion.RETIRED_FOR_REPORTER, "'Other Corp', not for the reporting entity 'ACME'");
  }

  @Test
  void criterion4VintageOutsideTheReportingPeriod() throws IOException {
    assertExcluded(run("OLD,go,DE,2025-01-01,2025-12-31,0.01,0,g/kWh,wind,true,ACME\n"), "OLD",
        QualityCriterion.VINTAGE, "not within the reporting period");
  }

  @Test
  void criterion4SupplierRateOutsideTheReportingPeriod() throws IOException {
    assertExcluded(run("SUP,supplier_rate,DE,2024-01-01,2025-12-31,,100,g/kWh,,,\n"), "SUP",
        QualityCriterion.VINTAGE, "outside the reporting period");
  }

  @Test
  void anInstrumentOfAMarketWithoutConsumptionIsUnusedNotExcluded() throws IOException {
    Scope2Report r = run("""
        AU-1,rec,AU,2026-01-01,2026-12-31,0.01,0,g/kWh,solar,true,ACME
        NRT,go,DE,2026-01-01,2026-12-31,0.01,0,g/kWh,wind,false,ACME
        """);
    InstrumentUse au = r.instruments().stream().filter(u -> u.instrument().id().equals("AU-1")).findFirst()
        .orElseThrow();
    assertEquals(InstrumentUse.Status.UNUSED, au.status());
    assertTrue(au.failedCriteria().isEmpty());
    assertEquals(List.of("no consumption in market AU"), au.reasons());
    assertEquals(dev.ergon.Energy.ofMegawattHours(0.01), au.unused());
    assertTrue(r.disclosures().stream().anyMatch(d -> d.text().startsWith("1 instrument(s) were excluded")
        && d.text().contains("NRT") && !d.text().contains("AU-1")), r.disclosures()::toString);
  }

  @Test
  void everyFailedCriterionIsListed() throws IOException {
    Scope2Report r = run("BAD,go,FR,2025-01-01,2025-12-31,0.01,,,wind,false,\n");
    InstrumentUse u = r.instruments().get(0);
    assertEquals(List.of(QualityCriterion.EMISSION_RATE, QualityCriterion.RETIRED_FOR_REPORTER,
        QualityCriterion.VINTAGE), u.failedCriteria());
    assertEquals(3, u.reasons().size());
  }

  @Test
  void aPassingInstrumentIsUsedAndTheCheckedCriteriaAreDisclosed() throws IOException {
    Scope2Report r = run("OK,go,DE,2026-01-01,2026-12-31,0.01,0,g/kWh,wind,true, acme \n");
    assertEquals(InstrumentUse.Status.USED, r.instruments().get(0).status());
    assertEquals(0.0, r.marketBased().value().toGrams(), 1e-9);
    assertTrue(r.disclosures().stream().anyMatch(d -> d.text().contains("Criteria 6")));
  }
}
