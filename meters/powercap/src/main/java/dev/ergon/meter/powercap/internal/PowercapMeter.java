package dev.ergon.meter.powercap.internal;

import dev.ergon.UnavailableReason;
import dev.ergon.spi.Channel;
import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.Meter;
import dev.ergon.spi.ReadingBuffer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Reads the selected RAPL zones' {@code energy_uj} counters.
 *
 * <p>Each read puts the raw counter, in µJ, for every channel; core unwraps it with the channel's wrap range. A zone
 * whose read fails (vanished, permission revoked, I/O error) gets a permanent {@link ChannelFault} and is never read
 * again: its channel is unavailable from then on, and the other channels carry on. Nothing is ever put for a channel
 * that could not be read, so a failure is never a zero.
 *
 * <p>This class is internal and is hence not for public use. Thread-safety: as {@link Meter} requires, reads come
 * from one thread at a time; {@link #close()} may come from any thread.
 */
public final class PowercapMeter implements Meter {

  private final String name;
  private final List<Channel> channels;
  private final Path[] energyFiles;
  private final String[] labels;
  private final AttributeReader reader;
  private final @Nullable ChannelFault[] lost;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Creates a meter.
   *
   * @param name the provider name
   * @param zoneChannels the channels and their zones, in reading order
   * @param reader reads the counters
   */
  public PowercapMeter(String name, List<ZoneChannel> zoneChannels, AttributeReader reader) {
    this.name = name;
    List<Channel> list = new ArrayList<>();
    this.energyFiles = new Path[zoneChannels.size()];
    this.labels = new String[zoneChannels.size()];
    for (int i = 0; i < zoneChannels.size(); i++) {
      ZoneChannel zc = zoneChannels.get(i);
      list.add(zc.channel());
      energyFiles[i] = zc.energyFile();
      labels[i] = "channel " + zc.channel().id() + " (zone " + zc.zone().label() + ")";
    }
    this.channels = List.copyOf(list);
    this.lost = new ChannelFault[zoneChannels.size()];
    this.reader = reader;
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
    if (closed.get()) {
      for (int i = 0; i < energyFiles.length; i++) {
        buffer.fail(i, new ChannelFault(UnavailableReason.IO_ERROR, labels[i] + ": read after the meter was closed",
            true));
      }
      return;
    }
    for (int i = 0; i < energyFiles.length; i++) {
      ChannelFault fault = lost[i];
      if (fault == null) {
        try {
          buffer.put(i, reader.readLong(energyFiles[i]));
          continue;
        } catch (IOException e) {
          fault = faultOf(i, e);
          lost[i] = fault;
        }
      }
      buffer.fail(i, fault);
    }
  }

  private ChannelFault faultOf(int i, IOException e) {
    UnavailableReason reason = AttributeFailure.reasonDuringUse(e);
    String what = switch (reason) {
      case DEVICE_LOST -> "zone vanished: " + energyFiles[i] + " no longer exists (driver unloaded, CPU "
          + "hot-unplugged or sysfs unmounted)";
      case PERMISSION_DENIED -> "read access to " + energyFiles[i] + " was revoked";
      default -> "cannot read " + energyFiles[i] + " (" + AttributeFailure.describe(e) + ")";
    };
    return new ChannelFault(reason, labels[i] + ": " + what + "; unavailable from now on", true);
  }

  /** Releases nothing (files are opened per read); later reads fault every channel. Idempotent. */
  @Override
  public void close() {
    closed.set(true);
  }
}
