package dev.ergon.meter.estimate.internal;

import dev.ergon.spi.Channel;
import java.io.IOException;

/**
 * One channel of the estimate meter: its description and the model that fills it.
 *
 * <p>This interface is internal and is hence not for public use. Implementations are not thread-safe: the meter
 * reads them from one thread at a time.
 */
public interface ModelledChannel {
  /**
   * Returns the channel's description.
   *
   * @return the channel
   */
  Channel channel();

  /**
   * Advances the model to a time and returns the energy modelled since the first call.
   *
   * @param nanoTime the reading's monotonic time, in ns
   * @return cumulative µJ; 0 on the first call, which sets the baseline
   * @throws IOException if an input cannot be read; the next successful call covers the gap
   */
  long read(long nanoTime) throws IOException;
}
