package dev.ergon.accounting.factors;

import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.InvalidDataException;
import dev.ergon.accounting.internal.BundledFactorImage;
import dev.ergon.accounting.internal.BundledFactors;
import dev.ergon.accounting.internal.Digests;
import dev.ergon.accounting.internal.FactorTableReader;
import dev.ergon.accounting.internal.ZoneIds;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A layered set of emission factors with a documented look-up hierarchy, and the cloud-region mapping that goes
 * with it.
 *
 * <h2>Where factors come from</h2>
 *
 * <ul>
 *   <li>{@link #bundled()}: Electricity Maps' yearly 2025 averages for about 350 grid zones (countries, US
 *       balancing authorities, bidding zones; life-cycle, consumption-based; ODbL), Ember's world average as the
 *       last rung (CC BY-SA 4.0), and the bundled cloud-region mapping ({@link CloudRegions#bundled()}). No
 *       residual mix is bundled (the AIB European Residual Mixes carry no open licence): load one for the
 *       market-based method, or the report discloses that the grid average stood in for it.</li>
 *   <li>{@link #cloudCarbonFootprint()}: Cloud Carbon Footprint's per-cloud-region factors over the bundled set,
 *       to reproduce CCF's figures.</li>
 *   <li>{@link #load(Path)}: a user's table, layered over the bundled set; it takes precedence.</li>
 * </ul>
 *
 * <h2>Factor tables (CSV)</h2>
 *
 * <p>UTF-8, a header row, one factor per row; {@code #} starts a comment line. Columns (lower case):
 *
 * <table>
 *   <caption>Factor table columns</caption>
 *   <tr><th>column</th><th>required</th><th>meaning</th></tr>
 *   <tr><td>{@code zone}</td><td>yes</td><td>grid zone ({@code DE}, {@code US-CAL-CISO}, {@code SE-SE3}), cloud
 *     region ({@code aws:eu-west-1}) or {@code WORLD}</td></tr>
 *   <tr><td>{@code period}</td><td>yes</td><td>UTC year {@code 2025}, month {@code 2025-03} or hour
 *     {@code 2025-03-14T05:00Z}</td></tr>
 *   <tr><td>{@code kind}</td><td>yes</td><td>{@code location}, {@code residual_mix}, {@code supplier} or
 *     {@code marginal} ({@link FactorKind})</td></tr>
 *   <tr><td>{@code intensity}</td><td>yes</td><td>a finite number {@code >= 0}</td></tr>
 *   <tr><td>{@code unit}</td><td>yes</td><td>{@code g/kWh}, {@code kg/MWh}, {@code kg/kWh}, {@code g/MWh},
 *     {@code t/kWh}, {@code t/MWh} or {@code lb/MWh}; a gas label is allowed ({@code gCO2e/kWh})</td></tr>
 *   <tr><td>{@code uncertainty}</td><td>no</td><td>relative standard uncertainty (1σ) as a fraction
 *     ({@code 0.05}) or a percentage ({@code 5%})</td></tr>
 *   <tr><td>{@code source}</td><td>no</td><td>who published the value; defaults to the file name</td></tr>
 * </table>
 *
 * <p>A file is refused whole, with its path, the line and the reason, for: a malformed row (too few or too many
 * values), an unknown column, kind or unit, an intensity that is negative, NaN or not a number, or two rows that
 * overlap — the same zone, kind and period. (Periods are calendar-aligned, so two periods of one granularity either
 * coincide or are disjoint; an hourly factor inside a year that also has an annual factor is not an overlap but a
 * finer rung.)
 *
 * <h2>Look-up hierarchy</h2>
 *
 * <p>{@link #lookup(String, Instant, FactorKind)} asks, for the place of the consumption and the UTC hour:
 *
 * <ol>
 *   <li>each layer in precedence order (a loaded table before the set it was layered over);</li>
 *   <li>within a layer, each place from finest to coarsest ({@link #placeChain(String)}): the cloud region itself,
 *       the grid zone it maps to, then that zone's parents ({@code US-MIDA-PJM → US-MIDA → US});</li>
 *   <li>within a place, the finest time: the hour, the month, the year, then the annual factor of the nearest
 *       other year (the latest earlier year, else the earliest later one);</li>
 *   <li>only when no layer knows any of those places: the {@code WORLD} factor, for the location and marginal
 *       kinds only (there is no world residual mix or supplier rate).</li>
 * </ol>
 *
 * <p>The answer ({@link FactorMatch}) names the factor and the rungs that gave it, so a report can disclose every
 * fallback.
 *
 * <p>Immutable and thread-safe. Bundled data is read from the jar when a factory method is called, never at class
 * initialisation.
 *
 * @since 0.1
 */
public final class EmissionFactors {

  /* Place chains remembered per normalised place (a cache of a pure function; bounded). */
  private static final int MAX_REMEMBERED_CHAINS = 4096;

  private final List<Layer> layers;
  private final CloudRegions cloudRegions;
  private final ConcurrentHashMap<String, List<String>> chains = new ConcurrentHashMap<>();

  private EmissionFactors(List<Layer> layers, CloudRegions cloudRegions) {
    this.layers = List.copyOf(layers);
    this.cloudRegions = cloudRegions;
  }

  /**
   * Returns no factors and no cloud-region mapping.
   *
   * @return an empty set
   */
  public static EmissionFactors empty() {
    return new EmissionFactors(List.of(), CloudRegions.empty());
  }

  /**
   * Returns the bundled default set: Electricity Maps yearly 2025, Ember's world average, and the bundled
   * cloud-region mapping.
   *
   * @return the bundled set
   */
  public static EmissionFactors bundled() {
    // The build stores the parsed tables as a binary image (BundledFactorImage); parse the files only without it.
    // Its factors are decoded per zone, when a look-up first asks for the zone (a command that looks up one region
    // decodes a few of about 350); factors() decodes them all.
    BundledFactorImage.Image image = BundledFactorImage.read();
    if (image == null) {
      return parsedBundled();
    }
    return new EmissionFactors(List.of(Layer.lazy(image.electricityMaps()), Layer.lazy(image.emberWorld())),
        CloudRegions.of(image.cloudRegions(), image.cloudRegionsDataSet()));
  }

  /**
   * Returns the bundled default set parsed from its JSON and CSV files, what the binary image must equal.
   *
   * @return the bundled set
   */
  static EmissionFactors parsedBundled() {
    return of(BundledFactors.electricityMaps2025(), BundledFactors.emberWorld(), CloudRegions.bundled());
  }

  private static EmissionFactors of(BundledFactors.Table em, BundledFactors.Table world, CloudRegions regions) {
    return new EmissionFactors(List.of(Layer.of(em.dataSet(), em.factors()), Layer.of(world.dataSet(),
        world.factors())), regions);
  }

  /**
   * Returns Cloud Carbon Footprint's per-cloud-region factors (location-based, t CO₂e/kWh in the source) layered
   * over {@link #bundled()}, so that a record in a cloud region gets the factor CCF would use and other records
   * get the bundled grid factors.
   *
   * @return the set
   */
  public static EmissionFactors cloudCarbonFootprint() {
    BundledFactors.Table ccf = BundledFactors.cloudCarbonFootprint();
    return of(ccf.dataSet(), ccf.factors()).layeredOver(bundled());
  }

  /**
   * Reads a factor table (see the class description for its columns) and layers it over {@link #bundled()}.
   *
   * @param csv the table
   * @return the table over the bundled set
   * @throws InvalidDataException if the table is malformed: the message names the file, the line and the reason
   */
  public static EmissionFactors load(Path csv) {
    return bundled().withTable(csv);
  }

  /**
   * Reads a factor table alone, with no bundled data beneath it.
   *
   * @param csv the table
   * @return the table's factors
   * @throws InvalidDataException if the table is malformed
   */
  public static EmissionFactors readTable(Path csv) {
    FactorTableReader.Table t = FactorTableReader.read(csv);
    return of(t.dataSet(), t.factors());
  }

  /**
   * Returns a set of given factors as one data set.
   *
   * @param dataSet the data set the factors belong to
   * @param factors the factors
   * @return the set
   * @throws IllegalArgumentException if two factors have the same zone, kind and period
   */
  public static EmissionFactors of(DataSet dataSet, Collection<EmissionFactor> factors) {
    return new EmissionFactors(List.of(Layer.of(dataSet, factors)), CloudRegions.empty());
  }

  /**
   * Returns a set of given factors as one data set whose version is the SHA-256 of their content.
   *
   * @param name the data set's name
   * @param factors the factors
   * @return the set
   * @throws IllegalArgumentException if two factors have the same zone, kind and period
   */
  public static EmissionFactors of(String name, Collection<EmissionFactor> factors) {
    StringBuilder canonical = new StringBuilder();
    factors.stream()
        .map(f -> f.zone() + "|" + f.kind() + "|" + f.period() + "|" + f.intensity().toGramsPerKilowattHour() + "|"
            + (f.relativeUncertainty().isPresent() ? f.relativeUncertainty().getAsDouble() : "") + "|" + f.source())
        .sorted()
        .forEach(s -> canonical.append(s).append('\n'));
    return of(new DataSet(name, "sha256:" + Digests.sha256Hex(canonical.toString()),
        "Emission factors given programmatically", "user-supplied", ""), factors);
  }

  /**
   * Returns this set with a factor table read from a file on top of it.
   *
   * @param csv the table
   * @return the combined set; the table takes precedence
   * @throws InvalidDataException if the table is malformed
   */
  public EmissionFactors withTable(Path csv) {
    return readTable(csv).layeredOver(this);
  }

  /**
   * Returns this set on top of another: every layer of this set is asked before any layer of {@code base}, and
   * this set's cloud-region mappings override the base's.
   *
   * @param base the set to fall back to
   * @return the combined set
   */
  public EmissionFactors layeredOver(EmissionFactors base) {
    List<Layer> all = new ArrayList<>(layers);
    all.addAll(base.layers);
    return new EmissionFactors(all, cloudRegions.layeredOver(base.cloudRegions));
  }

  /**
   * Returns this set with a cloud-region mapping that overrides the current one where both know a region.
   *
   * @param mapping the mapping
   * @return the new set
   */
  public EmissionFactors withCloudRegions(CloudRegions mapping) {
    return new EmissionFactors(layers, mapping.layeredOver(cloudRegions));
  }

  /**
   * Returns the cloud-region mapping.
   *
   * @return the mapping
   */
  public CloudRegions cloudRegions() {
    return cloudRegions;
  }

  /**
   * Returns the data sets, factor layers in precedence order, then the mapping's.
   *
   * @return the data sets
   */
  public List<DataSet> dataSets() {
    List<DataSet> ds = new ArrayList<>();
    for (Layer l : layers) {
      ds.add(l.dataSet);
    }
    for (DataSet d : cloudRegions.dataSets()) {
      if (!ds.contains(d)) {
        ds.add(d);
      }
    }
    return List.copyOf(ds);
  }

  /**
   * Tells whether any layer has a factor of a kind; unlike searching {@link #factors()}, this decodes nothing of the
   * bundled image.
   *
   * @param kind the kind
   * @return true if at least one factor of the set has it
   */
  public boolean hasKind(FactorKind kind) {
    for (Layer l : layers) {
      if (l.kinds.contains(kind)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns every factor, layer by layer in precedence order.
   *
   * @return the factors
   */
  public List<EmissionFactor> factors() {
    List<EmissionFactor> all = new ArrayList<>();
    for (Layer l : layers) {
      all.addAll(l.factors());
    }
    return List.copyOf(all);
  }

  /**
   * Returns the places the look-up tries for a region, finest first, without the world: a cloud region, the grid
   * zone it maps to (if the mapping knows it), then the zone's parents.
   *
   * @param region a zone or cloud region, as written in a record ({@code aws:eu-west-1}, {@code DE})
   * @return e.g. {@code [aws:us-east-1, US-MIDA-PJM, US-MIDA, US]}; empty for {@code WORLD}
   * @throws IllegalArgumentException if the region is malformed
   */
  public List<String> placeChain(String region) {
    return chainOf(ZoneIds.normalize(region));
  }

  /* The chain of a normalised place, remembered: it depends only on the place and the immutable mapping. */
  private List<String> chainOf(String place) {
    List<String> known = chains.get(place);
    if (known != null) {
      return known;
    }
    List<String> chain = new ArrayList<>();
    if (ZoneIds.isCloudRegion(place)) {
      chain.add(place);
      cloudRegions.find(place).ifPresent(m -> chain.addAll(ZoneIds.withParents(m.zone())));
    } else {
      chain.addAll(ZoneIds.withParents(place));
    }
    List<String> made = List.copyOf(chain);
    if (chains.size() < MAX_REMEMBERED_CHAINS) {
      chains.putIfAbsent(place, made);
    }
    return made;
  }

  /**
   * Finds the factor for consumption in a place at an instant, following the hierarchy in the class description.
   *
   * @param region the record's region: a grid zone, a cloud region or {@code WORLD}
   * @param instant when the energy was used (its UTC hour, month and year are matched)
   * @param kind the kind wanted; the world rung answers only for {@link FactorKind#LOCATION} and
   *     {@link FactorKind#MARGINAL}
   * @return the match, or empty if no layer has a factor of that kind for the place or the world
   * @throws IllegalArgumentException if the region is malformed
   */
  public Optional<FactorMatch> lookup(String region, Instant instant, FactorKind kind) {
    String place = ZoneIds.normalize(region);
    List<String> chain = chainOf(place);
    for (Layer layer : layers) {
      for (String zone : chain) {
        Optional<FactorMatch> m = layer.find(zone, place, kind, instant);
        if (m.isPresent()) {
          return m;
        }
      }
    }
    if (kind == FactorKind.LOCATION || kind == FactorKind.MARGINAL) {
      for (Layer layer : layers) {
        Optional<FactorMatch> m = layer.find(ZoneIds.WORLD, place, kind, instant);
        if (m.isPresent()) {
          return m;
        }
      }
    }
    return Optional.empty();
  }

  /*
   * One data set's factors, indexed by zone and kind, then by period. A layer of the bundled image decodes a zone's
   * factors when a look-up first asks for the zone, and all of them when factors() is called.
   */
  private static final class Layer {
    /* Zones a lazy layer remembers having no factors for (a cache of a pure function; bounded). */
    private static final int MAX_REMEMBERED_MISSES = 4096;

    final DataSet dataSet;
    final Set<FactorKind> kinds;
    private final BundledFactorImage.@Nullable ZoneTable table;
    private final Map<String, Map<FactorKind, Series>> series;
    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    private volatile @Nullable List<EmissionFactor> factors;

    private Layer(DataSet dataSet, Set<FactorKind> kinds, BundledFactorImage.@Nullable ZoneTable table,
        Map<String, Map<FactorKind, Series>> series, @Nullable List<EmissionFactor> factors) {
      this.dataSet = dataSet;
      this.kinds = kinds;
      this.table = table;
      this.series = series;
      this.factors = factors;
    }

    static Layer of(DataSet dataSet, Collection<EmissionFactor> factors) {
      Set<FactorKind> kinds = EnumSet.noneOf(FactorKind.class);
      factors.forEach(f -> kinds.add(f.kind()));
      return new Layer(dataSet, kinds, null, index(dataSet, factors), sorted(factors));
    }

    static Layer lazy(BundledFactorImage.ZoneTable table) {
      return new Layer(table.dataSet(), table.kinds(), table, new ConcurrentHashMap<>(), null);
    }

    private static Map<String, Map<FactorKind, Series>> index(DataSet dataSet, Collection<EmissionFactor> factors) {
      Map<String, Map<FactorKind, Series>> series = new HashMap<>();
      for (EmissionFactor f : factors) {
        Series s = series.computeIfAbsent(f.zone(), z -> new EnumMap<>(FactorKind.class))
            .computeIfAbsent(f.kind(), k -> new Series());
        EmissionFactor previous = s.put(f);
        if (previous != null) {
          throw new IllegalArgumentException("emission factors overlap in data set " + dataSet.name() + ": "
              + previous.origin() + " and " + f.origin() + " both give zone " + f.zone() + ", kind "
              + f.kind().tableName() + ", period " + f.period() + "; keep one");
        }
      }
      return series;
    }

    private static List<EmissionFactor> sorted(Collection<EmissionFactor> factors) {
      List<EmissionFactor> list = new ArrayList<>(factors);
      list.sort(Comparator.comparing(EmissionFactor::zone).thenComparing(EmissionFactor::kind)
          .thenComparing(EmissionFactor::period));
      return List.copyOf(list);
    }

    List<EmissionFactor> factors() {
      List<EmissionFactor> f = factors;
      BundledFactorImage.ZoneTable t = table;
      if (f == null && t != null) {
        f = sorted(t.whole().factors()); // two threads may both decode: the same list either way
        factors = f;
      }
      return f == null ? List.of() : f;
    }

    /* The zone's series by kind, or null if this layer has no factor for the zone. */
    private @Nullable Map<FactorKind, Series> seriesOf(String zone) {
      Map<FactorKind, Series> kinds = series.get(zone);
      BundledFactorImage.ZoneTable t = table;
      if (kinds != null || t == null || missing.contains(zone)) {
        return kinds;
      }
      List<EmissionFactor> decoded = t.factors(zone);
      if (decoded.isEmpty()) {
        if (missing.size() < MAX_REMEMBERED_MISSES) {
          missing.add(zone);
        }
        return null;
      }
      Map<FactorKind, Series> made = index(dataSet, decoded).get(zone);
      Map<FactorKind, Series> previous = made == null ? null : series.putIfAbsent(zone, made);
      return previous != null ? previous : made;
    }

    Optional<FactorMatch> find(String zone, String place, FactorKind kind, Instant instant) {
      Map<FactorKind, Series> kinds = seriesOf(zone);
      Series s = kinds == null ? null : kinds.get(kind);
      if (s == null) {
        return Optional.empty();
      }
      PlaceLevel pl = PlaceLevel.of(zone);
      EmissionFactor f = s.hourly.isEmpty() ? null : s.hourly.get(instant.truncatedTo(ChronoUnit.HOURS));
      if (f != null) {
        return Optional.of(new FactorMatch(f, place, pl, TimeLevel.HOUR));
      }
      LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(instant.getEpochSecond(), 86_400L));
      f = s.monthly.isEmpty() ? null
          : s.monthly.get(day.withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC));
      if (f != null) {
        return Optional.of(new FactorMatch(f, place, pl, TimeLevel.MONTH));
      }
      int year = day.getYear();
      f = s.yearly.get(year);
      if (f != null) {
        return Optional.of(new FactorMatch(f, place, pl, TimeLevel.YEAR));
      }
      Map.Entry<Integer, EmissionFactor> e = s.yearly.floorEntry(year);
      if (e == null) {
        e = s.yearly.ceilingEntry(year);
      }
      if (e != null) {
        return Optional.of(new FactorMatch(e.getValue(), place, pl, TimeLevel.OTHER_YEAR));
      }
      return Optional.empty();
    }
  }

  /* One zone and kind: factors by hour start, month start and year. */
  private static final class Series {
    final Map<Instant, EmissionFactor> hourly = new HashMap<>();
    final Map<Instant, EmissionFactor> monthly = new HashMap<>();
    final TreeMap<Integer, EmissionFactor> yearly = new TreeMap<>();

    EmissionFactor put(EmissionFactor f) {
      return switch (f.period().granularity()) {
        case HOUR -> hourly.putIfAbsent(f.period().start(), f);
        case MONTH -> monthly.putIfAbsent(f.period().start(), f);
        case YEAR -> yearly.putIfAbsent(f.period().year(), f);
      };
    }
  }
}
