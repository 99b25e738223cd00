package dev.ergon.accounting.sci;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Co2e;
import dev.ergon.EnergyRecord;
import dev.ergon.accounting.Co2eEstimate;
import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.factors.EmissionFactors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worked SCI examples, computed by hand. */
class SciTest {

  @TempDir Path dir;
  EmissionFactors factors;

  @BeforeEach
  void setUp() throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit
        DE,2026,location,400,g/kWh
        DE,2026,marginal,700,g/kWh
        DE,2026,residual_mix,900,g/kWh
        FR,2026,location,50,g/kWh
        """);
    factors = EmissionFactors.readTable(f);
  }

  @Test
  void sciIsOperationalPlusEmbodiedPerFunctionalUnit() {
    // Two jobs on one host, overlapping: 09:00-11:00 and 10:00-12:00 (3 h reserved, not 4), 1 + 2 kWh, 30 + 10 units.
    List<EnergyRecord> records = List.of(
        record("a").region("DE").host("h1").start("2026-02-01T09:00:00Z").kwh(0.5, 0.5).units(30).build(),
        record("b").region("DE").host("h1").start("2026-02-01T10:00:00Z").kwh(1, 1).units(10).build());
    EmbodiedEmissions m = EmbodiedEmissions.of(Co2e.ofKilograms(1000), Duration.ofDays(4 * 365), 1, 4, "test LCA");
    SciReport sci = Sci.calculator(factors).pue(1.5).embodied(m).functionalUnit("batch").calculate(records);
    // E = 3 kWh x 1.5 = 4.5 kWh; O = 4.5 x 400 = 1800 g; M = 1e6 g x 3 h / 35040 h x 1/4 = 21.404 g
    double embodied = 1e6 * 3 / 35_040.0 / 4;
    assertEquals(4.5, sci.energy().toKilowattHours(), 1e-12);
    assertEquals(1800.0, sci.operational().value().toGrams(), 1e-9);
    assertEquals(Duration.ofHours(3), sci.timeReserved());
    assertEquals(embodied, sci.embodied().value().toGrams(), 1e-9);
    assertEquals(40, sci.functionalUnits());
    assertEquals((1800 + embodied) / 40, Objects.requireNonNull(sci.perUnit()).value().toGrams(), 1e-9);
    assertEquals(400.0, Objects.requireNonNull(sci.intensity()).toGramsPerKilowattHour(), 1e-9);
    assertTrue(sci.boundary().contains("2 job record(s)"));
    assertTrue(sci.boundary().contains("PUE"));
  }

  @Test
  void aScorePerThousandUnitsIsAThousandTimesTheScorePerUnit() {
    // 2 kWh x 400 g/kWh = 800 g for 4000 predictions: 0.2 g per prediction, 200 g per 1000 predictions.
    List<EnergyRecord> records = List.of(
        record("a").region("DE").start("2026-02-01T09:00:00Z").kwh(1, 1).units(4000).build());
    SciReport perOne = Sci.calculator(factors).functionalUnit("prediction").calculate(records);
    SciReport perThousand = Sci.calculator(factors).functionalUnit("prediction", 1000).calculate(records);
    assertEquals(0.2, Objects.requireNonNull(perOne.perUnit()).value().toGrams(), 1e-12);
    assertEquals(200.0, Objects.requireNonNull(perThousand.perUnit()).value().toGrams(), 1e-9);
    assertEquals(1000, perThousand.perUnits());
    assertEquals("1000 prediction", perThousand.scoreUnit());
    assertEquals(4000, perThousand.functionalUnits(), "R counts units, not thousands");
    assertTrue(dev.ergon.accounting.ReportFormat.TEXT.toString(perThousand).contains("gCO2e per 1000 prediction"));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Sci.calculator(factors).functionalUnit("prediction", 0));
  }

  @Test
  void marginalIntensityIsUsedWhereAvailableAndTheAverageElsewhere() {
    List<EnergyRecord> records = List.of(
        record("de").region("DE").start("2026-02-01T00:00:00Z").kwh(1).units(1).build(),
        record("fr").region("FR").start("2026-02-01T00:00:00Z").kwh(1).units(1).build());
    SciReport sci = Sci.calculator(factors).intensity(SciIntensity.MARGINAL).calculate(records);
    assertEquals(700.0 + 50.0, sci.operational().value().toGrams(), 1e-9);
    assertTrue(sci.disclosures().stream().anyMatch(d -> d.topic() == Disclosure.Topic.FACTOR_FALLBACK
        && d.text().contains("No marginal factor was available for: FR")));
  }

  @Test
  void marketBasedFactorsNeverEnterTheSci() {
    // a residual mix (900 g/kWh) exists for DE, but the SCI takes the average (400)
    SciReport sci = Sci.calculator(factors)
        .calculate(List.of(record("de").region("DE").start("2026-02-01T00:00:00Z").kwh(2).units(4).build()));
    assertEquals(800.0, sci.operational().value().toGrams(), 1e-9);
    assertEquals(200.0, Objects.requireNonNull(sci.perUnit()).value().toGrams(), 1e-9);
    assertTrue(sci.disclosures().stream().anyMatch(d -> d.text().contains("Market-based measures")));
  }

  @Test
  void withoutFunctionalUnitsTheScoreIsUndefined() {
    SciReport sci = Sci.calculator(factors)
        .calculate(List.of(record("de").region("DE").start("2026-02-01T00:00:00Z").kwh(2).build()));
    assertNull(sci.perUnit());
    assertTrue(sci.disclosures().stream().anyMatch(d -> d.text().contains("R = 0")));
    assertTrue(sci.disclosures().stream().anyMatch(d -> d.text().contains("No embodied emissions")));
  }

  @Test
  void unitsOfRecordsWithoutAMeterAreNotInR() {
    SciReport sci = Sci.calculator(factors).calculate(List.of(
        record("m").region("DE").start("2026-02-01T00:00:00Z").kwh(1).units(4).build(),
        record("n").region("DE").status(dev.ergon.RecordStatus.NO_METER).start("2026-02-01T00:00:00Z").units(6)
            .build()));
    assertEquals(4, sci.functionalUnits());
    assertEquals(100.0, Objects.requireNonNull(sci.perUnit()).value().toGrams(), 1e-9);
    assertTrue(sci.disclosures().stream().anyMatch(d -> d.text().contains("6 functional unit(s)")));
  }

  @Test
  void embodiedUncertaintyCombinesWithOperationalInQuadrature() {
    EnergyRecord r = record("u").region("DE").start("2026-02-01T00:00:00Z").kwh(1).uncertainty(0.1).units(1).build();
    EmbodiedEmissions m = EmbodiedEmissions.of(Co2e.ofGrams(35_040 * 300.0), Duration.ofDays(1460), 1, 1, "x")
        .withRelativeUncertainty(0.5);
    SciReport sci = Sci.calculator(factors).embodied(m).calculate(List.of(r));
    // O = 400 g, u(O) = 0.1 x 400 = 40 g; M = 300 g (1 h), u(M) = 150 g; u = sqrt(40^2 + 150^2)
    assertEquals(300.0, sci.embodied().value().toGrams(), 1e-9);
    assertEquals(Math.sqrt(40 * 40 + 150 * 150), sci.total().standardUncertaintyGrams(), 1e-9);
  }

  @Test
  void cloudCoefficientsNeedAMicroarchitectureWhenTheyDiffer() {
    CloudEmbodiedCoefficients c = CloudEmbodiedCoefficients.bundled();
    assertEquals(1255.46, c.total("gcp", "e2-standard-2", "Skylake").toKilograms(), 1e-9);
    assertEquals(1155.46, c.total("gcp", "e2-standard-2", "EPYC 2nd Gen").toKilograms(), 1e-9);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> c.total("gcp", "e2-standard-2", null));
    assertTrue(String.valueOf(e.getMessage()).contains("name one"));
    assertEquals(1205.52, c.total("azure", "D1 v2", null).toKilograms(), 1e-9, "same total for every variant");
    assertThrows(IllegalArgumentException.class, () -> c.total("aws", "no.such", null));
  }

  @Test
  void theUncertaintyCombinesEnergyPerRecordAndFactorsPerSeriesAndScalesPerUnit() throws IOException {
    Path f = dir.resolve("u.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit,uncertainty
        DE,2026,location,400,g/kWh,0.2
        FR,2026,location,50,g/kWh,0.1
        """);
    EmissionFactors withUncertainty = EmissionFactors.readTable(f);
    List<EnergyRecord> records = List.of(
        record("a").region("DE").start("2026-02-01T00:00:00Z").kwh(1).uncertainty(0.1).units(3).build(),
        record("a2").region("DE").start("2026-02-01T05:00:00Z").kwh(0.5).uncertainty(0.1).units(1).build(),
        record("b").region("FR").start("2026-02-01T00:00:00Z").kwh(2).uncertainty(0.05).units(4).build());
    SciReport sci = Sci.calculator(withUncertainty).functionalUnit("request").calculate(records);
    // O = 1 × 400 + 0.5 × 400 + 2 × 50 = 700 g.
    // Energy, independent per record: (0.1 × 400)² + (0.1 × 200)² + (0.05 × 100)² = 1600 + 400 + 25 = 2025.
    // Factors, one series each, fully correlated within it: (0.2 × (400 + 200))² + (0.1 × 100)² = 14400 + 100.
    double u = Math.sqrt(2025 + 14_400 + 100);
    assertEquals(700.0, sci.operational().value().toGrams(), 1e-9);
    assertEquals(u, sci.operational().standardUncertaintyGrams(), 1e-9);
    assertEquals(u, sci.total().standardUncertaintyGrams(), 1e-9, "M = 0 adds nothing");
    // R = 3 + 1 + 4 = 8 requests: 87.5 g ± u / 8 per request.
    Co2eEstimate perOne = Objects.requireNonNull(sci.perUnit());
    assertEquals(87.5, perOne.value().toGrams(), 1e-9);
    assertEquals(u / 8, perOne.standardUncertaintyGrams(), 1e-9);
    Co2eEstimate perThousand = Objects.requireNonNull(Sci.calculator(withUncertainty)
        .functionalUnit("request", 1000).calculate(records).perUnit());
    assertEquals(87_500.0, perThousand.value().toGrams(), 1e-6);
    assertEquals(u * 125, perThousand.standardUncertaintyGrams(), 1e-6);
    // I = O / E = 700 g / 3.5 kWh = 200 g/kWh.
    assertEquals(200.0, Objects.requireNonNull(sci.intensity()).toGramsPerKilowattHour(), 1e-9);
  }

  @Test
  void aFactorFromAnotherYearOrTheWorldIsDisclosedWithWhereItWasUsed() throws IOException {
    Path f = dir.resolve("y.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit
        DE,2025,location,380,g/kWh
        WORLD,2026,location,480,g/kWh
        """);
    List<EnergyRecord> records = List.of(
        record("de").region("DE").start("2026-02-01T00:00:00Z").kwh(1).units(1).build(),
        record("jp").region("JP").start("2026-02-01T00:00:00Z").kwh(1).units(1).build());
    SciReport sci = Sci.calculator(EmissionFactors.readTable(f)).calculate(records);
    // DE falls back to its 2025 factor, JP (no row) to the world's: 380 + 480 g.
    assertEquals(860.0, sci.operational().value().toGrams(), 1e-9);
    String fallbacks = sci.disclosures().stream().filter(d -> d.topic() == dev.ergon.accounting.Disclosure.Topic
        .FACTOR_FALLBACK).map(dev.ergon.accounting.Disclosure::text).reduce("", (x, y) -> x + "\n" + y);
    assertTrue(fallbacks.contains("JP"), fallbacks);
    assertTrue(fallbacks.contains("2025"), fallbacks);
  }
}
