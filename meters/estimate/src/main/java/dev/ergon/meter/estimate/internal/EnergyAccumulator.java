package dev.ergon.meter.estimate.internal;

/**
 * Integrates modelled power over monotonic time into cumulative microjoules, carrying the fraction below one
 * microjoule from step to step so that nothing is lost to rounding.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe.
 */
public final class EnergyAccumulator {
  private long microjoules;
  private double carry;
  private long lastNanos;
  private boolean started;

  /** Creates an accumulator that has not started. */
  public EnergyAccumulator() {}

  /**
   * Tells whether {@link #start} has been called.
   *
   * @return true once started
   */
  public boolean started() {
    return started;
  }

  /**
   * Sets the time the integration starts from.
   *
   * @param nanoTime the monotonic time, in ns
   */
  public void start(long nanoTime) {
    started = true;
    lastNanos = nanoTime;
  }

  /**
   * Adds the energy of a constant power from the previous time to this one.
   *
   * @param nanoTime the monotonic time now, in ns; a time before the previous one adds nothing
   * @param watts the average power over the step, in W, {@code >= 0}
   * @return the cumulative energy since start, in µJ
   * @throws IllegalStateException if not started
   * @throws ArithmeticException if the total overflows a long of µJ (292 000 years at 1 kW)
   */
  public long advance(long nanoTime, double watts) {
    if (!started) {
      throw new IllegalStateException("accumulator not started");
    }
    long dt = nanoTime - lastNanos;
    if (dt > 0 && watts > 0) {
      double add = watts * dt / 1000.0 + carry; // W × ns = nJ; ÷ 1000 = µJ
      long whole = (long) Math.floor(add);
      carry = add - whole;
      microjoules = Math.addExact(microjoules, whole);
    }
    if (dt > 0) {
      lastNanos = nanoTime;
    }
    return microjoules;
  }

  /**
   * Returns the cumulative energy so far.
   *
   * @return µJ
   */
  public long microjoules() {
    return microjoules;
  }
}
