package dev.ergon.meter.nvml;

import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.Meter;
import dev.ergon.spi.ReadingBuffer;
import java.util.Objects;

/** Reads a meter at a time that the fake NVML library sees too. */
final class Readings {
  private Readings() {}

  /**
   * Sets the fake's clock and reads the meter at the same time.
   *
   * @param meter the meter
   * @param fake the fake library the meter was opened on
   * @param millis the time in ms
   * @return the filled buffer
   */
  static ReadingBuffer readAt(Meter meter, FakeNvml fake, long millis) {
    long nanos = millis * 1_000_000L;
    fake.clock(nanos);
    ReadingBuffer buffer = new ReadingBuffer(meter.channels().size());
    buffer.reset(nanos);
    meter.read(buffer);
    return buffer;
  }

  /**
   * Returns an exception's message.
   *
   * @param e the exception
   * @return the message, or "null"
   */
  static String message(Throwable e) {
    return String.valueOf(e.getMessage());
  }

  /**
   * Returns a channel's fault, failing if it has none.
   *
   * @param buffer the buffer
   * @param channel the index
   * @return the fault
   */
  static ChannelFault fault(ReadingBuffer buffer, int channel) {
    return Objects.requireNonNull(buffer.fault(channel), "channel " + channel + " has no fault");
  }
}
