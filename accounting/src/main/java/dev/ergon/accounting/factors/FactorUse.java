package dev.ergon.accounting.factors;

import dev.ergon.CarbonIntensity;
import dev.ergon.Co2e;
import dev.ergon.Energy;
import java.util.Objects;

/**
 * How a report used the factors of one data set, zone, kind and hierarchy rung: the provenance line an auditor
 * reads.
 *
 * <p>Hourly factors of one zone are summarised in one line (their count and range); the report's cells name each
 * hourly value.
 *
 * <p>Immutable and thread-safe.
 *
 * @param usedFor {@code location-based}, {@code market-based} or {@code sci}
 * @param dataSet the data set's name
 * @param zone the factor's zone
 * @param kind the factor's kind
 * @param granularity the factor's period granularity
 * @param placeLevel the place rung that answered
 * @param timeLevel the time rung that answered
 * @param factorCount how many distinct factors (periods) were used
 * @param minimum the lowest intensity used
 * @param maximum the highest intensity used
 * @param energy the consumption they were applied to
 * @param emissions the emissions they produced
 * @param source the factors' source
 * @param example the label of one factor used ({@link EmissionFactor#label()}), with its origin
 * @since 0.1
 */
public record FactorUse(
    String usedFor,
    String dataSet,
    String zone,
    FactorKind kind,
    FactorPeriod.Granularity granularity,
    PlaceLevel placeLevel,
    TimeLevel timeLevel,
    int factorCount,
    CarbonIntensity minimum,
    CarbonIntensity maximum,
    Energy energy,
    Co2e emissions,
    String source,
    String example) {

  /** Validates the fields. */
  public FactorUse {
    Objects.requireNonNull(usedFor, "usedFor");
    Objects.requireNonNull(dataSet, "dataSet");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(granularity, "granularity");
    Objects.requireNonNull(placeLevel, "placeLevel");
    Objects.requireNonNull(timeLevel, "timeLevel");
    Objects.requireNonNull(minimum, "minimum");
    Objects.requireNonNull(maximum, "maximum");
    Objects.requireNonNull(energy, "energy");
    Objects.requireNonNull(emissions, "emissions");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(example, "example");
  }
}
