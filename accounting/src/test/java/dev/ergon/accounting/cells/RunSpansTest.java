package dev.ergon.accounting.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Run spans given as nanoseconds are coalesced into the union of the spans, whatever their order. */
class RunSpansTest {
  private static final long S = 1_000_000_000L;

  private static Instant at(long seconds) {
    return Instant.ofEpochSecond(seconds);
  }

  @Test
  void spansOutOfOrderAreJoinedWhereTheyOverlapOrTouch() {
    // [5,12] and [10,20] overlap, [30,40] and [40,50] touch, [60,60] is empty.
    long[] spans = {10 * S, 20 * S, 5 * S, 12 * S, 30 * S, 40 * S, 40 * S, 50 * S, 60 * S, 60 * S, 99, 99};
    ConsumptionCells c = ConsumptionCells.builder().addRuns("h", spans, 10).build();
    assertEquals(Map.of("h", List.of(new ConsumptionCells.Span(at(5), at(20)),
        new ConsumptionCells.Span(at(30), at(50)))), c.runs());
  }

  @Test
  void spansInOrderAreJoinedTheSameWay() {
    long[] spans = {1 * S, 2 * S, 2 * S, 3 * S, 4 * S, 5 * S, 4 * S + 1, 4 * S + 2};
    ConsumptionCells c = ConsumptionCells.builder().addRuns("h", spans, spans.length).build();
    assertEquals(Map.of("h", List.of(new ConsumptionCells.Span(at(1), at(3)),
        new ConsumptionCells.Span(at(4), at(5)))), c.runs());
  }

  @Test
  void cellsBuiltKeepTheirSpansWhenTheBuilderOrTheGivenArrayChangesAfterwards() {
    // Disjoint spans in order: nothing to join, the case where the built cells share no copy with anyone.
    long[] spans = {1 * S, 2 * S, 3 * S, 4 * S};
    ConsumptionCells.Builder b = ConsumptionCells.builder().addRuns("h", spans, spans.length);
    ConsumptionCells first = b.build();
    spans[0] = 0;
    spans[1] = 9 * S;
    b.addRun("h", at(10), at(11)).addRuns("h", new long[] {20 * S, 21 * S}, 2);
    ConsumptionCells second = b.build();
    List<ConsumptionCells.Span> two = List.of(new ConsumptionCells.Span(at(1), at(2)),
        new ConsumptionCells.Span(at(3), at(4)));
    assertEquals(Map.of("h", two), first.runs());
    List<ConsumptionCells.Span> four = new ArrayList<>(two);
    four.add(new ConsumptionCells.Span(at(10), at(11)));
    four.add(new ConsumptionCells.Span(at(20), at(21)));
    assertEquals(Map.of("h", four), second.runs());
    assertEquals(Map.of("h", two), first.runs());
  }

  @Test
  void aLengthThatIsOddOrBeyondTheArrayIsRefused() {
    ConsumptionCells.Builder b = ConsumptionCells.builder();
    assertThrows(IllegalArgumentException.class, () -> b.addRuns("h", new long[] {1, 2}, 1));
    assertThrows(IllegalArgumentException.class, () -> b.addRuns("h", new long[] {1, 2}, 4));
    assertThrows(IllegalArgumentException.class, () -> b.addRuns("h", new long[] {1, 2}, -2));
  }

  @Test
  void coalescedSpansCoverExactlyTheUnionInAnyOrder() {
    // Spans on a grid of whole seconds 0..60; the union is checked second by second.
    qt().withExamples(3_000).forAll(lists().of(integers().between(0, 60 * 61 - 1)).ofSizeBetween(0, 40),
        integers().all()).checkAssert((codes, seed) -> {
          long[] sorted = new long[2 * codes.size()];
          List<long[]> pairs = new ArrayList<>();
          BitSet covered = new BitSet();
          for (int code : codes) {
            long start = code / 61;
            long end = code % 61;
            pairs.add(new long[] {start * S, end * S});
            if (end > start) {
              covered.set((int) start, (int) end);
            }
          }
          pairs.sort((a, b) -> Long.compare(a[0], b[0]));
          for (int i = 0; i < pairs.size(); i++) {
            sorted[2 * i] = pairs.get(i)[0];
            sorted[2 * i + 1] = pairs.get(i)[1];
          }
          Collections.shuffle(pairs, new Random(seed));
          ConsumptionCells.Builder oneByOne = ConsumptionCells.builder();
          for (long[] p : pairs) {
            oneByOne.addRun("h", at(p[0] / S), at(p[1] / S));
          }
          ConsumptionCells inOrder = ConsumptionCells.builder().addRuns("h", sorted, sorted.length).build();
          assertEquals(oneByOne.build().runs(), inOrder.runs());
          List<ConsumptionCells.Span> spans = inOrder.runs().getOrDefault("h", List.of());
          BitSet union = new BitSet();
          Instant previousEnd = null;
          for (ConsumptionCells.Span s : spans) {
            assertTrue(previousEnd == null || s.start().isAfter(previousEnd), "spans disjoint, not touching");
            union.set((int) s.start().getEpochSecond(), (int) s.end().getEpochSecond());
            previousEnd = s.end();
          }
          assertEquals(covered, union);
        });
  }
}
