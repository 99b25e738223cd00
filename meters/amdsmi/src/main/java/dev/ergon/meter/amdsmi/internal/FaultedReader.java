package dev.ergon.meter.amdsmi.internal;

import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.ReadingBuffer;

/**
 * The reader of a GPU that could not be metered when the meter opened: every reading is the same permanent fault,
 * so records say which GPU is missing and why rather than counting it as zero.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
final class FaultedReader implements GpuReader {

  private final ChannelFault fault;

  FaultedReader(ChannelFault fault) {
    this.fault = fault;
  }

  @Override
  public void read(ReadingBuffer buffer, int channel) {
    buffer.fail(channel, fault);
  }
}
