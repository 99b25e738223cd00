package dev.ergon.meter.nvml.internal;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.ReadingBuffer;
import dev.ergon.spi.support.PowerIntegrator;

/**
 * Reads a GPU without an energy counter: samples {@code nvmlDeviceGetPowerUsage} (mW) at each reading and
 * integrates it over the readings' times with the trapezoid rule, reporting µJ since the first sample.
 *
 * <p>The channel declares a maximum poll interval of 100 ms, so Ergon's sampler reads at least that often. A failed
 * sample adds nothing; the next good one integrates across the gap, as any sampling does between samples. A power
 * above the GPU's plausible maximum (including {@code NVML_VALUE_NOT_AVAILABLE}, 0xFFFFFFFF) is dropped, never
 * integrated. The bound is {@value #SPIKE_FACTOR} times the GPU's ceiling: on GA100 and older a reading is
 * instantaneous and can catch a millisecond excursion above the power limit that the controller then corrects, and
 * such a sample is real; twice the highest settable limit is not, and neither is the sentinel. A permanent failure (GPU lost) is remembered, and the GPU is not called again.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one reading thread at a time.
 */
final class PowerReader implements GpuReader {

  /** The largest instantaneous power accepted, as a multiple of the GPU's ceiling (see the class comment). */
  static final double SPIKE_FACTOR = 2;

  private static final String SYMBOL = "nvmlDeviceGetPowerUsage";

  private final NvmlLibrary nvml;
  private final Pointer handle;
  private final long maxMilliwatts;
  private final IntByReference milliwatts = new IntByReference();
  private final PowerIntegrator integrator = new PowerIntegrator();
  private final ReadFaults faults;

  PowerReader(NvmlLibrary nvml, Pointer handle, String uuid, long maxMilliwatts) {
    this.nvml = nvml;
    this.handle = handle;
    this.maxMilliwatts = maxMilliwatts;
    this.faults = new ReadFaults(nvml, SYMBOL, uuid);
  }

  @Override
  public void read(ReadingBuffer buffer, int channel) {
    if (faults.failedForGood(buffer, channel)) {
      return;
    }
    int rc = nvml.powerUsage(handle, milliwatts);
    if (rc != NvmlReturn.SUCCESS.code()) {
      faults.fail(buffer, channel, rc);
      return;
    }
    long mw = Integer.toUnsignedLong(milliwatts.getValue());
    if (mw > maxMilliwatts) {
      buffer.fail(channel, faults.implausible("power " + mw + " mW above the plausible " + maxMilliwatts
          + " mW (twice the GPU's highest power limit)"));
      return;
    }
    try {
      buffer.put(channel, integrator.add(buffer.nanoTime(), mw));
    } catch (ArithmeticException e) {
      faults.failForGood(buffer, channel, new ChannelFault(UnavailableReason.PROVIDER_ERROR,
          "integrated energy of " + SYMBOL + " readings overflowed: " + e.getMessage(), true));
    }
  }
}
