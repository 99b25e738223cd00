package dev.ergon.accounting.scope2;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.internal.ConsumptionOptions;
import dev.ergon.accounting.internal.InputDigestTask;
import dev.ergon.accounting.cells.ConsumptionCells;
import dev.ergon.accounting.internal.Scope2Engine;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;

/**
 * Computes dual GHG Protocol Scope 2 reports from energy records; configure it with the {@code with}-style methods,
 * then {@link #calculate(Collection)}.
 *
 * <pre>{@code
 * Scope2Report report = Scope2.calculator(EmissionFactors.load(Path.of("factors.csv")))
 *     .instruments(Instruments.load(Path.of("instruments.csv")))
 *     .reportingEntity("Example Ltd")
 *     .reportingPeriod(ReportingPeriod.ofYear(2026))
 *     .pue(1.2)
 *     .matching(Matching.ANNUAL)
 *     .calculate(ledger.records());
 * }</pre>
 *
 * <h2>What the calculation does</h2>
 *
 * <ol>
 *   <li><b>Consumption.</b> Records are de-duplicated by id; a record whose parent is also given is not counted
 *       (its energy is inside the parent's). Each record's energy is split into UTC hours from its time buckets
 *       and placed in its region (a grid zone or a cloud region; records without one use
 *       {@link #defaultRegion(String)}, else the world). IT-level energy is multiplied by the PUE once (per host,
 *       else per region, else the default, else 1 with a disclosure); records tagged {@code energy.level=facility}
 *       are not. Energy outside the reporting period is left out and disclosed.</li>
 *   <li><b>Location-based.</b> Each place and hour gets the grid-average factor the look-up hierarchy finds
 *       ({@link EmissionFactors}).</li>
 *   <li><b>Market-based.</b> Instruments that pass the checkable Scope 2 Quality Criteria ({@link QualityCriterion})
 *       cover consumption in their market, certificates first, then direct contracts, then supplier rates, by id
 *       within a rung, each pro rata and never beyond its volume ({@link Matching}). Uncovered consumption gets the
 *       supplier factor, else the residual mix, else the grid average, with a disclosure that no residual mix was
 *       available.</li>
 *   <li><b>Uncertainty.</b> Every total and breakdown line carries a 95 % interval (k = 2) from first-order GUM
 *       propagation: each record's energy uncertainty (from its channels; a record's error common to its hours,
 *       records independent) and each factor's stated uncertainty (factors of one data set, zone and kind fully
 *       correlated, others independent). PUE, instruments' rates and factors without a stated uncertainty are
 *       taken as exact, and the report says for how much of the consumption.</li>
 * </ol>
 *
 * <p>The calculation reads no clock and no network: the report is a pure function of the records, factors,
 * instruments, offsets and options, whatever the order of the records.
 *
 * <p>Immutable and thread-safe: each configuring method returns a new calculator. A calculation from records
 * computes the records' input digest on {@link ForkJoinPool#commonPool()} beside the rest, unless
 * {@link #digestExecutor(Executor)} says otherwise.
 *
 * @since 0.1
 */
public final class Scope2Calculator {

  private final EmissionFactors factors;
  private final Instruments instruments;
  private final List<Offset> offsets;
  private final Matching matching;
  private final @Nullable String entity;
  private final ConsumptionOptions options;
  private final Executor digestExecutor;

  private Scope2Calculator(EmissionFactors factors, Instruments instruments, List<Offset> offsets, Matching matching,
      @Nullable String entity, ConsumptionOptions options, Executor digestExecutor) {
    this.factors = factors;
    this.instruments = instruments;
    this.offsets = List.copyOf(offsets);
    this.matching = matching;
    this.entity = entity;
    this.options = options;
    this.digestExecutor = digestExecutor;
  }

  static Scope2Calculator of(EmissionFactors factors) {
    return new Scope2Calculator(Objects.requireNonNull(factors, "factors"), Instruments.empty(), List.of(),
        Matching.ANNUAL, null, ConsumptionOptions.NONE, ForkJoinPool.commonPool());
  }

  /**
   * Returns a calculator that uses these contractual instruments in the market-based method.
   *
   * @param instruments the instruments
   * @return the new calculator
   */
  public Scope2Calculator instruments(Instruments instruments) {
    return new Scope2Calculator(factors, Objects.requireNonNull(instruments), offsets, matching, entity, options,
        digestExecutor);
  }

  /**
   * Returns a calculator that lists these offsets beside the inventory (never subtracted).
   *
   * @param offsets the offsets
   * @return the new calculator
   */
  public Scope2Calculator offsets(List<Offset> offsets) {
    return new Scope2Calculator(factors, instruments, offsets, matching, entity, options, digestExecutor);
  }

  /**
   * Returns a calculator that matches instruments annually (the default) or hourly.
   *
   * @param matching the matching
   * @return the new calculator
   */
  public Scope2Calculator matching(Matching matching) {
    return new Scope2Calculator(factors, instruments, offsets, Objects.requireNonNull(matching), entity, options,
        digestExecutor);
  }

  /**
   * Returns a calculator with a reporting entity: instruments count only if retired on its behalf (compared
   * case-insensitively, ignoring surrounding spaces). Required when instruments are given.
   *
   * @param name the entity's name as written on the retirements
   * @return the new calculator
   * @throws IllegalArgumentException if blank
   */
  public Scope2Calculator reportingEntity(String name) {
    if (name.isBlank()) {
      throw new IllegalArgumentException("reporting entity is blank");
    }
    return new Scope2Calculator(factors, instruments, offsets, matching, name.trim(), options, digestExecutor);
  }

  /**
   * Returns a calculator with a reporting period. Without one, the period is the whole UTC calendar years that
   * contain the records' energy (said so in the report's options).
   *
   * @param period the period
   * @return the new calculator
   */
  public Scope2Calculator reportingPeriod(ReportingPeriod period) {
    return new Scope2Calculator(factors, instruments, offsets, matching, entity, options.withPeriod(period),
        digestExecutor);
  }

  /**
   * Returns a calculator with a default PUE for IT-level energy without a more specific one.
   *
   * @param pue facility energy over IT energy, {@code 1..5} ({@link dev.ergon.accounting.PueUse#MAX_PUE})
   * @return the new calculator
   * @throws IllegalArgumentException if not finite or outside 1..5
   */
  public Scope2Calculator pue(double pue) {
    return new Scope2Calculator(factors, instruments, offsets, matching, entity, options.withDefaultPue(pue),
        digestExecutor);
  }

  /**
   * Returns a calculator with a PUE for the records of one region (a site's or cloud region's PUE).
   *
   * @param region the records' region, e.g. {@code aws:us-east-1} or {@code DE}
   * @param pue facility energy over IT energy, {@code 1..5} ({@link dev.ergon.accounting.PueUse#MAX_PUE})
   * @return the new calculator
   * @throws IllegalArgumentException if the region is malformed or the PUE not finite or outside 1..5
   */
  public Scope2Calculator pueForRegion(String region, double pue) {
    return new Scope2Calculator(factors, instruments, offsets, matching, entity, options.withRegionPue(region, pue),
        digestExecutor);
  }

  /**
   * Returns a calculator with a PUE for the records of one host (wins over region and default).
   *
   * @param host the records' host name
   * @param pue facility energy over IT energy, {@code 1..5} ({@link dev.ergon.accounting.PueUse#MAX_PUE})
   * @return the new calculator
   * @throws IllegalArgumentException if the PUE is not finite or outside 1..5
   */
  public Scope2Calculator pueForHost(String host, double pue) {
    return new Scope2Calculator(factors, instruments, offsets, matching, entity, options.withHostPue(host, pue),
        digestExecutor);
  }

  /**
   * Returns a calculator that places records without a region in this one (disclosed); without it they get the
   * world average.
   *
   * @param region a grid zone or cloud region
   * @return the new calculator
   * @throws IllegalArgumentException if malformed
   */
  public Scope2Calculator defaultRegion(String region) {
    return new Scope2Calculator(factors, instruments, offsets, matching, entity, options.withDefaultRegion(region),
        digestExecutor);
  }

  /**
   * Returns a calculator that computes the input digest of records ({@link Scope2Report#inputDigest()}, SHA-256 over
   * every field of every record, about half the work of a report from records) on this executor, beside the rest of
   * the calculation, which goes on in the calling thread. The digest is the same whichever executor computes it.
   *
   * <p>The default is {@link ForkJoinPool#commonPool()}. Pass {@code Runnable::run} to compute everything in the
   * calling thread (no other thread is used), or a dedicated executor to keep the work off the common pool. Each
   * {@link #calculate(Collection)} hands the executor one task; if the executor refuses it
   * ({@link java.util.concurrent.RejectedExecutionException}) or none of its threads has begun it when the digest
   * is needed, the calling thread computes the digest itself, so a busy, saturated or shut-down executor costs time,
   * never the result, and cannot deadlock. The records are copied once on the calling thread before the task is
   * handed over; only that copy is read by the executor's thread. The calling thread waits for a digest begun
   * elsewhere without responding to interrupts (the interrupt status is kept). An exception thrown while digesting
   * is thrown by {@code calculate}; one thrown by the executor itself, other than a refusal, too.
   *
   * <p>Reports from cells ({@link #calculate(ConsumptionCells)}) digest the cells in the calling thread.
   *
   * @param executor runs each calculation's digest of records
   * @return the new calculator
   * @since 0.2
   */
  public Scope2Calculator digestExecutor(Executor executor) {
    return new Scope2Calculator(factors, instruments, offsets, matching, entity, options,
        Objects.requireNonNull(executor, "executor"));
  }

  /**
   * Computes the report.
   *
   * @param records the energy records, in any order (e.g. a ledger's {@code records()}); the collection must not
   *     change during the call
   * @return the dual Scope 2 report
   * @throws IllegalArgumentException if two records share an id but differ, a record's region or
   *     {@code energy.level} tag is malformed, no factor covers some consumption, or there are no records and no
   *     reporting period, or matching is {@link Matching#HOURLY} and a certificate or contract has no hourly
   *     generation
   * @throws IllegalStateException if instruments are given without a reporting entity
   */
  public Scope2Report calculate(Collection<EnergyRecord> records) {
    InputDigestTask digest = Scope2Engine.startDigest(digestExecutor, records, factors, instruments, offsets,
        matching, entity, options);
    try {
      return Scope2Engine.calculate(ConsumptionCells.of(records), digest, factors, instruments, offsets, matching,
          entity, options);
    } finally {
      digest.abandon(); // Stops the digest if the calculation failed; nothing once it is done.
    }
  }

  /**
   * Computes the report from cells aggregated elsewhere (or merged from parts): the same report as from the records
   * the cells hold, byte for byte, except the input digest, which digests the cells
   * ({@link ConsumptionCells#digest()}) instead of the records.
   *
   * @param cells the consumption cells
   * @return the dual Scope 2 report
   * @throws IllegalArgumentException if no factor covers some consumption, there are no records and no reporting
   *     period, or matching is {@link Matching#HOURLY} and a certificate or contract has no hourly generation
   * @throws IllegalStateException if instruments are given without a reporting entity
   * @since 0.2
   */
  public Scope2Report calculate(ConsumptionCells cells) {
    return Scope2Engine.calculate(cells, null, factors, instruments, offsets, matching, entity, options);
  }

  /**
   * Computes the report under each matching, from the same inputs, so annual (2015 Guidance) and hourly (2025
   * revision proposal) market-based totals can be shown side by side. The location-based totals are the same.
   *
   * @param records the energy records, in any order
   * @return an unmodifiable map from {@link Matching#ANNUAL} and {@link Matching#HOURLY} to their reports, in that
   *     order
   * @throws IllegalArgumentException as {@link #calculate}
   * @throws IllegalStateException as {@link #calculate}
   */
  public Map<Matching, Scope2Report> calculateEachMatching(Collection<EnergyRecord> records) {
    EnumMap<Matching, Scope2Report> out = new EnumMap<>(Matching.class);
    EnumMap<Matching, InputDigestTask> digests = new EnumMap<>(Matching.class);
    try {
      for (Matching m : Matching.values()) {
        digests.put(m, Scope2Engine.startDigest(digestExecutor, records, factors, instruments, offsets, m, entity,
            options));
      }
      ConsumptionCells cells = ConsumptionCells.of(records);
      digests.forEach((m, digest) -> out.put(m, Scope2Engine.calculate(cells, digest, factors, instruments, offsets,
          m, entity, options)));
    } finally {
      digests.values().forEach(InputDigestTask::abandon);
    }
    return Collections.unmodifiableMap(out);
  }
}
