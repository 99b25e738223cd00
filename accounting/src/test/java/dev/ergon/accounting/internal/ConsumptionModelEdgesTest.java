package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ergon.Tags;
import dev.ergon.accounting.EnergyLevel;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.cells.CellEnergy;
import dev.ergon.accounting.cells.CellKey;
import dev.ergon.accounting.cells.ConsumptionCells;
import dev.ergon.accounting.cells.RecordTally;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ConsumptionModelEdgesTest {
  private static final ConsumptionOptions YEAR_2025 = ConsumptionOptions.NONE.withPeriod(ReportingPeriod.ofYear(2025));

  private static CellKey key(@Nullable String region, String hour) {
    return new CellKey(region, Instant.parse(hour), "h", Tags.empty(), EnergyLevel.IT);
  }

  private static CellEnergy energy(long micro) {
    return new CellEnergy(micro, 0, 0, BigInteger.ZERO);
  }

  private static RecordTally tally(long counted, long withoutRegion, @Nullable String start, @Nullable String end) {
    return new RecordTally(counted, 0, 0, counted, counted, 0, 0, 0, 0, 0, withoutRegion, 0, 0,
        start == null ? null : Instant.parse(start), end == null ? null : Instant.parse(end), new TreeSet<>(),
        new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
  }

  @Test
  void eachAtomIsFoundAtItsPositionAndAnyOtherCellAtMinusOne() {
    CellKey a = key("DE", "2025-03-01T00:00:00Z");
    CellKey b = key("DE", "2025-03-01T01:00:00Z");
    CellKey c = key("FR", "2025-03-01T00:00:00Z");
    CellKey outside = key("DE", "2024-12-31T23:00:00Z");
    CellKey absent = key("NL", "2025-03-01T00:00:00Z");
    ConsumptionCells cells = ConsumptionCells.builder().add(c, energy(3)).add(outside, energy(4)).add(b, energy(2))
        .add(a, energy(1)).build();
    ConsumptionModel m = ConsumptionModel.build(cells, YEAR_2025);
    // In key order (region, then hour); the cell outside 2025 is left out.
    assertEquals(List.of(a, b, c), m.atoms().stream().map(ConsumptionModel.Atom::key).toList());
    assertEquals(0, m.indexOf(a));
    assertEquals(1, m.indexOf(b));
    assertEquals(2, m.indexOf(c));
    assertEquals(1, m.indexOf(key("DE", "2025-03-01T01:00:00Z")), "an equal key, not the same instance");
    assertEquals(-1, m.indexOf(outside));
    assertEquals(-1, m.indexOf(absent));
  }

  @Test
  void energyWithoutRegionIsThatOfTheCellsWithoutOneAndNoneOnceADefaultRegionIsSet() {
    ConsumptionCells cells = ConsumptionCells.builder().add(key(null, "2025-05-01T10:00:00Z"), energy(7_200_000_000L))
        .add(key("DE", "2025-05-01T10:00:00Z"), energy(5_000_000L))
        .addTally(tally(2, 1, "2025-05-01T10:00:00Z", "2025-05-01T10:30:00Z")).build();
    ConsumptionModel m = ConsumptionModel.build(cells, YEAR_2025);
    assertEquals(BigInteger.valueOf(7_200_000_000L), m.energyWithoutRegion());
    assertEquals(1, m.recordsWithoutRegion());
    ConsumptionModel withDefault = ConsumptionModel.build(cells, YEAR_2025.withDefaultRegion("FR"));
    assertEquals(BigInteger.ZERO, withDefault.energyWithoutRegion());
    assertEquals(0, withDefault.recordsWithoutRegion());
  }

  @Test
  void recordsWithoutEnergyGiveThePeriodOfTheirTimesAndNoRecordsGiveAnError() {
    // Counted records of 0 µJ make no cell; the period is the whole UTC years from their earliest start to their
    // latest end.
    ConsumptionCells zero = ConsumptionCells.builder()
        .addTally(tally(2, 0, "2024-12-31T23:00:00Z", "2025-01-01T00:30:00Z")).build();
    ConsumptionModel m = ConsumptionModel.build(zero, ConsumptionOptions.NONE);
    assertEquals(new ReportingPeriod(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")),
        m.period());
    assertEquals(List.of(), m.atoms());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConsumptionModel.build(ConsumptionCells.builder().build(), ConsumptionOptions.NONE));
    assertEquals("no records to report and no reporting period; set a reporting period to produce an empty report",
        e.getMessage());
  }

  @Test
  void eightThreadsLookingUpAtOnceOnAFreshModelEachFindEveryAtom() throws Exception {
    // The index by key is made on the first look-up; eight threads make that first look-up together.
    ConsumptionCells.Builder b = ConsumptionCells.builder();
    List<CellKey> keys = new ArrayList<>();
    for (int h = 0; h < 500; h++) {
      CellKey k = key(h % 2 == 0 ? "DE" : "FR", Instant.parse("2025-01-01T00:00:00Z").plusSeconds(3600L * h)
          .toString());
      keys.add(k);
      b.add(k, energy(h + 1));
    }
    for (int round = 0; round < 20; round++) {
      ConsumptionModel m = ConsumptionModel.build(b.build(), YEAR_2025);
      List<CellKey> order = m.atoms().stream().map(ConsumptionModel.Atom::key).toList();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int offset = t;
          done.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < keys.size(); i++) {
              CellKey k = keys.get((i + offset * 61) % keys.size());
              assertEquals(order.indexOf(k), m.indexOf(k), k.toString());
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
