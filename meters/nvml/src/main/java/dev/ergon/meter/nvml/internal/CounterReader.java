package dev.ergon.meter.nvml.internal;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import dev.ergon.spi.ReadingBuffer;

/**
 * Reads a GPU's energy counter, {@code nvmlDeviceGetTotalEnergyConsumption}, converted from mJ to µJ.
 *
 * <p>The counter is NVML's, unchanged: energy since the driver was last loaded. It does not wrap in practice (64
 * bits of mJ), so a decrease is a driver reload or GPU reset, which Ergon core drops and counts; this reader never
 * corrects it. A permanent failure (GPU lost) is remembered, and the GPU is not called again.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one reading thread at a time.
 */
final class CounterReader implements GpuReader {

  private static final String SYMBOL = "nvmlDeviceGetTotalEnergyConsumption";

  private final NvmlLibrary nvml;
  private final Pointer handle;
  private final LongByReference millijoules = new LongByReference();
  private final ReadFaults faults;

  CounterReader(NvmlLibrary nvml, Pointer handle, String uuid) {
    this.nvml = nvml;
    this.handle = handle;
    this.faults = new ReadFaults(nvml, SYMBOL, uuid);
  }

  @Override
  public void read(ReadingBuffer buffer, int channel) {
    if (faults.failedForGood(buffer, channel)) {
      return;
    }
    int rc = nvml.totalEnergyConsumption(handle, millijoules);
    if (rc != NvmlReturn.SUCCESS.code()) {
      faults.fail(buffer, channel, rc);
      return;
    }
    long mj = millijoules.getValue(); // unsigned long long: negative here means above 2^63
    if (mj < 0 || mj > Long.MAX_VALUE / 1000) {
      buffer.fail(channel, faults.implausible("energy " + Long.toUnsignedString(mj) + " mJ"));
      return;
    }
    buffer.put(channel, mj * 1000);
  }
}
