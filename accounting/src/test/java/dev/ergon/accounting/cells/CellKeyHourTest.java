package dev.ergon.accounting.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Tags;
import dev.ergon.accounting.EnergyLevel;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CellKeyHourTest {
  private static CellKey key(String hour) {
    return new CellKey("DE", Instant.parse(hour), "host", Tags.empty(), EnergyLevel.IT);
  }

  @Test
  void wholeUtcHoursAreKeptAsGivenBeforeAndAfter1970() {
    for (String h : new String[] {"2025-06-01T13:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:00:00Z",
        "1900-01-01T00:00:00Z", "2200-12-31T23:00:00Z"}) {
      assertEquals(Instant.parse(h), key(h).hour(), h);
    }
  }

  @Test
  void anInstantInsideAnHourIsRefusedWithTheFix() {
    for (String h : new String[] {"2025-06-01T13:00:00.000000001Z", "2025-06-01T13:00:01Z", "2025-06-01T13:30:00Z",
        "2025-06-01T13:59:59.999999999Z", "1969-12-31T23:59:59Z", "1969-12-31T23:00:00.500Z"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> key(h), h);
      assertEquals("cell hour " + h + " is not the start of a UTC hour; truncate it to the hour "
          + "(e.g. date_trunc('hour', t) in SQL)", e.getMessage(), h);
    }
  }

  @Test
  void equalTagsGiveEqualKeysAndHashCodesHoweverTheyWereMade() {
    Tags a = Tags.of("model", "bert", "stage", "train");
    Tags b = Tags.of("stage", "train").with("model", "bert");
    CellKey x = new CellKey(null, Instant.parse("2025-01-01T00:00:00Z"), "h", a, EnergyLevel.IT);
    CellKey y = new CellKey(null, Instant.parse("2025-01-01T00:00:00Z"), "h", b, EnergyLevel.IT);
    assertEquals(x, y);
    assertEquals(x.hashCode(), y.hashCode());
    assertEquals(a.hashCode(), a.hashCode());
    assertEquals(a.asMap().hashCode(), b.hashCode());
    assertTrue(x.compareTo(y) == 0);
  }
}
