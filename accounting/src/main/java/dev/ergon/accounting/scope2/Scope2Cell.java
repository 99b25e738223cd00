package dev.ergon.accounting.scope2;

import dev.ergon.Co2e;
import dev.ergon.Energy;
import dev.ergon.accounting.factors.FactorMatch;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The finest line of a Scope 2 report: the consumption in one place and UTC hour, the factors applied and the
 * results. Everything else in a report is a sum of cells.
 *
 * <p>Immutable and thread-safe.
 *
 * @param place the records' normalised region (a grid zone, a cloud region, or {@code WORLD} when unknown)
 * @param hour the UTC hour's start
 * @param itEnergy IT-level energy before PUE
 * @param consumption electricity consumption after PUE
 * @param locationFactor the grid-average factor applied
 * @param locationBased {@code consumption × locationFactor}
 * @param covered consumption covered by instruments
 * @param remainderFactor the factor applied to the uncovered consumption (supplier, residual mix, or grid average),
 *     or {@code null} when instruments covered it all
 * @param marketBased the market-based emissions
 * @since 0.1
 */
public record Scope2Cell(
    String place,
    Instant hour,
    Energy itEnergy,
    Energy consumption,
    FactorMatch locationFactor,
    Co2e locationBased,
    Energy covered,
    @Nullable FactorMatch remainderFactor,
    Co2e marketBased) {
  /** Validates the fields. */
  public Scope2Cell {
    Objects.requireNonNull(place, "place");
    Objects.requireNonNull(hour, "hour");
    Objects.requireNonNull(itEnergy, "itEnergy");
    Objects.requireNonNull(consumption, "consumption");
    Objects.requireNonNull(locationFactor, "locationFactor");
    Objects.requireNonNull(locationBased, "locationBased");
    Objects.requireNonNull(covered, "covered");
    Objects.requireNonNull(marketBased, "marketBased");
  }

  /**
   * Returns the consumption no instrument covered.
   *
   * @return {@code consumption − covered}
   */
  public Energy uncovered() {
    return consumption.minus(covered);
  }
}
