package dev.ergon.accounting.cells;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import dev.ergon.accounting.EnergyLevel;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cells of small inputs, worked by hand. */
class ConsumptionCellsTest {
  private static final Instant H0 = Instant.parse("2026-01-05T00:00:00Z");
  private static final Instant H1 = Instant.parse("2026-01-05T01:00:00Z");
  private static final long KWH = 3_600_000_000_000L;

  @Test
  void aJobOverTwoHoursGivesTwoCellsAndTheirCovariance() {
    EnergyRecord a = record("a").region("de").host("h").tags("team", "x").start(H0.toString()).kwh(1, 1)
        .uncertainty(0.05).units(7).build();
    ConsumptionCells c = ConsumptionCells.of(List.of(a, a));
    CellKey k0 = new CellKey("DE", H0, "h", Tags.of("team", "x"), EnergyLevel.IT);
    CellKey k1 = new CellKey("DE", H1, "h", Tags.of("team", "x"), EnergyLevel.IT);
    // a = 0.05 × 3.6e12 µJ = 1.8e11 µJ per hour; variance a², covariance a·a
    BigInteger square = BigInteger.valueOf(180_000_000_000L).pow(2);
    assertEquals(List.of(k0, k1), List.copyOf(c.cells().keySet()));
    assertEquals(new CellEnergy(KWH, 0, 0, square), c.cells().get(k0));
    assertEquals(new CellEnergy(KWH, 0, 0, square), c.cells().get(k1));
    assertEquals(square, c.covariances().get(new CellPair(k0, k1)));
    RecordTally t = c.tally();
    assertEquals(2, t.given());
    assertEquals(1, t.duplicates());
    assertEquals(1, t.counted());
    assertEquals(7, t.units());
    assertEquals(List.of(new ConsumptionCells.Span(H0, Instant.parse("2026-01-05T02:00:00Z"))),
        c.runs().get("h"));
  }

  @Test
  void aNestedRecordsOwnEnergyIsCellOfItsOwnTags() {
    EnergyRecord parent = record("p").region("FR").host("h").tags("team", "x").start(H0.toString()).kwh(1)
        .uncertainty(0.1).status(RecordStatus.PARTIAL).build();
    EnergyRecord child = record("p-c").parent("p").region("FR").host("h").tags("team", "y").start(H0.toString())
        .kwh(0.25).method(Method.MODEL).build();
    ConsumptionCells c = ConsumptionCells.of(List.of(child, parent));
    CellKey x = new CellKey("FR", H0, "h", Tags.of("team", "x"), EnergyLevel.IT);
    CellKey y = new CellKey("FR", H0, "h", Tags.of("team", "y"), EnergyLevel.IT);
    // parent's own 0.75 kWh, child's 0.25 kWh; both under the parent's uncertainty 0.1 and status (partial);
    // the parent's channels are measured, so nothing is modelled
    long ax = 270_000_000_000L;
    long ay = 90_000_000_000L;
    assertEquals(new CellEnergy(KWH * 3 / 4, 0, KWH * 3 / 4, BigInteger.valueOf(ax).pow(2)), c.cells().get(x));
    assertEquals(new CellEnergy(KWH / 4, 0, KWH / 4, BigInteger.valueOf(ay).pow(2)), c.cells().get(y));
    assertEquals(BigInteger.valueOf(ax).multiply(BigInteger.valueOf(ay)), c.covariances().get(new CellPair(x, y)));
    assertEquals(1, c.tally().nested());
    assertEquals(1, c.tally().partial());
  }

  @Test
  void aModelledRecordsEnergyIsAllModelled() {
    EnergyRecord m = record("m").region("DE").start(H0.toString()).micro(3).method(Method.MODEL).build();
    ConsumptionCells c = ConsumptionCells.of(List.of(m));
    assertEquals(3, c.cells().values().iterator().next().modelled());
  }

  @Test
  void builderAddsEqualKeysAndRefusesBadValues() {
    CellKey k = new CellKey(null, H0, "h", Tags.empty(), EnergyLevel.FACILITY);
    ConsumptionCells c = ConsumptionCells.builder().add(k, new CellEnergy(10, 2, 0, BigInteger.ONE))
        .add(k, new CellEnergy(5, 0, 5, BigInteger.TWO)).build();
    assertEquals(new CellEnergy(15, 2, 5, BigInteger.valueOf(3)), c.cells().get(k));
    assertThrows(IllegalArgumentException.class, () -> new CellKey("DE", H0.plusSeconds(1), "h", Tags.empty(),
        EnergyLevel.IT));
    assertThrows(IllegalArgumentException.class, () -> new CellEnergy(1, 2, 0, BigInteger.ZERO));
    assertThrows(IllegalArgumentException.class, () -> ConsumptionCells.builder().addCovariance(k, k,
        BigInteger.ONE));
  }
}
