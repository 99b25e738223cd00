package dev.ergon.internal;

/**
 * This process's share of the machine's busy CPU time, interval by interval.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: used under the reading lock.
 */
public final class ProcessShare {

  /**
   * One interval's CPU times.
   *
   * @param processNanos CPU time used by this process in the interval, ns
   * @param share the process's fraction of the machine's busy CPU time, in {@code [0, 1]}
   */
  public record Step(long processNanos, double share) {}

  private final CpuTimes cpuTimes;
  private long lastProcess;
  private long lastMachine;

  /**
   * Creates the tracker and takes the first CPU readings.
   *
   * @param cpuTimes the source of CPU times
   */
  public ProcessShare(CpuTimes cpuTimes) {
    this.cpuTimes = cpuTimes;
    this.lastProcess = cpuTimes.processNanos();
    this.lastMachine = cpuTimes.machineBusyNanos(0);
  }

  /**
   * Reads the CPU times and returns the interval since the previous call.
   *
   * @param elapsedNanos the interval's wall length, ns (for a machine without {@code /proc/stat})
   * @return the interval's figures
   */
  public Step next(long elapsedNanos) {
    long p = cpuTimes.processNanos();
    long m = cpuTimes.machineBusyNanos(elapsedNanos);
    long processDelta = p >= 0 && lastProcess >= 0 ? Math.max(0, p - lastProcess) : 0;
    long machineDelta = m >= 0 && lastMachine >= 0 ? Math.max(0, m - lastMachine) : 0;
    lastProcess = p;
    lastMachine = m;
    double share = machineDelta > 0 ? Math.min(1.0, (double) processDelta / machineDelta) : 0.0;
    return new Step(processDelta, share);
  }
}
