package dev.ergon.meter.amdsmi.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.ReadingBuffer;
import dev.ergon.spi.support.PowerIntegrator;
import java.util.OptionalLong;

/**
 * Reads a GPU without an energy counter: samples {@code amdsmi_get_power_info}'s socket power (whole W) at each
 * reading and integrates it over the readings' times with the trapezoid rule, reporting µJ since the first sample.
 *
 * <p>The channel declares a maximum poll interval of 100 ms, so Ergon's sampler reads at least that often. A failed
 * sample adds nothing; the next good one integrates across the gap. A power above {@value #SPIKE_FACTOR} times the
 * GPU's ceiling is dropped, never integrated. A permanent failure (GPU lost) is remembered, and the GPU is not
 * called again.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one reading thread at a time.
 */
final class PowerReader implements GpuReader {

  /** The largest power accepted, as a multiple of the GPU's ceiling. */
  static final double SPIKE_FACTOR = 2;

  private static final String SYMBOL = "amdsmi_get_power_info";

  private final AmdSmiLibrary amdsmi;
  private final Pointer handle;
  private final PowerInfoLayout layout;
  private final long maxMilliwatts;
  private final Memory info = new Memory(AmdSmiLibrary.STRUCT_BUFFER_SIZE);
  private final PowerIntegrator integrator = new PowerIntegrator();
  private final ReadFaults faults;

  PowerReader(AmdSmiLibrary amdsmi, Pointer handle, String subject, PowerInfoLayout layout, long maxMilliwatts) {
    this.amdsmi = amdsmi;
    this.handle = handle;
    this.layout = layout;
    this.maxMilliwatts = maxMilliwatts;
    this.faults = new ReadFaults(amdsmi, SYMBOL, subject);
  }

  @Override
  public void read(ReadingBuffer buffer, int channel) {
    if (faults.failedForGood(buffer, channel)) {
      return;
    }
    info.clear();
    int rc = amdsmi.powerInfo(handle, info);
    if (rc != AmdSmiStatus.SUCCESS.code()) {
      faults.fail(buffer, channel, rc);
      return;
    }
    OptionalLong watts = layout.watts(info);
    if (watts.isEmpty()) {
      buffer.fail(channel, faults.implausible("every socket power field marked unsupported (" + layout.describe()
          + ")"));
      return;
    }
    long mw = watts.getAsLong() * 1000;
    if (mw > maxMilliwatts) {
      buffer.fail(channel, faults.implausible("power " + watts.getAsLong() + " W above the plausible "
          + maxMilliwatts / 1000 + " W (twice the GPU's highest power cap)"));
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
