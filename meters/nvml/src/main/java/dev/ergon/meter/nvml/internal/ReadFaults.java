package dev.ergon.meter.nvml.internal;

import dev.ergon.UnavailableReason;
import dev.ergon.spi.ChannelFault;
import org.jspecify.annotations.Nullable;

/**
 * Turns the failed return codes of one NVML call on one GPU into channel faults, reusing the last one while the
 * code stays the same, so a GPU that keeps failing costs no allocation per reading.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one per channel.
 */
final class ReadFaults {

  private final NvmlLibrary nvml;
  private final String symbol;
  private final String uuid;
  private int lastCode = NvmlReturn.SUCCESS.code();
  private @Nullable ChannelFault lastFault;

  ReadFaults(NvmlLibrary nvml, String symbol, String uuid) {
    this.nvml = nvml;
    this.symbol = symbol;
    this.uuid = uuid;
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
