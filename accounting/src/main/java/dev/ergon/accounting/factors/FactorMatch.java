package dev.ergon.accounting.factors;

import java.util.Objects;

/**
 * The answer to a factor look-up: the factor found and the rungs of the place and time hierarchies that gave it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param factor the factor
 * @param place the place asked for (the record's normalised region)
 * @param placeLevel the rung of the place hierarchy that answered
 * @param timeLevel the rung of the time hierarchy that answered
 * @since 0.1
 */
public record FactorMatch(EmissionFactor factor, String place, PlaceLevel placeLevel, TimeLevel timeLevel) {
  /** Validates the fields. */
  public FactorMatch {
    Objects.requireNonNull(factor, "factor");
    Objects.requireNonNull(place, "place");
    Objects.requireNonNull(placeLevel, "placeLevel");
    Objects.requireNonNull(timeLevel, "timeLevel");
  }
}
