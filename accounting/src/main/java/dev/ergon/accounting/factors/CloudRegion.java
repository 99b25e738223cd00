package dev.ergon.accounting.factors;

import dev.ergon.accounting.internal.ZoneIds;
import java.util.Objects;

/**
 * Where a cloud region draws its electricity: the grid zone that serves it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param region the normalised cloud region, e.g. {@code aws:eu-west-1}
 * @param zone the normalised grid zone that serves it, e.g. {@code IE}
 * @param location the published location, e.g. {@code Ireland}
 * @param basis why this zone was chosen (e.g. {@code published location; PJM balancing area})
 * @param origin where the mapping was read: {@code file:line}
 * @since 0.1
 */
public record CloudRegion(String region, String zone, String location, String basis, String origin) {
  /**
   * Validates and normalises the fields.
   *
   * @throws IllegalArgumentException if the region is not a cloud region or the zone not a grid zone
   */
  public CloudRegion {
    region = ZoneIds.normalize(region);
    zone = ZoneIds.normalize(zone);
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(origin, "origin");
    if (!ZoneIds.isCloudRegion(region)) {
      throw new IllegalArgumentException("'" + region + "' is not a cloud region (provider:region)");
    }
    if (ZoneIds.isCloudRegion(zone) || zone.equals(ZoneIds.WORLD)) {
      throw new IllegalArgumentException("cloud region " + region + " must map to a grid zone, not '" + zone + "'");
    }
  }
}
