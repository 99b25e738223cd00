package dev.ergon.meter.estimate.internal;

import java.io.IOException;

/**
 * Measures the memory in use.
 *
 * <p>This interface is internal and is hence not for public use. Implementations are thread-safe unless noted.
 */
public interface MemoryGauge {
  /**
   * Returns the memory in use now.
   *
   * @return bytes, {@code >= 0}
   * @throws IOException if the source cannot be read, naming the file
   */
  long bytesInUse() throws IOException;

  /**
   * Returns the memory the figure can reach at most (installed, or the group's limit).
   *
   * @return bytes, {@code > 0}
   */
  long capacityBytes();

  /**
   * Says where the figure comes from, for the channel's notes.
   *
   * @return e.g. {@code /proc/meminfo MemTotal − MemAvailable}
   */
  String description();
}
