package dev.ergon.compare;

import java.util.Objects;

/**
 * One place's figures in a period: the electricity drawn there and its location-based emissions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param zone the grid zone or cloud region, as the report names it
 * @param joules the electricity consumption (after PUE), J, {@code >= 0}
 * @param micrograms the location-based emissions, µgCO2e, {@code >= 0}
 * @since 0.2
 */
public record ZoneFigures(String zone, double joules, long micrograms) {

  /** Validates the fields. */
  public ZoneFigures {
    Objects.requireNonNull(zone, "zone");
    if (!Double.isFinite(joules) || joules < 0) {
      throw new IllegalArgumentException(zone + ": energy must be finite and >= 0 J, got " + joules);
    }
    if (micrograms < 0) {
      throw new IllegalArgumentException(zone + ": emissions must be >= 0 µg, got " + micrograms);
    }
    if (joules == 0 && micrograms > 0) {
      throw new IllegalArgumentException(zone + ": " + micrograms + " µgCO2e from no energy");
    }
  }

  /**
   * Returns the zone's average location-based intensity.
   *
   * @return µgCO2e per J; 0 when no energy was drawn
   */
  public double intensity() {
    return joules == 0 ? 0 : micrograms / joules;
  }
}
