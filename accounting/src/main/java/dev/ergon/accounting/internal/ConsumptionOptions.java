package dev.ergon.accounting.internal;

import dev.ergon.accounting.PueUse;
import dev.ergon.accounting.ReportingPeriod;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The options that turn records into consumption: PUE, the default region and the reporting period.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 *
 * @param defaultPue the PUE for IT-level records without a more specific one, or {@code null} (then 1, disclosed)
 * @param pueByRegion PUE per normalised region
 * @param pueByHost PUE per host name
 * @param defaultRegion the region of records that have none, or {@code null}
 * @param period the reporting period, or {@code null} to cover the records' calendar years
 */
public record ConsumptionOptions(
    @Nullable Double defaultPue,
    Map<String, Double> pueByRegion,
    Map<String, Double> pueByHost,
    @Nullable String defaultRegion,
    @Nullable ReportingPeriod period) {

  private static final String MAX = PueUse.MAX_PUE == Math.rint(PueUse.MAX_PUE)
      ? Long.toString((long) PueUse.MAX_PUE) : Double.toString(PueUse.MAX_PUE);

  /** Options with nothing set. */
  public static final ConsumptionOptions NONE =
      new ConsumptionOptions(null, Map.of(), Map.of(), null, null);

  /** Copies the maps. */
  public ConsumptionOptions {
    pueByRegion = Map.copyOf(pueByRegion);
    pueByHost = Map.copyOf(pueByHost);
  }

  /**
   * Checks a PUE value: finite and within {@code 1..}{@value PueUse#MAX_PUE}.
   *
   * @param option what set it, for the message, e.g. {@code pue(double)} or {@code pueForRegion("de", double)}
   * @param pue the value
   * @return the value
   * @throws IllegalArgumentException if outside physical sense, naming the option, the value and the fix
   */
  public static double checkPue(String option, double pue) {
    if (Double.isFinite(pue) && pue >= 1.0 && pue <= PueUse.MAX_PUE) {
      return pue;
    }
    String why;
    if (!Double.isFinite(pue)) {
      why = "it is not a finite number";
    } else if (pue < 1.0) {
      why = "below 1 the facility would use less energy than its IT equipment";
    } else {
      why = "above " + MAX + " more than 80 % of the facility's energy would be overhead, "
          + "while the least efficient sites report about 2.5 to 3 (is it 12 for 1.2, or a percentage?)";
    }
    throw new IllegalArgumentException("PUE " + pue + " given to " + option + " is refused: PUE is facility energy / "
        + "IT energy, and " + why + "; pass the site's PUE as a number within 1.." + MAX
        + ", e.g. 1.2, or leave it unset for 1 (the report discloses that)");
  }

  /**
   * Returns a copy with a default PUE.
   *
   * @param pue the PUE
   * @return the copy
   */
  public ConsumptionOptions withDefaultPue(double pue) {
    return new ConsumptionOptions(checkPue("pue(double)", pue), pueByRegion, pueByHost, defaultRegion, period);
  }

  /**
   * Returns a copy with a PUE for a region.
   *
   * @param region the region, normalised here
   * @param pue the PUE
   * @return the copy
   */
  public ConsumptionOptions withRegionPue(String region, double pue) {
    Map<String, Double> m = new TreeMap<>(pueByRegion);
    m.put(ZoneIds.normalize(region), checkPue("pueForRegion(\"" + region + "\", double)", pue));
    return new ConsumptionOptions(defaultPue, m, pueByHost, defaultRegion, period);
  }

  /**
   * Returns a copy with a PUE for a host.
   *
   * @param host the host name
   * @param pue the PUE
   * @return the copy
   */
  public ConsumptionOptions withHostPue(String host, double pue) {
    Objects.requireNonNull(host, "host");
    Map<String, Double> m = new TreeMap<>(pueByHost);
    m.put(host, checkPue("pueForHost(\"" + host + "\", double)", pue));
    return new ConsumptionOptions(defaultPue, pueByRegion, m, defaultRegion, period);
  }

  /**
   * Returns a copy with a default region.
   *
   * @param region the region, normalised here
   * @return the copy
   */
  public ConsumptionOptions withDefaultRegion(String region) {
    return new ConsumptionOptions(defaultPue, pueByRegion, pueByHost, ZoneIds.normalize(region), period);
  }

  /**
   * Returns a copy with a reporting period.
   *
   * @param p the period
   * @return the copy
   */
  public ConsumptionOptions withPeriod(ReportingPeriod p) {
    return new ConsumptionOptions(defaultPue, pueByRegion, pueByHost, defaultRegion, Objects.requireNonNull(p));
  }

  /**
   * Writes the options as text entries.
   *
   * @param out the map to fill
   */
  public void describe(Map<String, String> out) {
    out.put("pue.default", defaultPue == null ? "not set (1.0 used)" : String.valueOf(defaultPue));
    new TreeMap<>(pueByRegion).forEach((k, v) -> out.put("pue.region." + k, String.valueOf(v)));
    new TreeMap<>(pueByHost).forEach((k, v) -> out.put("pue.host." + k, String.valueOf(v)));
    out.put("region.default", defaultRegion == null ? "not set" : defaultRegion);
  }
}
