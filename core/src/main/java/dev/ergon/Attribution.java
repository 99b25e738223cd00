package dev.ergon;

/**
 * How a job is charged for the machine energy measured while it is open.
 *
 * <p>Under every policy the energy of each sampling interval is split among the top-level jobs open in it and the
 * remainder is kept as unattributed ({@link EnergyMonitor#unattributed()}), so the sum charged to top-level jobs
 * never exceeds what was measured, however jobs interleave. A nested job is charged like its parent for the time
 * it is open, so it never exceeds its parent.
 *
 * @since 0.1
 */
public enum Attribution {
  /**
   * The machine's energy in each interval, divided equally among the top-level jobs open in it. With one job at a
   * time this charges the job all the energy measured while it runs: the honest choice on a dedicated machine.
   */
  MACHINE,
  /**
   * The machine's energy times this process's share of the machine's CPU time in each interval (from
   * {@code /proc/stat} and {@code /proc/self/stat}; where those are absent, the JVM's process CPU time over the
   * available processors), divided equally among the open top-level jobs.
   */
  PROCESS,
  /**
   * This process's share (as {@link #PROCESS}), split among top-level jobs by the CPU time of the threads that run
   * inside each (the thread that opened the job, and any thread joined with {@link Job#join()}).
   */
  THREADS
}
