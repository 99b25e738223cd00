package dev.ergon.accounting.internal;

import dev.ergon.ChannelEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import dev.ergon.accounting.ConsumptionSummary;
import dev.ergon.accounting.EnergyLevel;
import dev.ergon.accounting.PueUse;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Turns records into consumption: which records count, their energy per place and UTC hour, PUE applied once.
 *
 * <p>Rules. Records are de-duplicated by id (the same id with the same content counts once; the same id with other
 * content is refused). A record whose parent is also given is not counted: a nested job's energy is inside its
 * parent's. Counted records are processed in id order, so nothing depends on the order they were given in. Each
 * record's energy is split into UTC hours ({@link HourSplit}); hours outside the reporting period are left out and
 * tallied. IT-level energy is multiplied by the PUE that applies to the record (host, else region, else default,
 * else 1), exactly once, per record and hour, rounded half-up to the microjoule; facility-level records
 * ({@link EnergyLevel#FACILITY}) are not multiplied.
 *
 * <p>This class is internal and is hence not for public use. Immutable after construction; thread-safe.
 */
public final class ConsumptionModel {

  /**
   * A counted record's energy in one UTC hour.
   *
   * @param record index into {@link #counted()}
   * @param place the normalised region
   * @param hour the hour's start
   * @param itMicro energy before PUE, µJ
   * @param facilityMicro consumption after PUE, µJ
   */
  public record Piece(int record, String place, Instant hour, BigInteger itMicro, BigInteger facilityMicro) {}

  /**
   * The own energy, in one UTC hour, of a counted record or of one of its descendants that are among the records:
   * what grouping by tag charges to that record's tags.
   *
   * @param tags the tags of the record whose own energy this is
   * @param itMicro its own energy in the hour, before PUE, µJ
   */
  public record Part(Tags tags, BigInteger itMicro) {}

  private static final BigInteger MICROS_PER_KWH = BigInteger.valueOf(3_600_000_000_000L);

  private final List<EnergyRecord> counted;
  private final double[] relativeUncertainty;
  private final List<Piece> pieces;
  private final ReportingPeriod period;
  private final ConsumptionSummary summary;
  private final int recordsWithoutRegion;
  private final BigInteger energyWithoutRegion;
  private final int spreadRecords;
  private final int orphans;
  private final int facilityLevelRecords;
  private final boolean pueDefaulted;
  private final SortedSet<String> places;
  private final Map<Integer, Map<Instant, List<Part>>> parts;
  private final SortedSet<String> tagKeys;

  private ConsumptionModel(Builder b) {
    this.counted = List.copyOf(b.counted);
    this.relativeUncertainty = b.relativeUncertainty;
    this.pieces = List.copyOf(b.pieces);
    this.period = b.period;
    this.summary = b.summary;
    this.recordsWithoutRegion = b.recordsWithoutRegion;
    this.energyWithoutRegion = b.energyWithoutRegion;
    this.spreadRecords = b.spreadRecords;
    this.orphans = b.orphans;
    this.facilityLevelRecords = b.facilityLevelRecords;
    this.pueDefaulted = b.pueDefaulted;
    this.places = new TreeSet<>(b.places);
    this.parts = Map.copyOf(b.parts);
    this.tagKeys = new TreeSet<>(b.tagKeys);
  }

  /**
   * Builds the model.
   *
   * @param records the records, in any order
   * @param options PUE, default region and period
   * @return the model
   * @throws IllegalArgumentException if two records share an id but differ, a region is malformed, an
   *     {@code energy.level} tag is invalid, or there are no records and no reporting period
   */
  public static ConsumptionModel build(Collection<EnergyRecord> records, ConsumptionOptions options) {
    Builder b = new Builder();
    Map<String, EnergyRecord> byId = new LinkedHashMap<>();
    int duplicates = 0;
    for (EnergyRecord r : records) {
      EnergyRecord prev = byId.putIfAbsent(r.id(), r);
      if (prev != null) {
        if (!prev.equals(r)) {
          throw new IllegalArgumentException("two different records have the id " + r.id() + "; ids must be unique "
              + "(merge ledgers by id, do not edit records)");
        }
        duplicates++;
      }
    }
    List<EnergyRecord> counted = new ArrayList<>();
    int nested = 0;
    for (EnergyRecord r : byId.values()) {
      if (hasGivenAncestor(r, byId)) {
        nested++;
      } else {
        counted.add(r);
        if (r.parentId() != null) {
          b.orphans++;
        }
      }
    }
    counted.sort(Comparator.comparing(EnergyRecord::id));
    b.counted = counted;
    for (EnergyRecord r : byId.values()) {
      b.tagKeys.addAll(r.tags().asMap().keySet());
    }

    List<NavigableMap<Instant, BigInteger>> splits = new ArrayList<>();
    Instant min = null;
    Instant max = null;
    for (EnergyRecord r : counted) {
      NavigableMap<Instant, BigInteger> s = HourSplit.split(r);
      splits.add(s);
      if (!s.isEmpty()) {
        min = min == null || s.firstKey().isBefore(min) ? s.firstKey() : min;
        max = max == null || s.lastKey().isAfter(max) ? s.lastKey() : max;
      }
    }
    if (nested > 0) {
      parts(byId, counted, splits, b);
    }
    ReportingPeriod period = options.period();
    if (period == null) {
      if (min == null || max == null) {
        if (counted.isEmpty()) {
          throw new IllegalArgumentException("no records to report and no reporting period; set a reporting period "
              + "to produce an empty report");
        }
        min = counted.get(0).start();
        max = min;
        for (EnergyRecord r : counted) {
          min = r.start().isBefore(min) ? r.start() : min;
          max = r.end().isAfter(max) ? r.end() : max;
        }
      }
      int y0 = LocalDateTime.ofInstant(min, ZoneOffset.UTC).getYear();
      int y1 = LocalDateTime.ofInstant(max, ZoneOffset.UTC).getYear();
      period = new ReportingPeriod(ReportingPeriod.ofYear(y0).start(), ReportingPeriod.ofYear(y1).end());
    }
    b.period = period;

    b.relativeUncertainty = new double[counted.size()];
    // Exact sums: whole microjoules in MicrojouleSum (a long until it would overflow), so that no sum allocates
    // per record; the decimal parts of modelled records' measured/estimated split in BigDecimal.
    MicrojouleSum itLevel = new MicrojouleSum();
    MicrojouleSum facilityLevel = new MicrojouleSum();
    MicrojouleSum consumption = new MicrojouleSum();
    MicrojouleSum measuredWhole = new MicrojouleSum();
    BigDecimal measured = BigDecimal.ZERO;
    BigDecimal estimated = BigDecimal.ZERO;
    MicrojouleSum partialEnergy = new MicrojouleSum();
    MicrojouleSum outside = new MicrojouleSum();
    int complete = 0;
    int partial = 0;
    int noMeter = 0;
    Map<String, PueTally> pue = new TreeMap<>();
    for (int i = 0; i < counted.size(); i++) {
      EnergyRecord r = counted.get(i);
      // A failed job's energy is whole unless a problem says otherwise; a checkpoint never closed is partial.
      boolean whole = switch (r.status()) {
        case COMPLETE -> true;
        case FAILED -> r.problems().isEmpty();
        case PARTIAL, OPEN, NO_METER -> false;
      };
      if (r.status() == RecordStatus.NO_METER) {
        noMeter++;
      } else if (whole) {
        complete++;
      } else {
        partial++;
      }
      Energy recordTotal = r.total();
      double total = recordTotal.toJoules();
      b.relativeUncertainty[i] = total == 0 ? 0 : r.totalUncertaintyJoules() / total;
      EnergyLevel level = EnergyLevel.of(r);
      String place = placeOf(r, options, b);
      if (level == EnergyLevel.FACILITY) {
        b.facilityLevelRecords++;
      }
      if (HourSplit.spreadByAssumption(r)) {
        b.spreadRecords++;
      }
      String pueKey;
      double pueValue;
      Double host = options.pueByHost().get(r.host());
      Double region = options.pueByRegion().get(place);
      Double defaultPue = options.defaultPue();
      if (host != null) {
        pueKey = "host:" + r.host();
        pueValue = host;
      } else if (region != null) {
        pueKey = "region:" + place;
        pueValue = region;
      } else if (defaultPue != null) {
        pueKey = "default";
        pueValue = defaultPue;
      } else {
        pueKey = ConsumptionDisclosures.PUE_NOT_SET;
        pueValue = 1.0;
      }
      BigDecimal pueDecimal = new BigDecimal(pueValue);
      BigInteger inPeriod = BigInteger.ZERO;
      for (Map.Entry<Instant, BigInteger> e : splits.get(i).entrySet()) {
        if (!period.contains(e.getKey())) {
          outside.add(e.getValue());
          continue;
        }
        BigInteger it = e.getValue();
        // PUE 1 multiplies exactly to the same µJ, so it needs no decimal arithmetic.
        BigInteger fac = level == EnergyLevel.FACILITY || pueValue == 1.0 ? it
            : new BigDecimal(it).multiply(pueDecimal).setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
        b.pieces.add(new Piece(i, place, e.getKey(), it, fac));
        b.places.add(place);
        inPeriod = inPeriod.add(it);
        consumption.add(fac);
        if (level == EnergyLevel.IT) {
          itLevel.add(it);
          pue.computeIfAbsent(pueKey, k -> new PueTally(pueValue)).add(it, fac);
          if (pueKey.equals(ConsumptionDisclosures.PUE_NOT_SET)) {
            b.pueDefaulted = true;
          }
        } else {
          facilityLevel.add(it);
        }
      }
      if (r.region() == null && options.defaultRegion() == null) {
        b.energyWithoutRegion = b.energyWithoutRegion.add(inPeriod);
      }
      if (!whole && r.status() != RecordStatus.NO_METER) {
        partialEnergy.add(inPeriod);
      }
      if (recordTotal.isZero()) {
        // no channel energy: neither measured nor estimated
      } else if (allMeasured(r)) {
        // All measured: the same values the division gives (estimated 0), without dividing.
        measuredWhole.add(inPeriod);
      } else {
        BigDecimal[] split = measuredAndEstimated(r, recordTotal.toBigMicrojoules(), inPeriod);
        measured = measured.add(split[0]);
        estimated = estimated.add(split[1]);
      }
    }
    List<PueUse> pueUses = new ArrayList<>();
    pue.forEach((k, t) -> pueUses.add(new PueUse(k, t.pue, Energy.ofMicrojoules(t.it.value()),
        Energy.ofMicrojoules(t.facility.value()))));
    b.summary = new ConsumptionSummary(records.size(), counted.size(), nested, duplicates, complete, partial, noMeter,
        Energy.ofMicrojoules(itLevel.value()), Energy.ofMicrojoules(facilityLevel.value()),
        Energy.ofMicrojoules(consumption.value()),
        Energy.ofMicrojoules(measured.add(new BigDecimal(measuredWhole.value())).setScale(0, RoundingMode.HALF_UP)
            .toBigIntegerExact()),
        Energy.ofMicrojoules(estimated.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact()),
        Energy.ofMicrojoules(partialEnergy.value()), Energy.ofMicrojoules(outside.value()), pueUses);
    return new ConsumptionModel(b);
  }

  /*
   * Own energy of nested records, for grouping by tag. A counted record's energy already holds its descendants';
   * per UTC hour it is handed down the tree of the records given: each child (by id) takes its own hour's energy,
   * never more than what is left of its parent's, and each record keeps the rest as its own. So every microjoule of
   * the counted record goes to exactly one record, and a record's own energy is its energy less its children's.
   */
  private static void parts(Map<String, EnergyRecord> byId, List<EnergyRecord> counted,
      List<NavigableMap<Instant, BigInteger>> splits, Builder b) {
    Map<String, List<EnergyRecord>> children = new HashMap<>();
    for (EnergyRecord r : byId.values()) {
      String parent = r.parentId();
      if (parent != null && byId.containsKey(parent)) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(r);
      }
    }
    children.values().forEach(l -> l.sort(Comparator.comparing(EnergyRecord::id)));
    Map<String, NavigableMap<Instant, BigInteger>> childSplits = new HashMap<>();
    for (int i = 0; i < counted.size(); i++) {
      EnergyRecord top = counted.get(i);
      if (!children.containsKey(top.id())) {
        continue;
      }
      Map<Instant, List<Part>> byHour = new HashMap<>();
      for (Map.Entry<Instant, BigInteger> e : splits.get(i).entrySet()) {
        List<Part> out = new ArrayList<>();
        handDown(top, e.getKey(), e.getValue(), children, childSplits, out);
        byHour.put(e.getKey(), List.copyOf(out));
      }
      b.parts.put(i, byHour);
    }
  }

  private static void handDown(EnergyRecord node, Instant hour, BigInteger amount,
      Map<String, List<EnergyRecord>> children, Map<String, NavigableMap<Instant, BigInteger>> splits,
      List<Part> out) {
    BigInteger left = amount;
    for (EnergyRecord c : children.getOrDefault(node.id(), List.of())) {
      BigInteger want = splits.computeIfAbsent(c.id(), k -> HourSplit.split(c)).getOrDefault(hour, BigInteger.ZERO);
      BigInteger give = want.min(left);
      if (give.signum() > 0) {
        left = left.subtract(give);
        handDown(c, hour, give, children, splits, out);
      }
    }
    out.add(new Part(node.tags(), left));
  }

  /* True if an ancestor of the record is among the records; refuses a cycle of parent ids. */
  private static boolean hasGivenAncestor(EnergyRecord r, Map<String, EnergyRecord> byId) {
    if (r.parentId() == null) {
      return false;
    }
    Set<String> seen = new HashSet<>();
    seen.add(r.id());
    String parent = r.parentId();
    boolean given = false;
    while (parent != null) {
      if (!seen.add(parent)) {
        throw new IllegalArgumentException("record " + r.id() + ": its parent ids form a cycle through " + parent
            + "; records from a ledger never do, so the input is corrupt");
      }
      EnergyRecord p = byId.get(parent);
      if (p == null) {
        break;
      }
      given = true;
      parent = p.parentId();
    }
    return given;
  }

  private static String placeOf(EnergyRecord r, ConsumptionOptions options, Builder b) {
    String region = r.region();
    if (region == null) {
      region = options.defaultRegion();
    }
    if (region == null) {
      b.recordsWithoutRegion++;
      return ZoneIds.WORLD;
    }
    String known = b.normalizedRegions.get(region);
    if (known != null) {
      return known;
    }
    try {
      String normalized = ZoneIds.normalize(region);
      b.normalizedRegions.put(region, normalized);
      return normalized;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("record " + r.id() + ": " + e.getMessage(), e);
    }
  }

  /* True if no channel of the record is a model's estimate. */
  private static boolean allMeasured(EnergyRecord r) {
    for (ChannelEnergy c : r.channels()) {
      if (c.method() == Method.MODEL) {
        return false;
      }
    }
    return true;
  }

  /* Splits energy into measured (counters, integrated power) and estimated (models) by the channels' shares. */
  private static BigDecimal[] measuredAndEstimated(EnergyRecord r, BigInteger total, BigInteger inPeriod) {
    BigInteger model = BigInteger.ZERO;
    for (ChannelEnergy c : r.channels()) {
      if (c.method() == Method.MODEL) {
        model = model.add(c.energy().toBigMicrojoules());
      }
    }
    BigDecimal est = new BigDecimal(inPeriod.multiply(model)).divide(new BigDecimal(total), 6, RoundingMode.HALF_UP);
    return new BigDecimal[] {new BigDecimal(inPeriod).subtract(est), est};
  }

  /**
   * Converts µJ to kWh.
   *
   * @param micro µJ
   * @return kWh
   */
  public static double kilowattHours(BigInteger micro) {
    return new BigDecimal(micro).divide(new BigDecimal(MICROS_PER_KWH), java.math.MathContext.DECIMAL64)
        .doubleValue();
  }

  /**
   * Returns the counted records, sorted by id.
   *
   * @return the records
   */
  public List<EnergyRecord> counted() {
    return counted;
  }

  /**
   * Returns a counted record's relative standard uncertainty (its channels combined as independent errors).
   *
   * @param record index into {@link #counted()}
   * @return the fraction
   */
  public double relativeUncertainty(int record) {
    return relativeUncertainty[record];
  }

  /**
   * Returns the pieces, by record then hour.
   *
   * @return the pieces
   */
  public List<Piece> pieces() {
    return pieces;
  }

  /**
   * Returns the reporting period, given or derived.
   *
   * @return the period
   */
  public ReportingPeriod period() {
    return period;
  }

  /**
   * Returns the summary.
   *
   * @return the summary
   */
  public ConsumptionSummary summary() {
    return summary;
  }

  /**
   * Returns how many counted records had no region and no default.
   *
   * @return the count
   */
  public int recordsWithoutRegion() {
    return recordsWithoutRegion;
  }

  /**
   * Returns the in-period energy (before PUE) of records with no region and no default.
   *
   * @return µJ
   */
  public BigInteger energyWithoutRegion() {
    return energyWithoutRegion;
  }

  /**
   * Returns how many records had no buckets and were spread over their duration.
   *
   * @return the count
   */
  public int spreadRecords() {
    return spreadRecords;
  }

  /**
   * Returns how many counted records name a parent that is not among the records.
   *
   * @return the count
   */
  public int orphans() {
    return orphans;
  }

  /**
   * Returns how many counted records are facility-level.
   *
   * @return the count
   */
  public int facilityLevelRecords() {
    return facilityLevelRecords;
  }

  /**
   * Tells whether some IT-level energy got PUE 1 because no PUE was set.
   *
   * @return true if so
   */
  public boolean pueDefaulted() {
    return pueDefaulted;
  }

  /**
   * Returns the places with consumption.
   *
   * @return sorted places
   */
  public SortedSet<String> places() {
    return places;
  }

  /**
   * Returns the tag keys of the records, counted or nested in a counted one.
   *
   * @return sorted keys
   */
  public SortedSet<String> tagKeys() {
    return tagKeys;
  }

  /**
   * Returns how a counted record's energy in one hour divides into its own and its given descendants' own energy,
   * the counted record's own part last; {@code null} when no descendant of it is among the records (all its energy
   * is its own).
   *
   * @param record index into {@link #counted()}
   * @param hour the hour's start
   * @return the parts, summing to the record's energy in the hour, or null
   */
  public @Nullable List<Part> parts(int record, Instant hour) {
    Map<Instant, List<Part>> byHour = parts.get(record);
    return byHour == null ? null : byHour.get(hour);
  }

  private static final class PueTally {
    final double pue;
    final MicrojouleSum it = new MicrojouleSum();
    final MicrojouleSum facility = new MicrojouleSum();

    PueTally(double pue) {
      this.pue = pue;
    }

    void add(BigInteger i, BigInteger f) {
      it.add(i);
      facility.add(f);
    }
  }

  private static final class Builder {
    List<EnergyRecord> counted = List.of();
    double[] relativeUncertainty = new double[0];
    final List<Piece> pieces = new ArrayList<>();
    ReportingPeriod period = ReportingPeriod.ofYear(1970);
    ConsumptionSummary summary = new ConsumptionSummary(0, 0, 0, 0, 0, 0, 0, Energy.ZERO, Energy.ZERO, Energy.ZERO,
        Energy.ZERO, Energy.ZERO, Energy.ZERO, Energy.ZERO, List.of());
    int recordsWithoutRegion;
    BigInteger energyWithoutRegion = BigInteger.ZERO;
    int spreadRecords;
    int orphans;
    int facilityLevelRecords;
    boolean pueDefaulted;
    final Set<String> places = new HashSet<>();
    final Map<Integer, Map<Instant, List<Part>>> parts = new HashMap<>();
    final SortedSet<String> tagKeys = new TreeSet<>();
    /* Regions as written to their normalised ids, so each distinct text is parsed once per build. */
    final Map<String, String> normalizedRegions = new HashMap<>();
  }
}
