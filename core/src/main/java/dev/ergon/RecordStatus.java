package dev.ergon;

/**
 * Whether a record's energy is whole, and how its job ended.
 *
 * <p>In the ledger the values are written in lower case: {@code complete}, {@code partial}, {@code failed},
 * {@code no_meter}, {@code open}.
 *
 * @since 0.1
 */
public enum RecordStatus {
  /** Every channel was read for the whole job, no interval was dropped, and the job's work did not fail. */
  COMPLETE,
  /**
   * Some energy is missing: a channel failed, an interval was dropped, or the job was closed for it (monitor
   * closed, process exiting, process ended without closing); the record lists why.
   */
  PARTIAL,
  /**
   * The job's work failed ({@link Job#fail(Throwable)}, or an exception out of {@link EnergyMonitor#run} or
   * {@link EnergyMonitor#call}); the energy is what it used until then, and {@link EnergyRecord#failure()} names
   * the exception's class.
   */
  FAILED,
  /** No meter was available: the record has a duration and units, but no energy. */
  NO_METER,
  /**
   * A checkpoint of a job still running when it was written: its energy so far. A later checkpoint or the final
   * record with the same id supersedes it; readers keep the latest state per id, and a job whose latest state is
   * a checkpoint is reported {@link #PARTIAL} ("process ended without closing").
   */
  OPEN
}
