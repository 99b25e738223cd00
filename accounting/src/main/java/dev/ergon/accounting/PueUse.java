package dev.ergon.accounting;

import dev.ergon.Energy;
import java.util.Objects;

/**
 * A power usage effectiveness applied in a report, and to how much energy.
 *
 * <p>Immutable and thread-safe.
 *
 * @param appliedTo {@code default}, {@code region:<region>} or {@code host:<host>}
 * @param pue the PUE, {@code >= 1}
 * @param itEnergy the IT-level energy it multiplied
 * @param facilityEnergy the result, {@code itEnergy × pue}
 * @since 0.1
 */
public record PueUse(String appliedTo, double pue, Energy itEnergy, Energy facilityEnergy) {
  /** Validates the fields. */
  public PueUse {
    Objects.requireNonNull(appliedTo, "appliedTo");
    Objects.requireNonNull(itEnergy, "itEnergy");
    Objects.requireNonNull(facilityEnergy, "facilityEnergy");
  }
}
