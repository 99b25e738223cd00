package dev.ergon.accounting.sci;

import dev.ergon.CarbonIntensity;
import dev.ergon.Energy;
import dev.ergon.accounting.Co2eEstimate;
import dev.ergon.accounting.ConsumptionSummary;
import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.factors.FactorUse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A Software Carbon Intensity score (ISO/IEC 21031:2024): {@code SCI = ((E × I) + M) per R}, with its parts, its
 * boundary and its 95 % interval.
 *
 * <p>The score uses grid-average or marginal intensity only; contractual instruments, offsets and every other
 * market-based measure are excluded by the specification and never enter it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param intensityKind average or marginal
 * @param period the reporting period
 * @param functionalUnit the name of R, e.g. {@code training run} or {@code 1000 requests}
 * @param functionalUnits R: the functional units the records counted
 * @param perUnits how many functional units one score is for ({@code 1000} for "per 1000 predictions"), {@code >= 1}
 * @param energy E: the energy, with PUE (kWh via {@link Energy#toKilowattHours()})
 * @param intensity I: the energy-weighted grid intensity, {@code O / E}, or {@code null} when E is zero
 * @param operational O: {@code Σ E × I} over places and hours
 * @param embodied M: the embodied share, zero when no embodied data was given
 * @param total {@code O + M}
 * @param perUnit the SCI score, {@code (O + M) / R × perUnits}, in gCO₂e per {@code perUnits} functional units;
 *     {@code null} when R is zero
 * @param embodiedInput the embodied data used, or {@code null}
 * @param timeReserved TiR: the time the hardware was reserved (the union of the records' run times per host, unless
 *     given)
 * @param boundary the software boundary: what is and is not included
 * @param consumption what went in
 * @param factors the factors used
 * @param disclosures the statements about method, data and gaps
 * @param dataSets the data sets used, with versions and licences
 * @param inputDigest {@code sha256:<hex>} over the canonical inputs
 * @param options the options, as text
 * @since 0.1
 */
public record SciReport(
    SciIntensity intensityKind,
    ReportingPeriod period,
    String functionalUnit,
    long functionalUnits,
    long perUnits,
    Energy energy,
    @Nullable CarbonIntensity intensity,
    Co2eEstimate operational,
    Co2eEstimate embodied,
    Co2eEstimate total,
    @Nullable Co2eEstimate perUnit,
    @Nullable EmbodiedEmissions embodiedInput,
    Duration timeReserved,
    String boundary,
    ConsumptionSummary consumption,
    List<FactorUse> factors,
    List<Disclosure> disclosures,
    List<DataSet> dataSets,
    String inputDigest,
    SortedMap<String, String> options) {

  /** Validates the fields and makes the collections unmodifiable. */
  public SciReport {
    Objects.requireNonNull(intensityKind, "intensityKind");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(functionalUnit, "functionalUnit");
    Objects.requireNonNull(energy, "energy");
    Objects.requireNonNull(operational, "operational");
    Objects.requireNonNull(embodied, "embodied");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(timeReserved, "timeReserved");
    Objects.requireNonNull(boundary, "boundary");
    Objects.requireNonNull(consumption, "consumption");
    Objects.requireNonNull(inputDigest, "inputDigest");
    if (perUnits < 1) {
      throw new IllegalArgumentException("perUnits must be >= 1, got " + perUnits);
    }
    factors = List.copyOf(factors);
    disclosures = List.copyOf(disclosures);
    dataSets = List.copyOf(dataSets);
    options = Collections.unmodifiableSortedMap(new TreeMap<>(options));
  }

  /**
   * Returns what one score is for: the functional unit's name, preceded by {@link #perUnits()} when that is not 1
   * (e.g. {@code 1000 prediction}).
   *
   * @return the score's unit, as text
   */
  public String scoreUnit() {
    return perUnits == 1 ? functionalUnit : perUnits + " " + functionalUnit;
  }
}
