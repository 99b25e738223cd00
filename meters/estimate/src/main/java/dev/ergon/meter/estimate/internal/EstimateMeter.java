package dev.ergon.meter.estimate.internal;

import dev.ergon.UnavailableReason;
import dev.ergon.spi.Channel;
import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.Meter;
import dev.ergon.spi.ReadingBuffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The open estimate meter: reads each modelled channel at the buffer's time and reports cumulative microjoules since
 * the first read (which reports 0 and sets the baseline). Inputs are small {@code /proc} and cgroup files read
 * without blocking; nothing sleeps or waits.
 *
 * <p>This class is internal and is hence not for public use. Reads come from one thread at a time (the SPI's
 * contract); {@link #close()} may come from another thread.
 */
public final class EstimateMeter implements Meter {
  private final String name;
  private final List<ModelledChannel> models;
  private final List<Channel> channels;
  private volatile boolean closed;

  /**
   * Creates the meter.
   *
   * @param name the provider name
   * @param models the channels, in order
   */
  public EstimateMeter(String name, List<ModelledChannel> models) {
    this.name = name;
    this.models = List.copyOf(models);
    List<Channel> c = new ArrayList<>();
    for (ModelledChannel m : models) {
      c.add(m.channel());
    }
    this.channels = List.copyOf(c);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Channel> channels() {
    return channels;
  }

  @Override
  public void read(ReadingBuffer buffer) {
    long now = buffer.nanoTime();
    for (int i = 0; i < models.size(); i++) {
      ModelledChannel m = models.get(i);
      if (closed) {
        buffer.fail(i, new ChannelFault(UnavailableReason.DEVICE_LOST,
            "meter " + name + " is closed; channel " + m.channel().id() + " is no longer read", true));
        continue;
      }
      try {
        buffer.put(i, m.read(now));
      } catch (IOException e) {
        buffer.fail(i, new ChannelFault(UnavailableReason.IO_ERROR,
            "channel " + m.channel().id() + ": " + e.getMessage() + "; the next successful read covers the gap",
            false));
      } catch (RuntimeException e) {
        buffer.fail(i, new ChannelFault(UnavailableReason.PROVIDER_ERROR,
            "channel " + m.channel().id() + " failed: " + e, false));
      }
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
