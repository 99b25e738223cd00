package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The value axis: nice ticks (1, 2 or 5 times a power of ten, about five per axis), the lower bound at or below 0, and
 * the linear map to pixels; expected ticks and pixels worked out by hand from the rule.
 */
class ChartScaleTest {
  private static void assertTicks(List<Double> expected, ChartScale s) {
    List<Double> actual = s.ticks();
    assertEquals(expected.size(), actual.size(), () -> "ticks " + actual);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), actual.get(i), 1e-12, "tick " + i + " of " + actual);
    }
  }

  @Test
  void tickIsTheNiceStepAtOrAboveAFifthOfTheRange() {
    // a fifth of the range exactly 1: tick 1 (f <= 1 takes the 1)
    assertTicks(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0), ChartScale.of(0, 5, 100, 0));
    // a fifth 1.5: tick 2, upper bound rounded up from 7.5 to 8
    assertTicks(List.of(0.0, 2.0, 4.0, 6.0, 8.0), ChartScale.of(0, 7.5, 100, 0));
    // a fifth exactly 2: tick 2
    assertTicks(List.of(0.0, 2.0, 4.0, 6.0, 8.0, 10.0), ChartScale.of(0, 10, 100, 0));
    // a fifth 3: tick 5
    assertTicks(List.of(0.0, 5.0, 10.0, 15.0), ChartScale.of(0, 15, 100, 0));
    // a fifth exactly 5: tick 5
    assertTicks(List.of(0.0, 5.0, 10.0, 15.0, 20.0, 25.0), ChartScale.of(0, 25, 100, 0));
    // a fifth 6: tick 10
    assertTicks(List.of(0.0, 10.0, 20.0, 30.0), ChartScale.of(0, 30, 100, 0));
    // a fifth 100: the power of ten scales the step
    assertTicks(List.of(0.0, 100.0, 200.0, 300.0, 400.0, 500.0), ChartScale.of(0, 500, 100, 0));
    // a fifth 0.8: magnitude 0.1, 8 rounds up to 10 x 0.1 = 1
    assertTicks(List.of(0.0, 1.0, 2.0, 3.0, 4.0), ChartScale.of(0, 4, 100, 0));
  }

  @Test
  void negativeMinimumWidensTheAxisDownToANiceBound() {
    // [-3, 7]: a fifth of 10 is 2; lower bound floor(-1.5) x 2 = -4, upper ceil(3.5) x 2 = 8
    ChartScale s = ChartScale.of(-3, 7, 250, 50);
    assertTicks(List.of(-4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 8.0), s);
    // pixels: 250 + (v + 4) / 12 x (50 - 250)
    assertEquals(250, s.pixel(-4), 1e-9);
    assertEquals(200, s.pixel(-1), 1e-9);
    assertEquals(150, s.pixel(2), 1e-9);
    assertEquals(50, s.pixel(8), 1e-9);
    // clamped outside the axis
    assertEquals(250, s.pixel(-100), 1e-9);
    assertEquals(50, s.pixel(100), 1e-9);
  }

  @Test
  void positiveMinimumStartsTheAxisAtZero() {
    ChartScale s = ChartScale.of(3, 7, 200, 0);
    // [0, 7]: a fifth 1.4: tick 2, upper bound 8
    assertTicks(List.of(0.0, 2.0, 4.0, 6.0, 8.0), s);
    assertEquals(200, s.pixel(0), 1e-9);
    assertEquals(125, s.pixel(3), 1e-9); // 200 - 3/8 x 200
  }

  @Test
  void pixelsMapLinearlyFromBottomToTop() {
    ChartScale s = ChartScale.of(0, 10, 224, 16);
    // 224 + v / 10 x (16 - 224) = 224 - 20.8 v
    assertEquals(224, s.pixel(0), 1e-9);
    assertEquals(172, s.pixel(2.5), 1e-9);
    assertEquals(120, s.pixel(5), 1e-9);
    assertEquals(16, s.pixel(10), 1e-9);
    assertEquals(16, s.pixel(11), 1e-9);
    assertEquals(224, s.pixel(-1), 1e-9);
  }

  @Test
  void emptyOrNonFiniteRangeShowsZeroToOne() {
    // max not above min: [0, 1], a fifth 0.2: tick 0.2
    List<Double> zeroToOne = List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
    assertTicks(zeroToOne, ChartScale.of(0, 0, 100, 0));
    assertTicks(zeroToOne, ChartScale.of(Double.NaN, Double.NaN, 100, 0));
    assertTicks(zeroToOne, ChartScale.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 100, 0));
    assertTicks(zeroToOne, ChartScale.of(5, -2, 100, 0));
    // min below 0 but max not above it: [min, min + 1]
    assertTicks(List.of(-5.0, -4.8, -4.6, -4.4, -4.2, -4.0), ChartScale.of(-5, -5, 100, 0));
    assertEquals(50, ChartScale.of(0, 0, 100, 0).pixel(0.5), 1e-9);
  }

  @Test
  void zeroTickIsPositiveZero() {
    // -0.3 + 3 x 0.1 is not exactly 0 in binary; the tick at zero is written as 0
    for (ChartScale s : List.of(ChartScale.of(-0.3, 0.2, 1, 0), ChartScale.of(-0.7, 0.3, 1, 0),
        ChartScale.of(-3, 7, 1, 0), ChartScale.of(-0.03, 0.07, 1, 0))) {
      List<Double> t = s.ticks();
      long zeros = t.stream().filter(v -> Double.doubleToLongBits(v) == Double.doubleToLongBits(0.0)).count();
      assertEquals(1, zeros, () -> "ticks " + t);
      assertTrue(t.stream().noneMatch(v -> v != 0 && Math.abs(v) < 1e-6), () -> "ticks " + t);
    }
  }

  @Test
  void ticksAreNiceEvenlySpacedAndCoverTheValues() {
    qt().withExamples(5_000)
        .forAll(doubles().between(-1e6, 1e6), doubles().between(-1e6, 1e6))
        .checkAssert((a, b) -> {
          double min = Math.min(a, b);
          double max = Math.max(a, b);
          ChartScale s = ChartScale.of(min, max, 300, 20);
          List<Double> t = s.ticks();
          assertTrue(t.size() >= 3 && t.size() <= 8, () -> min + ".." + max + ": " + t);
          double step = t.get(1) - t.get(0);
          double mag = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
          double f = step / mag;
          assertTrue(Math.abs(f - 1) < 1e-6 || Math.abs(f - 2) < 1e-6 || Math.abs(f - 5) < 1e-6,
              () -> "step " + step);
          for (int i = 1; i < t.size(); i++) {
            assertEquals(step, t.get(i) - t.get(i - 1), step * 1e-6, () -> "ticks " + t);
          }
          double lo = Math.min(0, min);
          double hi = max > lo ? max : lo + 1;
          assertTrue(t.get(0) <= lo && t.get(0) > lo - step * 1.000001, () -> min + ".." + max + ": " + t);
          assertTrue(t.get(t.size() - 1) >= hi && t.get(t.size() - 1) < hi + step * 1.000001, () -> min + ".." + max + ": " + t);
          // the first tick is at the bottom pixel, the last at the top, values in between monotone
          assertEquals(300, s.pixel(t.get(0)), 1e-6);
          assertEquals(20, s.pixel(t.get(t.size() - 1)), 1e-6);
          assertTrue(s.pixel(min) >= s.pixel(max));
        });
  }
}
