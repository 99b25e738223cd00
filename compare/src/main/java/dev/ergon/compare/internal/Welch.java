package dev.ergon.compare.internal;

import dev.ergon.compare.Estimate;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Skewness;
import org.apache.commons.statistics.descriptive.Variance;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;
import org.jspecify.annotations.Nullable;

/**
 * Welch's t for means, their difference and their ratio, and the runs needed per side for an effect. The
 * distributions and the test are Apache Commons Statistics'.
 *
 * <p>This class is internal and is hence not for public use. Stateless and thread-safe.
 */
public final class Welch {
  /** Two-sided 95 %: the upper quantile's probability. */
  public static final double UPPER = 0.975;

  private Welch() {}

  /** The arithmetic mean. */
  public static double mean(double[] x) {
    return Mean.of(x).getAsDouble();
  }

  /** The unbiased sample variance (n − 1); 0 for one value. */
  public static double variance(double[] x) {
    return x.length < 2 ? 0 : Variance.of(x).getAsDouble();
  }

  /** The adjusted Fisher–Pearson sample skewness G1; NaN under 3 values or when all values are equal. */
  public static double skewness(double[] x) {
    return x.length < 3 ? Double.NaN : Skewness.of(x).getAsDouble();
  }

  /** The t quantile {@code p} with {@code df} degrees of freedom (the normal one when df is infinite). */
  public static double t(double p, double df) {
    if (Double.isInfinite(df) || df > 1e7) {
      return NormalDistribution.of(0, 1).inverseCumulativeProbability(p);
    }
    return TDistribution.of(df).inverseCumulativeProbability(p);
  }

  /** The 95 % t interval of a mean. */
  public static Estimate meanInterval(double[] x) {
    double m = mean(x);
    double se = Math.sqrt(variance(x) / x.length);
    double h = se == 0 ? 0 : t(UPPER, x.length - 1) * se;
    return new Estimate(m, m - h, m + h);
  }

  /** Welch–Satterthwaite degrees of freedom for two variance components {@code u = s²/n} with their df. */
  static double df(double ua, double dfa, double ub, double dfb) {
    double num = (ua + ub) * (ua + ub);
    double den = ua * ua / dfa + ub * ub / dfb;
    return den == 0 ? Double.POSITIVE_INFINITY : num / den;
  }

  /** Welch's 95 % interval for mean(b) − mean(a). */
  public static Estimate difference(double[] a, double[] b) {
    double d = mean(b) - mean(a);
    double ua = variance(a) / a.length;
    double ub = variance(b) / b.length;
    double se = Math.sqrt(ua + ub);
    double h = se == 0 ? 0 : t(UPPER, df(ua, a.length - 1, ub, b.length - 1)) * se;
    return new Estimate(d, d - h, d + h);
  }

  /**
   * Welch's 95 % interval for mean(b) / mean(a) on the log scale (delta method: the relative standard errors
   * combine as Welch's components), or null when a mean is not positive.
   */
  public static @Nullable Estimate ratio(double[] a, double[] b) {
    double ma = mean(a);
    double mb = mean(b);
    if (!(ma > 0 && mb > 0)) {
      return null;
    }
    double ua = variance(a) / (a.length * ma * ma);
    double ub = variance(b) / (b.length * mb * mb);
    double se = Math.sqrt(ua + ub);
    double h = se == 0 ? 0 : t(UPPER, df(ua, a.length - 1, ub, b.length - 1)) * se;
    double r = mb / ma;
    return new Estimate(r, Math.min(r, r * Math.exp(-h)), Math.max(r, r * Math.exp(h)));
  }

  /** The two-sided p-value of Welch's t-test of equal means; 1 or 0 when both groups are constant. */
  public static double pValue(double[] a, double[] b) {
    if (variance(a) == 0 && variance(b) == 0) {
      return mean(a) == mean(b) ? 1 : 0;
    }
    return TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC).with(AlternativeHypothesis.TWO_SIDED)
        .test(a, b).getPValue();
  }

  /**
   * The runs needed on each side for a two-sided Welch test at α = 0.05 to detect a difference {@code delta} with
   * 80 % power: {@code n = (t(0.975, ν) + t(0.80, ν))² (s²a + s²b) / δ²}, with ν the Welch–Satterthwaite df at
   * n runs a side, iterated from the normal quantiles until n is stable.
   *
   * @param va the variance of A's runs
   * @param vb the variance of B's runs
   * @param delta the difference to detect, in the runs' unit, {@code > 0}
   * @return the runs per side, at least 2
   */
  public static long runsNeeded(double va, double vb, double delta) {
    double sum = va + vb;
    if (sum == 0) {
      return 2;
    }
    double za = t(UPPER, Double.POSITIVE_INFINITY) + t(0.80, Double.POSITIVE_INFINITY);
    double n = Math.max(2, Math.ceil(za * za * sum / (delta * delta)));
    for (int i = 0; i < 100; i++) {
      double df = sum * sum * (n - 1) / (va * va + vb * vb);
      double q = t(UPPER, df) + t(0.80, df);
      double next = Math.max(2, Math.ceil(q * q * sum / (delta * delta)));
      if (next == n) {
        break;
      }
      n = next;
    }
    if (n > 9e18) {
      return Long.MAX_VALUE;
    }
    return (long) n;
  }
}
