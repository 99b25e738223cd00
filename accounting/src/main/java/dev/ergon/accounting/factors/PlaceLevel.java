package dev.ergon.accounting.factors;

import dev.ergon.accounting.internal.ZoneIds;

/**
 * The rung of the place hierarchy at which a factor was found, finest first.
 *
 * @since 0.1
 */
public enum PlaceLevel {
  /** A factor published for the cloud region itself (e.g. Cloud Carbon Footprint's per-region factors). */
  CLOUD_REGION,
  /** A grid zone below a country: a balancing authority, eGRID subregion, state or bidding zone. */
  SUBNATIONAL,
  /** A country. */
  NATIONAL,
  /** The world average: the last rung, always disclosed. */
  WORLD;

  /**
   * Returns the level of a normalised zone id.
   *
   * @param zone a zone, cloud region or {@code WORLD}
   * @return its level
   */
  public static PlaceLevel of(String zone) {
    if (zone.equals(ZoneIds.WORLD)) {
      return WORLD;
    }
    if (ZoneIds.isCloudRegion(zone)) {
      return CLOUD_REGION;
    }
    return zone.indexOf('-') > 0 ? SUBNATIONAL : NATIONAL;
  }
}
