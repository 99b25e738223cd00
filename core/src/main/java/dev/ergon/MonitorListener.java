package dev.ergon;

import java.time.Duration;

/**
 * Hears what a monitor produces: jobs that start, records as they are appended, and workloads that turn idle.
 *
 * <p>Register with {@link EnergyMonitor#addListener}. Methods are called outside every lock of the monitor, on the
 * thread that produced the event (the sampler thread, or a thread closing a job), so they must be quick and
 * thread-safe. An exception thrown by a listener is logged once per exception class and counted
 * ({@link EnergyMonitor#listenerFailures()}); it never reaches the job or the thread that caused the event.
 *
 * @since 0.1
 */
public interface MonitorListener {

  /**
   * Called after a job or workload opened, on the thread that opened it (so it must be quick: an exporter registers
   * its series here).
   *
   * @param job the new job's figures (energy and units zero)
   */
  default void onStart(MonitorSnapshot.JobState job) {}

  /**
   * Called for every record handed to the ledger: final records, checkpoints ({@link RecordStatus#OPEN}), and a
   * workload's segment records (tagged {@code ergon.segment}). Called even when the monitor has no ledger, except
   * for checkpoints, which are only taken with a ledger.
   *
   * @param record the record
   */
  default void onRecord(EnergyRecord record) {}

  /**
   * Called once when a workload turns idle: its units have not moved for its {@code idleAfter} while its energy
   * kept growing. Called again only after units moved and it turned idle anew. Ergon never stops anything; the
   * listener may.
   *
   * @param workload the idle workload
   * @param idleFor how long its units have stood still, on the monitor's monotonic clock
   * @param energySinceLastUnit the energy charged to it since its units last moved
   */
  default void onIdle(Workload workload, Duration idleFor, Energy energySinceLastUnit) {}
}
