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

  /** Below this much process CPU time over a job's life, the outside-any-job check says nothing. */
  private static final long MIN_PROCESS_CPU_NANOS = 100_000_000L;
  /** Flag a job when the threads inside all jobs used less than this fraction of the process's CPU time. */
  private static final double OUTSIDE_FRACTION = 0.05;

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
    long inJobs = 0;
    for (JobAccount r : roots) {
      inJobs += subtree(r);
    }
    if (processCpu > 0) {
      for (JobAccount r : roots) {
        tally(r, processCpu, Math.min(inJobs, processCpu));
      }
    }
    return step.share();
  }

  /** Adds the interval's process CPU and the part of it inside any job to every open job's lifetime tally. */
  private static void tally(JobAccount job, long process, long inJobs) {
    job.processCpuWhileOpen += process;
    job.jobsCpuWhileOpen += inJobs;
    for (JobAccount c : job.openChildren) {
      tally(c, process, inJobs);
    }
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
      // Most of the process's CPU time ran on threads inside no job: work handed to other threads without wrap().
      if (job.processCpuWhileOpen >= MIN_PROCESS_CPU_NANOS
          && job.jobsCpuWhileOpen < job.processCpuWhileOpen * OUTSIDE_FRACTION) {
        return String.format(java.util.Locale.US, "THREADS attribution: while this job was open, %.1f %% of this "
            + "process's CPU time ran on threads inside a job, the rest on threads inside none, so its share may be "
            + "far too small; hand work to other threads through job.wrap(...) or job.join()",
            100.0 * job.jobsCpuWhileOpen / job.processCpuWhileOpen);
      }
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
