package dev.ergon.meter.powercap.internal;

import dev.ergon.spi.Channel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A channel of the powercap meter and the counter file it reads.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 *
 * @param channel the channel
 * @param zone the zone it reads
 */
public record ZoneChannel(Channel channel, Zone zone) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public ZoneChannel {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(zone, "zone");
  }

  /**
   * Returns the counter file.
   *
   * @return the zone's {@code energy_uj}, in µJ
   */
  public Path energyFile() {
    return zone.energyFile();
  }
}
