package dev.ergon.accounting.factors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.accounting.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Factor tables: columns, units, periods, and bad data refused with file, line and reason. */
class FactorTableTest {

  static final String HEADER = "zone,period,kind,intensity,unit,uncertainty,source\n";

  @TempDir Path dir;

  private Path write(String body) throws IOException {
    Path p = dir.resolve("f.csv");
    Files.writeString(p, body);
    return p;
  }

  private InvalidDataException refused(String body) throws IOException {
    Path p = write(body);
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> EmissionFactors.readTable(p));
    assertEquals(p.toString(), e.source());
    assertTrue(e.getMessage().startsWith(p + ":" + e.line() + ": ") || e.line() == 0, e.getMessage());
    return e;
  }

  private static double grams(EmissionFactors f, String zone) {
    return f.lookup(zone, Instant.parse("2025-06-01T00:00:00Z"), FactorKind.LOCATION).orElseThrow().factor()
        .intensity().toGramsPerKilowattHour();
  }

  @Test
  void unitsOfEachSourceAreConverted() throws IOException {
    EmissionFactors f = EmissionFactors.readTable(write(HEADER + """
        AA,2025,location,0.000379069,t/kWh,,CCF SERC
        BB,2025,location,1000,lb/MWh,,eGRID-style
        CC,2025,location,420,kg/MWh,,
        DD,2025,location,0.42,kg/kWh,,
        EE,2025,location,342,gCO2eq/kWh,,Electricity Maps style
        FF,2025,location,0.5,t/MWh,,
        GG,2025,location,700000,g/MWh,,
        """));
    assertEquals(379.069, grams(f, "AA"), 1e-9);
    assertEquals(453.59237, grams(f, "BB"), 1e-9); // 1000 lb x 453.59237 g/lb per 1000 kWh
    assertEquals(420.0, grams(f, "CC"), 1e-12);
    assertEquals(420.0, grams(f, "DD"), 1e-9);
    assertEquals(342.0, grams(f, "EE"), 1e-12);
    assertEquals(500.0, grams(f, "FF"), 1e-9);
    assertEquals(700.0, grams(f, "GG"), 1e-9);
  }

  @Test
  void unknownUnitIsRefused() throws IOException {
    InvalidDataException e = refused(HEADER + "DE,2025,location,380,g/kWh,,\nFR,2025,location,56,mt/kWh,,\n");
    assertEquals(3, e.line());
    assertTrue(e.reason().contains("unknown unit 'mt/kWh'"), e.reason());
  }

  @Test
  void negativeOrNanIntensityIsRefused() throws IOException {
    assertTrue(refused(HEADER + "DE,2025,location,-1,g/kWh,,\n").reason().contains("must be a finite number >= 0"));
    InvalidDataException nan = refused(HEADER + "DE,2025,location,NaN,g/kWh,,\n");
    assertEquals(2, nan.line());
    assertTrue(nan.reason().contains("'NaN'"));
    assertTrue(refused(HEADER + "DE,2025,location,abc,g/kWh,,\n").reason().contains("is not a number"));
  }

  @Test
  void overlappingPeriodsForOneZoneAndKindAreRefused() throws IOException {
    InvalidDataException e = refused(HEADER + """
        DE,2025,location,380,g/kWh,,
        DE,2025,residual_mix,600,g/kWh,,
        DE,2025-03-14T05:00Z,location,400,g/kWh,,
        DE,2025,location,381,g/kWh,,
        """);
    assertEquals(5, e.line());
    assertTrue(e.reason().contains("overlaps line 2"), e.reason());
  }

  @Test
  void malformedRowsAreRefusedWithTheirLine() throws IOException {
    InvalidDataException few = refused(HEADER + "DE,2025,location,380,g/kWh,,\nFR,2025,location\n");
    assertEquals(3, few.line());
    assertTrue(few.reason().startsWith("malformed CSV row"), few.reason());
    InvalidDataException many = refused(HEADER + "DE,2025,location,380,g/kWh,,,extra\n");
    assertEquals(2, many.line());
    InvalidDataException trailing = refused(HEADER + "DE,2025,location,380,g/kWh,,src,\n");
    assertEquals(2, trailing.line());
  }

  @Test
  void headerProblemsAreRefused() throws IOException {
    assertTrue(refused("zone,period,kind,intensity,unit,uncertanity\n").reason().contains("unknown column "
        + "'uncertanity'"));
    assertTrue(refused("zone,period,intensity,unit\nDE,2025,380,g/kWh\n").reason().contains("missing column 'kind'"));
    assertTrue(refused("").reason().contains("no header row"));
  }

  @Test
  void unknownKindAndBadPeriodsAreRefused() throws IOException {
    assertTrue(refused(HEADER + "DE,2025,grid,380,g/kWh,,\n").reason().contains("unknown kind 'grid'"));
    assertTrue(refused(HEADER + "DE,2025-13,location,380,g/kWh,,\n").reason().contains("not a date"));
    assertTrue(refused(HEADER + "DE,2025-03-14T05:30Z,location,380,g/kWh,,\n").reason().contains("not on the hour"));
    assertTrue(refused(HEADER + "DE,2025-03-14T05:00,location,380,g/kWh,,\n").reason()
        .contains("is not a year (2025), a month (2025-03) or a UTC hour"));
    assertTrue(refused(HEADER + "D E,2025,location,380,g/kWh,,\n").reason().contains("is not a grid zone"));
  }

  @Test
  void uncertaintyIsAFractionOrAPercentage() throws IOException {
    EmissionFactors f = EmissionFactors.readTable(write(HEADER + "DE,2025,location,380,g/kWh,5%,\n"
        + "FR,2025,location,56,g/kWh,0.2,\n"));
    Instant t = Instant.parse("2025-01-01T00:00:00Z");
    assertEquals(0.05, f.lookup("DE", t, FactorKind.LOCATION).orElseThrow().factor().relativeUncertainty()
        .getAsDouble(), 1e-15);
    assertEquals(0.2, f.lookup("FR", t, FactorKind.LOCATION).orElseThrow().factor().relativeUncertainty()
        .getAsDouble(), 1e-15);
    assertTrue(refused(HEADER + "DE,2025,location,380,g/kWh,5,\n").reason().contains("write 0.05 or 5%"));
    assertTrue(refused(HEADER + "DE,2025,location,380,g/kWh,-0.1,\n").reason().contains("uncertainty"));
  }

  @Test
  void commentsAndBlankLinesKeepLineNumbersRight() throws IOException {
    InvalidDataException e = refused("# factors for test\n" + HEADER + "\n# a comment\nDE,2025,location,380,g/kWh,,\n"
        + "\nFR,2025,location,-56,g/kWh,,\n");
    assertEquals(7, e.line());
  }

  @Test
  void theTableIsADataSetVersionedByItsBytes() throws Exception {
    EmissionFactors f = EmissionFactors.readTable(write(HEADER + "DE,2025,location,380,g/kWh,,\n"));
    assertEquals("f.csv", f.dataSets().get(0).name());
    // sha256 of the bytes, computed independently
    assertEquals("sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(dir.resolve("f.csv")))), f.dataSets().get(0).version());
  }

  @Test
  void aMissingFileIsReported() {
    Path p = dir.resolve("missing.csv");
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> EmissionFactors.load(p));
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }
}
