package dev.ergon.accounting;

import dev.ergon.Energy;
import java.util.List;
import java.util.Objects;

/**
 * What went into a report: how many records, how complete, how much energy, how it was known, and the PUE
 * applied.
 *
 * <p>Energies are for the counted records within the reporting period. "Measured" is energy from hardware counters
 * and integrated power readings; "estimated" is energy from models. Both are before PUE.
 *
 * <p>Immutable and thread-safe.
 *
 * @param recordsGiven records passed to the calculation
 * @param recordsCounted records whose energy is counted
 * @param nestedExcluded records left out because their parent is also given (their energy is inside the parent's)
 * @param duplicatesIgnored records given more than once (same id, same content), counted once
 * @param complete counted records with status COMPLETE
 * @param partial counted records with status PARTIAL (their energy is a lower bound)
 * @param noMeter counted records with status NO_METER (no energy)
 * @param itEnergy energy of IT-level records, before PUE
 * @param facilityLevelEnergy energy of records measured at the facility level (PUE not applied)
 * @param consumption the electricity consumption reported: {@code itEnergy × PUE + facilityLevelEnergy}
 * @param measured energy known from counters or integrated power (before PUE)
 * @param estimated energy known from models (before PUE)
 * @param partialEnergy energy of partial records (before PUE)
 * @param outsidePeriod energy of counted records that fell outside the reporting period (before PUE), left out
 * @param pue the PUE values applied and to what
 * @since 0.1
 */
public record ConsumptionSummary(
    int recordsGiven,
    int recordsCounted,
    int nestedExcluded,
    int duplicatesIgnored,
    int complete,
    int partial,
    int noMeter,
    Energy itEnergy,
    Energy facilityLevelEnergy,
    Energy consumption,
    Energy measured,
    Energy estimated,
    Energy partialEnergy,
    Energy outsidePeriod,
    List<PueUse> pue) {

  /** Validates the fields. */
  public ConsumptionSummary {
    Objects.requireNonNull(itEnergy, "itEnergy");
    Objects.requireNonNull(facilityLevelEnergy, "facilityLevelEnergy");
    Objects.requireNonNull(consumption, "consumption");
    Objects.requireNonNull(measured, "measured");
    Objects.requireNonNull(estimated, "estimated");
    Objects.requireNonNull(partialEnergy, "partialEnergy");
    Objects.requireNonNull(outsidePeriod, "outsidePeriod");
    pue = List.copyOf(pue);
  }

  /**
   * Returns the share of the energy that was measured rather than estimated.
   *
   * @return {@code measured / (measured + estimated)}, 0 to 1; 0 when there is no energy
   */
  public double measuredShare() {
    double m = measured.toJoules();
    double total = m + estimated.toJoules();
    return total == 0 ? 0 : m / total;
  }
}
