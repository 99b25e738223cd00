package dev.ergon;

import java.time.Instant;
import java.util.Objects;

/**
 * The energy a job was charged within one UTC-aligned time bucket (an hour by default), so that hourly emission
 * factors can be matched later.
 *
 * <p>Immutable and thread-safe.
 *
 * @param start the bucket's start, aligned to the bucket length from the epoch (UTC)
 * @param end the bucket's end (exclusive)
 * @param energy the energy charged in the bucket, summed over channels
 * @since 0.1
 */
public record BucketEnergy(Instant start, Instant end, Energy energy) {
  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the end is not after the start
   */
  public BucketEnergy {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(energy, "energy");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("bucket end " + end + " is not after start " + start);
    }
  }
}
