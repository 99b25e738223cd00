package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ergon.accounting.InvalidDataException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bounds themselves are allowed (0, the maximum, the first and last instants of the first and last years), the
 * values just past them are refused, and the message names the bound as written: whole numbers below 10⁵, powers of
 * ten in exponent form from 10⁵ on.
 */
class PhysicalBoundsEdgesTest {

  private static CsvTable.Row row(String column, String raw) {
    return new CsvTable.Row("f.csv", 3, Map.of(column, raw));
  }

  private static String refusedNumber(String raw, double value, double max, String unit) {
    return assertThrows(InvalidDataException.class,
        () -> PhysicalBounds.check(row("mwh", raw), "mwh", value, max, unit)).getMessage();
  }

  @Test
  void zeroAndTheMaximumAreAllowed() {
    assertEquals(0.0, PhysicalBounds.check(row("mwh", "0"), "mwh", 0.0, 1e5, "MWh"));
    assertEquals(1e5, PhysicalBounds.check(row("mwh", "100000"), "mwh", 1e5, 1e5, "MWh"));
    assertEquals(5000.0, PhysicalBounds.check(row("g", "5000"), "g", 5000, 5000, "g/kWh"));
  }

  @Test
  void justPastEitherEndIsRefused() {
    assertEquals("f.csv:3: mwh '100000.00000000001' in column 'mwh' is outside the physical bounds 0 .. 1e+05 MWh; "
        + "check the number and its unit", refusedNumber("100000.00000000001", Math.nextUp(1e5), 1e5, "MWh"));
    assertEquals("f.csv:3: mwh '-4.9e-324' in column 'mwh' is outside the physical bounds 0 .. 1e+05 MWh; "
        + "check the number and its unit", refusedNumber("-4.9e-324", -Double.MIN_VALUE, 1e5, "MWh"));
    assertEquals("f.csv:3: mwh 'NaN' in column 'mwh' is outside the physical bounds 0 .. 1e+05 MWh; "
        + "check the number and its unit", refusedNumber("NaN", Double.NaN, 1e5, "MWh"));
  }

  @Test
  void theBoundIsWrittenWholeBelowTenToTheFiveAndInExponentFormFromThere() {
    assertEquals("f.csv:3: mwh '6000' in column 'mwh' is outside the physical bounds 0 .. 5000 g/kWh; "
        + "check the number and its unit", refusedNumber("6000", 6000, 5000, "g/kWh"));
    assertEquals("f.csv:3: mwh '1e6' in column 'mwh' is outside the physical bounds 0 .. 99999 MWh; "
        + "check the number and its unit", refusedNumber("1e6", 1e6, 99_999, "MWh"));
    assertEquals("f.csv:3: mwh '1e20' in column 'mwh' is outside the physical bounds 0 .. 1e+09 t; "
        + "check the number and its unit", refusedNumber("1e20", 1e20, 1e9, "t"));
  }

  @Test
  void theFirstAndLastYearsAreAllowedToTheirEdges() {
    Instant first = Instant.parse("1900-01-01T00:00:00Z");
    Instant last = Instant.parse("2200-12-31T23:59:59.999999999Z");
    assertEquals(first, PhysicalBounds.checkYear(row("hour", "1900-01-01T00:00Z"), "hour", first));
    assertEquals(last, PhysicalBounds.checkYear(row("hour", "2200-12-31T23:59:59.999999999Z"), "hour", last));
  }

  @Test
  void theYearsJustOutsideAreRefusedWithTheYear() {
    Instant before = Instant.parse("1899-12-31T23:59:59.999999999Z");
    assertEquals("f.csv:3: '1899-12-31T23:59:59.999999999Z' in column 'hour' is in the year 1899, outside "
        + "1900 .. 2200; check the date", assertThrows(InvalidDataException.class,
            () -> PhysicalBounds.checkYear(row("hour", "1899-12-31T23:59:59.999999999Z"), "hour", before))
        .getMessage());
    Instant after = Instant.parse("2201-01-01T00:00:00Z");
    assertEquals("f.csv:3: '2201-01-01' in column 'hour' is in the year 2201, outside 1900 .. 2200; check the date",
        assertThrows(InvalidDataException.class,
            () -> PhysicalBounds.checkYear(row("hour", "2201-01-01"), "hour", after)).getMessage());
  }
}
