package dev.ergon.internal;

/**
 * Turns successive raw readings of one cumulative energy counter into non-negative deltas.
 *
 * <p>This is the one place where wraparound, resets and glitches are decided, per channel:
 * <ul>
 *   <li>an increase is the delta;</li>
 *   <li>a decrease with a known wrap range, within one wrap time of the previous read, is one wrap:
 *       {@code (range - previous) + current};</li>
 *   <li>a decrease with no known range, or after an interval long enough for more than one wrap, cannot be
 *       explained: the interval is dropped and counted;</li>
 *   <li>a delta above {@code maxPower × (Δt + slack)} is a reset or glitch: dropped and counted.</li>
 * </ul>
 * Never a negative or invented delta. The slack allows for counters that update in bursts (NVML's energy counter
 * refreshes every few tens of milliseconds; RAPL every millisecond) without letting a reset through.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one per channel, used under the
 * monitor's lock.
 */
public final class CounterUnwrapper {

  /** Returned by {@link #advance} when the interval's delta is dropped. */
  public static final long DROPPED = -1;

  private final long wrapRange;
  private final double maxMicrojoulesPerNano;
  private final long slackNanos;
  private final long wrapTimeNanos;

  private boolean primed;
  private long last;
  private long lastNanos;
  private long dropped;

  /**
   * Creates an unwrapper.
   *
   * @param wrapRangeMicrojoules the value at which the counter wraps to zero, in µJ; 0 if unknown or not wrapping
   * @param maxPowerWatts the largest plausible power, in W; positive
   * @param slackNanos extra time allowed in the plausibility bound, in ns; {@code >= 0}
   */
  public CounterUnwrapper(long wrapRangeMicrojoules, double maxPowerWatts, long slackNanos) {
    if (wrapRangeMicrojoules < 0 || !(maxPowerWatts > 0) || slackNanos < 0) {
      throw new IllegalArgumentException("bad unwrapper parameters");
    }
    this.wrapRange = wrapRangeMicrojoules;
    this.maxMicrojoulesPerNano = maxPowerWatts * 1e-3; // 1 W = 1e6 µJ / 1e9 ns
    this.slackNanos = slackNanos;
    this.wrapTimeNanos = wrapRangeMicrojoules > 0
        ? (long) Math.min(Long.MAX_VALUE, wrapRangeMicrojoules / maxMicrojoulesPerNano)
        : Long.MAX_VALUE;
  }

  /**
   * Takes the next raw reading and returns the energy since the previous one.
   *
   * @param raw the counter value in µJ, {@code >= 0}
   * @param nanoTime the reading's monotonic time in ns
   * @return the delta in µJ ({@code >= 0}; 0 for the first reading), or {@link #DROPPED}
   */
  public long advance(long raw, long nanoTime) {
    if (!primed) {
      primed = true;
      last = raw;
      lastNanos = nanoTime;
      return 0;
    }
    long dt = Math.max(0, nanoTime - lastNanos);
    long delta;
    if (raw >= last) {
      delta = raw - last;
    } else if (wrapRange > 0 && last <= wrapRange && dt < wrapTimeNanos) {
      delta = (wrapRange - last) + raw;
    } else {
      delta = DROPPED;
    }
    if (delta != DROPPED && delta > maxMicrojoulesPerNano * ((double) dt + slackNanos)) {
      delta = DROPPED;
    }
    last = raw;
    lastNanos = nanoTime;
    if (delta == DROPPED) {
      dropped++;
    }
    return delta;
  }

  /**
   * Returns how many intervals were dropped so far.
   *
   * @return the count
   */
  public long droppedIntervals() {
    return dropped;
  }
}
