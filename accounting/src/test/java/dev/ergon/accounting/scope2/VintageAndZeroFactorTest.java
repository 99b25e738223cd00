package dev.ergon.accounting.scope2;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
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
 * Boundaries of the market-based method: a certificate's generation must lie within the reporting year, a supplier
 * rate's supply period need only overlap it; and a 0 g/kWh factor row is a valid factor. 10 kWh in DE in March 2026,
 * DE 2026 location 400 g/kWh, residual mix 500 g/kWh.
 */
class VintageAndZeroFactorTest {

  private static final String HEADER = "id,type,market,generation_start,generation_end,volume_mwh,emission_rate,unit,"
      + "technology,retired,retired_for\n";

  @TempDir Path dir;
  EmissionFactors factors;
  List<EnergyRecord> records;

  @BeforeEach
  void setUp() throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit
        DE,2026,location,400,g/kWh
        DE,2026,residual_mix,500,g/kWh
        """);
    factors = EmissionFactors.readTable(f);
    records = List.of(record("a").region("DE").start("2026-03-01T00:00:00Z").kwh(4, 6).build());
  }

  private Scope2Report withInstrument(String row) throws IOException {
    Path i = dir.resolve("i.csv");
    Files.writeString(i, HEADER + row);
    return Scope2.calculator(factors).reportingEntity("ACME").reportingPeriod(ReportingPeriod.ofYear(2026))
        .instruments(Instruments.load(i)).calculate(records);
  }

  @Test
  void aCertificateStraddlingTheReportingYearIsExcludedUnderCriterion4() throws IOException {
    Scope2Report r = withInstrument("GO-1,go,DE,2025-12-01,2026-02-01,0.010,0,g/kWh,wind,true,ACME\n");
    InstrumentUse u = r.instruments().get(0);
    assertEquals(InstrumentUse.Status.EXCLUDED, u.status());
    assertEquals(List.of(QualityCriterion.VINTAGE), u.failedCriteria());
    assertTrue(u.reasons().get(0).startsWith("criterion 4: generation period "), u.reasons().get(0));
    assertEquals(5.0, r.marketBased().value().toKilograms(), 1e-9); // 10 kWh × 500 g/kWh: nothing covered
  }

  @Test
  void aCertificateFillingExactlyTheReportingYearIsUsed() throws IOException {
    Scope2Report r = withInstrument("GO-1,go,DE,2026-01-01,2026-12-31,0.010,0,g/kWh,wind,true,ACME\n");
    assertEquals(InstrumentUse.Status.USED, r.instruments().get(0).status());
    assertEquals(0.0, r.marketBased().value().toKilograms(), 1e-9);
  }

  @Test
  void aSupplierRateStraddlingTheReportingYearIsUsedForTheConsumptionInItsPeriod() throws IOException {
    // supply 1 Dec 2025 .. 31 Mar 2026 (dates inclusive): passes criterion 4 and covers all 10 kWh at 100 g/kWh
    Scope2Report r = withInstrument("SUP-1,supplier_rate,DE,2025-12-01,2026-03-31,,100,g/kWh,,,\n");
    InstrumentUse u = r.instruments().get(0);
    assertEquals(InstrumentUse.Status.USED, u.status(), u.reasons().toString());
    assertEquals(1.0, r.marketBased().value().toKilograms(), 1e-9);
    // supply 1 Dec 2025 .. 28 Feb 2026: within the year's bounds, but no consumption in its period
    Scope2Report before = withInstrument("SUP-1,supplier_rate,DE,2025-12-01,2026-02-28,,100,g/kWh,,,\n");
    assertEquals(InstrumentUse.Status.UNUSED, before.instruments().get(0).status());
    assertEquals(List.of(), before.instruments().get(0).failedCriteria());
    assertEquals(5.0, before.marketBased().value().toKilograms(), 1e-9);
  }

  @Test
  void aSupplierRateEndingAsTheYearStartsOrStartingAsItEndsIsOutside() throws IOException {
    for (String row : List.of("SUP-1,supplier_rate,DE,2025-01-01,2025-12-31,,100,g/kWh,,,\n",
        "SUP-1,supplier_rate,DE,2027-01-01,2027-12-31,,100,g/kWh,,,\n")) {
      InstrumentUse u = withInstrument(row).instruments().get(0);
      assertEquals(InstrumentUse.Status.EXCLUDED, u.status(), row);
      assertEquals(List.of(QualityCriterion.VINTAGE), u.failedCriteria(), row);
      assertTrue(u.reasons().get(0).contains(" is outside the reporting period "), u.reasons().get(0));
    }
  }

  @Test
  void aZeroFactorRowIsAValidFactor() throws IOException {
    Path f = dir.resolve("zero.csv");
    Files.writeString(f, "zone,period,kind,intensity,unit\nIS,2026,location,0,g/kWh\n");
    Scope2Report r = Scope2.calculator(EmissionFactors.readTable(f))
        .calculate(List.of(record("a").region("IS").start("2026-03-01T00:00:00Z").kwh(7).build()));
    assertEquals(0.0, r.locationBased().value().toGrams());
    assertEquals(7.0, r.consumption().consumption().toKilowattHours(), 1e-12);
    assertEquals(0.0, r.factors().get(0).minimum().toGramsPerKilowattHour());
  }
}
