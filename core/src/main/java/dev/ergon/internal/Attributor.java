package dev.ergon.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One attribution policy: how an interval's energy is shared among the open jobs, level by level.
 *
 * <p>For each interval the {@link JobTree} first calls {@link #begin}, which returns the fraction of the machine's
 * energy that belongs to this process; then {@link #weigh} for the top-level jobs and for the open children of
 * every job. A job's weight is its fraction of what its level divides: for top-level jobs the process's share, for
 * children their parent's amount. Weights of one level sum to at most one; what is left stays unattributed (top
 * level) or is the parent's own (below).
 *
 * <p>This interface is internal and is hence not for public use. Implementations are called under the sampler's
 * reading lock, one interval at a time.
 */
public interface Attributor {

  /**
   * Prepares for one interval.
   *
   * @param elapsedNanos the interval's length, ns
   * @param roots the open top-level jobs
   * @return the process's fraction of the machine's energy in the interval, in {@code [0, 1]}
   */
  double begin(long elapsedNanos, List<JobAccount> roots);

  /**
   * Sets {@link JobAccount#weight} of each job of one level.
   *
   * @param parent the jobs' parent, or null for the top level
   * @param jobs the open jobs of the level, not empty
   */
  void weigh(@Nullable JobAccount parent, List<JobAccount> jobs);

  /**
   * Returns a problem to record for a job when it closes, if the policy charged it in a way the user should know
   * about (for example no CPU time under THREADS).
   *
   * @param job the closing job
   * @return the problem text, or null
   */
  default @Nullable String closingProblem(JobAccount job) {
    return null;
  }
}
