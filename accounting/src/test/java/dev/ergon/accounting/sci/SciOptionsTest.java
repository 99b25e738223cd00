package dev.ergon.accounting.sci;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Co2e;
import dev.ergon.EnergyRecord;
import dev.ergon.accounting.Co2eEstimate;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.factors.EmissionFactors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SCI calculator's options, each on its own, and the time-reserved merge over records given out of order; every
 * expected value worked out by hand. DE 400 g/kWh, FR 50 g/kWh; embodied 35 040 kg over 1460 days (35 040 h) is
 * 1 kg per hour reserved.
 */
class SciOptionsTest {

  @TempDir Path dir;
  EmissionFactors factors;
  final EmbodiedEmissions perHourOneKg = EmbodiedEmissions.of(Co2e.ofKilograms(35_040), Duration.ofDays(1460), 1, 1,
      "lca");

  @BeforeEach
  void setUp() throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit
        DE,2026,location,400,g/kWh
        FR,2026,location,50,g/kWh
        """);
    factors = EmissionFactors.readTable(f);
  }

  @Test
  void timeReservedIsTheUnionPerHostWhateverTheOrderOfTheRecords() {
    List<EnergyRecord> records = List.of(
        record("c").region("DE").host("h1").start("2026-02-01T13:00:00Z").kwh(1).build(),   // 13-14
        record("d").region("DE").host("h1").start("2026-02-01T13:15:00Z").noBuckets(Duration.ofMinutes(30))
            .kwh(0).build(),                                                                  // inside 13-14
        record("b").region("DE").host("h1").start("2026-02-01T09:30:00Z").noBuckets(Duration.ofMinutes(90))
            .kwh(0).build(),                                                                  // 09:30-11
        record("e").region("DE").host("h2").start("2026-02-01T10:00:00Z").kwh(1).build(),   // h2 10-11
        record("a").region("DE").host("h1").start("2026-02-01T09:00:00Z").kwh(1).build(),   // 09-10
        record("g").region("DE").host("h1").start("2026-02-01T11:00:00Z").noBuckets(Duration.ofMinutes(30))
            .kwh(0).build());                                                                 // 11-11:30, touching
    SciReport sci = Sci.calculator(factors).embodied(perHourOneKg).calculate(records);
    // h1: 09:00-11:30 (2.5 h) and 13:00-14:00 (1 h); h2: 1 h. 4.5 h in all: M = 4.5 kg
    assertEquals(Duration.ofMinutes(270), sci.timeReserved());
    assertEquals(4500.0, sci.embodied().value().toGrams(), 1e-6);
    SciReport reversed = Sci.calculator(factors).embodied(perHourOneKg)
        .calculate(List.of(records.get(5), records.get(4), records.get(3), records.get(2), records.get(1),
            records.get(0)));
    assertEquals(Duration.ofMinutes(270), reversed.timeReserved());
  }

  @Test
  void timeReservedIsClippedToTheReportingPeriod() {
    List<EnergyRecord> records = List.of(
        record("a").region("DE").start("2026-02-01T09:00:00Z").kwh(1, 1, 1).build()); // 09-12
    ReportingPeriod period = new ReportingPeriod(Instant.parse("2026-02-01T10:00:00Z"),
        Instant.parse("2026-02-01T11:00:00Z"));
    SciReport sci = Sci.calculator(factors).embodied(perHourOneKg).reportingPeriod(period).calculate(records);
    assertEquals(Duration.ofHours(1), sci.timeReserved());
    assertEquals(1000.0, sci.embodied().value().toGrams(), 1e-6);
    assertEquals(period, sci.period());
    // only the hour inside the period: 1 kWh × 400 g/kWh
    assertEquals(1.0, sci.energy().toKilowattHours(), 1e-12);
    assertEquals(400.0, sci.operational().value().toGrams(), 1e-9);
  }

  @Test
  void aFixedTimeReservedReplacesTheUnion() {
    List<EnergyRecord> records = List.of(record("a").region("DE").start("2026-02-01T09:00:00Z").kwh(1).build());
    SciReport sci = Sci.calculator(factors).embodied(perHourOneKg).timeReserved(Duration.ofHours(10))
        .calculate(records);
    assertEquals(Duration.ofHours(10), sci.timeReserved());
    assertEquals(10_000.0, sci.embodied().value().toGrams(), 1e-6);
    assertEquals("PT10H", sci.options().get("time.reserved"));
    assertEquals(Duration.ZERO, Sci.calculator(factors).timeReserved(Duration.ZERO).calculate(records)
        .timeReserved());
    assertThrows(IllegalArgumentException.class, () -> Sci.calculator(factors).timeReserved(Duration.ofSeconds(-1)));
  }

  @Test
  void thePerUnitScoreCarriesTheUncertaintyScaledLikeTheValue() {
    // 1 kWh ± 10 % at 400 g/kWh: O = 400 g, u = 40 g; 4 units: 100 g ± 10 g per unit, interval [80, 120]
    List<EnergyRecord> records = List.of(
        record("a").region("DE").start("2026-02-01T09:00:00Z").kwh(1).uncertainty(0.1).units(4).build());
    Co2eEstimate per = Objects.requireNonNull(Sci.calculator(factors).calculate(records).perUnit());
    assertEquals(100.0, per.value().toGrams(), 1e-9);
    assertEquals(10.0, per.standardUncertaintyGrams(), 1e-9);
    assertEquals(80.0, per.lower().toGrams(), 1e-9);
    assertEquals(120.0, per.upper().toGrams(), 1e-9);
    // per 2 units of 8: 400 g × 2 / 8 = 100 g, u = 40 g × 2 / 8 = 10 g
    List<EnergyRecord> eight = List.of(
        record("a").region("DE").start("2026-02-01T09:00:00Z").kwh(1).uncertainty(0.1).units(8).build());
    Co2eEstimate perTwo = Objects.requireNonNull(Sci.calculator(factors).functionalUnit("pair", 2).calculate(eight)
        .perUnit());
    assertEquals(100.0, perTwo.value().toGrams(), 1e-9);
    assertEquals(10.0, perTwo.standardUncertaintyGrams(), 1e-9);
  }

  @Test
  void pueByRegionAndByHostApplyOnlyWhereTheySay() {
    List<EnergyRecord> records = List.of(
        record("de").region("DE").host("h1").start("2026-02-01T00:00:00Z").kwh(1).units(1).build(),
        record("fr").region("FR").host("h2").start("2026-02-01T00:00:00Z").kwh(1).units(1).build());
    // DE × 2: 2 kWh × 400 = 800 g; FR × 1: 50 g
    SciReport byRegion = Sci.calculator(factors).pueForRegion("DE", 2.0).calculate(records);
    assertEquals(850.0, byRegion.operational().value().toGrams(), 1e-9);
    assertEquals(3.0, byRegion.energy().toKilowattHours(), 1e-12);
    // h2 (FR) × 1.5: 400 + 75 = 475 g
    SciReport byHost = Sci.calculator(factors).pueForHost("h2", 1.5).calculate(records);
    assertEquals(475.0, byHost.operational().value().toGrams(), 1e-9);
    assertEquals(2.5, byHost.energy().toKilowattHours(), 1e-12);
  }

  @Test
  void theDefaultRegionIsUsedForRecordsWithoutOne() {
    List<EnergyRecord> records = List.of(record("x").region(null).start("2026-02-01T00:00:00Z").kwh(2).units(1)
        .build());
    SciReport sci = Sci.calculator(factors).defaultRegion("FR").calculate(records);
    assertEquals(100.0, sci.operational().value().toGrams(), 1e-9); // 2 kWh × 50 g/kWh
  }

  @Test
  void theIntensityKindAndTheBoundaryNoteAreReported() {
    List<EnergyRecord> records = List.of(record("x").region("DE").start("2026-02-01T00:00:00Z").kwh(2).units(1)
        .build());
    SciReport sci = Sci.calculator(factors).intensity(SciIntensity.AVERAGE).boundaryNote("  training only ")
        .calculate(records);
    assertEquals(SciIntensity.AVERAGE, sci.intensityKind());
    assertEquals("training only", sci.options().get("boundary.note"));
    assertTrue(sci.boundary().contains("training only"), sci.boundary());
    assertEquals("none", Sci.calculator(factors).calculate(records).options().get("boundary.note"));
    assertEquals(800.0, sci.operational().value().toGrams(), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> Sci.calculator(factors).functionalUnit(" "));
  }
}
