package dev.ergon.meter.amdsmi.internal;

import dev.ergon.UnavailableReason;
import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.ReadingBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Turns the failed statuses of one AMD SMI call on one GPU into channel faults, reusing the last one while the code
 * stays the same, so a GPU that keeps failing costs no allocation per reading; and remembers a permanent fault, so
 * a channel that failed for good (GPU lost) is never called again.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one per channel.
 */
final class ReadFaults {

  private final AmdSmiLibrary amdsmi;
  private final String symbol;
  private final String subject;
  private int lastCode = AmdSmiStatus.SUCCESS.code();
  private @Nullable ChannelFault lastFault;
  private @Nullable ChannelFault permanent;

  ReadFaults(AmdSmiLibrary amdsmi, String symbol, String subject) {
    this.amdsmi = amdsmi;
    this.symbol = symbol;
    this.subject = subject;
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
   * Fails the channel for a call's status; a permanent status makes the channel fail for good.
   *
   * @param buffer the reading
   * @param channel the channel's index
   * @param code the status, not {@code AMDSMI_STATUS_SUCCESS}
   */
  void fail(ReadingBuffer buffer, int channel, int code) {
    ChannelFault f = lastFault;
    if (f == null || code != lastCode) {
      AmdSmiStatus s = AmdSmiStatus.of(code);
      f = new ChannelFault(s.reason(), amdsmi.describe(symbol, subject, code) + "; " + s.remedy(), s.permanent());
      lastFault = f;
      lastCode = code;
    }
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
   * Returns the fault of a call that succeeded with a value that cannot be true.
   *
   * @param what the value and why it is rejected
   * @return a passing input/output fault
   */
  ChannelFault implausible(String what) {
    return new ChannelFault(UnavailableReason.IO_ERROR,
        symbol + "(" + subject + ") in " + amdsmi.location() + " returned an implausible value: " + what
            + "; the sample was dropped", false);
  }
}
