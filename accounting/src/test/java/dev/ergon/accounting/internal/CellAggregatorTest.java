package dev.ergon.accounting.internal;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.ChannelKind;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import dev.ergon.accounting.EnergyLevel;
import dev.ergon.accounting.cells.CellEnergy;
import dev.ergon.accounting.cells.CellKey;
import dev.ergon.accounting.cells.CellPair;
import dev.ergon.accounting.cells.ConsumptionCells;
import dev.ergon.accounting.cells.RecordTally;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** One pass over records into cells: tallies, hour splits, channels and hand-downs, worked by hand. */
class CellAggregatorTest {
  private static final Instant H0 = Instant.parse("2026-01-05T00:00:00Z");

  private static Instant h(double hours) {
    return H0.plusMillis(Math.round(hours * 3_600_000));
  }

  private static ChannelEnergy channel(String name, ChannelKind kind, Method method, long micro) {
    Energy e = Energy.ofMicrojoules(micro);
    return new ChannelEnergy(name, "test", kind, "dev", method, 0.0, e, e, 0, List.of());
  }

  private static EnergyRecord rec(String id, String name, String host, Attribution attribution,
      List<ChannelEnergy> channels) {
    return new EnergyRecord(id, null, name, Tags.empty(), host, "DE", H0, h(0.5), 0, attribution, channels,
        List.of(), RecordStatus.COMPLETE, List.of());
  }

  private static CellKey key(String host, Instant hour) {
    return new CellKey("DE", hour, host, Tags.empty(), EnergyLevel.IT);
  }

  @Test
  void everyNameHostAttributionAndChannelIsTallied() {
    List<ChannelEnergy> nineCounted = new ArrayList<>();
    List<ChannelEnergy> lastModelled = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      nineCounted.add(channel("z" + i, ChannelKind.DRAM, Method.COUNTER, 1000));
      lastModelled.add(channel("z" + i, ChannelKind.DRAM, i == 8 ? Method.MODEL : Method.COUNTER, 1000));
    }
    // In id order: each record differs from the one before in one thing at one channel position.
    List<EnergyRecord> records = List.of(
        rec("a", "build", "h1", Attribution.MACHINE, List.of(channel("x", ChannelKind.CPU_PACKAGE, Method.COUNTER,
            1000))),
        rec("b", "test", "h1", Attribution.PROCESS, List.of(channel("x", ChannelKind.CPU_PACKAGE, Method.MODEL,
            1000))),
        rec("c", "build", "h2", Attribution.MACHINE, List.of(channel("x", ChannelKind.GPU, Method.MODEL, 1000))),
        rec("d", "test", "h2", Attribution.MACHINE, List.of(channel("y", ChannelKind.GPU, Method.MODEL, 1000))),
        rec("e", "build", "h2", Attribution.MACHINE, nineCounted),
        rec("f", "test", "h2", Attribution.MACHINE, lastModelled));
    ConsumptionCells c = CellAggregator.aggregate(records);
    RecordTally t = c.tally();
    assertEquals(new TreeSet<>(List.of("build", "test")), t.names());
    assertEquals(new TreeSet<>(List.of("h1", "h2")), t.hosts());
    assertEquals(new TreeSet<>(List.of("MACHINE", "PROCESS")), t.attributions());
    TreeSet<String> channels = new TreeSet<>(List.of("x (CPU_PACKAGE, COUNTER)", "x (CPU_PACKAGE, MODEL)",
        "x (GPU, MODEL)", "y (GPU, MODEL)", "z8 (DRAM, MODEL)"));
    for (int i = 0; i < 9; i++) {
      channels.add("z" + i + " (DRAM, COUNTER)");
    }
    assertEquals(channels, t.channels());
    assertEquals(6, t.counted());
    assertEquals(6, t.complete());
    // h1: a 1000 + b 1000 (modelled); h2: c, d 1000 each (modelled), e 9000, f 9000 of which 1000 modelled.
    assertEquals(Map.of(key("h1", H0), new CellEnergy(2000, 1000, 0, BigInteger.ZERO),
        key("h2", H0), new CellEnergy(20_000, 3000, 0, BigInteger.ZERO)), c.cells());
  }

  @Test
  void orphansFacilityRecordsRecordsWithoutRegionAndSpreadRecordsAreCounted() {
    EnergyRecord orphan = record("p1").parent("missing").region(null).start(H0.toString()).micro(100).build();
    EnergyRecord facility = record("p2").region("DE").tags(EnergyLevel.TAG_KEY, "facility").start(H0.toString())
        .micro(200).build();
    // No buckets, 00:30 to 10:30: 36 000 µJ over 36 000 s, 1 µJ/s, spread over eleven hours.
    EnergyRecord spread = record("p3").region("DE").start(h(0.5).toString()).micro(36_000)
        .noBuckets(Duration.ofHours(10)).build();
    ConsumptionCells c = CellAggregator.aggregate(List.of(spread, facility, orphan));
    RecordTally t = c.tally();
    assertEquals(1, t.orphans());
    assertEquals(new TreeSet<>(List.of(EnergyLevel.TAG_KEY)), t.tagKeys());
    assertEquals(0, t.nested());
    assertEquals(1, t.facilityLevel());
    assertEquals(1, t.withoutRegion());
    assertEquals(1, t.spread());
    assertEquals(3, t.counted());
    assertEquals(H0, t.earliestStart());
    assertEquals(h(10.5), t.latestEnd());
    String host = "host-a";
    assertEquals(new CellEnergy(100, 0, 0, BigInteger.ZERO),
        c.cells().get(new CellKey(null, H0, host, Tags.empty(), EnergyLevel.IT)));
    assertEquals(new CellEnergy(200, 0, 0, BigInteger.ZERO), c.cells().get(new CellKey("DE", H0, host,
        Tags.of(EnergyLevel.TAG_KEY, "facility"), EnergyLevel.FACILITY)));
    for (int hour = 0; hour <= 10; hour++) {
      long expected = hour == 0 || hour == 10 ? 1800 : 3600;
      assertEquals(new CellEnergy(expected, 0, 0, BigInteger.ZERO), c.cells().get(new CellKey("DE", h(hour), host,
          Tags.empty(), EnergyLevel.IT)), "hour " + hour);
    }
    assertEquals(2 + 11, c.cells().size());
  }

  @Test
  void bucketsOutOfOrderAndInsideOneHourLandInTheirHours() {
    Energy e300 = Energy.ofMicrojoules(300);
    List<BucketEnergy> buckets = List.of(new BucketEnergy(h(2), h(3), e300),
        new BucketEnergy(h(0), h(0.25), Energy.ofMicrojoules(10)),
        new BucketEnergy(h(1), h(2), Energy.ofMicrojoules(200)),
        new BucketEnergy(h(0.25), h(1), Energy.ofMicrojoules(20)));
    Energy total = Energy.ofMicrojoules(530);
    EnergyRecord r = new EnergyRecord("q", null, "q", Tags.empty(), "h", "DE", H0, h(3), 0, Attribution.MACHINE,
        List.of(new ChannelEnergy("c", "test", ChannelKind.CPU_PACKAGE, "dev", Method.COUNTER, 0.1, total, total, 0,
            List.of())), buckets, RecordStatus.COMPLETE, List.of());
    ConsumptionCells c = CellAggregator.aggregate(List.of(r));
    // Per hour 30, 200, 300 µJ; u = 10 % of each: 3, 20, 30; variance u², covariance u·u'.
    assertEquals(Map.of(key("h", h(0)), new CellEnergy(30, 0, 0, BigInteger.valueOf(9)),
        key("h", h(1)), new CellEnergy(200, 0, 0, BigInteger.valueOf(400)),
        key("h", h(2)), new CellEnergy(300, 0, 0, BigInteger.valueOf(900))), c.cells());
    assertEquals(Map.of(new CellPair(key("h", h(0)), key("h", h(1))), BigInteger.valueOf(60),
        new CellPair(key("h", h(0)), key("h", h(2))), BigInteger.valueOf(90),
        new CellPair(key("h", h(1)), key("h", h(2))), BigInteger.valueOf(600)), c.covariances());
  }

  @Test
  void aBucketEndingHalfASecondIntoTheNextHourIsSplitByTime() {
    // 7201 µJ over 3600.5 s: 3600 s in hour 0 (7200 µJ), 0.5 s in hour 1 (1 µJ).
    Instant end = h(1).plusMillis(500);
    Energy e = Energy.ofMicrojoules(7201);
    EnergyRecord r = new EnergyRecord("s", null, "s", Tags.empty(), "h", "DE", H0, end, 0, Attribution.MACHINE,
        List.of(channel("c", ChannelKind.CPU_PACKAGE, Method.COUNTER, 7201)), List.of(new BucketEnergy(H0, end, e)),
        RecordStatus.COMPLETE, List.of());
    ConsumptionCells c = CellAggregator.aggregate(List.of(r));
    assertEquals(Map.of(key("h", h(0)), new CellEnergy(7200, 0, 0, BigInteger.ZERO),
        key("h", h(1)), new CellEnergy(1, 0, 0, BigInteger.ZERO)), c.cells());
  }

  @Test
  void aChildTakesNothingInAnHourItDidNotRun() {
    EnergyRecord parent = record("t").region("DE").host("h").tags("team", "x").start(H0.toString())
        .micro(1000, 1000).build();
    EnergyRecord child = record("t-c").parent("t").region("DE").host("h").tags("team", "y").start(H0.toString())
        .micro(250).build();
    ConsumptionCells c = CellAggregator.aggregate(List.of(child, parent));
    CellKey x0 = new CellKey("DE", h(0), "h", Tags.of("team", "x"), EnergyLevel.IT);
    CellKey y0 = new CellKey("DE", h(0), "h", Tags.of("team", "y"), EnergyLevel.IT);
    CellKey x1 = new CellKey("DE", h(1), "h", Tags.of("team", "x"), EnergyLevel.IT);
    // Hour 0: the child's 250 of the parent's 1000; hour 1: all the parent's, no cell of the child's tags.
    assertEquals(Map.of(x0, new CellEnergy(750, 0, 0, BigInteger.ZERO), y0, new CellEnergy(250, 0, 0,
        BigInteger.ZERO), x1, new CellEnergy(1000, 0, 0, BigInteger.ZERO)), c.cells());
    assertEquals(1, c.tally().nested());
    assertEquals(0, c.tally().orphans());
  }

  @Test
  void aRecordWithoutBucketsInsideOneHourIsOneCellAndAZeroRecordNone() {
    EnergyRecord half = record("n").region("DE").host("h").start(h(0.25).toString()).micro(500)
        .noBuckets(Duration.ofMinutes(30)).build();
    EnergyRecord zero = record("o").region("DE").host("h").start(h(2).toString()).micro(0)
        .noBuckets(Duration.ofMinutes(30)).build();
    ConsumptionCells c = CellAggregator.aggregate(List.of(half, zero));
    assertEquals(Map.of(key("h", h(0)), new CellEnergy(500, 0, 0, BigInteger.ZERO)), c.cells());
    assertEquals(2, c.tally().counted());
    assertEquals(0, c.tally().spread());
  }

  @Test
  void aModelledShareIsRoundedHalfUp() {
    assertEquals(2, CellAggregator.share(3, 1, 2)); // 1.5
    assertEquals(3, CellAggregator.share(5, 1, 2)); // 2.5
    assertEquals(0, CellAggregator.share(1, 1, 3)); // 0.33
    assertEquals(1, CellAggregator.share(2, 1, 3)); // 0.67
    assertEquals(7, CellAggregator.share(7, 7, 7));
    assertEquals(0, CellAggregator.share(10, 0, 5));
    assertEquals(6, CellAggregator.share(10, 3, 5));
    // (2^63 - 1) / 2 = 4611686018427387903.5, up to ...904; past the 64-bit product.
    assertEquals(4_611_686_018_427_387_904L, CellAggregator.share(Long.MAX_VALUE, 1, 2));
    // 2^32 x 2^31 = 2^63: past a signed long by one; / (2^31 + 1) = 4294967294.000000002, down.
    assertEquals(4_294_967_294L, CellAggregator.share(1L << 32, 1L << 31, (1L << 31) + 1));
    assertEquals(Long.MAX_VALUE / 3, CellAggregator.share(Long.MAX_VALUE, 1, 3)); // ...602.33, down to ...602
    // A model equal to the total gives the whole, past 2^53 (where total x 1.0 as a double is total + 1).
    assertEquals(4_504_498_587_204_636L, CellAggregator.share(4_504_498_587_204_636L, 9_008_573_089_809_331L,
        9_008_573_089_809_331L));
  }

  @Test
  void aModelledShareIsTheProductOverTheTotalRoundedHalfUpAtAnyMagnitude() {
    qt().withExamples(3_000).forAll(longs().between(0, Long.MAX_VALUE), longs().between(1, Long.MAX_VALUE),
        longs().between(0, 1_000_000)).checkAssert((micro, total, permille) -> {
          // A double of total x 1.0 can round past total above 2^53: the model never exceeds the total.
          long model = Math.min((long) (total * (permille / 1e6)), total);
          BigInteger two = BigInteger.TWO;
          BigInteger t = BigInteger.valueOf(total);
          long expected = BigInteger.valueOf(micro).multiply(BigInteger.valueOf(model)).multiply(two).add(t)
              .divide(t.multiply(two)).longValueExact();
          assertEquals(expected, CellAggregator.share(micro, model, total));
        });
    qt().withExamples(3_000).forAll(longs().between(0, 2_000_000_000L), longs().between(1, 2_000_000_000L),
        longs().between(0, 2_000_000_000L)).checkAssert((micro, total, m) -> {
          long model = m % (total + 1);
          long expected = (2 * micro * model + total) / (2 * total);
          assertEquals(expected, CellAggregator.share(micro, model, total));
        });
  }

  @Test
  void tenHourlyBucketsAndEightBucketsWithTheFirstHourLastGiveOneCellPerHour() {
    EnergyRecord ten = record("ten").region("DE").host("h").start(H0.toString())
        .micro(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).build();
    List<BucketEnergy> buckets = new ArrayList<>();
    for (int hour = 1; hour < 8; hour++) {
      buckets.add(new BucketEnergy(h(hour), h(hour + 1), Energy.ofMicrojoules(100L * hour)));
    }
    buckets.add(new BucketEnergy(h(0), h(1), Energy.ofMicrojoules(50)));
    // 50 + 100 + 200 + ... + 700 = 2850
    EnergyRecord late = new EnergyRecord("u", null, "u", Tags.empty(), "g", "DE", H0, h(8), 0, Attribution.MACHINE,
        List.of(channel("c", ChannelKind.CPU_PACKAGE, Method.COUNTER, 2850)), buckets, RecordStatus.COMPLETE,
        List.of());
    ConsumptionCells c = CellAggregator.aggregate(List.of(late, ten));
    for (int hour = 0; hour < 10; hour++) {
      assertEquals(new CellEnergy(hour + 1, 0, 0, BigInteger.ZERO), c.cells().get(key("h", h(hour))), "h " + hour);
    }
    assertEquals(new CellEnergy(50, 0, 0, BigInteger.ZERO), c.cells().get(key("g", h(0))));
    for (int hour = 1; hour < 8; hour++) {
      assertEquals(new CellEnergy(100L * hour, 0, 0, BigInteger.ZERO), c.cells().get(key("g", h(hour))));
    }
    assertEquals(18, c.cells().size());
  }

  @Test
  void aVarianceOfExactlyTwoToTheSixtyFourIsKeptExactly() {
    // 2^33 µJ in one hour at 50 %: u = 2^32 µJ, u² = 2^64 µJ² (the low 64 bits all zero).
    EnergyRecord r = record("v").region("DE").host("h").start(H0.toString()).micro(1L << 33).uncertainty(0.5)
        .build();
    ConsumptionCells c = CellAggregator.aggregate(List.of(r));
    assertEquals(new CellEnergy(1L << 33, 0, 0, BigInteger.ONE.shiftLeft(64)), c.cells().get(key("h", h(0))));
  }

  @Test
  void runsOfASecondHostGrowAndARecordStartingEarlierIsNotFoldedIntoTheLast() {
    List<EnergyRecord> records = new ArrayList<>();
    records.add(record("a").region("DE").host("first").start(H0.toString()).micro(1).build());
    // 40 one-hour records on host "second", an hour apart: 40 spans, more than a second host's first room.
    List<ConsumptionCells.Span> expected = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Instant start = h(2 * i);
      records.add(record(String.format("b%02d", i)).region("DE").host("second").start(start.toString()).micro(1)
          .build());
      expected.add(new ConsumptionCells.Span(start, h(2 * i + 1)));
    }
    ConsumptionCells c = CellAggregator.aggregate(records);
    assertEquals(expected, c.runs().get("second"));
    // In id order: [10:00, 11:00) then [09:00, 12:00): the second contains the first.
    EnergyRecord inner = record("x1").region("DE").host("h").start(h(10).toString()).micro(1).build();
    EnergyRecord outer = record("x2").region("DE").host("h").start(h(9).toString()).micro(1, 1, 1).build();
    assertEquals(List.of(new ConsumptionCells.Span(h(9), h(12))),
        CellAggregator.aggregate(List.of(inner, outer)).runs().get("h"));
  }

  @Test
  void aSecondPieceOfTheLastHourAfterEarlierHoursJoinsItsCell() {
    // Buckets: 02:00-02:30 100 µJ, hour 0 10 µJ, hour 1 20 µJ, 02:30-03:00 200 µJ; 10 % each.
    List<BucketEnergy> buckets = List.of(new BucketEnergy(h(2), h(2.5), Energy.ofMicrojoules(100)),
        new BucketEnergy(h(0), h(1), Energy.ofMicrojoules(10)),
        new BucketEnergy(h(1), h(2), Energy.ofMicrojoules(20)),
        new BucketEnergy(h(2.5), h(3), Energy.ofMicrojoules(200)));
    Energy total = Energy.ofMicrojoules(330);
    EnergyRecord r = new EnergyRecord("w", null, "w", Tags.empty(), "h", "DE", H0, h(3), 0, Attribution.MACHINE,
        List.of(new ChannelEnergy("c", "test", ChannelKind.CPU_PACKAGE, "dev", Method.COUNTER, 0.1, total, total, 0,
            List.of())), buckets, RecordStatus.COMPLETE, List.of());
    ConsumptionCells c = CellAggregator.aggregate(List.of(r));
    // u = 1, 2, 30 µJ: variances 1, 4, 900; covariances 2, 30, 60.
    assertEquals(Map.of(key("h", h(0)), new CellEnergy(10, 0, 0, BigInteger.ONE),
        key("h", h(1)), new CellEnergy(20, 0, 0, BigInteger.valueOf(4)),
        key("h", h(2)), new CellEnergy(300, 0, 0, BigInteger.valueOf(900))), c.cells());
    assertEquals(Map.of(new CellPair(key("h", h(0)), key("h", h(1))), BigInteger.valueOf(2),
        new CellPair(key("h", h(0)), key("h", h(2))), BigInteger.valueOf(30),
        new CellPair(key("h", h(1)), key("h", h(2))), BigInteger.valueOf(60)), c.covariances());
  }
}
