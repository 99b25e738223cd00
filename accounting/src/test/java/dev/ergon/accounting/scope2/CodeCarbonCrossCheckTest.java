package dev.ergon.accounting.scope2;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.factors.EmissionFactors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Location-based kg CO2e equal to CodeCarbon's method on CodeCarbon's own data.
 *
 * <p>CodeCarbon ({@code codecarbon/core/emissions.py}, {@code core/units.py}) computes a country's emissions as
 * {@code kWh × carbon_intensity / 1000} kg, with {@code carbon_intensity} in gCO2e/kWh from its
 * {@code global_energy_mix.json} (Our World in Data), and a US state's as {@code kWh × lbs/MWh × 0.00045359237} kg
 * from its {@code usa_emissions.json}. Its default PUE is 1. The figures below are CodeCarbon's (commit b05965e):
 * FRA 56.039, DEU 380.95, IND 713.441, POL 661.926 gCO2e/kWh (year 2023); California 452.541 and Texas 1049.527
 * lbs/MWh (2016).
 */
class CodeCarbonCrossCheckTest {

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"FR, 56.039", "DE, 380.95", "IN, 713.441", "PL, 661.926"})
  void countryEmissionsMatchCodeCarbon(String zone, double gramsPerKwh) throws IOException {
    Path f = dir.resolve("codecarbon.csv");
    Files.writeString(f, "zone,period,kind,intensity,unit,source\n" + zone + ",2023,location," + gramsPerKwh
        + ",g/kWh,CodeCarbon global_energy_mix.json (OWID)\n");
    double kwh = 12.3456;
    EnergyRecord r = record("cc").region(zone).start("2023-05-01T10:00:00Z").kwh(kwh / 2, kwh / 2).build();
    Scope2Report report = Scope2.calculator(EmissionFactors.readTable(f)).calculate(List.of(r));
    double codeCarbonKg = kwh * gramsPerKwh / 1000; // EmissionsPerKWh.from_g_per_kWh(...).kgs_per_kWh * kWh
    assertEquals(codeCarbonKg, report.locationBased().value().toKilograms(), 1e-12 * codeCarbonKg + 1e-15);
  }

  @ParameterizedTest
  @CsvSource({"US-CA, 452.541", "US-TX, 1049.527"})
  void usStateEmissionsMatchCodeCarbonInPoundsPerMegawattHour(String zone, double lbsPerMwh) throws IOException {
    Path f = dir.resolve("states.csv");
    Files.writeString(f, "zone,period,kind,intensity,unit\n" + zone + ",2016,location," + lbsPerMwh + ",lbs/MWh\n");
    double kwh = 3.75;
    EnergyRecord r = record("st").region(zone).start("2016-07-01T00:00:00Z").kwh(kwh).build();
    Scope2Report report = Scope2.calculator(EmissionFactors.readTable(f)).calculate(List.of(r));
    double codeCarbonKg = kwh * lbsPerMwh * 0.00045359237; // EmissionsPerKWh.from_lbs_per_mwh(...) * kWh
    assertEquals(codeCarbonKg, report.locationBased().value().toKilograms(), 1e-12 * codeCarbonKg);
  }

  @Test
  void codeCarbonsWorldFallbackOf475IsAFactorTableAway() throws IOException {
    // CodeCarbon falls back to a world average of 475 g/kWh (IEA 2019); here the same number is an explicit,
    // disclosed WORLD row rather than a silent default.
    Path f = dir.resolve("world.csv");
    Files.writeString(f, "zone,period,kind,intensity,unit\nWORLD,2019,location,475,g/kWh\n");
    EnergyRecord r = record("w").region("ZZ").start("2019-01-01T00:00:00Z").kwh(2).build();
    Scope2Report report = Scope2.calculator(EmissionFactors.readTable(f)).calculate(List.of(r));
    assertEquals(2 * 475 / 1000.0, report.locationBased().value().toKilograms(), 1e-15);
  }
}
