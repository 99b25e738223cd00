package dev.ergon.accounting.factors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.CarbonIntensity;
import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.InvalidDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boundaries of factor tables and periods: the exact limits are accepted, one step past them is refused. */
class FactorBoundariesTest {

  static final String HEADER = "zone,period,kind,intensity,unit,uncertainty,source\n";

  @TempDir Path dir;

  private Path write(String body) throws IOException {
    Path p = dir.resolve("f.csv");
    Files.writeString(p, body);
    return p;
  }

  private EmissionFactor only(String row) throws IOException {
    List<EmissionFactor> fs = EmissionFactors.readTable(write(HEADER + row + "\n")).factors();
    assertEquals(1, fs.size());
    return fs.get(0);
  }

  private InvalidDataException refused(String row) throws IOException {
    Path p = write(HEADER + row + "\n");
    return assertThrows(InvalidDataException.class, () -> EmissionFactors.readTable(p));
  }

  @Test
  void theIntensityBoundIsInclusive() throws IOException {
    // 5000 g/kWh is the bound itself: accepted; 5 kg/kWh is the same number in another unit.
    assertEquals(5000.0, only("DE,2025,location,5000,g/kWh,,").intensity().toGramsPerKilowattHour(), 0);
    assertEquals(5000.0, only("DE,2025,location,5,kg/kWh,,").intensity().toGramsPerKilowattHour(), 1e-9);
    assertTrue(refused("DE,2025,location,5000.001,g/kWh,,").reason().contains("5000.00 g/kWh, above the physical "
        + "bound of 5000 g/kWh"));
  }

  @Test
  void aNumberAtTheOverflowGuardIsStillReportedInGramsPerKilowattHour() throws IOException {
    // 1e12 g/MWh = 1e9 g/kWh: exactly the guard, so converted and named in g/kWh; 1e13 is past it: "far".
    String atGuard = refused("DE,2025,location,1000000000000,g/MWh,,").reason();
    assertTrue(atGuard.contains("is 1.00000e+09 g/kWh, above the physical bound"), atGuard);
    String past = refused("DE,2025,location,10000000000000,g/MWh,,").reason();
    assertTrue(past.contains("is far above the physical bound of 5000 g/kWh"), past);
  }

  @Test
  void aZeroRateIsAccepted() throws IOException {
    assertEquals(0.0, only("IS,2025,location,0,g/kWh,,").intensity().toGramsPerKilowattHour(), 0);
  }

  @Test
  void uncertaintyLimitsAreInclusive() throws IOException {
    assertEquals(OptionalDouble.of(0.0), only("DE,2025,location,380,g/kWh,0,").relativeUncertainty());
    assertEquals(OptionalDouble.of(1.0), only("DE,2025,location,380,g/kWh,1,").relativeUncertainty());
    assertEquals(OptionalDouble.of(1.0), only("DE,2025,location,380,g/kWh,100%,").relativeUncertainty());
    assertEquals(OptionalDouble.of(0.0), only("DE,2025,location,380,g/kWh,0%,").relativeUncertainty());
    assertTrue(refused("DE,2025,location,380,g/kWh,1.0001,").reason().contains("a fraction above 1"));
    assertTrue(refused("DE,2025,location,380,g/kWh,100.01%,").reason().contains("above 100 %"));
    assertTrue(refused("DE,2025,location,380,g/kWh,-0.0001,").reason().contains("must be a finite number >= 0"));
  }

  @Test
  void theSourceColumnIsKeptAndABlankOneNamesTheFile() throws IOException {
    Path p = write(HEADER + "DE,2025,location,380,g/kWh,,Agora 2025\nFR,2025,location,56,g/kWh,,\n");
    List<EmissionFactor> fs = EmissionFactors.readTable(p).factors();
    assertEquals("Agora 2025", fs.get(0).source());
    assertEquals("f.csv", fs.get(0).dataSet());
    assertEquals("f.csv", fs.get(1).source());
    assertEquals(p + ":2", fs.get(0).origin());
    assertEquals(p + ":3", fs.get(1).origin());
  }

  @Test
  void theWorldRungAnswersOnlyLocationAndMarginal() throws IOException {
    EmissionFactors f = EmissionFactors.readTable(write(HEADER + """
        WORLD,2025,location,480,g/kWh,,
        WORLD,2025,marginal,600,g/kWh,,
        WORLD,2025,supplier,100,g/kWh,,
        WORLD,2025,residual_mix,700,g/kWh,,
        """));
    Instant t = Instant.parse("2025-06-01T00:00:00Z");
    assertEquals(480.0, f.lookup("DE", t, FactorKind.LOCATION).orElseThrow().factor().intensity()
        .toGramsPerKilowattHour(), 0);
    assertEquals(PlaceLevel.WORLD, f.lookup("DE", t, FactorKind.LOCATION).orElseThrow().placeLevel());
    assertEquals(600.0, f.lookup("DE", t, FactorKind.MARGINAL).orElseThrow().factor().intensity()
        .toGramsPerKilowattHour(), 0);
    assertTrue(f.lookup("DE", t, FactorKind.SUPPLIER).isEmpty());
    assertTrue(f.lookup("DE", t, FactorKind.RESIDUAL_MIX).isEmpty());
  }

  @Test
  void anEmptySetFindsNothingAndNamesNoDataSet() {
    EmissionFactors e = EmissionFactors.empty();
    assertTrue(e.factors().isEmpty());
    assertTrue(e.dataSets().isEmpty());
    assertTrue(e.lookup("DE", Instant.parse("2025-06-01T00:00:00Z"), FactorKind.LOCATION).isEmpty());
  }

  private static EmissionFactor factor(String zone, String period, double g, OptionalDouble u, String source) {
    return new EmissionFactor(zone, FactorPeriod.parse(period), FactorKind.LOCATION, new CarbonIntensity(g), u,
        source, "mine", "test");
  }

  @Test
  void twoFactorsGivenForOneZoneKindAndPeriodAreRefusedAtEachGranularity() {
    for (String period : List.of("2025", "2025-03", "2025-03-01T10:00:00Z")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmissionFactors.of("mine",
          List.of(factor("DE", period, 380, OptionalDouble.empty(), "UBA"),
              factor("DE", period, 390, OptionalDouble.empty(), "Ember"))), period);
      String m = String.valueOf(e.getMessage());
      assertTrue(m.startsWith("emission factors overlap in data set mine: test and test both give zone DE, kind "), m);
      assertTrue(m.endsWith(", period " + FactorPeriod.parse(period) + "; keep one"), m);
    }
    // The same period in another zone, or another period in the same zone, is no overlap.
    assertEquals(3, EmissionFactors.of("mine", List.of(factor("DE", "2025", 380, OptionalDouble.empty(), "UBA"),
        factor("FR", "2025", 56, OptionalDouble.empty(), "RTE"),
        factor("DE", "2024", 400, OptionalDouble.empty(), "UBA"))).factors().size());
  }

  @Test
  void givenFactorsAreVersionedByTheSha256OfTheirSortedCanonicalLines() throws Exception {
    EmissionFactors f = EmissionFactors.of("mine", List.of(
        factor("FR", "2025", 56, OptionalDouble.empty(), "RTE"),
        factor("DE", "2025-03", 380, OptionalDouble.of(0.05), "UBA")));
    // Lines "zone|kind|period|g/kWh|uncertainty|source", sorted, each ended by a newline; written by hand.
    String canonical = "DE|LOCATION|2025-03|380.0|0.05|UBA\nFR|LOCATION|2025|56.0||RTE\n";
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    DataSet d = f.dataSets().get(0);
    assertEquals("mine", d.name());
    assertEquals("sha256:" + hex, d.version());
    assertEquals(2, f.factors().size());
    assertEquals(380.0, f.lookup("DE", Instant.parse("2025-03-31T23:00:00Z"), FactorKind.LOCATION).orElseThrow()
        .factor().intensity().toGramsPerKilowattHour(), 0);
    assertTrue(f.lookup("DE", Instant.parse("2025-04-01T00:00:00Z"), FactorKind.LOCATION).isEmpty());
    // Another source or uncertainty is another version.
    EmissionFactors g = EmissionFactors.of("mine", List.of(
        factor("FR", "2025", 56, OptionalDouble.empty(), "RTE"),
        factor("DE", "2025-03", 380, OptionalDouble.empty(), "UBA")));
    assertNotEquals(d.version(), g.dataSets().get(0).version());
  }

  @Test
  void periodsContainTheirStartAndNotTheirEnd() {
    FactorPeriod march = FactorPeriod.month(YearMonth.of(2024, 2));
    assertEquals(Instant.parse("2024-03-01T00:00:00Z"), march.end());
    assertTrue(march.contains(Instant.parse("2024-02-01T00:00:00Z")));
    assertTrue(march.contains(Instant.parse("2024-02-29T23:59:59.999999999Z")));
    assertFalse(march.contains(Instant.parse("2024-03-01T00:00:00Z")));
    assertFalse(march.contains(Instant.parse("2024-01-31T23:59:59.999999999Z")));
    FactorPeriod hour = FactorPeriod.hourOf(Instant.parse("2025-03-14T05:59:59.5Z"));
    assertEquals(FactorPeriod.Granularity.HOUR, hour.granularity());
    assertEquals(Instant.parse("2025-03-14T05:00:00Z"), hour.start());
    assertEquals(Instant.parse("2025-03-14T06:00:00Z"), hour.end());
    assertEquals("2025-03-14T05:00Z", hour.toString());
    assertEquals(Instant.parse("2025-01-01T00:00:00Z"), FactorPeriod.year(2024).end());
    assertEquals(2024, FactorPeriod.year(2024).year());
  }

  @Test
  void periodsOrderByStartThenByGranularity() {
    FactorPeriod hour = FactorPeriod.parse("2025-01-01T00:00Z");
    FactorPeriod month = FactorPeriod.parse("2025-01");
    FactorPeriod year = FactorPeriod.parse("2025");
    // Same start: HOUR < MONTH < YEAR (declaration order).
    assertTrue(hour.compareTo(month) < 0);
    assertTrue(month.compareTo(year) < 0);
    assertTrue(year.compareTo(hour) > 0);
    assertEquals(0, year.compareTo(FactorPeriod.year(2025)));
    // Different starts: the start decides, whatever the granularity.
    assertTrue(FactorPeriod.parse("2024").compareTo(hour) < 0);
    assertTrue(FactorPeriod.parse("2025-01-01T01:00Z").compareTo(year) > 0);
  }

  @Test
  void anHourOnlyAtTheFirstCharacterIsNotAnHour() {
    // 'T' at index 0 is no date before it; the form is refused as not a year, month or hour.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FactorPeriod.parse("T05:00Z"));
    assertTrue(String.valueOf(e.getMessage()).contains("is not a year (2025), a month (2025-03) or a UTC hour"),
        e.getMessage());
  }

  @Test
  void aLoadedTableIsLayeredOverTheBundledSetAndAnswersFirst() throws IOException {
    EmissionFactors f = EmissionFactors.load(write(HEADER + "DE,2025,location,123,g/kWh,,mine\n"));
    Instant t = Instant.parse("2025-06-01T00:00:00Z");
    assertEquals(123.0, f.lookup("DE", t, FactorKind.LOCATION).orElseThrow().factor().intensity()
        .toGramsPerKilowattHour(), 0);
    assertEquals("f.csv", f.dataSets().get(0).name());
    assertTrue(f.dataSets().size() > 1, "the bundled data sets follow");
  }
}
