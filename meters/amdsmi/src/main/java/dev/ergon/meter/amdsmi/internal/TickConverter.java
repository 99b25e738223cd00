package dev.ergon.meter.amdsmi.internal;

/**
 * Turns AMD SMI's energy accumulator (ticks of {@code counter_resolution} µJ) into the µJ counter that Ergon core
 * unwraps, exactly.
 *
 * <p>The accumulator is an unsigned 64-bit count of ticks; 2^64 ticks of 15.259 µJ do not fit a {@code long} of µJ.
 * So the ticks are taken modulo a window of 2^k ticks, the largest power of two whose energy stays below 2^62 µJ
 * (2^58 ticks, 4.4 TJ, at 15.259 µJ), and the channel declares that window's energy as its wrap range. A wrap of the
 * 64-bit accumulator is also a wrap of the window (2^k divides 2^64), so core's unwrapper counts both alike; at
 * 1 kW the window takes 140 years to fill.
 *
 * <p>The energy of {@code t} ticks is {@code floor(t × resolution)}, computed exactly: the resolution is a
 * {@code float}, so it is {@code m × 2^e} with an integer {@code m < 2^24}, and {@code t × m} is formed in 128 bits.
 * The conversion is monotone in {@code t}, so a counter that grows is reported as growing.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public final class TickConverter {

  /** The largest resolution accepted, in µJ per tick: 1 J. */
  public static final double MAX_RESOLUTION_MICROJOULES = 1_000_000;

  private final float resolution;
  private final long mantissa;
  private final int exponent;
  private final long windowMask;
  private final long wrapRange;

  /**
   * Creates a converter.
   *
   * @param resolution the µJ per tick that {@code amdsmi_get_energy_count} reported
   * @throws IllegalArgumentException if the resolution is not finite, not positive or above
   *     {@value #MAX_RESOLUTION_MICROJOULES} µJ
   */
  public TickConverter(float resolution) {
    if (!(resolution > 0) || resolution > MAX_RESOLUTION_MICROJOULES || Float.isInfinite(resolution)) {
      throw new IllegalArgumentException("counter resolution must be above 0 and at most "
          + (long) MAX_RESOLUTION_MICROJOULES + " µJ per tick, got " + resolution);
    }
    this.resolution = resolution;
    double r = resolution; // exact
    int e = Math.getExponent(r);
    long bits = Double.doubleToRawLongBits(r) & ((1L << 52) - 1);
    long m;
    if (e == Double.MIN_EXPONENT - 1) { // subnormal double: impossible for a float above 0, kept for completeness
      m = bits;
      e = Double.MIN_EXPONENT - 52;
    } else {
      m = bits | (1L << 52);
      e -= 52;
    }
    int zeros = Long.numberOfTrailingZeros(m);
    this.mantissa = m >>> zeros;
    this.exponent = e + zeros;
    // The window: 2^k ticks with 2^k × resolution < 2^62 µJ, k <= 62 so that ticks fit a non-negative long.
    int log2 = Math.getExponent(r) + 1; // resolution < 2^log2
    int k = Math.min(62, 62 - log2);
    this.windowMask = (1L << k) - 1;
    this.wrapRange = microjoulesOf(1L << k);
  }

  /**
   * Returns the resolution this converter was made for.
   *
   * @return µJ per tick
   */
  public float resolution() {
    return resolution;
  }

  /**
   * Returns the energy of the whole window, the channel's wrap range.
   *
   * @return µJ, positive
   */
  public long wrapRangeMicrojoules() {
    return wrapRange;
  }

  /**
   * Converts an accumulator reading.
   *
   * @param ticks the unsigned 64-bit accumulator (a negative {@code long} is a value above 2^63)
   * @return {@code floor((ticks mod window) × resolution)} in µJ, {@code 0 <= value < wrapRangeMicrojoules()}
   */
  public long microjoules(long ticks) {
    return microjoulesOf(ticks & windowMask);
  }

  private long microjoulesOf(long t) {
    long lo = t * mantissa;
    long hi = Math.multiplyHigh(t, mantissa); // both non-negative: the signed high word is the unsigned one
    if (exponent >= 0) {
      return lo << exponent; // the window keeps the product below 2^62
    }
    int s = -exponent;
    if (s >= 128) {
      return 0;
    }
    if (s >= 64) {
      return hi >>> (s - 64);
    }
    return (hi << (64 - s)) | (lo >>> s);
  }
}
