package dev.ergon.accounting.scope2;

import dev.ergon.Energy;
import dev.ergon.accounting.Co2eEstimate;
import java.util.Objects;

/**
 * One line of a Scope 2 breakdown (by zone, by month, or by a tag's value): both totals with their intervals.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the zone, the month ({@code 2026-03}) or the tag value ({@code (none)} for records without the tag)
 * @param itEnergy IT-level energy before PUE (facility-level records included as measured)
 * @param consumption electricity consumption after PUE
 * @param locationBased location-based emissions
 * @param marketBased market-based emissions
 * @since 0.1
 */
public record Scope2Line(
    String key, Energy itEnergy, Energy consumption, Co2eEstimate locationBased, Co2eEstimate marketBased) {
  /** Validates the fields. */
  public Scope2Line {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(itEnergy, "itEnergy");
    Objects.requireNonNull(consumption, "consumption");
    Objects.requireNonNull(locationBased, "locationBased");
    Objects.requireNonNull(marketBased, "marketBased");
  }
}
