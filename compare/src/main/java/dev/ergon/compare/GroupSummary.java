package dev.ergon.compare;

/**
 * One side's figures in a comparison.
 *
 * <p>Immutable and thread-safe.
 *
 * @param label {@code A} or {@code B}
 * @param selection what was selected
 * @param runs the number of runs
 * @param perUnit the mean figure per run with its 95 % interval, in joules per the comparison's basis
 * @param standardDeviation the sample standard deviation of the runs (n − 1), same unit
 * @param skewness the adjusted Fisher–Pearson sample skewness, a pure number; NaN under 3 runs or when all runs are
 *     equal
 * @since 0.2
 */
public record GroupSummary(String label, String selection, int runs, Estimate perUnit, double standardDeviation,
    double skewness) {}
