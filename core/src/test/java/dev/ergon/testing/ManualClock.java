package dev.ergon.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.LongSupplier;

/**
 * A wall clock and a monotonic ticker that move only when a test says so. Thread-safe.
 */
public final class ManualClock implements InstantSource, LongSupplier {
  private Instant now;
  private long nanos;

  /**
   * Creates a clock.
   *
   * @param start the initial wall-clock time
   */
  public ManualClock(Instant start) {
    this.now = start;
  }

  /**
   * Moves both clocks forward.
   *
   * @param d how far
   */
  public synchronized void advance(Duration d) {
    now = now.plus(d);
    nanos += d.toNanos();
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public synchronized long getAsLong() {
    return nanos;
  }
}
