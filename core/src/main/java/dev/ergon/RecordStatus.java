package dev.ergon;

/**
 * Whether a record's energy is whole.
 *
 * @since 0.1
 */
public enum RecordStatus {
  /** Every channel was read for the whole job and no interval was dropped. */
  COMPLETE,
  /** Some energy is missing: a channel failed, or an interval was dropped; the record lists why. */
  PARTIAL,
  /** No meter was available: the record has a duration and units, but no energy. */
  NO_METER
}
