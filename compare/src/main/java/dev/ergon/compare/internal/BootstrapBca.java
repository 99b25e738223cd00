package dev.ergon.compare.internal;

import dev.ergon.compare.Estimate;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.jspecify.annotations.Nullable;

/**
 * The two-sample bootstrap with BCa (bias-corrected and accelerated) 95 % intervals, for each group's mean, the
 * difference of means (B − A) and their ratio (B / A).
 *
 * <p>Design: each resample draws {@code n_A} runs from A and {@code n_B} from B with replacement (stratified), from
 * a {@link SplittableRandom} seeded by the caller, so the same runs and seed give the same intervals. BCa follows
 * Efron and Tibshirani, <i>An Introduction to the Bootstrap</i> (1993), ch. 14: the bias correction {@code z0} is
 * the normal quantile of the share of resampled statistics below the observed one (ties count half); the
 * acceleration {@code a} comes from the jackknife, leaving out one run at a time from its own group, each group's
 * influence values scaled by its size (14.15 extended to two samples). When the adjusted levels are not defined
 * (a degenerate distribution) the plain percentile interval is used.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one instance per computation.
 */
public final class BootstrapBca {
  private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

  private final double[] a;
  private final double[] b;
  private final double[] meanA;
  private final double[] meanB;

  /**
   * Draws the resamples.
   *
   * @param a A's runs
   * @param b B's runs
   * @param resamples the number of resamples, e.g. 10 000
   * @param seed the random seed
   */
  public BootstrapBca(double[] a, double[] b, int resamples, long seed) {
    this.a = a.clone();
    this.b = b.clone();
    SplittableRandom random = new SplittableRandom(seed);
    meanA = new double[resamples];
    meanB = new double[resamples];
    for (int i = 0; i < resamples; i++) {
      meanA[i] = resampledMean(a, random);
      meanB[i] = resampledMean(b, random);
    }
  }

  private static double resampledMean(double[] x, SplittableRandom random) {
    double sum = 0;
    for (int j = 0; j < x.length; j++) {
      sum += x[random.nextInt(x.length)];
    }
    return sum / x.length;
  }

  /** The BCa interval of A's mean (B's when {@code groupB}). */
  public Estimate mean(boolean groupB) {
    double[] x = groupB ? b : a;
    double[] star = groupB ? meanB : meanA;
    double[] jack = jackknifeMeans(x);
    return interval(Welch.mean(x), star.clone(), new double[][] {jack});
  }

  /** The BCa interval of mean(B) − mean(A). */
  public Estimate difference() {
    double[] star = new double[meanA.length];
    for (int i = 0; i < star.length; i++) {
      star[i] = meanB[i] - meanA[i];
    }
    double ma = Welch.mean(a);
    double mb = Welch.mean(b);
    double[] ja = jackknifeMeans(a);
    double[] jb = jackknifeMeans(b);
    for (int i = 0; i < ja.length; i++) {
      ja[i] = mb - ja[i];
    }
    for (int i = 0; i < jb.length; i++) {
      jb[i] = jb[i] - ma;
    }
    return interval(mb - ma, star, new double[][] {ja, jb});
  }

  /** The BCa interval of mean(B) / mean(A), or null when a mean is not positive. */
  public @Nullable Estimate ratio() {
    double ma = Welch.mean(a);
    double mb = Welch.mean(b);
    if (!(ma > 0 && mb > 0)) {
      return null;
    }
    double[] star = new double[meanA.length];
    int n = 0;
    for (int i = 0; i < star.length; i++) {
      if (meanA[i] > 0) {
        star[n++] = meanB[i] / meanA[i];
      }
    }
    double[] ja = jackknifeMeans(a);
    double[] jb = jackknifeMeans(b);
    for (int i = 0; i < ja.length; i++) {
      ja[i] = ja[i] > 0 ? mb / ja[i] : mb / ma;
    }
    for (int i = 0; i < jb.length; i++) {
      jb[i] = jb[i] / ma;
    }
    return interval(mb / ma, Arrays.copyOf(star, n), new double[][] {ja, jb});
  }

  /* Leave-one-out means; with one run, the run itself. */
  private static double[] jackknifeMeans(double[] x) {
    double sum = 0;
    for (double v : x) {
      sum += v;
    }
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x.length == 1 ? x[i] : (sum - x[i]) / (x.length - 1);
    }
    return out;
  }

  private static Estimate interval(double observed, double[] star, double[][] jackknife) {
    Arrays.sort(star);
    double below = 0;
    for (double s : star) {
      if (s < observed) {
        below++;
      } else if (s == observed) {
        below += 0.5;
      }
    }
    double share = Math.min(Math.max(below / star.length, 0.5 / star.length), 1 - 0.5 / star.length);
    double z0 = NORMAL.inverseCumulativeProbability(share);
    double acc = acceleration(jackknife);
    double lo = adjusted(z0, acc, 1 - Welch.UPPER);
    double hi = adjusted(z0, acc, Welch.UPPER);
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo >= hi) {
      lo = 1 - Welch.UPPER;
      hi = Welch.UPPER;
    }
    double lower = Math.min(observed, quantile(star, lo));
    double upper = Math.max(observed, quantile(star, hi));
    return new Estimate(observed, lower, upper);
  }

  /* Φ(z0 + (z0 + zα) / (1 − a (z0 + zα))). */
  private static double adjusted(double z0, double acc, double alpha) {
    double z = NORMAL.inverseCumulativeProbability(alpha);
    double den = 1 - acc * (z0 + z);
    if (den <= 0) {
      return Double.NaN;
    }
    return NORMAL.cumulativeProbability(z0 + (z0 + z) / den);
  }

  /* a = Σ_g Σ_i (U_gi/n_g)³ / (6 (Σ_g Σ_i (U_gi/n_g)²)^{3/2}), U_gi = (n_g − 1)(mean_g(θ_(·)) − θ_(i)). */
  private static double acceleration(double[][] jackknife) {
    double num = 0;
    double den = 0;
    for (double[] j : jackknife) {
      int n = j.length;
      if (n < 2) {
        continue;
      }
      double mean = 0;
      for (double v : j) {
        mean += v;
      }
      mean /= n;
      for (double v : j) {
        double u = (n - 1) * (mean - v) / n;
        num += u * u * u;
        den += u * u;
      }
    }
    return den == 0 ? 0 : num / (6 * Math.pow(den, 1.5));
  }

  /* Linear interpolation between order statistics (R type 7). */
  private static double quantile(double[] sorted, double p) {
    if (sorted.length == 1) {
      return sorted[0];
    }
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
