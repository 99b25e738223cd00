package dev.ergon.compare;

import dev.ergon.compare.internal.BootstrapBca;
import dev.ergon.compare.internal.Welch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;

/**
 * An A/B comparison of runs: each side's mean figure per unit with its 95 % interval, the difference B − A and the
 * ratio B / A with theirs, Welch's p-value, the runs each side would need to detect an effect, and warnings.
 *
 * <p><b>Which interval.</b> {@link IntervalMethod#WELCH} when both sides have at least {@value #FEW_RUNS} runs and
 * neither is skewed (|G1| at most {@value #SKEWED}); {@link IntervalMethod#BOOTSTRAP_BCA} when both have at least
 * {@value #FEW_RUNS} runs and one is skewed; {@link IntervalMethod#WELCH_BOOTSTRAP_HULL} when a side has fewer: the
 * hull of both intervals, since with few runs neither normality (Welch) nor the sample standing for the population
 * (bootstrap) can be checked. The same rule picks each side's own interval. The p-value is always Welch's t-test
 * (two-sided); with skewed runs it is approximate, and a warning says so.
 *
 * <p><b>Runs needed.</b> For a difference δ = effect × mean(A):
 * {@code n = (t(0.975, ν) + t(0.80, ν))² (s²A + s²B) / δ²} per side (α = 0.05 two-sided, 80 % power), ν the
 * Welch–Satterthwaite df at n runs a side, the sample variances standing for the true ones.
 *
 * <p><b>Refusals and warnings.</b> Fewer than 2 runs on a side is refused. Sides measured by different methods
 * (a counter against a model), on different hosts or on different devices are compared, with a warning: the
 * comparison then mixes instruments.
 *
 * <p>Immutable and thread-safe.
 *
 * @param a side A
 * @param b side B
 * @param unit the unit of the per-unit figures and the difference, e.g. {@code J per 1000 units}
 * @param difference mean(B) − mean(A), same unit, with its 95 % interval
 * @param ratio mean(B) / mean(A), a pure number, with its 95 % interval; null when A's mean is 0
 * @param pValue Welch's two-sided p-value for equal means, 0 to 1
 * @param method how the intervals were computed
 * @param effect the relative effect the runs are sized for, e.g. 0.05
 * @param runsNeeded the runs per side to detect that effect at 80 % power and α = 0.05; null when A's mean is 0
 * @param settings the settings used
 * @param warnings what the reader must know, in order
 * @since 0.2
 */
public record Comparison(
    GroupSummary a,
    GroupSummary b,
    String unit,
    Estimate difference,
    @Nullable Estimate ratio,
    double pValue,
    IntervalMethod method,
    double effect,
    @Nullable Long runsNeeded,
    ComparisonSettings settings,
    List<String> warnings) {

  /** Under this many runs on a side, the intervals are the hull of Welch's and the bootstrap's. */
  public static final int FEW_RUNS = 10;

  /** Above this |sample skewness| a side counts as skewed. */
  public static final double SKEWED = 1.0;

  /** The fewest runs a side can have. */
  public static final int MIN_RUNS = 2;

  /** Validates the fields and copies the warnings. */
  public Comparison {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(difference, "difference");
    warnings = List.copyOf(warnings);
  }

  /**
   * Compares two groups of runs.
   *
   * @param a side A (the baseline)
   * @param b side B
   * @param settings effect, resamples, seed
   * @return the comparison
   * @throws IllegalArgumentException if a side has fewer than {@value #MIN_RUNS} runs (naming the count), or the
   *     sides are per different bases
   */
  public static Comparison of(RunGroup a, RunGroup b, ComparisonSettings settings) {
    for (RunGroup g : List.of(a, b)) {
      if (g.runs() < MIN_RUNS) {
        throw new IllegalArgumentException(g.label() + " (" + g.selection() + ") has " + g.runs() + " run"
            + (g.runs() == 1 ? "" : "s") + "; a comparison needs at least " + MIN_RUNS + " a side (more for a "
            + "useful interval): select more runs or record more");
      }
    }
    if (!a.basis().equals(b.basis())) {
      throw new IllegalArgumentException("A is " + a.basis().unit() + " and B " + b.basis().unit()
          + "; compare on one basis");
    }
    double[] xa = values(a);
    double[] xb = values(b);
    double skewA = Welch.skewness(xa);
    double skewB = Welch.skewness(xb);
    boolean few = Math.min(xa.length, xb.length) < FEW_RUNS;
    boolean skewed = Math.abs(skewA) > SKEWED || Math.abs(skewB) > SKEWED;
    IntervalMethod method = few ? IntervalMethod.WELCH_BOOTSTRAP_HULL
        : skewed ? IntervalMethod.BOOTSTRAP_BCA : IntervalMethod.WELCH;

    BootstrapBca boot = method == IntervalMethod.WELCH ? null
        : new BootstrapBca(xa, xb, settings.resamples(), settings.seed());
    Estimate ia = pick(method, Welch.meanInterval(xa), boot == null ? null : boot.mean(false));
    Estimate ib = pick(method, Welch.meanInterval(xb), boot == null ? null : boot.mean(true));
    Estimate diff = pick(method, Welch.difference(xa, xb), boot == null ? null : boot.difference());
    Estimate welchRatio = Welch.ratio(xa, xb);
    Estimate ratio = welchRatio == null ? null : pick(method, welchRatio, boot == null ? null : boot.ratio());
    double p = Welch.pValue(xa, xb);
    double va = Welch.variance(xa);
    double vb = Welch.variance(xb);
    double meanA = ia.value();
    Long needed = meanA > 0 ? Welch.runsNeeded(va, vb, settings.effect() * meanA) : null;

    List<String> warnings = new ArrayList<>();
    warnings.addAll(a.notes());
    warnings.addAll(b.notes());
    mixed(warnings, "measured by different methods", a.methods(), b.methods(),
        "the comparison mixes instruments (a counter against a model is not like for like)");
    mixed(warnings, "run on different hosts", a.hosts(), b.hosts(),
        "the comparison mixes machines as well as variants");
    mixed(warnings, "metered on different devices", a.devices(), b.devices(),
        "the comparison mixes instruments");
    if (few) {
      warnings.add("fewer than " + FEW_RUNS + " runs on a side (A " + xa.length + ", B " + xb.length + "): the "
          + "intervals are the hull of Welch's and the bootstrap BCa's; record more runs for a sharper answer");
    } else if (skewed) {
      warnings.add(String.format(java.util.Locale.US, "skewed runs (skewness A %.2f, B %.2f): the intervals are the "
          + "bootstrap BCa's; Welch's p-value is approximate", skewA, skewB));
    }
    if (meanA <= 0) {
      warnings.add("A's mean is 0: no ratio and no runs needed");
    }
    return new Comparison(
        new GroupSummary(a.label(), a.selection(), xa.length, ia, Math.sqrt(va), skewA),
        new GroupSummary(b.label(), b.selection(), xb.length, ib, Math.sqrt(vb), skewB),
        a.basis().unit(), diff, ratio, p, method, settings.effect(), needed, settings, warnings);
  }

  /**
   * Tells whether the difference is significant at α = 0.05 (Welch's p-value below 0.05).
   *
   * @return true if significant
   */
  public boolean isSignificant() {
    return pValue < 0.05;
  }

  private static Estimate pick(IntervalMethod method, Estimate welch, @Nullable Estimate boot) {
    if (method == IntervalMethod.WELCH || boot == null) {
      return welch;
    }
    if (method == IntervalMethod.BOOTSTRAP_BCA) {
      return boot;
    }
    return new Estimate(welch.value(), Math.min(welch.lower(), boot.lower()), Math.max(welch.upper(), boot.upper()));
  }

  private static void mixed(List<String> warnings, String what, SortedSet<String> a, SortedSet<String> b,
      String consequence) {
    if (!a.isEmpty() && !b.isEmpty() && !a.equals(b)) {
      warnings.add("A and B were " + what + " (A: " + String.join(", ", a) + "; B: " + String.join(", ", b) + "): "
          + consequence);
    }
  }

  private static double[] values(RunGroup g) {
    double[] x = new double[g.runs()];
    for (int i = 0; i < x.length; i++) {
      x[i] = g.values().get(i);
    }
    return x;
  }
}
