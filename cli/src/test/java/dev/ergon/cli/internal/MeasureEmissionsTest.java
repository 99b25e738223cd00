package dev.ergon.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.CarbonIntensity;
import dev.ergon.ChannelEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import dev.ergon.accounting.factors.EmissionFactor;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.factors.FactorKind;
import dev.ergon.accounting.factors.FactorPeriod;
import dev.ergon.ChannelKind;
import dev.ergon.Method;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The emissions lines of the measure summary, over a small factor set made by hand. */
class MeasureEmissionsTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private static EmissionFactor factor(String zone, double gramsPerKwh) {
    return new EmissionFactor(zone, FactorPeriod.year(2026), FactorKind.LOCATION,
        CarbonIntensity.ofGramsPerKilowattHour(gramsPerKwh), OptionalDouble.empty(), "hand-made " + zone, "test",
        "test:" + zone);
  }

  private static final EmissionFactors FACTORS =
      EmissionFactors.of("test", List.of(factor("WORLD", 500), factor("DE", 300)));

  /** A record of exactly 1 kWh (3.6 MJ), read from a counter with no stated uncertainty. */
  private static EnergyRecord oneKilowattHour(@Nullable String region) {
    Energy kwh = Energy.ofMicrojoules(3_600_000_000_000L);
    ChannelEnergy c = new ChannelEnergy("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "package-0",
        Method.COUNTER, 0, kwh, kwh, 0, List.of());
    return new EnergyRecord("01900000-0000-7000-8000-0000000000e1", null, "job", Tags.empty(), "host", region, T0,
        T0.plusSeconds(600), 0, Attribution.MACHINE, List.of(c),
        List.of(new BucketEnergy(T0, T0.plusSeconds(3600), kwh)), RecordStatus.COMPLETE, List.of());
  }

  @Test
  void withoutARegionTheWorldAverageIsUsedAndSaid() {
    List<String> lines = MeasureEmissions.lines(oneKilowattHour(null), FACTORS, 1.0, false);
    // 1 kWh x 500 g/kWh = 500 g.
    assertTrue(lines.get(0).startsWith("emissions (Scope 2, location-based): 500.0 g CO2e"), lines.toString());
    assertTrue(String.join("\n", lines).contains("500.0 g/kWh for WORLD"), lines.toString());
    assertTrue(String.join("\n", lines).contains("no region is set, so this is the WORLD average: pass --region"),
        lines.toString());
  }

  @Test
  void aRegionAndAPueAreApplied() {
    // 1 kWh x PUE 1.5 x 300 g/kWh = 450 g.
    List<String> lines = MeasureEmissions.lines(oneKilowattHour("DE"), FACTORS, 1.5, true);
    assertTrue(lines.get(0).startsWith("emissions (Scope 2, location-based): 450.0 g CO2e"), lines.toString());
    assertTrue(lines.get(0).contains("with PUE 1.50"), lines.toString());
    assertTrue(String.join("\n", lines).contains("300.0 g/kWh for DE"), lines.toString());
    assertTrue(lines.stream().noneMatch(l -> l.contains("no region is set")), lines.toString());
  }

  @Test
  void noMeterMeansNoEmissions() {
    EnergyRecord r = new EnergyRecord("01900000-0000-7000-8000-0000000000e2", null, "job", Tags.empty(), "host",
        null, T0, T0.plusSeconds(1), 0, Attribution.MACHINE, List.of(), List.of(), RecordStatus.NO_METER,
        List.of("no meter"));
    assertEquals(List.of("emissions: not known, since no energy was measured"),
        MeasureEmissions.lines(r, FACTORS, 1.0, false));
  }

  @Test
  void unknownAndMalformedRegionsAreNamed() {
    assertNull(MeasureEmissions.checkRegion("DE", FACTORS, T0));
    assertNull(MeasureEmissions.checkRegion("WORLD", FACTORS, T0));
    String unknown = MeasureEmissions.checkRegion("XX", FACTORS, T0);
    assertNotNull(unknown);
    assertTrue(unknown.startsWith("unknown region 'XX': no emission factor for it"), unknown);
    String malformed = MeasureEmissions.checkRegion("not a zone!", FACTORS, T0);
    assertNotNull(malformed);
    assertTrue(malformed.startsWith("unknown region: 'not a zone!'"), malformed);
  }

  @Test
  void theBundledFactorsKnowCommonZones() {
    EmissionFactors bundled = EmissionFactors.bundled();
    assertNull(MeasureEmissions.checkRegion("DE", bundled, T0));
    assertNull(MeasureEmissions.checkRegion("FR", bundled, T0));
    assertNotNull(MeasureEmissions.checkRegion("XX", bundled, T0));
  }
}
