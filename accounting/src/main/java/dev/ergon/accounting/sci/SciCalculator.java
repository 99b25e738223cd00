package dev.ergon.accounting.sci;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.internal.ConsumptionOptions;
import dev.ergon.accounting.cells.ConsumptionCells;
import dev.ergon.accounting.internal.InputDigestTask;
import dev.ergon.accounting.internal.SciEngine;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;

/**
 * Computes Software Carbon Intensity scores (ISO/IEC 21031:2024) from energy records.
 *
 * <pre>{@code
 * SciReport sci = Sci.calculator(EmissionFactors.bundled())
 *     .pue(1.135)
 *     .embodied(CloudEmbodiedCoefficients.bundled().instance("aws", "m5.xlarge", null, 4, 96))
 *     .functionalUnit("training run")
 *     .calculate(records);
 * }</pre>
 *
 * <p>E is the counted records' energy in the reporting period with PUE applied once (the same consumption rules as
 * {@link dev.ergon.accounting.scope2.Scope2Calculator}); I is the grid intensity of each place and UTC hour
 * (average by default, or marginal), never market-based; M is the embodied share
 * {@code TE × (TiR / EL) × (RR / ToR)}, with TiR the union of the records' run times per host unless given; R is the
 * sum of the records' functional units. The uncertainty of O follows the same GUM budget as Scope 2; M's uses TE's
 * stated uncertainty, independent of O's.
 *
 * <p>Immutable and thread-safe: each configuring method returns a new calculator.
 *
 * @since 0.1
 */
public final class SciCalculator {
  private final EmissionFactors factors;
  private final SciIntensity intensity;
  private final ConsumptionOptions options;
  private final @Nullable EmbodiedEmissions embodied;
  private final @Nullable Duration timeReserved;
  private final String functionalUnit;
  private final long perUnits;
  private final String boundaryNote;
  private final Executor digestExecutor;

  private SciCalculator(EmissionFactors factors, SciIntensity intensity, ConsumptionOptions options,
      @Nullable EmbodiedEmissions embodied, @Nullable Duration timeReserved, String functionalUnit, long perUnits,
      String boundaryNote, Executor digestExecutor) {
    this.factors = factors;
    this.intensity = intensity;
    this.options = options;
    this.embodied = embodied;
    this.timeReserved = timeReserved;
    this.functionalUnit = functionalUnit;
    this.perUnits = perUnits;
    this.boundaryNote = boundaryNote;
    this.digestExecutor = digestExecutor;
  }

  static SciCalculator of(EmissionFactors factors) {
    return new SciCalculator(Objects.requireNonNull(factors, "factors"), SciIntensity.AVERAGE,
        ConsumptionOptions.NONE, null, null, "unit", 1, "", ForkJoinPool.commonPool());
  }

  /**
   * Returns a calculator that uses average (the default) or marginal grid intensity.
   *
   * @param kind the intensity
   * @return the new calculator
   */
  public SciCalculator intensity(SciIntensity kind) {
    return new SciCalculator(factors, Objects.requireNonNull(kind), options, embodied, timeReserved, functionalUnit,
        perUnits, boundaryNote, digestExecutor);
  }

  /**
   * Returns a calculator with a default PUE for IT-level energy.
   *
   * @param pue facility energy over IT energy, {@code 1..5} ({@link dev.ergon.accounting.PueUse#MAX_PUE})
   * @return the new calculator
   * @throws IllegalArgumentException if not finite or outside 1..5
   */
  public SciCalculator pue(double pue) {
    return new SciCalculator(factors, intensity, options.withDefaultPue(pue), embodied, timeReserved, functionalUnit,
        perUnits, boundaryNote, digestExecutor);
  }

  /**
   * Returns a calculator with a PUE for the records of one region.
   *
   * @param region the region
   * @param pue the PUE, {@code 1..5} ({@link dev.ergon.accounting.PueUse#MAX_PUE})
   * @return the new calculator
   * @throws IllegalArgumentException if the region is malformed or the PUE invalid
   */
  public SciCalculator pueForRegion(String region, double pue) {
    return new SciCalculator(factors, intensity, options.withRegionPue(region, pue), embodied, timeReserved,
        functionalUnit, perUnits, boundaryNote, digestExecutor);
  }

  /**
   * Returns a calculator with a PUE for the records of one host (wins over region and default).
   *
   * @param host the records' host name
   * @param pue the PUE, {@code 1..5} ({@link dev.ergon.accounting.PueUse#MAX_PUE})
   * @return the new calculator
   * @throws IllegalArgumentException if the PUE is not finite or outside 1..5
   */
  public SciCalculator pueForHost(String host, double pue) {
    return new SciCalculator(factors, intensity, options.withHostPue(host, pue), embodied, timeReserved,
        functionalUnit, perUnits, boundaryNote, digestExecutor);
  }

  /**
   * Returns a calculator that places records without a region in this one.
   *
   * @param region a grid zone or cloud region
   * @return the new calculator
   * @throws IllegalArgumentException if malformed
   */
  public SciCalculator defaultRegion(String region) {
    return new SciCalculator(factors, intensity, options.withDefaultRegion(region), embodied, timeReserved,
        functionalUnit, perUnits, boundaryNote, digestExecutor);
  }

  /**
   * Returns a calculator with a reporting period (default: the calendar years of the records).
   *
   * @param period the period
   * @return the new calculator
   */
  public SciCalculator reportingPeriod(ReportingPeriod period) {
    return new SciCalculator(factors, intensity, options.withPeriod(period), embodied, timeReserved, functionalUnit,
        perUnits, boundaryNote, digestExecutor);
  }

  /**
   * Returns a calculator that includes embodied emissions M.
   *
   * @param e the embodied data
   * @return the new calculator
   */
  public SciCalculator embodied(EmbodiedEmissions e) {
    return new SciCalculator(factors, intensity, options, Objects.requireNonNull(e), timeReserved, functionalUnit,
        perUnits, boundaryNote, digestExecutor);
  }

  /**
   * Returns a calculator with a fixed time reserved (TiR), instead of the records' run times.
   *
   * @param d the time the hardware was reserved, not negative
   * @return the new calculator
   * @throws IllegalArgumentException if negative
   */
  public SciCalculator timeReserved(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("time reserved is negative: " + d);
    }
    return new SciCalculator(factors, intensity, options, embodied, d, functionalUnit, perUnits, boundaryNote,
        digestExecutor);
  }

  /**
   * Returns a calculator that names the functional unit R (what {@code Job.addUnits} counted).
   *
   * @param name e.g. {@code training run}, {@code request}, {@code 1000 tokens}
   * @return the new calculator
   * @throws IllegalArgumentException if blank
   */
  public SciCalculator functionalUnit(String name) {
    return functionalUnit(name, 1);
  }

  /**
   * Returns a calculator that names the functional unit R and scores per {@code perUnits} of them: with
   * {@code functionalUnit("prediction", 1000)} the score is in gCO₂e per 1000 predictions, that is
   * {@code (O + M) / R × 1000}.
   *
   * @param name what one unit is (what {@code Job.addUnits} counted), e.g. {@code prediction}
   * @param perUnits how many units one score is for, {@code >= 1}
   * @return the new calculator
   * @throws IllegalArgumentException if the name is blank or {@code perUnits < 1}
   */
  public SciCalculator functionalUnit(String name, long perUnits) {
    if (name.isBlank()) {
      throw new IllegalArgumentException("functional unit name is blank");
    }
    if (perUnits < 1) {
      throw new IllegalArgumentException("the score must be per at least 1 functional unit, got " + perUnits);
    }
    return new SciCalculator(factors, intensity, options, embodied, timeReserved, name.trim(), perUnits,
        boundaryNote, digestExecutor);
  }

  /**
   * Returns a calculator that adds a sentence to the stated boundary (e.g. what the records' jobs are).
   *
   * @param note the sentence
   * @return the new calculator
   */
  public SciCalculator boundaryNote(String note) {
    return new SciCalculator(factors, intensity, options, embodied, timeReserved, functionalUnit, perUnits,
        Objects.requireNonNull(note).trim(), digestExecutor);
  }

  /**
   * Returns a calculator that computes the input digest of records ({@link SciReport#inputDigest()}) on this
   * executor, beside the rest of the calculation; as
   * {@link dev.ergon.accounting.scope2.Scope2Calculator#digestExecutor(Executor)} describes: by default
   * {@link ForkJoinPool#commonPool()}, {@code Runnable::run} for the calling thread only; the digest is the same
   * whichever executor computes it, and the calling thread computes it itself if the executor refuses the task or
   * has not begun it when it is needed.
   *
   * @param executor runs each calculation's digest of records
   * @return the new calculator
   * @since 0.2
   */
  public SciCalculator digestExecutor(Executor executor) {
    return new SciCalculator(factors, intensity, options, embodied, timeReserved, functionalUnit, perUnits,
        boundaryNote, Objects.requireNonNull(executor, "executor"));
  }

  /**
   * Computes the score.
   *
   * @param records the energy records, in any order; the collection must not change during the call
   * @return the report
   * @throws IllegalArgumentException if records are inconsistent (see
   *     {@link dev.ergon.accounting.scope2.Scope2Calculator#calculate}) or no factor covers some consumption
   */
  public SciReport calculate(Collection<EnergyRecord> records) {
    InputDigestTask digest = SciEngine.startDigest(digestExecutor, records, factors, intensity, options, embodied,
        timeReserved, functionalUnit, perUnits, boundaryNote);
    try {
      return SciEngine.calculate(ConsumptionCells.of(records), digest, factors, intensity, options, embodied,
          timeReserved, functionalUnit, perUnits, boundaryNote);
    } finally {
      digest.abandon(); // Stops the digest if the calculation failed; nothing once it is done.
    }
  }

  /**
   * Computes the score from cells aggregated elsewhere (or merged from parts): the same report as from the records
   * the cells hold, except the input digest, which digests the cells ({@link ConsumptionCells#digest()}).
   *
   * @param cells the consumption cells
   * @return the report
   * @throws IllegalArgumentException if no factor covers some consumption or there are no records and no reporting
   *     period
   * @since 0.2
   */
  public SciReport calculate(ConsumptionCells cells) {
    return SciEngine.calculate(cells, null, factors, intensity, options, embodied, timeReserved, functionalUnit,
        perUnits, boundaryNote);
  }
}
