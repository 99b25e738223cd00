package dev.ergon.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IntervalSplitTest {

  @Test
  void equalSplitFloorsAndKeepsTheRemainder() {
    long[] out = new long[3];
    long total = IntervalSplit.split(100, 1.0, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, out);
    assertArrayEquals(new long[] {33, 33, 33}, out);
    assertEquals(99, total);
  }

  @Test
  void processShareScalesTheSplit() {
    long[] out = new long[2];
    IntervalSplit.split(1000, 0.25, new double[] {0.5, 0.5}, out);
    assertArrayEquals(new long[] {125, 125}, out);
  }

  @Test
  void weightsAboveOneAreScaledDown() {
    long[] out = new long[2];
    long total = IntervalSplit.split(1000, 1.0, new double[] {1.5, 0.5}, out);
    assertArrayEquals(new long[] {750, 250}, out);
    assertEquals(1000, total);
  }

  @Test
  void splitNeverGivesMoreThanTheDelta() {
    qt().forAll(longs().between(0, Long.MAX_VALUE / 2), doubles().between(-1, 2),
            lists().of(doubles().between(-1, 3)).ofSizeBetween(0, 30))
        .checkAssert((delta, share, ws) -> {
          double[] w = ws.stream().mapToDouble(Double::doubleValue).toArray();
          long[] out = new long[w.length];
          long total = IntervalSplit.split(delta, share, w, out);
          long sum = 0;
          for (long a : out) {
            assertTrue(a >= 0);
            sum += a;
          }
          assertEquals(sum, total);
          assertTrue(total <= delta, total + " > " + delta);
        });
  }

  @Test
  void bucketsShareAnIntervalInProportionToTime() {
    TreeMap<Long, Long> got = new TreeMap<>();
    long hour = 3_600_000;
    // 10:45 to 11:15 UTC: half in each hour.
    Instant from = Instant.parse("2026-01-01T10:45:00Z");
    Instant to = Instant.parse("2026-01-01T11:15:00Z");
    IntervalSplit.overBuckets(1001, from, to, hour, (b, uj) -> got.merge(b, uj, Long::sum));
    long b10 = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli() / hour;
    assertEquals(500L, got.get(b10));
    assertEquals(501L, got.get(b10 + 1));
  }

  @Test
  void bucketSharesSumExactly() {
    qt().forAll(longs().between(0, Long.MAX_VALUE / 4), longs().between(0, 10L * 86_400_000),
            longs().between(0, 3L * 86_400_000), integers().between(1, 96))
        .checkAssert((amount, start, length, perDay) -> {
          long bucket = 86_400_000L / perDay;
          long[] sum = {0};
          IntervalSplit.overBuckets(amount, Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + length),
              bucket, (b, uj) -> {
                assertTrue(uj >= 0);
                assertTrue(b * bucket < start + length || length == 0 || b * bucket == start + length);
                sum[0] += uj;
              });
          assertEquals(amount, sum[0]);
        });
  }

  @Test
  void anIntervalEndingOnTheHourTouchesNoNextBucketAndTheLastBucketTakesTheRemainder() {
    java.util.List<long[]> got = new java.util.ArrayList<>();
    long hour = 3_600_000;
    long b10 = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli() / hour;
    // 10:30 to 12:00, 1,000 µJ: 30 of 90 minutes in hour 10 → floor(333.3) = 333; hour 11 takes the rest, 667.
    IntervalSplit.overBuckets(1000, Instant.parse("2026-01-01T10:30:00Z"), Instant.parse("2026-01-01T12:00:00Z"),
        hour, (b, uj) -> got.add(new long[] {b - b10, uj}));
    assertEquals(java.util.List.of("0=333", "1=667"), got.stream().map(x -> x[0] + "=" + x[1]).toList());
    got.clear();
    // 09:20 to 11:40, 7,000 µJ over 140 minutes: hour 9 gets 40 min → 2,000; hour 10 60 min → 3,000; hour 11 the
    // remaining 2,000.
    IntervalSplit.overBuckets(7000, Instant.parse("2026-01-01T09:20:00Z"), Instant.parse("2026-01-01T11:40:00Z"),
        hour, (b, uj) -> got.add(new long[] {b - b10, uj}));
    assertEquals(java.util.List.of("-1=2000", "0=3000", "1=2000"), got.stream().map(x -> x[0] + "=" + x[1]).toList());
    got.clear();
    // An empty interval exactly on a boundary belongs to the bucket that starts there.
    Instant onTheHour = Instant.parse("2026-01-01T11:00:00Z");
    IntervalSplit.overBuckets(5, onTheHour, onTheHour, hour, (b, uj) -> got.add(new long[] {b - b10, uj}));
    assertEquals(java.util.List.of("1=5"), got.stream().map(x -> x[0] + "=" + x[1]).toList());
  }
}
