package dev.ergon.accounting.scope2;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.factors.PlaceLevel;
import dev.ergon.accounting.factors.TimeLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worked examples of the location-based method, computed by hand. */
class LocationBasedTest {

  @TempDir Path dir;

  private EmissionFactors table(String csv) throws IOException {
    Path f = dir.resolve("factors.csv");
    Files.writeString(f, "zone,period,kind,intensity,unit,uncertainty,source\n" + csv);
    return EmissionFactors.readTable(f);
  }

  @Test
  void annualFactorTimesEnergyTimesPue() throws IOException {
    EmissionFactors f = table("DE,2026,location,400,g/kWh,,test\n");
    EnergyRecord r = record("a").region("DE").start("2026-03-01T10:00:00Z").kwh(1.5, 0.5).build();
    Scope2Report report = Scope2.calculator(f).pue(1.2).calculate(List.of(r));
    // (1.5 + 0.5) kWh x 1.2 x 400 g/kWh = 960 g
    assertEquals(960.0, report.locationBased().value().toGrams(), 1e-9);
    assertEquals(2.4, report.consumption().consumption().toKilowattHours(), 1e-12);
    assertEquals(2.0, report.consumption().itEnergy().toKilowattHours(), 1e-12);
    // No instruments and no residual mix: the market-based total falls back to the grid average, disclosed.
    assertEquals(960.0, report.marketBased().value().toGrams(), 1e-9);
    assertTrue(report.disclosures().stream().anyMatch(d -> d.topic() == Disclosure.Topic.NO_RESIDUAL_MIX
        && d.text().contains("DE")));
    assertEquals(PlaceLevel.NATIONAL, report.cells().get(0).locationFactor().placeLevel());
    assertEquals(TimeLevel.YEAR, report.cells().get(0).locationFactor().timeLevel());
  }

  @Test
  void hourlyFactorsMatchEachHourAndFallBackToAnnual() throws IOException {
    EmissionFactors f = table("""
        DE,2026,location,400,g/kWh,,annual
        DE,2026-03-01T00:00Z,location,300,g/kWh,,hourly
        DE,2026-03-01T01:00Z,location,500,gCO2e/kWh,,hourly
        """);
    EnergyRecord r = record("a").region("DE").start("2026-03-01T00:00:00Z").kwh(1, 3, 2).build();
    Scope2Report report = Scope2.calculator(f).pue(1.0).calculate(List.of(r));
    // 1 kWh x 300 + 3 kWh x 500 + 2 kWh x 400 (hour 02 has no hourly factor: annual) = 2600 g
    assertEquals(2600.0, report.locationBased().value().toGrams(), 1e-9);
    assertEquals(TimeLevel.HOUR, report.cells().get(0).locationFactor().timeLevel());
    assertEquals(TimeLevel.HOUR, report.cells().get(1).locationFactor().timeLevel());
    assertEquals(TimeLevel.YEAR, report.cells().get(2).locationFactor().timeLevel());
  }
}
