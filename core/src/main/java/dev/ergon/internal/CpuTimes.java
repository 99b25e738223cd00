package dev.ergon.internal;

/**
 * CPU time of this process and of the whole machine, for the PROCESS and THREADS attribution policies.
 *
 * <p>This interface is internal and is hence not for public use. Implementations are used under the monitor's
 * lock, one caller at a time.
 */
public interface CpuTimes {
  /**
   * Returns the CPU time used by this process so far.
   *
   * @return ns, or -1 if unknown
   */
  long processNanos();

  /**
   * Returns the CPU time used by all processes on the machine so far (busy time, idle excluded).
   *
   * @param elapsedNanos wall time since the previous call, used where the machine's busy time is unknown
   * @return ns, or -1 if unknown
   */
  long machineBusyNanos(long elapsedNanos);
}
