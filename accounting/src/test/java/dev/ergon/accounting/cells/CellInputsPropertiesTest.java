package dev.ergon.accounting.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.ChannelKind;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CellInputs}: for a record it says can be split in SQL, the per-hour formulas of its Javadoc,
 * applied to the buckets with their times rounded to whole microseconds (down or up, as a database timestamp may
 * keep them), give exactly the cells and covariances {@link ConsumptionCells#of} gives for that record.
 */
class CellInputsPropertiesTest {
  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

  @Test
  void theSqlFormulasOnRoundedBucketTimesGiveTheCellsOfTheRecord() {
    AtomicInteger split = new AtomicInteger();
    AtomicInteger total = new AtomicInteger();
    qt().withExamples(400).forAll(integers().between(0, Integer.MAX_VALUE)).checkAssert(seed -> {
      EnergyRecord r = record(new Random(seed));
      CellInputs in = CellInputs.of(r);
      total.incrementAndGet();
      if (!in.splitInSql()) {
        return;
      }
      split.incrementAndGet();
      ConsumptionCells expected = ConsumptionCells.of(List.of(r));
      for (boolean up : new boolean[] {false, true}) {
        ConsumptionCells.Builder b = ConsumptionCells.builder();
        SortedMap<Long, Long> hours = new TreeMap<>();
        for (BucketEnergy bucket : r.buckets()) {
          Instant stored = micros(bucket.start(), up);
          hours.merge(Math.floorDiv(stored.getEpochSecond(), 3600) * 3600, bucket.energy().toMicrojoulesExact(),
              Long::sum);
        }
        hours.values().removeIf(e -> e == 0);
        List<CellKey> keys = new ArrayList<>();
        List<Long> as = new ArrayList<>();
        for (Map.Entry<Long, Long> h : hours.entrySet()) {
          long e = h.getValue();
          long m = in.modelMicrojoules() == 0 ? 0 : in.modelMicrojoules() == in.totalMicrojoules() ? e
              : BigInteger.valueOf(e).multiply(BigInteger.valueOf(2 * in.modelMicrojoules()))
                  .add(BigInteger.valueOf(in.totalMicrojoules()))
                  .divide(BigInteger.valueOf(2 * in.totalMicrojoules())).longValueExact();
          long part = in.whole() || r.status() == RecordStatus.NO_METER ? 0 : e;
          double x = in.relativeUncertainty() * (double) e;
          long a = (long) Math.floor(x) + (x - Math.floor(x) >= 0.5 ? 1 : 0);
          CellKey key = new CellKey(in.region(), Instant.ofEpochSecond(h.getKey()), r.host(), r.tags(),
              in.level());
          b.add(key, new CellEnergy(e, m, part, BigInteger.valueOf(a).multiply(BigInteger.valueOf(a))));
          keys.add(key);
          as.add(a);
        }
        boolean multi = in.startNanos() / 3_600_000_000_000L != (in.endNanos() - 1) / 3_600_000_000_000L;
        assertTrue(multi || keys.size() <= 1, "one hour by its times, several by its buckets: " + r);
        for (int i = 0; i < keys.size(); i++) {
          for (int j = i + 1; j < keys.size(); j++) {
            if (as.get(i) != 0 && as.get(j) != 0) {
              b.addCovariance(keys.get(i), keys.get(j),
                  BigInteger.valueOf(as.get(i)).multiply(BigInteger.valueOf(as.get(j))));
            }
          }
        }
        ConsumptionCells actual = b.build();
        assertEquals(expected.cells(), actual.cells(), r.toString());
        assertEquals(expected.covariances(), actual.covariances(), r.toString());
      }
    });
    assertTrue(split.get() * 4 > total.get(), "a good share of the records can be split in SQL: " + split + " of "
        + total);
  }

  @Test
  void recordsTheSqlCannotSplitExactlyAreSaidSo() {
    Instant start = T0.plusSeconds(600);
    // a bucket across an hour
    assertFalse(CellInputs.of(record(start, T0.plusSeconds(3700), List.of(bucket(start, T0.plusSeconds(3700), 5)),
        5, 0, RecordStatus.COMPLETE)).splitInSql());
    // no buckets
    assertFalse(CellInputs.of(record(start, T0.plusSeconds(900), List.of(), 5, 0, RecordStatus.COMPLETE))
        .splitInSql());
    // an end 300 ns past the hour: stored as a whole µs it could round onto the hour
    Instant end = T0.plusSeconds(3600).plusNanos(300);
    assertFalse(CellInputs.of(record(start, end, List.of(bucket(start, end, 5)), 5, 0, RecordStatus.COMPLETE))
        .splitInSql());
    // a bucket in an hour outside the record's times
    Instant later = T0.plusSeconds(7300);
    assertFalse(CellInputs.of(record(start, T0.plusSeconds(900), List.of(bucket(later, later.plusSeconds(60), 5)),
        5, 0, RecordStatus.COMPLETE)).splitInSql());
    // before 1970
    Instant old = Instant.parse("1969-12-31T22:10:00Z");
    assertFalse(CellInputs.of(record(old, old.plusSeconds(60), List.of(bucket(old, old.plusSeconds(60), 5)), 5, 0,
        RecordStatus.COMPLETE)).splitInSql());
    // the plain case
    CellInputs in = CellInputs.of(record(start, T0.plusSeconds(900), List.of(bucket(start, T0.plusSeconds(900),
        8)), 8, 2, RecordStatus.FAILED));
    assertTrue(in.splitInSql());
    assertEquals(8, in.totalMicrojoules());
    assertEquals(2, in.modelMicrojoules());
    assertFalse(in.whole()); // failed with a problem
    assertEquals("DE", in.region());
  }

  private static Instant micros(Instant t, boolean up) {
    Instant down = t.truncatedTo(ChronoUnit.MICROS);
    return up && !down.equals(t) ? down.plusNanos(1000) : down;
  }

  private static BucketEnergy bucket(Instant s, Instant e, long micro) {
    return new BucketEnergy(s, e, Energy.ofMicrojoules(micro));
  }

  private static EnergyRecord record(Random rnd) {
    Instant start = T0.plusSeconds(rnd.nextInt(72) * 3600L + rnd.nextInt(3600)).plusNanos(rnd.nextInt(4) == 0 ? 0
        : rnd.nextInt(1_000_000_000));
    List<BucketEnergy> buckets = new ArrayList<>();
    Instant t = start;
    int n = 1 + rnd.nextInt(8);
    long sum = 0;
    for (int i = 0; i < n; i++) {
      Instant hour = t.truncatedTo(ChronoUnit.HOURS).plusSeconds(3600);
      Instant next = switch (rnd.nextInt(12)) {
        case 0 -> hour.plusNanos(1 + rnd.nextInt(999)); // just past the hour: not splittable in SQL
        case 1 -> hour.minusNanos(1 + rnd.nextInt(999)); // just before it
        case 2, 3 -> hour;
        default -> t.plusSeconds(1 + rnd.nextInt(1800)).plusNanos(rnd.nextInt(1_000_000_000));
      };
      if (!next.isAfter(t) || (next.isAfter(hour) && next.isAfter(hour.plusNanos(999)))) {
        next = hour; // cut at the hour as Ergon's buckets are
      }
      long e = rnd.nextInt(5) == 0 ? 0 : (long) rnd.nextInt(1 << 30) * (1 + rnd.nextInt(1000));
      buckets.add(bucket(t, next, e));
      sum += e;
      t = next;
    }
    long model = switch (rnd.nextInt(4)) {
      case 0 -> sum;
      case 1 -> sum / (1 + rnd.nextInt(7));
      default -> 0;
    };
    RecordStatus status = List.of(RecordStatus.COMPLETE, RecordStatus.PARTIAL, RecordStatus.FAILED,
        RecordStatus.OPEN).get(rnd.nextInt(4));
    return record(start, t, buckets, sum, model, status);
  }

  private static EnergyRecord record(Instant start, Instant end, List<BucketEnergy> buckets, long total, long model,
      RecordStatus status) {
    List<ChannelEnergy> channels = new ArrayList<>();
    Energy measured = Energy.ofMicrojoules(total - model);
    channels.add(new ChannelEnergy("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "socket 0", Method.COUNTER,
        0.02 + (total % 7) / 100.0, measured, measured, 0, List.of()));
    if (model > 0) {
      Energy m = Energy.ofMicrojoules(model);
      channels.add(new ChannelEnergy("memory/model", "estimate", ChannelKind.MEMORY, "dram", Method.MODEL, 0.4, m, m,
          0, List.of()));
    }
    @Nullable String failure = status == RecordStatus.FAILED ? "java.lang.IllegalStateException" : null;
    List<String> problems = status == RecordStatus.FAILED || status == RecordStatus.PARTIAL ? List.of("x")
        : List.of();
    return new EnergyRecord("0190e000-0000-7000-8000-000000000001", null, "job", Tags.of("model", "m"), "h1", "de",
        start, end, 1, Attribution.MACHINE, channels, buckets, status, problems, failure);
  }
}
