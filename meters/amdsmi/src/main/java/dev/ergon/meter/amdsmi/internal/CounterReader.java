package dev.ergon.meter.amdsmi.internal;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.FloatByReference;
import com.sun.jna.ptr.LongByReference;
import dev.ergon.spi.ReadingBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a GPU's energy accumulator, {@code amdsmi_get_energy_count}, converted from ticks to µJ by
 * {@link TickConverter}.
 *
 * <p>The reported value is the accumulator within the converter's window; its wrap, and a wrap of the 64-bit
 * accumulator itself, are counted by Ergon core from the channel's wrap range. A decrease that is not a wrap (a
 * driver reload or GPU reset) is core's to drop. A reading whose resolution differs from the one the channel was
 * opened with is refused as implausible. A permanent failure (GPU lost) is remembered, and the GPU is not called
 * again.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one reading thread at a time.
 */
final class CounterReader implements GpuReader {

  private static final String SYMBOL = "amdsmi_get_energy_count";

  private final AmdSmiLibrary amdsmi;
  private final Pointer handle;
  private final LongByReference ticks = new LongByReference();
  private final FloatByReference resolution = new FloatByReference();
  private final LongByReference timestamp = new LongByReference();
  private final ReadFaults faults;
  private @Nullable TickConverter converter;

  CounterReader(AmdSmiLibrary amdsmi, Pointer handle, String subject, @Nullable TickConverter converter) {
    this.amdsmi = amdsmi;
    this.handle = handle;
    this.faults = new ReadFaults(amdsmi, SYMBOL, subject);
    this.converter = converter;
  }

  @Override
  public void read(ReadingBuffer buffer, int channel) {
    if (faults.failedForGood(buffer, channel)) {
      return;
    }
    int rc = amdsmi.energyCount(handle, ticks, resolution, timestamp);
    if (rc != AmdSmiStatus.SUCCESS.code()) {
      faults.fail(buffer, channel, rc);
      return;
    }
    float r = resolution.getValue();
    TickConverter c = converter;
    if (c == null) {
      try {
        c = new TickConverter(r);
      } catch (IllegalArgumentException e) {
        buffer.fail(channel, faults.implausible(String.valueOf(e.getMessage())));
        return;
      }
      converter = c;
    } else if (Float.compare(r, c.resolution()) != 0) {
      buffer.fail(channel, faults.implausible("counter resolution " + r + " µJ per tick, but " + c.resolution()
          + " µJ when the meter opened"));
      return;
    }
    buffer.put(channel, c.microjoules(ticks.getValue()));
  }
}
