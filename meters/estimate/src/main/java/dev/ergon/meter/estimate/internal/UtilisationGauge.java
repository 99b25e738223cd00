package dev.ergon.meter.estimate.internal;

import java.io.IOException;

/**
 * Measures how busy the modelled CPUs were between two calls.
 *
 * <p>This interface is internal and is hence not for public use. Implementations are stateful and not thread-safe:
 * one caller at a time. A call that throws leaves the previous state in place, so the next successful call covers
 * the whole gap.
 */
public interface UtilisationGauge {
  /**
   * Returns the utilisation since the previous successful call.
   *
   * @param nanoTime the monotonic time of this call, in ns
   * @return the busy fraction of capacity, {@code 0..1}; NaN on the first call (which only sets the baseline) and
   *     when no time has been accounted since the previous call
   * @throws IOException if the source cannot be read, naming the file
   */
  double sample(long nanoTime) throws IOException;

  /**
   * Says where the utilisation comes from, for the channel's notes.
   *
   * @return e.g. {@code /proc/stat deltas over all CPUs}
   */
  String description();
}
