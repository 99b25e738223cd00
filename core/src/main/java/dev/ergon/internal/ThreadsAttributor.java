package dev.ergon.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The THREADS policy: the process's share of the machine's energy, divided among top-level jobs by the CPU time
 * of the threads inside each (and its descendants); a job's amount divided among its open children the same way,
 * the part for threads inside the job itself but in no child staying the job's own.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: used under the reading lock.
 */
public final class ThreadsAttributor implements Attributor {

  private final ProcessShare processShare;
  private final ThreadScopes scopes;
  private long processCpu;

  /**
   * Creates the policy.
   *
   * @param processShare the process's share of the machine
   * @param scopes the threads inside jobs, with CPU tracking on
   */
  public ThreadsAttributor(ProcessShare processShare, ThreadScopes scopes) {
    this.processShare = processShare;
    this.scopes = scopes;
  }

  @Override
  public double begin(long elapsedNanos, List<JobAccount> roots) {
    ProcessShare.Step step = processShare.next(elapsedNanos);
    processCpu = step.processNanos();
    scopes.collect();
    for (JobAccount r : roots) {
      subtree(r);
    }
    return step.share();
  }

  private static long subtree(JobAccount job) {
    long cpu = job.takeCpu();
    for (JobAccount c : job.openChildren) {
      cpu += subtree(c);
    }
    job.subtreeCpu = cpu;
    job.subtreeCpuTotal += cpu;
    return cpu;
  }

  @Override
  public void weigh(@Nullable JobAccount parent, List<JobAccount> jobs) {
    long whole = parent == null ? processCpu : parent.subtreeCpu;
    for (JobAccount j : jobs) {
      j.weight = whole > 0 ? (double) j.subtreeCpu / whole : 0.0;
    }
  }

  @Override
  public @Nullable String closingProblem(JobAccount job) {
    if (job.subtreeCpuTotal > 0) {
      return null;
    }
    if (job.cpuUnmeasurable) {
      return "THREADS attribution: the CPU time of a thread inside this job cannot be measured on this JVM (a "
          + "virtual thread, or no thread CPU clock), so its share is near zero; use MACHINE or PROCESS attribution";
    }
    return "THREADS attribution: no thread inside this job used CPU time while it was open, so its share is near "
        + "zero; run its work on the thread that opened it or on threads given job.wrap(...) or job.join()";
  }
}
