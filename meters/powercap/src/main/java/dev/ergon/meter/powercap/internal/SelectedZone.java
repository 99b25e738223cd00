package dev.ergon.meter.powercap.internal;

import dev.ergon.ChannelKind;
import java.util.Objects;

/**
 * A zone the selection counts, with the channel it becomes.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 *
 * @param zone the zone
 * @param kind {@link ChannelKind#CPU_PACKAGE}, {@link ChannelKind#DRAM} or {@link ChannelKind#PLATFORM}
 * @param channelId the channel id, e.g. {@code cpu/package-0}, {@code dram/0}, {@code platform/psys}
 * @param device the device for people and auditors, e.g. {@code CPU package 0 (powercap intel-rapl:0 'package-0')}
 * @param socket the package number, or -1 when none applies (platform, a DRAM zone outside any package)
 * @param die the die number within the package, or -1
 */
public record SelectedZone(Zone zone, ChannelKind kind, String channelId, String device, int socket, int die) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public SelectedZone {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(device, "device");
  }
}
