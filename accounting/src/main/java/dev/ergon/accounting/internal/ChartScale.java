package dev.ergon.accounting.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear value axis from a "nice" lower bound to a "nice" upper bound (1, 2 or 5 times a power of ten per tick),
 * mapped onto a pixel range whose origin is at the bottom.
 *
 * <p>This class is internal and is hence not for public use. Immutable; thread-safe.
 */
public final class ChartScale {
  private final double low;
  private final double high;
  private final double tick;
  private final double pixelBottom;
  private final double pixelTop;

  private ChartScale(double low, double high, double tick, double pixelBottom, double pixelTop) {
    this.low = low;
    this.high = high;
    this.tick = tick;
    this.pixelBottom = pixelBottom;
    this.pixelTop = pixelTop;
  }

  /**
   * Creates a scale covering {@code [min(0, min), max]} with about five ticks.
   *
   * @param min the smallest value to show
   * @param max the largest value to show
   * @param pixelBottom the pixel of the lower bound
   * @param pixelTop the pixel of the upper bound (smaller than {@code pixelBottom} for a vertical axis)
   * @return the scale
   */
  public static ChartScale of(double min, double max, double pixelBottom, double pixelTop) {
    double lo = Double.isFinite(min) ? Math.min(0, min) : 0;
    double hi = Double.isFinite(max) && max > lo ? max : lo + 1;
    double raw = (hi - lo) / 5;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / mag;
    double tick = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    double niceLow = Math.floor(lo / tick) * tick;
    double niceHigh = Math.ceil(hi / tick) * tick;
    return new ChartScale(niceLow, niceHigh, tick, pixelBottom, pixelTop);
  }

  /**
   * Maps a value to a pixel.
   *
   * @param v the value
   * @return the pixel, clamped to the axis
   */
  public double pixel(double v) {
    double c = Math.max(low, Math.min(high, v));
    return pixelBottom + (c - low) / (high - low) * (pixelTop - pixelBottom);
  }

  /**
   * Returns the tick values from the lower to the upper bound.
   *
   * @return the ticks
   */
  public List<Double> ticks() {
    List<Double> t = new ArrayList<>();
    long n = Math.round((high - low) / tick);
    for (long i = 0; i <= n; i++) {
      double v = low + i * tick;
      t.add(Math.abs(v) < tick * 1e-9 ? 0.0 : v);
    }
    return t;
  }
}
