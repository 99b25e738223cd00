package dev.ergon.accounting.scope2;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.accounting.ConsumptionSummary;
import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.PueUse;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.Method;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How records become consumption: PUE once, facility-level records, nesting, duplicates, period, buckets. */
class ConsumptionRulesTest {

  @TempDir Path dir;
  Scope2Calculator calculator;

  @BeforeEach
  void setUp() throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit
        DE,2026,location,100,g/kWh
        FR,2026,location,10,g/kWh
        WORLD,2026,location,500,g/kWh
        """);
    calculator = Scope2.calculator(EmissionFactors.readTable(f));
  }

  private static boolean disclosed(Scope2Report r, Disclosure.Topic topic, String part) {
    return r.disclosures().stream().anyMatch(d -> d.topic() == topic && d.text().contains(part));
  }

  @Test
  void pueAppliesOncePerRecordByHostThenRegionThenDefault() {
    List<EnergyRecord> records = List.of(
        record("h").region("DE").host("special").start("2026-01-01T00:00:00Z").kwh(1).build(),
        record("r").region("FR").host("x").start("2026-01-01T00:00:00Z").kwh(1).build(),
        record("d").region("DE").host("x").start("2026-01-01T00:00:00Z").kwh(1).build(),
        record("f").region("DE").host("x").tags("energy.level", "facility").start("2026-01-01T00:00:00Z").kwh(1)
            .build());
    Scope2Report r = calculator.pue(1.5).pueForRegion("fr", 1.2).pueForHost("special", 2.0).calculate(records);
    ConsumptionSummary s = r.consumption();
    // 1 x 2.0 + 1 x 1.2 + 1 x 1.5 + 1 (facility-level, no PUE) = 5.7 kWh
    assertEquals(5.7, s.consumption().toKilowattHours(), 1e-12);
    assertEquals(3.0, s.itEnergy().toKilowattHours(), 1e-12);
    assertEquals(1.0, s.facilityLevelEnergy().toKilowattHours(), 1e-12);
    assertEquals(List.of("default", "host:special", "region:FR"), s.pue().stream().map(PueUse::appliedTo).toList());
    // location: DE (2.0 + 1.5 + 1.0) x 100 + FR 1.2 x 10 = 462 g
    assertEquals(462.0, r.locationBased().value().toGrams(), 1e-9);
    assertTrue(disclosed(r, Disclosure.Topic.PUE, "energy.level=facility"));
    assertTrue(disclosed(r, Disclosure.Topic.PUE, "applied once"));
  }

  @Test
  void withoutAPueTheReportSaysItUnderstates() {
    Scope2Report r = calculator.calculate(List.of(record("a").region("DE").start("2026-01-01T00:00:00Z").kwh(2)
        .build()));
    assertEquals(2.0, r.consumption().consumption().toKilowattHours(), 1e-12);
    assertTrue(disclosed(r, Disclosure.Topic.PUE, "No PUE was given for 2.00000 kWh"));
  }

  @Test
  void aBadEnergyLevelTagIsRefused() {
    EnergyRecord bad = record("a").region("DE").tags("energy.level", "rack").start("2026-01-01T00:00:00Z").kwh(1)
        .build();
    assertThrows(IllegalArgumentException.class, () -> calculator.calculate(List.of(bad)));
  }

  @Test
  void nestedRecordsAreInsideTheirParent() {
    EnergyRecord parent = record("p").region("DE").start("2026-01-01T00:00:00Z").kwh(2).build();
    EnergyRecord child = record("p-c").parent("p").region("DE").start("2026-01-01T00:00:00Z").kwh(1).build();
    Scope2Report both = calculator.calculate(List.of(child, parent));
    assertEquals(2.0, both.consumption().consumption().toKilowattHours(), 1e-12);
    assertEquals(1, both.consumption().nestedExcluded());
    assertTrue(disclosed(both, Disclosure.Topic.EXCLUSIONS, "nested"));
    Scope2Report alone = calculator.calculate(List.of(child));
    assertEquals(1.0, alone.consumption().consumption().toKilowattHours(), 1e-12, "a child alone is counted");
    EnergyRecord grandchild = record("p-c-g").parent("p-c").region("DE").start("2026-01-01T00:00:00Z").kwh(0.5)
        .build();
    Scope2Report chain = calculator.calculate(List.of(grandchild, child, parent));
    assertEquals(2.0, chain.consumption().consumption().toKilowattHours(), 1e-12, "inside its grandparent");
    Scope2Report gap = calculator.calculate(List.of(grandchild, parent));
    assertEquals(2.5, gap.consumption().consumption().toKilowattHours(), 1e-12,
        "without its parent the link to the grandparent is unknown: counted, and disclosed");
    assertTrue(disclosed(gap, Disclosure.Topic.EXCLUSIONS, "parent is not among the records"));
    EnergyRecord x = record("x").parent("y").region("DE").start("2026-01-01T00:00:00Z").kwh(1).build();
    EnergyRecord y = record("y").parent("x").region("DE").start("2026-01-01T00:00:00Z").kwh(1).build();
    assertThrows(IllegalArgumentException.class, () -> calculator.calculate(List.of(x, y)));
  }

  @Test
  void duplicatesCountOnceAndConflictsAreRefused() {
    EnergyRecord a = record("a").region("DE").start("2026-01-01T00:00:00Z").kwh(2).build();
    Scope2Report r = calculator.calculate(List.of(a, a));
    assertEquals(2.0, r.consumption().consumption().toKilowattHours(), 1e-12);
    assertEquals(1, r.consumption().duplicatesIgnored());
    EnergyRecord other = record("a").region("DE").start("2026-01-01T00:00:00Z").kwh(3).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> calculator.calculate(List.of(a, other)));
    assertTrue(String.valueOf(e.getMessage()).contains("id a"));
  }

  @Test
  void energyOutsideTheReportingPeriodIsLeftOutAndDisclosed() {
    EnergyRecord r = record("ny").region("DE").start("2025-12-31T23:00:00Z").kwh(4, 6).build();
    Scope2Report rep = calculator.reportingPeriod(ReportingPeriod.ofYear(2026)).calculate(List.of(r));
    assertEquals(6.0, rep.consumption().consumption().toKilowattHours(), 1e-12);
    assertEquals(4.0, rep.consumption().outsidePeriod().toKilowattHours(), 1e-12);
    assertTrue(disclosed(rep, Disclosure.Topic.EXCLUSIONS, "outside the reporting period"));
    Scope2Report derived = calculator.calculate(List.of(r));
    assertEquals(ReportingPeriod.ofYear(2025).start(), derived.period().start());
    assertEquals(ReportingPeriod.ofYear(2026).end(), derived.period().end());
    assertTrue(String.valueOf(derived.options().get("period")).contains("derived"));
  }

  @Test
  void recordsWithoutBucketsAreSpreadEvenlyOverTheirDuration() {
    EnergyRecord r = record("nb").region("DE").start("2026-01-01T10:30:00Z").kwh(3).noBuckets(Duration.ofHours(3))
        .build();
    Scope2Report rep = calculator.calculate(List.of(r));
    assertEquals(4, rep.cells().size());
    assertEquals(Instant.parse("2026-01-01T10:00:00Z"), rep.cells().get(0).hour());
    assertEquals(0.5, rep.cells().get(0).itEnergy().toKilowattHours(), 1e-12);
    assertEquals(1.0, rep.cells().get(1).itEnergy().toKilowattHours(), 1e-12);
    assertEquals(0.5, rep.cells().get(3).itEnergy().toKilowattHours(), 1e-12);
    assertEquals(3.0, rep.consumption().consumption().toKilowattHours(), 1e-12, "nothing lost in the split");
    assertTrue(disclosed(rep, Disclosure.Topic.TIME_PROFILE, "constant power"));
  }

  @Test
  void statusesAndMeasuredShareAreCounted() {
    Scope2Report r = calculator.calculate(List.of(
        record("c").region("DE").start("2026-01-01T00:00:00Z").kwh(3).build(),
        record("m").region("DE").method(Method.MODEL).status(RecordStatus.PARTIAL).start("2026-01-01T00:00:00Z")
            .kwh(1).build(),
        record("n").region("DE").status(RecordStatus.NO_METER).start("2026-01-01T00:00:00Z").build()));
    ConsumptionSummary s = r.consumption();
    assertEquals(1, s.complete());
    assertEquals(1, s.partial());
    assertEquals(1, s.noMeter());
    assertEquals(0.75, s.measuredShare(), 1e-12);
    assertEquals(1.0, s.partialEnergy().toKilowattHours(), 1e-12);
    assertTrue(disclosed(r, Disclosure.Topic.RECORD_COMPLETENESS, "lower bounds"));
    assertTrue(disclosed(r, Disclosure.Topic.RECORD_COMPLETENESS, "75.0 % of the energy was measured"));
  }

  /* The texts of a report's disclosures on these topics, in order. */
  private static List<String> texts(Scope2Report r, Disclosure.Topic... topics) {
    List<Disclosure.Topic> wanted = List.of(topics);
    return r.disclosures().stream().filter(d -> wanted.contains(d.topic())).map(Disclosure::text).toList();
  }

  @Test
  void aCleanRecordGetsOnlyTheCountAndNoExclusionsOrAssumptions() {
    // One complete, measured record with hourly buckets, a region and inside the period, at facility level: nothing
    // to exclude, spread, locate or scale, so only the count (every energy measured, none estimated).
    Scope2Report r = calculator.calculate(List.of(record("c").region("DE").tags("energy.level", "facility")
        .start("2026-01-01T00:00:00Z").kwh(3).build()));
    assertEquals(List.of("1 record(s) counted: 1 complete, 0 partial, 0 without a meter. 100.0 % of the energy was "
        + "measured (hardware counters or integrated power), 0.0 % estimated from models."),
        texts(r, Disclosure.Topic.RECORD_COMPLETENESS, Disclosure.Topic.EXCLUSIONS, Disclosure.Topic.TIME_PROFILE,
            Disclosure.Topic.LOCATION));
    assertEquals(List.of("1 record(s) are tagged energy.level=facility (3.00000 kWh): measured at the facility, so no "
        + "PUE was applied to them."), texts(r, Disclosure.Topic.PUE));
  }

  @Test
  void measuredAndEstimatedSharesAreSaidInPerCent() {
    // 3 kWh counted, 1 kWh modelled: 75 % measured, 25 % estimated; IT-level energy without a PUE.
    Scope2Report r = calculator.calculate(List.of(
        record("c").region("DE").start("2026-01-01T00:00:00Z").kwh(3).build(),
        record("m").region("DE").method(Method.MODEL).start("2026-01-01T00:00:00Z").kwh(1).build()));
    assertEquals(List.of("2 record(s) counted: 2 complete, 0 partial, 0 without a meter. 75.0 % of the energy was "
        + "measured (hardware counters or integrated power), 25.0 % estimated from models."),
        texts(r, Disclosure.Topic.RECORD_COMPLETENESS, Disclosure.Topic.EXCLUSIONS, Disclosure.Topic.TIME_PROFILE));
    assertEquals(List.of("No PUE was given for 4.00000 kWh of IT-level energy: it is reported without data-centre "
        + "overhead (PUE 1), which understates the facility's consumption; set a PUE."), texts(r, Disclosure.Topic.PUE));
  }

  @Test
  void withNoEnergyNeitherShareIsClaimed() {
    Scope2Report r = calculator.reportingPeriod(ReportingPeriod.ofYear(2026)).calculate(List.of(
        record("n").region("DE").status(RecordStatus.NO_METER).start("2026-01-01T00:00:00Z").build()));
    assertEquals(List.of("1 record(s) counted: 0 complete, 0 partial, 1 without a meter. 0.0 % of the energy was "
        + "measured (hardware counters or integrated power), 0.0 % estimated from models.",
        "1 record(s) had no meter and carry no energy; their jobs are missing from the totals."),
        texts(r, Disclosure.Topic.RECORD_COMPLETENESS, Disclosure.Topic.EXCLUSIONS, Disclosure.Topic.TIME_PROFILE,
            Disclosure.Topic.LOCATION));
  }

  @Test
  void recordsWithoutARegionGetTheDefaultOrTheWorld() {
    EnergyRecord r = record("x").region(null).start("2026-01-01T00:00:00Z").kwh(1).build();
    Scope2Report world = calculator.calculate(List.of(r));
    assertEquals(500.0, world.locationBased().value().toGrams(), 1e-9);
    assertTrue(disclosed(world, Disclosure.Topic.LOCATION, "no region"));
    assertTrue(disclosed(world, Disclosure.Topic.FACTOR_FALLBACK, "world-average"));
    Scope2Report fr = calculator.defaultRegion("FR").calculate(List.of(r));
    assertEquals(10.0, fr.locationBased().value().toGrams(), 1e-9);
  }

  @Test
  void breakdownsByZoneMonthAndTag() {
    Scope2Report r = calculator.calculate(List.of(
        record("a").region("DE").tags("team", "x").start("2026-01-31T23:00:00Z").kwh(1, 2).build(),
        record("b").region("FR").tags("team", "y").start("2026-02-02T00:00:00Z").kwh(4).build(),
        record("c").region("FR").start("2026-02-03T00:00:00Z").kwh(8).build()));
    assertEquals(List.of("DE", "FR"), r.byZone().stream().map(Scope2Line::key).toList());
    assertEquals(List.of("2026-01", "2026-02"), r.byMonth().stream().map(Scope2Line::key).toList());
    assertEquals(100.0, r.byMonth().get(0).locationBased().value().toGrams(), 1e-9);
    assertEquals(200.0 + 40 + 80, r.byMonth().get(1).locationBased().value().toGrams(), 1e-9);
    List<Scope2Line> team = r.byTag("team");
    assertEquals(List.of("(none)", "x", "y"), team.stream().map(Scope2Line::key).toList());
    assertEquals(80.0, team.get(0).locationBased().value().toGrams(), 1e-9);
    assertEquals(300.0, team.get(1).locationBased().value().toGrams(), 1e-9);
  }

  @Test
  void anEmptyReportNeedsAPeriod() {
    assertThrows(IllegalArgumentException.class, () -> calculator.calculate(List.of()));
    Scope2Report r = calculator.reportingPeriod(ReportingPeriod.ofYear(2026)).calculate(List.of());
    assertEquals(0.0, r.locationBased().value().toGrams());
    assertEquals(0.0, r.marketBased().value().toGrams());
  }

  @Test
  void cloudUsageIsDisclosedAsTheCustomersScope3() {
    Scope2Report r = Scope2.calculator(EmissionFactors.bundled()).pue(1.135)
        .calculate(List.of(record("c").region("aws:eu-west-1").start("2026-01-01T00:00:00Z").kwh(1).build()));
    assertTrue(disclosed(r, Disclosure.Topic.SCOPE, "Scope 3"));
    assertEquals(1.135 * 301, r.locationBased().value().toGrams(), 1e-9, "IE 2025, the nearest year");
    assertTrue(disclosed(r, Disclosure.Topic.FACTOR_FALLBACK, "another year"));
    assertTrue(disclosed(r, Disclosure.Topic.FACTOR_DATA, "life-cycle"));
  }
}
