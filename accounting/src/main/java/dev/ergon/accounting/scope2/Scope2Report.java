package dev.ergon.accounting.scope2;

import dev.ergon.Co2e;
import dev.ergon.accounting.Co2eEstimate;
import dev.ergon.accounting.ConsumptionSummary;
import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.factors.FactorUse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A dual GHG Protocol Scope 2 report: the location-based and the market-based totals, each labelled and each with
 * its 95 % interval, their breakdowns, the factors and instruments used, and the disclosures the Scope 2 Guidance
 * asks for.
 *
 * <p>The report carries everything needed to recompute it: the {@link #inputDigest()} (SHA-256 over the records,
 * the instruments, the offsets, the data set versions and the options), the {@link #dataSets()} and the
 * {@link #options()}. The same inputs give the same report, byte for byte, whatever the order of the records.
 *
 * <p>Offsets are listed ({@link #offsets()}) and never subtracted from either total.
 *
 * <p>Immutable and thread-safe.
 *
 * @param matching how instruments were matched to consumption
 * @param period the reporting period
 * @param reportingEntity the entity instruments must be retired for, or {@code null} if not set
 * @param locationBased the location-based total
 * @param marketBased the market-based total
 * @param consumption what went in: records, energy, measured vs estimated, PUE
 * @param byZone totals per place (grid zone or cloud region), sorted by place
 * @param byMonth totals per UTC month ({@code 2026-03}), in time order
 * @param byTag for every tag key found on the counted records, totals per value, sorted by value; records without
 *     the key fall under {@code (none)}
 * @param cells the finest lines: per place and UTC hour
 * @param factors every factor used, summarised per data set, zone, kind and rung
 * @param instruments every instrument given, with what happened to it
 * @param coverage the market-based consumption by basis (instrument types, supplier factor, residual mix, grid
 *     average); sums to the consumption
 * @param offsets offsets listed beside the inventory, not subtracted
 * @param disclosures the statements about method, data and gaps
 * @param dataSets the factor and mapping data sets used, with versions and licences
 * @param inputDigest {@code sha256:<hex>} over the canonical inputs
 * @param options the options, as text, for the record
 * @since 0.1
 */
public record Scope2Report(
    Matching matching,
    ReportingPeriod period,
    @Nullable String reportingEntity,
    Co2eEstimate locationBased,
    Co2eEstimate marketBased,
    ConsumptionSummary consumption,
    List<Scope2Line> byZone,
    List<Scope2Line> byMonth,
    SortedMap<String, List<Scope2Line>> byTag,
    List<Scope2Cell> cells,
    List<FactorUse> factors,
    List<InstrumentUse> instruments,
    List<CoverageLine> coverage,
    List<Offset> offsets,
    List<Disclosure> disclosures,
    List<DataSet> dataSets,
    String inputDigest,
    SortedMap<String, String> options) {

  /** Validates the fields and makes the collections unmodifiable. */
  public Scope2Report {
    Objects.requireNonNull(matching, "matching");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(locationBased, "locationBased");
    Objects.requireNonNull(marketBased, "marketBased");
    Objects.requireNonNull(consumption, "consumption");
    Objects.requireNonNull(inputDigest, "inputDigest");
    byZone = List.copyOf(byZone);
    byMonth = List.copyOf(byMonth);
    TreeMap<String, List<Scope2Line>> tags = new TreeMap<>();
    for (Map.Entry<String, List<Scope2Line>> e : byTag.entrySet()) {
      tags.put(e.getKey(), List.copyOf(e.getValue()));
    }
    byTag = Collections.unmodifiableSortedMap(tags);
    cells = List.copyOf(cells);
    factors = List.copyOf(factors);
    instruments = List.copyOf(instruments);
    coverage = List.copyOf(coverage);
    offsets = List.copyOf(offsets);
    disclosures = List.copyOf(disclosures);
    dataSets = List.copyOf(dataSets);
    options = Collections.unmodifiableSortedMap(new TreeMap<>(options));
  }

  /**
   * Returns the sum of the offsets listed (for information; it is never subtracted from a total).
   *
   * @return the offsets' total quantity
   */
  public Co2e offsetsTotal() {
    Co2e sum = Co2e.ZERO;
    for (Offset o : offsets) {
      sum = sum.plus(o.quantity());
    }
    return sum;
  }

  /**
   * Returns the breakdown by one tag key.
   *
   * @param key the tag key, e.g. {@code model}
   * @return the lines, or an empty list if no counted record has that key
   */
  public List<Scope2Line> byTag(String key) {
    return byTag.getOrDefault(key, List.of());
  }
}
