package dev.ergon.accounting.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Tags;
import dev.ergon.accounting.EnergyLevel;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cells builder at its edges: a full span buffer, touching spans, zero covariances, equality. */
class CellsBuilderEdgesTest {
  private static final long S = 1_000_000_000L;
  private static final Instant H0 = Instant.parse("2026-01-05T00:00:00Z");
  private static final Instant H1 = Instant.parse("2026-01-05T01:00:00Z");

  private static ConsumptionCells.Span span(long from, long to) {
    return new ConsumptionCells.Span(Instant.ofEpochSecond(from), Instant.ofEpochSecond(to));
  }

  @Test
  void eightSpansInOrderFillTheBufferExactlyAndStaySeparateWhenDisjoint() {
    // Sixteen values: the buffer's first size. Spans [10k, 10k+5), k = 0..7: none touch.
    ConsumptionCells.Builder b = ConsumptionCells.builder();
    List<ConsumptionCells.Span> expected = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      b.addRun("h", Instant.ofEpochSecond(10L * k), Instant.ofEpochSecond(10L * k + 5));
      expected.add(span(10L * k, 10L * k + 5));
    }
    assertEquals(expected, b.build().runs().get("h"));
  }

  @Test
  void eightSpansInOrderThatTouchAreJoinedEvenWhenTheyFillTheBuffer() {
    // [0,5) [5,10) touch; [20,25) [24,30) overlap; [40,41) [50,51) [60,61) [61,70) (the last two touch).
    long[] given = {0, 5, 5, 10, 20, 25, 24, 30, 40, 41, 50, 51, 60, 61, 61, 70};
    ConsumptionCells.Builder b = ConsumptionCells.builder();
    for (int i = 0; i < given.length; i += 2) {
      b.addRun("h", Instant.ofEpochSecond(given[i]), Instant.ofEpochSecond(given[i + 1]));
    }
    assertEquals(List.of(span(0, 10), span(20, 30), span(40, 41), span(50, 51), span(60, 70)),
        b.build().runs().get("h"));
    // The same sixteen values as one array (reserved at once) give the same spans.
    long[] nanos = new long[given.length];
    for (int i = 0; i < given.length; i++) {
      nanos[i] = given[i] * S;
    }
    assertEquals(List.of(span(0, 10), span(20, 30), span(40, 41), span(50, 51), span(60, 70)),
        ConsumptionCells.builder().addRuns("h", nanos, nanos.length).build().runs().get("h"));
  }

  @Test
  void equalStartsInOrderKeepTheLongerEnd() {
    long[] nanos = {0, 5 * S, 0, 9 * S, 9 * S, 12 * S, 20 * S, 21 * S};
    assertEquals(List.of(span(0, 12), span(20, 21)),
        ConsumptionCells.builder().addRuns("h", nanos, nanos.length).build().runs().get("h"));
  }

  @Test
  void aZeroCovarianceIsAcceptedAndTheBuilderChains() {
    CellKey a = new CellKey("DE", H0, "h", Tags.empty(), EnergyLevel.IT);
    CellKey b = new CellKey("DE", H1, "h", Tags.empty(), EnergyLevel.IT);
    ConsumptionCells c = ConsumptionCells.builder()
        .addCovariance(b, a, BigInteger.ZERO)
        .addCovariance(a, b, BigInteger.valueOf(7))
        .addRuns("h", new long[] {S, 2 * S}, 2)
        .addAll(ConsumptionCells.builder().addRun("g", H0, H1).build())
        .addTally(RecordTally.EMPTY)
        .build();
    // Both orders land on one pair (a before b): 0 + 7.
    assertEquals(BigInteger.valueOf(7), c.covariances().get(new CellPair(a, b)));
    assertEquals(1, c.covariances().size());
    assertEquals(List.of(span(1, 2)), c.runs().get("h"));
    assertEquals(List.of(new ConsumptionCells.Span(H0, H1)), c.runs().get("g"));
    assertThrows(IllegalArgumentException.class,
        () -> ConsumptionCells.builder().addCovariance(a, b, BigInteger.valueOf(-1)));
  }

  @Test
  void cellsAreEqualOnlyWithTheSameCellsCovariancesTallyAndRuns() {
    CellKey k = new CellKey("DE", H0, "h", Tags.empty(), EnergyLevel.IT);
    CellKey k1 = new CellKey("DE", H1, "h", Tags.empty(), EnergyLevel.IT);
    ConsumptionCells one = ConsumptionCells.builder().add(k, new CellEnergy(10, 0, 0, BigInteger.ONE))
        .addRun("h", H0, H1).build();
    ConsumptionCells same = ConsumptionCells.builder().add(k, new CellEnergy(10, 0, 0, BigInteger.ONE))
        .addRun("h", H0, H1).build();
    assertEquals(one, same);
    assertEquals(one.hashCode(), same.hashCode());
    assertNotEquals(one, "1 cell(s)");
    assertNotEquals(one, ConsumptionCells.builder().add(k, new CellEnergy(11, 0, 0, BigInteger.ONE))
        .addRun("h", H0, H1).build());
    // Same host, other run times: only the arrays differ.
    assertNotEquals(one, ConsumptionCells.builder().add(k, new CellEnergy(10, 0, 0, BigInteger.ONE))
        .addRun("h", H0, H1.plusSeconds(1)).build());
    assertNotEquals(one.hashCode(), ConsumptionCells.builder().add(k1, new CellEnergy(99, 0, 0, BigInteger.TEN))
        .build().hashCode());
    ConsumptionCells withPair = ConsumptionCells.builder().add(k, new CellEnergy(10, 0, 0, BigInteger.ONE))
        .add(k1, new CellEnergy(4, 0, 0, BigInteger.ONE)).addCovariance(k, k1, BigInteger.TWO).build();
    assertEquals("2 cell(s), 1 covariance(s), 0 record(s) counted", withPair.toString());
    assertTrue(one.toString().startsWith("1 cell(s), 0 covariance(s)"));
  }

  @Test
  void eightSpansInOrderWhereOnlyOneTouchesItsNeighbourAreJoinedThere() {
    // [0,5) [5,10) touch; the other six are apart: the full buffer is not disjoint.
    ConsumptionCells.Builder b = ConsumptionCells.builder();
    List<ConsumptionCells.Span> expected = new ArrayList<>(List.of(span(0, 10)));
    b.addRun("h", Instant.ofEpochSecond(0), Instant.ofEpochSecond(5));
    b.addRun("h", Instant.ofEpochSecond(5), Instant.ofEpochSecond(10));
    for (int k = 2; k < 8; k++) {
      b.addRun("h", Instant.ofEpochSecond(10L * k), Instant.ofEpochSecond(10L * k + 5));
      expected.add(span(10L * k, 10L * k + 5));
    }
    assertEquals(expected, b.build().runs().get("h"));
  }

  @Test
  void eightSpansInOrderEachTouchingTheNextBecomeOne() {
    ConsumptionCells.Builder b = ConsumptionCells.builder();
    for (int k = 0; k < 8; k++) {
      b.addRun("h", Instant.ofEpochSecond(k), Instant.ofEpochSecond(k + 1));
    }
    assertEquals(List.of(span(0, 8)), b.build().runs().get("h"));
  }
}
