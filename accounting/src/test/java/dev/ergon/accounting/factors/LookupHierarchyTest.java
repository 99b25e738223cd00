package dev.ergon.accounting.factors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The look-up hierarchy: finest place, then finest time, layer by layer, the world last. */
class LookupHierarchyTest {

  @TempDir Path dir;
  EmissionFactors table;

  @BeforeEach
  void setUp() throws IOException {
    Path p = dir.resolve("t.csv");
    Files.writeString(p, """
        zone,period,kind,intensity,unit
        US,2026,location,400,g/kWh
        US-CAL-CISO,2026,location,200,g/kWh
        US-CAL-CISO,2026-07,location,150,g/kWh
        US-CAL-CISO,2026-07-04T12:00Z,location,90,g/kWh
        US-CAL-CISO,2024,location,250,g/kWh
        DE,2023,location,420,g/kWh
        DE,2021,location,450,g/kWh
        SE,2030,location,10,g/kWh
        WORLD,2026,location,475,g/kWh
        """);
    table = EmissionFactors.readTable(p);
  }

  private FactorMatch find(String place, String instant) {
    return table.lookup(place, Instant.parse(instant), FactorKind.LOCATION).orElseThrow();
  }

  @Test
  void finestTimeWithinAPlace() {
    FactorMatch hour = find("US-CAL-CISO", "2026-07-04T12:30:00Z");
    assertEquals(90.0, hour.factor().intensity().toGramsPerKilowattHour());
    assertEquals(TimeLevel.HOUR, hour.timeLevel());
    assertEquals(PlaceLevel.SUBNATIONAL, hour.placeLevel());
    assertEquals(TimeLevel.MONTH, find("US-CAL-CISO", "2026-07-04T13:00:00Z").timeLevel());
    assertEquals(TimeLevel.YEAR, find("US-CAL-CISO", "2026-08-01T00:00:00Z").timeLevel());
    FactorMatch older = find("US-CAL-CISO", "2025-03-01T00:00:00Z");
    assertEquals(TimeLevel.OTHER_YEAR, older.timeLevel());
    assertEquals(250.0, older.factor().intensity().toGramsPerKilowattHour(), "latest earlier year: 2024");
  }

  @Test
  void otherYearPrefersTheLatestEarlierYearElseTheEarliestLater() {
    assertEquals(420.0, find("DE", "2026-01-01T00:00:00Z").factor().intensity().toGramsPerKilowattHour());
    assertEquals(450.0, find("DE", "2022-01-01T00:00:00Z").factor().intensity().toGramsPerKilowattHour());
    assertEquals(450.0, find("DE", "2019-01-01T00:00:00Z").factor().intensity().toGramsPerKilowattHour());
    assertEquals(10.0, find("SE-SE3", "2026-01-01T00:00:00Z").factor().intensity().toGramsPerKilowattHour());
  }

  @Test
  void placeFallsBackFromSubnationalToNationalToWorld() {
    FactorMatch national = find("US-MIDA-PJM", "2026-02-01T00:00:00Z");
    assertEquals(400.0, national.factor().intensity().toGramsPerKilowattHour());
    assertEquals(PlaceLevel.NATIONAL, national.placeLevel());
    assertEquals("US-MIDA-PJM", national.place());
    FactorMatch world = find("FR", "2026-02-01T00:00:00Z");
    assertEquals(PlaceLevel.WORLD, world.placeLevel());
    assertEquals(475.0, world.factor().intensity().toGramsPerKilowattHour());
  }

  @Test
  void theWorldAnswersOnlyForLocationAndMarginal() {
    Instant t = Instant.parse("2026-02-01T00:00:00Z");
    assertTrue(table.lookup("FR", t, FactorKind.RESIDUAL_MIX).isEmpty());
    assertTrue(table.lookup("FR", t, FactorKind.SUPPLIER).isEmpty());
  }

  @Test
  void aLoadedTableTakesPrecedenceOverTheSetBeneath() throws IOException {
    Path p = dir.resolve("user.csv");
    Files.writeString(p, "zone,period,kind,intensity,unit\nUS,2026,location,380,g/kWh\n");
    EmissionFactors layered = table.withTable(p);
    FactorMatch m = layered.lookup("US-CAL-CISO", Instant.parse("2026-07-04T12:00:00Z"), FactorKind.LOCATION)
        .orElseThrow();
    assertEquals(380.0, m.factor().intensity().toGramsPerKilowattHour(), "the user's table answers first");
    assertEquals("user.csv", m.factor().dataSet());
    assertEquals(List.of("user.csv", "t.csv"), layered.dataSets().stream().map(d -> d.name()).toList());
  }

  @Test
  void cloudRegionsMapToTheirGridZone() throws IOException {
    Path map = dir.resolve("map.csv");
    Files.writeString(map, "provider,region,zone,location,basis\naws,us-west-1,US-CAL-CISO,N. California,test\n");
    EmissionFactors f = table.withCloudRegions(CloudRegions.load(map));
    assertEquals(List.of("aws:us-west-1", "US-CAL-CISO", "US-CAL", "US"), f.placeChain("aws:US-West-1"));
    FactorMatch m = f.lookup("aws:us-west-1", Instant.parse("2026-02-01T00:00:00Z"), FactorKind.LOCATION)
        .orElseThrow();
    assertEquals(200.0, m.factor().intensity().toGramsPerKilowattHour());
    assertEquals(PlaceLevel.SUBNATIONAL, m.placeLevel());
    assertEquals("aws:us-west-1", m.place());
    assertEquals(List.of("aws:nowhere-1"), f.placeChain("aws:nowhere-1"));
  }
}
