package dev.ergon.accounting;

import dev.ergon.Energy;
import java.util.Objects;

/**
 * A power usage effectiveness applied in a report, and to how much energy.
 *
 * <p>Immutable and thread-safe.
 *
 * @param appliedTo {@code default}, {@code region:<region>} or {@code host:<host>}
 * @param pue the PUE, {@code 1..}{@value #MAX_PUE}
 * @param itEnergy the IT-level energy it multiplied
 * @param facilityEnergy the result, {@code itEnergy × pue}
 * @since 0.1
 */
public record PueUse(String appliedTo, double pue, Energy itEnergy, Energy facilityEnergy) {
  /**
   * The largest PUE a calculator accepts: 5. PUE is facility energy over IT energy, so it is at least 1; the least
   * efficient data centres in industry surveys report about 2.5 to 3 (Uptime Institute's annual survey averages
   * about 1.6), so a PUE above 5, more than 80 % of a facility's energy as overhead, is taken for a slip (12 for
   * 1.2, a percentage) rather than a site.
   */
  public static final double MAX_PUE = 5;

  /** Validates the fields. */
  public PueUse {
    Objects.requireNonNull(appliedTo, "appliedTo");
    Objects.requireNonNull(itEnergy, "itEnergy");
    Objects.requireNonNull(facilityEnergy, "facilityEnergy");
  }
}
