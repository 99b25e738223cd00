package dev.ergon.accounting.scope2;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.factors.EmissionFactors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Annual and hourly matching on a day/night profile: a flat load of 1 kWh every hour of 2026-06-01 (24 kWh) and a
 * solar certificate of 12 kWh generated as 2 kWh in each hour 09:00-14:59 UTC. Residual mix 600 g/kWh.
 */
class MatchingTest {

  @TempDir Path dir;
  Scope2Calculator calculator;
  Instruments solar;
  List<EnergyRecord> records;

  @BeforeEach
  void setUp() throws IOException {
    Path f = dir.resolve("factors.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit
        DE,2026,location,400,g/kWh
        DE,2026,residual_mix,600,g/kWh
        """);
    calculator = Scope2.calculator(EmissionFactors.readTable(f)).reportingEntity("ACME")
        .reportingPeriod(ReportingPeriod.ofYear(2026));
    double[] flat = new double[24];
    java.util.Arrays.fill(flat, 1.0);
    records = List.of(record("day").region("DE").start("2026-06-01T00:00:00Z").kwh(flat).build());
    Path ins = dir.resolve("instruments.csv");
    Files.writeString(ins, MarketBasedTest.HEADER + "SOLAR-1,go,DE,2026-06-01,2026-06-01,0.012,0,g/kWh,solar,true,ACME\n");
    StringBuilder hours = new StringBuilder("instrument_id,hour,mwh\n");
    for (int h = 9; h < 15; h++) {
      hours.append(String.format(java.util.Locale.ROOT, "SOLAR-1,2026-06-01T%02d:00Z,0.002%n", h));
    }
    Path gen = dir.resolve("generation.csv");
    Files.writeString(gen, hours.toString());
    solar = Instruments.load(ins, gen);
  }

  @Test
  void annualMatchingCoversTheVolumeAnywhereInTheYear() {
    Scope2Report r = calculator.instruments(solar).matching(Matching.ANNUAL).calculate(records);
    // 12 of 24 kWh covered; 12 kWh x 600 = 7200 g
    assertEquals(7200.0, r.marketBased().value().toGrams(), 1e-6);
    assertEquals(12.0, r.instruments().get(0).used().toKilowattHours(), 1e-9);
    // pro rata: every hour is half covered
    assertEquals(0.5, r.cells().get(0).covered().toKilowattHours(), 1e-9);
  }

  @Test
  void hourlyMatchingCoversOnlyTheHoursOfGenerationAndLosesTheSurplus() {
    Scope2Report r = calculator.instruments(solar).matching(Matching.HOURLY).calculate(records);
    // 6 daytime hours covered 1 kWh each (generation 2 kWh, load 1 kWh); 18 kWh x 600 = 10800 g
    assertEquals(10800.0, r.marketBased().value().toGrams(), 1e-6);
    InstrumentUse u = r.instruments().get(0);
    assertEquals(6.0, u.used().toKilowattHours(), 1e-9);
    assertEquals(6.0, Objects.requireNonNull(u.unused()).toKilowattHours(), 1e-9);
    assertEquals(0.0, r.cells().get(0).covered().toKilowattHours(), 1e-12, "00:00 is night");
    assertEquals(1.0, r.cells().get(9).covered().toKilowattHours(), 1e-12, "09:00 is covered");
    // Location-based is the same in both modes.
    Scope2Report annual = calculator.instruments(solar).matching(Matching.ANNUAL).calculate(records);
    assertEquals(annual.locationBased(), r.locationBased());
    assertTrue(r.marketBased().value().compareTo(annual.marketBased().value()) > 0);
  }

  @Test
  void bothMatchingsSideBySideFromTheSameInputs() {
    java.util.Map<Matching, Scope2Report> both = calculator.instruments(solar).calculateEachMatching(records);
    assertEquals(List.of(Matching.ANNUAL, Matching.HOURLY), List.copyOf(both.keySet()));
    Scope2Report annual = Objects.requireNonNull(both.get(Matching.ANNUAL));
    Scope2Report hourly = Objects.requireNonNull(both.get(Matching.HOURLY));
    assertEquals(7200.0, annual.marketBased().value().toGrams(), 1e-6);
    assertEquals(10800.0, hourly.marketBased().value().toGrams(), 1e-6);
    assertEquals(annual.locationBased(), hourly.locationBased());
  }

  @Test
  void hourlyMatchingWithoutTheCertificatesProfileIsAnError() throws IOException {
    Path ins = dir.resolve("flat.csv");
    Files.writeString(ins, MarketBasedTest.HEADER + "GO-2,go,DE,2026-01-01,2026-12-31,0.012,0,g/kWh,wind,true,ACME\n");
    Scope2Calculator hourly = calculator.instruments(Instruments.load(ins)).matching(Matching.HOURLY);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> hourly.calculate(records));
    String message = String.valueOf(e.getMessage());
    assertTrue(message.contains("hourly generation") && message.contains("GO-2"), message);
  }

  @Test
  void generationBeyondTheVolumeIsNeverUsed() {
    // The profile may exceed the volume by rounding (up to 1 ppm); usage stops at the volume.
    Instrument base = solar.all().get(0);
    Energy volume = Objects.requireNonNull(base.volume());
    java.util.Map<java.time.Instant, Energy> hours = new java.util.TreeMap<>(base.hourlyGeneration());
    java.time.Instant first = hours.keySet().iterator().next();
    hours.put(first, Objects.requireNonNull(hours.get(first)).plusMicrojoules(5));
    Instrument over = base.withHourlyGeneration(hours);
    double[] heavy = new double[24];
    java.util.Arrays.fill(heavy, 10.0);
    List<EnergyRecord> big = List.of(record("big").region("DE").start("2026-06-01T00:00:00Z").kwh(heavy).build());
    Scope2Report r = calculator.instruments(Instruments.of(List.of(over))).matching(Matching.HOURLY).calculate(big);
    assertEquals(volume, r.instruments().get(0).used());
    assertEquals(Energy.ZERO, r.instruments().get(0).unused());
  }
}
