package dev.ergon.meter.powercap.internal;

import java.util.Objects;

/**
 * A zone the selection does not count, and why.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 *
 * @param zone the zone
 * @param reason why it is not counted, e.g. "part of package-0"
 */
public record SkippedZone(Zone zone, String reason) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public SkippedZone {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(reason, "reason");
  }
}
