package dev.ergon.spi.support;

/**
 * Integrates power samples into cumulative energy with the trapezoid rule, exactly.
 *
 * <p>Between two samples {@code (t0, p0)} and {@code (t1, p1)} the energy is {@code (p0 + p1) / 2 × (t1 - t0)}:
 * exact for power that changes linearly between samples. With power in mW and time in ns the product is in
 * 10⁻¹² J, so one µJ is {@code 2 × 10⁶} units of {@code (p0 + p1) × Δt}; the integrator keeps that remainder from
 * step to step, so the cumulative energy is the floor of the exact sum and never drifts by rounding, whatever the
 * sampling.
 *
 * <p>Bounds: power is below 2^32 mW (4.3 MW), so
 * {@code p0 + p1 < 2^33}; the whole seconds of a step are multiplied separately from the nanoseconds, so no product
 * exceeds {@code 2^63} for steps up to about 2 × 10⁶ s. Cumulative energy overflows a {@code long} of µJ only
 * after 9.2 TJ.
 *
 * <p>Not thread-safe: one per channel, used by the one
 * reading thread.
 */
public final class PowerIntegrator {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** Units of (mW × ns) summed over both trapezoid ends per µJ: 2 × 10⁶. */
  private static final long UNITS_PER_MICROJOULE = 2_000_000L;
  /** µJ per (mW summed over both ends × s): 10⁻³ W × 1 s / 2 = 500 µJ. */
  private static final long MICROJOULES_PER_MILLIWATT_SECOND_PAIR = 500L;

  private boolean primed;
  private long lastNanos;
  private long lastMilliwatts;
  private long microjoules;
  private long remainder;

  /** Creates an integrator with no sample yet. */
  public PowerIntegrator() {}

  /**
   * Adds a power sample and returns the energy since the first sample.
   *
   * <p>A sample earlier than the previous one (a clock that stepped back) adds no energy and replaces the previous
   * power, keeping the later time.
   *
   * @param nanoTime the sample's monotonic time in ns
   * @param milliwatts the power in mW, {@code 0 <= milliwatts < 2^32}
   * @return the cumulative energy in µJ since the first sample, {@code >= 0}
   * @throws IllegalArgumentException if the power is out of range
   * @throws ArithmeticException if the cumulative energy overflows (after 9.2 TJ)
   */
  public long add(long nanoTime, long milliwatts) {
    if (milliwatts < 0 || milliwatts > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("power must be an unsigned 32-bit mW value, got " + milliwatts + " mW");
    }
    if (!primed) {
      primed = true;
      lastNanos = nanoTime;
      lastMilliwatts = milliwatts;
      return microjoules;
    }
    long dt = nanoTime - lastNanos;
    if (dt > 0) {
      long sum = lastMilliwatts + milliwatts;
      long seconds = dt / NANOS_PER_SECOND;
      long nanos = dt % NANOS_PER_SECOND;
      long whole = Math.multiplyExact(Math.multiplyExact(sum, seconds), MICROJOULES_PER_MILLIWATT_SECOND_PAIR);
      remainder += sum * nanos; // < 2^33 × 10^9 + 2 × 10^6 < 2^63
      microjoules = Math.addExact(Math.addExact(microjoules, whole), remainder / UNITS_PER_MICROJOULE);
      remainder %= UNITS_PER_MICROJOULE;
      lastNanos = nanoTime;
    }
    lastMilliwatts = milliwatts;
    return microjoules;
  }

  /**
   * Returns the energy integrated so far.
   *
   * @return the cumulative energy in µJ since the first sample
   */
  public long microjoules() {
    return microjoules;
  }

  /**
   * Tells whether a first sample was taken.
   *
   * @return true after the first {@link #add}
   */
  public boolean primed() {
    return primed;
  }
}
