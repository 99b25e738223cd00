package dev.ergon.meter.amdsmi.internal;

import dev.ergon.spi.ReadingBuffer;

/**
 * Reads one GPU channel into a reading buffer: a cumulative energy or a fault.
 *
 * <p>This class is internal and is hence not for public use. Implementations are not thread-safe: one reading
 * thread at a time, as the {@link dev.ergon.spi.Meter} contract guarantees.
 */
sealed interface GpuReader permits CounterReader, PowerReader, FaultedReader {

  /**
   * Reads the channel.
   *
   * @param buffer the reading buffer; {@link ReadingBuffer#nanoTime()} is the reading's time
   * @param channel the channel's index in the buffer
   */
  void read(ReadingBuffer buffer, int channel);
}
