package dev.ergon.compare;

import java.util.Objects;

/**
 * One place's part of an emissions decomposition: its figures in both periods, and the region-mix and
 * intensity parts of the change it carries.
 *
 * <p>Immutable and thread-safe.
 *
 * @param zone the grid zone or cloud region
 * @param joulesBefore the energy drawn there in the earlier period, J (0 if none)
 * @param joulesAfter the energy drawn there in the later period, J
 * @param microgramsBefore the location-based emissions there in the earlier period, µgCO2e
 * @param microgramsAfter the same in the later period, µgCO2e
 * @param mix this place's region-mix part of the change (its share of the energy), µgCO2e, signed
 * @param intensity this place's grid-intensity part of the change, µgCO2e, signed
 * @since 0.2
 */
public record ZoneChange(String zone, double joulesBefore, double joulesAfter, long microgramsBefore,
    long microgramsAfter, long mix, long intensity) {

  /** Validates the zone. */
  public ZoneChange {
    Objects.requireNonNull(zone, "zone");
  }

  /**
   * Returns the place's average intensity in the earlier period.
   *
   * @return gCO2e per kWh; 0 when no energy was drawn
   */
  public double gramsPerKilowattHourBefore() {
    return joulesBefore == 0 ? 0 : microgramsBefore / joulesBefore * 3.6;
  }

  /**
   * Returns the place's average intensity in the later period.
   *
   * @return gCO2e per kWh; 0 when no energy was drawn
   */
  public double gramsPerKilowattHourAfter() {
    return joulesAfter == 0 ? 0 : microgramsAfter / joulesAfter * 3.6;
  }
}
