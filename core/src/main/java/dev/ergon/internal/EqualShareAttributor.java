package dev.ergon.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The MACHINE and PROCESS policies: the top-level jobs open in an interval divide the machine's energy (MACHINE) or
 * the process's share of it (PROCESS) equally; the open children of a job divide their parent's amount equally,
 * so a single child is charged all of its parent's energy while it is open.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: used under the reading lock.
 */
public final class EqualShareAttributor implements Attributor {

  private final @Nullable ProcessShare processShare;

  /**
   * Creates the policy.
   *
   * @param processShare the process's share of the machine (PROCESS), or null for the whole machine (MACHINE)
   */
  public EqualShareAttributor(@Nullable ProcessShare processShare) {
    this.processShare = processShare;
  }

  @Override
  public double begin(long elapsedNanos, List<JobAccount> roots) {
    ProcessShare p = processShare;
    return p == null ? 1.0 : p.next(elapsedNanos).share();
  }

  @Override
  public void weigh(@Nullable JobAccount parent, List<JobAccount> jobs) {
    double w = 1.0 / jobs.size();
    for (JobAccount j : jobs) {
      j.weight = w;
    }
  }
}
