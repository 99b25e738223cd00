package dev.ergon.accounting.scope2;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.accounting.Disclosure;
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
 * Worked examples of the market-based method, computed by hand: 10 kWh consumed in DE in March 2026 (PUE 1), grid
 * average 400 g/kWh, residual mix 600 g/kWh, reporting entity ACME, reporting year 2026.
 */
class MarketBasedTest {

  static final String HEADER = "id,type,market,generation_start,generation_end,volume_mwh,emission_rate,unit,"
      + "technology,retired,retired_for\n";

  @TempDir Path dir;
  EmissionFactors withResidual;
  EmissionFactors withoutResidual;
  List<EnergyRecord> records;

  @BeforeEach
  void setUp() throws IOException {
    Path f = dir.resolve("factors.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit
        DE,2026,location,400,g/kWh
        DE,2026,residual_mix,0.6,kg/kWh
        FR,2026,location,50,g/kWh
        """);
    withResidual = EmissionFactors.readTable(f);
    Path g = dir.resolve("grid-only.csv");
    Files.writeString(g, "zone,period,kind,intensity,unit\nDE,2026,location,400,g/kWh\n");
    withoutResidual = EmissionFactors.readTable(g);
    records = List.of(record("r1").region("DE").start("2026-03-02T08:00:00Z").kwh(1, 1, 1, 1, 1).build(),
        record("r2").region("DE").start("2026-03-02T10:00:00Z").kwh(1, 1, 1, 1, 1).build());
  }

  private Instruments instruments(String rows) throws IOException {
    Path p = dir.resolve("instruments.csv");
    Files.writeString(p, HEADER + rows);
    return Instruments.load(p);
  }

  private Scope2Calculator calculator(EmissionFactors f) {
    return Scope2.calculator(f).reportingEntity("ACME").reportingPeriod(ReportingPeriod.ofYear(2026)).pue(1.0);
  }

  private static InstrumentUse use(Scope2Report r, String id) {
    return r.instruments().stream().filter(u -> u.instrument().id().equals(id)).findFirst().orElseThrow();
  }

  static Energy unused(InstrumentUse u) {
    return Objects.requireNonNull(u.unused(), "unused");
  }

  @Test
  void certificatesCoveringPartOfTheLoadLeaveTheRestToTheResidualMix() throws IOException {
    Scope2Report r = calculator(withResidual)
        .instruments(instruments("GO-1,go,DE,2026-01-01,2026-12-31,0.004,0,g/kWh,wind,true,ACME\n"))
        .calculate(records);
    // 4 kWh covered at 0 g; 6 kWh at the residual mix 600 g/kWh = 3600 g. Location: 10 kWh x 400 = 4000 g.
    assertEquals(3600.0, r.marketBased().value().toGrams(), 1e-6);
    assertEquals(4000.0, r.locationBased().value().toGrams(), 1e-6);
    InstrumentUse go = use(r, "GO-1");
    assertEquals(InstrumentUse.Status.USED, go.status());
    assertEquals(4.0, go.used().toKilowattHours(), 1e-9);
    assertEquals(0.0, unused(go).toKilowattHours(), 1e-9);
    assertEquals(0.4, r.coverage().get(0).share(), 1e-12);
    assertEquals("GO", r.coverage().get(0).basis());
    assertEquals("residual mix", r.coverage().get(1).basis());
    assertEquals(0.6, r.coverage().get(1).share(), 1e-12);
  }

  @Test
  void ppaAfterCertificatesThenResidualMix() throws IOException {
    Scope2Report r = calculator(withResidual).instruments(instruments("""
        PPA-1,ppa,DE,2026-01-01,2026-12-31,0.003,50,g/kWh,solar,true,ACME
        GO-1,go,DE,2026-01-01,2026-12-31,0.004,0,g/kWh,wind,true,ACME
        """)).calculate(records);
    // GO 4 kWh x 0 + PPA 3 kWh x 50 + residual 3 kWh x 600 = 150 + 1800 = 1950 g
    assertEquals(1950.0, r.marketBased().value().toGrams(), 1e-6);
    assertEquals(3.0, use(r, "PPA-1").used().toKilowattHours(), 1e-9);
  }

  @Test
  void certificatesGoFirstWhateverTheFileOrder() throws IOException {
    Scope2Report r = calculator(withResidual).instruments(instruments("""
        PPA-1,ppa,DE,2026-01-01,2026-12-31,0.008,50,g/kWh,solar,true,ACME
        GO-1,go,DE,2026-01-01,2026-12-31,0.008,0,g/kWh,wind,true,ACME
        """)).calculate(records);
    // GO covers 8 kWh first, the PPA the last 2 kWh: 2 x 50 = 100 g; the PPA keeps 6 kWh unused.
    assertEquals(100.0, r.marketBased().value().toGrams(), 1e-6);
    assertEquals(8.0, use(r, "GO-1").used().toKilowattHours(), 1e-9);
    assertEquals(2.0, use(r, "PPA-1").used().toKilowattHours(), 1e-9);
    assertEquals(6.0, unused(use(r, "PPA-1")).toKilowattHours(), 1e-9);
  }

  @Test
  void supplierRateCoversWhatIsLeftBeforeTheResidualMix() throws IOException {
    Scope2Report r = calculator(withResidual).instruments(instruments("""
        GO-1,go,DE,2026-01-01,2026-12-31,0.004,0,g/kWh,wind,true,ACME
        PPA-1,ppa,DE,2026-01-01,2026-12-31,0.003,50,g/kWh,solar,true,ACME
        SUP-1,supplier_rate,DE,2026-01-01,2026-12-31,,250,g/kWh,,,
        """)).calculate(records);
    // 0 + 3 x 50 + 3 x 250 = 900 g; nothing left for the residual mix.
    assertEquals(900.0, r.marketBased().value().toGrams(), 1e-6);
    InstrumentUse sup = use(r, "SUP-1");
    assertEquals(3.0, sup.used().toKilowattHours(), 1e-9);
    assertNull(sup.unused(), "a supplier rate without a volume has no unused volume");
    assertTrue(r.coverage().stream().noneMatch(c -> c.basis().equals("residual mix")));
  }

  @Test
  void supplierFactorFromTheTableComesBeforeTheResidualMix() throws IOException {
    Path f = dir.resolve("supplier.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit
        DE,2026,location,400,g/kWh
        DE,2026,residual_mix,600,g/kWh
        DE,2026,supplier,300,g/kWh
        """);
    Scope2Report r = calculator(EmissionFactors.readTable(f)).calculate(records);
    assertEquals(3000.0, r.marketBased().value().toGrams(), 1e-6);
    assertEquals("supplier factor", r.coverage().get(0).basis());
  }

  @Test
  void withoutAResidualMixTheGridAverageStandsInAndThatIsDisclosed() throws IOException {
    Scope2Report r = calculator(withoutResidual)
        .instruments(instruments("GO-1,go,DE,2026-01-01,2026-12-31,0.004,0,g/kWh,wind,true,ACME\n"))
        .calculate(records);
    // 6 kWh x 400 g/kWh (grid average) = 2400 g
    assertEquals(2400.0, r.marketBased().value().toGrams(), 1e-6);
    assertTrue(r.disclosures().stream().anyMatch(d -> d.topic() == Disclosure.Topic.NO_RESIDUAL_MIX
        && d.text().contains("No residual mix was available for: DE (6.00000 kWh)")), r.disclosures()::toString);
    assertEquals("grid average (no residual mix)", r.coverage().get(1).basis());
    assertEquals(5, r.coverage().get(1).rung());
  }

  @Test
  void eeaGuaranteesOfOriginCoverConsumptionInAnyMemberCountry() throws IOException {
    Scope2Report r = calculator(withResidual)
        .instruments(instruments("GO-NO,go,EEA,2026-01-01,2026-12-31,1,0,g/kWh,hydro,true,acme\n"))
        .calculate(records);
    assertEquals(0.0, r.marketBased().value().toGrams(), 1e-9);
    assertEquals(10.0, use(r, "GO-NO").used().toKilowattHours(), 1e-9);
  }

  @Test
  void aNationalMarketCoversItsSubnationalZones() throws IOException {
    Path f = dir.resolve("us.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit
        US-CAL-CISO,2026,location,200,g/kWh
        US,2026,residual_mix,500,g/kWh
        """);
    List<EnergyRecord> ca = List.of(record("c").region("US-CAL-CISO").start("2026-05-01T00:00:00Z").kwh(2).build());
    Scope2Report r = calculator(EmissionFactors.readTable(f))
        .instruments(instruments("REC-1,rec,US,2026-01-01,2026-12-31,0.001,0,g/kWh,wind,true,ACME\n"))
        .calculate(ca);
    // 1 kWh covered by the REC, 1 kWh at the US residual mix (national rung): 500 g
    assertEquals(500.0, r.marketBased().value().toGrams(), 1e-6);
    assertEquals(400.0, r.locationBased().value().toGrams(), 1e-6);
  }

  @Test
  void instrumentsNeedAReportingEntity() throws IOException {
    Instruments ins = instruments("GO-1,go,DE,2026-01-01,2026-12-31,0.004,0,g/kWh,wind,true,ACME\n");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Scope2.calculator(withResidual).instruments(ins).calculate(records));
    assertTrue(String.valueOf(e.getMessage()).contains("reportingEntity"));
  }

  @Test
  void offsetsAreListedAndNeverSubtracted() throws IOException {
    Path p = dir.resolve("offsets.csv");
    Files.writeString(p, "id,quantity_t,registry,project,type,vintage\nVCS-1,0.5,Verra,Forest,removal,2025\n");
    List<Offset> offsets = Offsets.load(p);
    Scope2Report with = calculator(withResidual).offsets(offsets).calculate(records);
    Scope2Report without = calculator(withResidual).calculate(records);
    assertEquals(without.locationBased(), with.locationBased());
    assertEquals(without.marketBased(), with.marketBased());
    assertEquals(500_000.0, with.offsetsTotal().toGrams(), 1e-9);
    assertTrue(with.disclosures().stream().anyMatch(d -> d.topic() == Disclosure.Topic.OFFSETS
        && d.text().contains("not subtracted")));
  }
}
