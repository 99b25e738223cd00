package dev.ergon.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Simulated runs with known distributions: over many seeds the 95 % interval of the difference covers the true
 * difference at about 95 % (with a tolerance for the finite number of trials), and equal groups are found
 * significantly different at about 5 %.
 *
 * <p>Trials are independent Bernoulli(p ≈ 0.95): over 400 trials the count's standard deviation is
 * √(400 · 0.95 · 0.05) = 4.4, so a coverage outside [0.92, 0.98] (±6.9 standard deviations from 380) means the
 * method is wrong, not unlucky.
 */
class CoveragePropertiesTest {
  private static final int TRIALS = 400;

  private static double[] normal(SplittableRandom r, int n, double mean, double sd) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      // Box–Muller
      double u1 = 1 - r.nextDouble();
      double u2 = r.nextDouble();
      x[i] = mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
    return x;
  }

  private static double[] logNormal(SplittableRandom r, int n, double mu, double sigma) {
    double[] x = normal(r, n, mu, sigma);
    for (int i = 0; i < n; i++) {
      x[i] = Math.exp(x[i]);
    }
    return x;
  }

  @Test
  void welchCoversTheTrueDifferenceAtAbout95Percent() {
    int covered = 0;
    int welch = 0;
    for (int seed = 0; seed < TRIALS; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      // True means 10 and 11 (difference 1), unequal spreads and sizes: Welch's setting.
      Comparison c = Comparison.of(ComparisonTest.group("A", normal(r, 12, 10, 1)),
          ComparisonTest.group("B", normal(r, 15, 11, 2)), new ComparisonSettings(0.05, 1000, seed));
      if (c.difference().contains(1.0)) {
        covered++;
      }
      if (c.method() == IntervalMethod.WELCH) {
        welch++;
      }
    }
    double rate = covered / (double) TRIALS;
    assertTrue(rate >= 0.92 && rate <= 0.98, "coverage " + rate);
    assertTrue(welch > TRIALS * 0.8, "normal runs mostly take Welch's interval: " + welch);
  }

  @Test
  void bootstrapCoversSkewedRunsAtAbout95Percent() {
    // Log-normal runs (skewness ≈ 6 for σ = 1): mean e^(μ + σ²/2). A: μ = 0, B: μ = 0.3, σ = 1, 40 runs a side.
    double trueDiff = Math.exp(0.3 + 0.5) - Math.exp(0.5);
    int covered = 0;
    int bca = 0;
    int trials = 300;
    for (int seed = 0; seed < trials; seed++) {
      SplittableRandom r = new SplittableRandom(1000 + seed);
      Comparison c = Comparison.of(ComparisonTest.group("A", logNormal(r, 40, 0, 1)),
          ComparisonTest.group("B", logNormal(r, 40, 0.3, 1)), new ComparisonSettings(0.05, 2000, seed));
      if (c.difference().contains(trueDiff)) {
        covered++;
      }
      if (c.method() == IntervalMethod.BOOTSTRAP_BCA) {
        bca++;
      }
    }
    double rate = covered / (double) trials;
    // BCa on skewed means at n = 40 under-covers a little (a known property); 300 trials: sd 1.3 %.
    assertTrue(rate >= 0.88 && rate <= 0.98, "coverage " + rate);
    assertTrue(bca > trials / 2, "skewed runs mostly take the bootstrap: " + bca);
  }

  @Test
  void fewRunsStillCoverAtLeastTheStatedRate() {
    int covered = 0;
    for (int seed = 0; seed < TRIALS; seed++) {
      SplittableRandom r = new SplittableRandom(5000 + seed);
      Comparison c = Comparison.of(ComparisonTest.group("A", normal(r, 4, 10, 1)),
          ComparisonTest.group("B", normal(r, 5, 12, 1.5)), new ComparisonSettings(0.05, 1000, seed));
      assertEquals(IntervalMethod.WELCH_BOOTSTRAP_HULL, c.method());
      if (c.difference().contains(2.0)) {
        covered++;
      }
    }
    double rate = covered / (double) TRIALS;
    assertTrue(rate >= 0.93, "the hull must cover at least as often as Welch's: " + rate);
  }

  @Test
  void equalGroupsAreRarelySignificant() {
    int significant = 0;
    for (int seed = 0; seed < TRIALS; seed++) {
      SplittableRandom r = new SplittableRandom(9000 + seed);
      Comparison c = Comparison.of(ComparisonTest.group("A", normal(r, 15, 5, 0.5)),
          ComparisonTest.group("B", normal(r, 15, 5, 0.5)), new ComparisonSettings(0.05, 1000, seed));
      if (c.isSignificant()) {
        significant++;
      }
    }
    double rate = significant / (double) TRIALS;
    assertTrue(rate <= 0.08, "false positives " + rate);
  }
}
