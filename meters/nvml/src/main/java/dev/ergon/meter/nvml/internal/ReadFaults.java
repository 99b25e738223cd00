package dev.ergon.meter.nvml.internal;

import dev.ergon.UnavailableReason;
import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.ReadingBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Turns the failed return codes of one NVML call on one GPU into channel faults, reusing the last one while the
 * code stays the same, so a GPU that keeps failing costs no allocation per reading; and remembers a permanent
 * fault, so a channel that failed for good is never called again.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one per channel.
 */
final class ReadFaults {

  private final NvmlLibrary nvml;
  private final String symbol;
  private final String uuid;
  private int lastCode = NvmlReturn.SUCCESS.code();
  private @Nullable ChannelFault lastFault;
  private @Nullable ChannelFault permanent;

  ReadFaults(NvmlLibrary nvml, String symbol, String uuid) {
    this.nvml = nvml;
    this.symbol = symbol;
    this.uuid = uuid;
  }

  /**
   * Fails the channel with its permanent fault, if it has one.
   *
   * @param buffer the reading
   * @param channel the channel's index
   * @return true if the channel failed for good earlier (and the buffer now says so); false to go on reading
   */
  boolean failedForGood(ReadingBuffer buffer, int channel) {
    ChannelFault f = permanent;
    if (f == null) {
      return false;
    }
    buffer.fail(channel, f);
    return true;
  }

  /**
   * Fails the channel for a call's return code; a permanent code makes the channel fail for good.
   *
   * @param buffer the reading
   * @param channel the channel's index
   * @param code the return code, not {@code NVML_SUCCESS}
   */
  void fail(ReadingBuffer buffer, int channel, int code) {
    ChannelFault f = of(code);
    if (f.permanent()) {
      permanent = f;
    }
    buffer.fail(channel, f);
  }

  /**
   * Fails the channel for good with a fault of its own.
   *
   * @param buffer the reading
   * @param channel the channel's index
   * @param fault the permanent fault
   */
  void failForGood(ReadingBuffer buffer, int channel, ChannelFault fault) {
    permanent = fault;
    buffer.fail(channel, fault);
  }

  /**
   * Returns the fault of a failed call.
   *
   * @param code the return code, not {@code NVML_SUCCESS}
   * @return the fault: the code's reason and permanence, a message naming the call and GPU, and the remedy
   */
  ChannelFault of(int code) {
    ChannelFault f = lastFault;
    if (f == null || code != lastCode) {
      NvmlReturn r = NvmlReturn.of(code);
      f = new ChannelFault(r.reason(), nvml.describe(symbol, uuid, code) + "; " + r.remedy(), r.permanent());
      lastFault = f;
      lastCode = code;
    }
    return f;
  }

  /**
   * Returns the fault of a call that succeeded with a value that cannot be true.
   *
   * @param what the value and why it is rejected, e.g. "power 4294967295 mW above the plausible 1400000 mW"
   * @return a passing input/output fault
   */
  ChannelFault implausible(String what) {
    return new ChannelFault(UnavailableReason.IO_ERROR,
        symbol + "(" + uuid + ") in " + nvml.location() + " returned an implausible value: " + what
            + "; the sample was dropped", false);
  }
}
