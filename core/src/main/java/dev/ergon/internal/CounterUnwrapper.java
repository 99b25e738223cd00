package dev.ergon.internal;

/**
 * Turns successive raw readings of one cumulative energy counter into non-negative deltas.
 *
 * <p>This is the one place where wraparound, resets and glitches are decided, per channel:
 * <ul>
 *   <li>an increase is the delta;</li>
 *   <li>a decrease with a known wrap range, within one wrap time of the previous read ({@code range / maxPower}),
 *       is one wrap: {@code (range - previous) + current}. A second wrap would need a whole range of energy more,
 *       which is above {@code maxPower} over such an interval; the margin below is for error in a delta, not for a
 *       whole extra range, so it does not shorten the wrap time;</li>
 *   <li>a decrease with no known range, or after an interval long enough for more than one wrap, cannot be
 *       explained: the interval is dropped and counted;</li>
 *   <li>a delta above the ceiling, {@code maxPower × }{@value #CEILING_MARGIN}{@code  × (Δt + allowance)}, is a
 *       reset or a glitch: dropped and counted, never clipped or slackened into the total.</li>
 * </ul>
 * Never a negative or invented delta.
 *
 * <p><b>The margin</b>, {@value #CEILING_MARGIN}: a channel's {@code maxPower} is a limit the hardware enforces over
 * an averaging window (RAPL PL1 over seconds and PL2 over milliseconds; a GPU's power limit through a control loop
 * of about 100 ms to 1 s), so an average over one short poll interval can overshoot it for a moment. The figures
 * themselves carry error: NVIDIA states ±5 % for its power sensor, and the monotonic time of a reading is taken
 * next to the read, not at the instant the counter was latched. Twenty per cent covers that overshoot and error;
 * the faults it guards against are one or more orders of magnitude larger (a reset looks like minutes or hours of
 * energy, and issue #11's glitch was 1.1 kJ in 200 ms, 22 times a 250 W package's limit).
 *
 * <p><b>The burst allowance</b>: a counter is refreshed in steps (RAPL about every 1 ms; NVML's energy counter every
 * 20 to 100 ms), so one read can see up to one refresh period more energy than its own Δt holds (the previous read
 * saw a stale value, this one a fresh one). The allowance is that refresh period, bounded by
 * {@value #MAX_BURST_ALLOWANCE_NANOS} ns (100 ms, the slowest refresh of a supported counter). It is deliberately not
 * {@code min(Δt, 100 ms)}: a read 10 ms after a stale one can legitimately show a whole 100 ms refresh step. It is
 * also no longer than that: a longer allowance (core once granted 1 s) lets a glitch of seconds' worth of energy
 * into a 200 ms interval.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one per channel, used under the
 * monitor's lock.
 */
public final class CounterUnwrapper {

  /** Returned by {@link #advance} when the interval's delta is dropped. */
  public static final long DROPPED = -1;

  /** The factor on a channel's {@code maxPower} that makes its ceiling (see the class comment for why). */
  public static final double CEILING_MARGIN = 1.2;

  /** The largest burst allowance, in ns: 100 ms, the slowest refresh of a supported counter (NVML's). */
  public static final long MAX_BURST_ALLOWANCE_NANOS = 100_000_000L;

  private final long wrapRange;
  private final double ceilingMicrojoulesPerNano;
  private final long allowanceNanos;
  private final long wrapTimeNanos;

  private boolean primed;
  private long last;
  private long lastNanos;
  private long dropped;

  /**
   * Creates an unwrapper.
   *
   * @param wrapRangeMicrojoules the value at which the counter wraps to zero, in µJ; 0 if unknown or not wrapping
   * @param maxPowerWatts the channel's physical ceiling, in W, positive and finite; {@value #CEILING_MARGIN} times
   *     this is the largest power accepted
   * @param burstAllowanceNanos the time one read may see beyond its interval because the counter refreshes in
   *     steps, in ns; {@code 0..}{@value #MAX_BURST_ALLOWANCE_NANOS}
   * @throws IllegalArgumentException if a parameter is out of range
   */
  public CounterUnwrapper(long wrapRangeMicrojoules, double maxPowerWatts, long burstAllowanceNanos) {
    if (wrapRangeMicrojoules < 0) {
      throw new IllegalArgumentException("wrap range must be >= 0 µJ, got " + wrapRangeMicrojoules);
    }
    if (!(maxPowerWatts > 0) || !Double.isFinite(maxPowerWatts)) {
      throw new IllegalArgumentException("max power must be a positive finite number of W, got " + maxPowerWatts);
    }
    if (burstAllowanceNanos < 0 || burstAllowanceNanos > MAX_BURST_ALLOWANCE_NANOS) {
      throw new IllegalArgumentException("burst allowance must be 0.." + MAX_BURST_ALLOWANCE_NANOS + " ns, got "
          + burstAllowanceNanos);
    }
    this.wrapRange = wrapRangeMicrojoules;
    this.ceilingMicrojoulesPerNano = maxPowerWatts * CEILING_MARGIN * 1e-3; // 1 W = 1e6 µJ / 1e9 ns
    this.allowanceNanos = burstAllowanceNanos;
    this.wrapTimeNanos = wrapRangeMicrojoules > 0
        ? (long) Math.min(Long.MAX_VALUE, wrapRangeMicrojoules / (maxPowerWatts * 1e-3))
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
    // the most energy this interval can hold, µJ; as a double, so that a long gap cannot overflow
    double ceiling = ceilingMicrojoulesPerNano * ((double) dt + allowanceNanos);
    long delta;
    if (raw >= last) {
      delta = raw - last;
    } else if (wrapRange > 0 && last <= wrapRange && dt < wrapTimeNanos) {
      delta = (wrapRange - last) + raw;
    } else {
      delta = DROPPED;
    }
    if (delta != DROPPED && delta > ceiling) {
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
