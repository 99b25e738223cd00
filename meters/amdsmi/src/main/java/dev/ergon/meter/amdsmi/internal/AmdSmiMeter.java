package dev.ergon.meter.amdsmi.internal;

import dev.ergon.UnavailableReason;
import dev.ergon.spi.Channel;
import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.Meter;
import dev.ergon.spi.ReadingBuffer;
import java.util.List;

/**
 * An open AMD SMI meter: one channel per GPU.
 *
 * <p>Owns one {@link AmdSmiSession}: {@link #close()} calls {@code amdsmi_shut_down} exactly once, however often it
 * is called. A read after close calls no AMD SMI function and faults every channel.
 *
 * <p>This class is internal and is hence not for public use. Reads come from one thread at a time (the
 * {@link Meter} contract); {@link #close()} may come from any thread after the last read.
 */
public final class AmdSmiMeter implements Meter {

  /** The provider and meter name. */
  public static final String NAME = "amdsmi";

  private final AmdSmiSession session;
  private final List<Channel> channels;
  private final List<GpuReader> readers;
  private final ChannelFault closed;

  AmdSmiMeter(AmdSmiSession session, List<Channel> channels, List<GpuReader> readers) {
    if (channels.size() != readers.size()) {
      throw new IllegalArgumentException(channels.size() + " channels but " + readers.size() + " readers");
    }
    this.session = session;
    this.channels = List.copyOf(channels);
    this.readers = List.copyOf(readers);
    this.closed = new ChannelFault(UnavailableReason.PROVIDER_ERROR,
        "AMD SMI meter on " + session.library().location() + " was read after it was closed", true);
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Returns where the AMD SMI library was loaded from.
   *
   * @return the library's path, or the name the dynamic linker resolved
   */
  public String location() {
    return session.library().location();
  }

  @Override
  public List<Channel> channels() {
    return channels;
  }

  @Override
  public void read(ReadingBuffer buffer) {
    for (int i = 0; i < readers.size(); i++) {
      if (!session.isOpen()) {
        buffer.fail(i, closed);
        continue;
      }
      try {
        readers.get(i).read(buffer, i);
      } catch (RuntimeException e) {
        buffer.fail(i, new ChannelFault(UnavailableReason.PROVIDER_ERROR,
            "reading " + channels.get(i).id() + " through " + session.library().location() + " failed: " + e
                + "; report this to Ergon's authors",
            false));
      }
    }
  }

  @Override
  public void close() {
    session.close();
  }

  @Override
  public String toString() {
    return "AmdSmiMeter" + channels.stream().map(Channel::id).toList();
  }
}
