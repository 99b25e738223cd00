package dev.ergon.ledger;

import java.time.Duration;
import java.util.Objects;

/**
 * When a file ledger forces appended records to disk ({@code fsync}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxDelay how long an appended record may stay unsynced; {@link Duration#ZERO} syncs before every
 *     {@code append} returns (concurrent appenders share one sync: group commit)
 * @since 0.1
 */
public record SyncPolicy(Duration maxDelay) {

  /** Every append returns only once its record is on disk. The default. */
  public static final SyncPolicy PER_RECORD = new SyncPolicy(Duration.ZERO);

  /**
   * Validates the delay.
   *
   * @throws IllegalArgumentException if negative
   */
  public SyncPolicy {
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxDelay.isNegative()) {
      throw new IllegalArgumentException("sync delay must be >= 0, got " + maxDelay);
    }
  }

  /**
   * Syncs at most once per interval: an append returns after writing, and is on disk after the next sync (at the
   * latest on the first append after {@code maxDelay}, on {@link JsonLinesLedger#flush()} or on close). Faster;
   * a crash may lose up to {@code maxDelay} of records that were already returned from {@code append}.
   *
   * @param maxDelay the longest time between syncs
   * @return the policy
   */
  public static SyncPolicy grouped(Duration maxDelay) {
    return new SyncPolicy(maxDelay);
  }
}
