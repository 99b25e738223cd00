package dev.ergon.accounting.internal;

import dev.ergon.Energy;
import dev.ergon.Tags;
import dev.ergon.accounting.ConsumptionSummary;
import dev.ergon.accounting.EnergyLevel;
import dev.ergon.accounting.PueUse;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.cells.CellEnergy;
import dev.ergon.accounting.cells.CellKey;
import dev.ergon.accounting.cells.ConsumptionCells;
import dev.ergon.accounting.cells.RecordTally;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Consumption from cells under the calculation's options: the default region, the reporting period and PUE applied
 * per cell, the summary and what the disclosures need.
 *
 * <p>Rules. Cells outside the reporting period are left out and tallied. A cell without a region takes the default
 * region, else {@code WORLD}. IT-level energy is multiplied by the PUE that applies to the cell (host, else region,
 * else default, else 1), exactly once, per cell, rounded half-up to the microjoule; facility-level cells are not
 * multiplied.
 *
 * <p>This class is internal and is hence not for public use. Immutable after construction; thread-safe.
 */
public final class ConsumptionModel {

  /**
   * One cell in the period, resolved.
   *
   * @param key the cell's key
   * @param place the normalised region (the default region or {@code WORLD} for a cell without one)
   * @param hour the hour's start
   * @param it energy before PUE, µJ
   * @param facility consumption after PUE, µJ
   * @param variance the cell's energy variance, µJ²
   */
  public record Atom(CellKey key, String place, Instant hour, long it, long facility, double variance) {
    /**
     * Returns the tags whose own energy this is.
     *
     * @return the tags
     */
    public Tags tags() {
      return key.tags();
    }
  }

  private static final BigInteger MICROS_PER_KWH = BigInteger.valueOf(3_600_000_000_000L);
  private static final BigDecimal KWH_DECIMAL = new BigDecimal(MICROS_PER_KWH);
  /* 10^0 .. 10^18 as longs; 10^0 .. 10^22 as doubles (exact). */
  private static final long[] LONG_POWERS = new long[19];
  private static final double[] DOUBLE_POWERS = new double[23];

  static {
    long p = 1;
    for (int i = 0; i < LONG_POWERS.length; i++) {
      LONG_POWERS[i] = p;
      p *= 10;
    }
    double d = 1;
    for (int i = 0; i < DOUBLE_POWERS.length; i++) {
      DOUBLE_POWERS[i] = d;
      d *= 10;
    }
  }

  private final List<Atom> atoms;
  /* Each atom's index by key, made on the first look-up (only cells shared by records, covariances, need it);
     volatile so that a map built by one thread is seen whole by another (two threads may each build one). */
  private volatile @Nullable Map<CellKey, Integer> index;
  private final ReportingPeriod period;
  private final ConsumptionSummary summary;
  private final RecordTally tally;
  private final long recordsWithoutRegion;
  private final BigInteger energyWithoutRegion;
  private final boolean pueDefaulted;
  private final SortedSet<String> places;

  private ConsumptionModel(List<Atom> atoms, ReportingPeriod period,
      ConsumptionSummary summary, RecordTally tally, long recordsWithoutRegion, BigInteger energyWithoutRegion,
      boolean pueDefaulted, SortedSet<String> places) {
    this.atoms = List.copyOf(atoms);
    this.period = period;
    this.summary = summary;
    this.tally = tally;
    this.recordsWithoutRegion = recordsWithoutRegion;
    this.energyWithoutRegion = energyWithoutRegion;
    this.pueDefaulted = pueDefaulted;
    this.places = places;
  }

  /**
   * Builds the model.
   *
   * @param cells the cells
   * @param options PUE, default region and period
   * @return the model
   * @throws IllegalArgumentException if there are no records and no reporting period
   */
  public static ConsumptionModel build(ConsumptionCells cells, ConsumptionOptions options) {
    RecordTally tally = cells.tally();
    ReportingPeriod period = options.period();
    if (period == null) {
      Instant min;
      Instant max;
      if (!cells.cells().isEmpty()) {
        min = cells.cells().firstKey().hour();
        max = min;
        for (CellKey k : cells.cells().keySet()) {
          min = k.hour().isBefore(min) ? k.hour() : min;
          max = k.hour().isAfter(max) ? k.hour() : max;
        }
      } else {
        Instant s = tally.earliestStart();
        Instant e = tally.latestEnd();
        if (s == null || e == null) {
          throw new IllegalArgumentException("no records to report and no reporting period; set a reporting period "
              + "to produce an empty report");
        }
        min = s;
        max = e;
      }
      int y0 = LocalDateTime.ofInstant(min, ZoneOffset.UTC).getYear();
      int y1 = LocalDateTime.ofInstant(max, ZoneOffset.UTC).getYear();
      period = new ReportingPeriod(ReportingPeriod.ofYear(y0).start(), ReportingPeriod.ofYear(y1).end());
    }
    String defaultRegion = options.defaultRegion();
    MicrojouleSum itLevel = new MicrojouleSum();
    MicrojouleSum facilityLevel = new MicrojouleSum();
    MicrojouleSum consumption = new MicrojouleSum();
    MicrojouleSum modelled = new MicrojouleSum();
    MicrojouleSum measured = new MicrojouleSum();
    MicrojouleSum partial = new MicrojouleSum();
    MicrojouleSum outside = new MicrojouleSum();
    MicrojouleSum withoutRegion = new MicrojouleSum();
    boolean pueDefaulted = false;
    Map<String, PueTally> pue = new TreeMap<>();
    SortedSet<String> places = new TreeSet<>();
    List<Atom> atoms = new ArrayList<>();
    Map<String, BigDecimal> pueDecimals = new HashMap<>();
    for (Map.Entry<CellKey, CellEnergy> e : cells.cells().entrySet()) {
      CellKey k = e.getKey();
      CellEnergy v = e.getValue();
      if (!period.contains(k.hour())) {
        outside.add(v.energy());
        continue;
      }
      String region = k.region();
      String place = region != null ? region : defaultRegion != null ? defaultRegion : ZoneIds.WORLD;
      long it = v.energy();
      long fac = it;
      if (k.level() == EnergyLevel.IT) {
        String pueKey;
        double pueValue;
        Double host = options.pueByHost().get(k.host());
        Double byRegion = options.pueByRegion().get(place);
        Double defaultPue = options.defaultPue();
        if (host != null) {
          pueKey = "host:" + k.host();
          pueValue = host;
        } else if (byRegion != null) {
          pueKey = "region:" + place;
          pueValue = byRegion;
        } else if (defaultPue != null) {
          pueKey = "default";
          pueValue = defaultPue;
        } else {
          pueKey = ConsumptionDisclosures.PUE_NOT_SET;
          pueValue = 1.0;
          pueDefaulted = true;
        }
        if (pueValue != 1.0) {
          BigDecimal p = pueDecimals.computeIfAbsent(pueKey, x -> new BigDecimal(pueValue));
          fac = new BigDecimal(it).multiply(p).setScale(0, RoundingMode.HALF_UP).longValueExact();
        }
        itLevel.add(it);
        pue.computeIfAbsent(pueKey, x -> new PueTally(pueValue)).add(it, fac);
      } else {
        facilityLevel.add(it);
      }
      consumption.add(fac);
      modelled.add(v.modelled());
      measured.add(it - v.modelled());
      partial.add(v.partial());
      if (region == null && defaultRegion == null) {
        withoutRegion.add(it);
      }
      places.add(place);
      atoms.add(new Atom(k, place, k.hour(), it, fac, v.variance().doubleValue()));
    }
    List<PueUse> pueUses = new ArrayList<>();
    pue.forEach((k, t) -> pueUses.add(new PueUse(k, t.pue, Energy.ofMicrojoules(t.it.value()),
        Energy.ofMicrojoules(t.facility.value()))));
    ConsumptionSummary summary = new ConsumptionSummary(Math.toIntExact(tally.given()),
        Math.toIntExact(tally.counted()), Math.toIntExact(tally.nested()), Math.toIntExact(tally.duplicates()),
        Math.toIntExact(tally.complete()), Math.toIntExact(tally.partial()), Math.toIntExact(tally.noMeter()),
        Energy.ofMicrojoules(itLevel.value()), Energy.ofMicrojoules(facilityLevel.value()),
        Energy.ofMicrojoules(consumption.value()), Energy.ofMicrojoules(measured.value()),
        Energy.ofMicrojoules(modelled.value()), Energy.ofMicrojoules(partial.value()),
        Energy.ofMicrojoules(outside.value()), pueUses);
    return new ConsumptionModel(atoms, period, summary, tally,
        defaultRegion == null ? tally.withoutRegion() : 0, withoutRegion.value(), pueDefaulted, places);
  }

  /**
   * Converts µJ to kWh.
   *
   * @param micro µJ
   * @return kWh
   */
  public static double kilowattHours(BigInteger micro) {
    return micro.bitLength() < Long.SIZE ? kilowattHours(micro.longValue()) : kilowattHoursByDecimal(micro);
  }

  /* The definition: the quotient rounded to 16 significant digits (DECIMAL64, half even), then to the nearest double. */
  static double kilowattHoursByDecimal(BigInteger micro) {
    return new BigDecimal(micro).divide(KWH_DECIMAL, MathContext.DECIMAL64).doubleValue();
  }

  /**
   * Converts µJ to kWh, as {@link #kilowattHours(BigInteger)} does.
   *
   * @param micro µJ
   * @return kWh
   */
  public static double kilowattHours(long micro) {
    if (micro == 0) {
      return 0;
    }
    if (micro > 0) {
      double fast = kilowattHoursInLongs(micro);
      if (!Double.isNaN(fast)) {
        return fast;
      }
    }
    return kilowattHoursByDecimal(BigInteger.valueOf(micro));
  }

  /*
   * kilowattHoursByDecimal in long arithmetic, bit for bit (a BigDecimal division per cell was a sixth of the per-cell
   * step), for µJ > 0; NaN where it would need more than a long or an inexact double, and the caller falls back.
   * The quotient micro / 3.6e12 has E + 1 integer digits, E = k - 13 or k - 14 for a k-digit micro; scaled by 10^s,
   * s = 15 - E, its 16 significant digits are an integer q, rounded half even. BigDecimal.doubleValue() is the
   * nearest double to q × 10^-s; so is q / 10^s in one IEEE division when q < 2^53 and 10^s is exact (s <= 22).
   */
  static double kilowattHoursInLongs(long micro) {
    int k = 1;
    while (k < LONG_POWERS.length && micro >= LONG_POWERS[k]) {
      k++;
    }
    int e = k >= 2 && micro >= 36 * LONG_POWERS[k - 2] ? k - 13 : k - 14;
    int s = 15 - e;
    if (s < 0 || s > 22) {
      return Double.NaN;
    }
    long num;
    long den;
    if (s >= 11) {
      long scale = LONG_POWERS[s - 11];
      if (micro > Long.MAX_VALUE / scale) {
        return Double.NaN;
      }
      num = micro * scale;
      den = 36;
    } else {
      num = micro;
      den = 36 * LONG_POWERS[11 - s];
    }
    long q = num / den;
    long twiceRem = 2 * (num - q * den);
    if (q < LONG_POWERS[15] || q >= LONG_POWERS[16]) {
      return Double.NaN; // the digit count was not as worked out: leave it to the definition
    }
    if (twiceRem > den || (twiceRem == den && (q & 1) == 1)) {
      q++;
    }
    while (q % 10 == 0 && s > 0) {
      q /= 10;
      s--;
    }
    if (q >= 1L << 53) {
      return Double.NaN;
    }
    return s == 0 ? (double) q : q / DOUBLE_POWERS[s];
  }

  /**
   * Returns the cells in the period, in key order.
   *
   * @return the atoms
   */
  public List<Atom> atoms() {
    return atoms;
  }

  /**
   * Returns the index of a cell among {@link #atoms()}, or -1 when it is outside the period.
   *
   * @param key the key
   * @return the index or -1
   */
  public int indexOf(CellKey key) {
    Map<CellKey, Integer> byKey = index;
    if (byKey == null) {
      byKey = new HashMap<>(2 * atoms.size());
      for (int i = 0; i < atoms.size(); i++) {
        byKey.put(atoms.get(i).key(), i);
      }
      index = byKey;
    }
    Integer i = byKey.get(key);
    return i == null ? -1 : i;
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
   * Returns the record tally.
   *
   * @return the tally
   */
  public RecordTally tally() {
    return tally;
  }

  /**
   * Returns how many counted records had no region and no default.
   *
   * @return the count
   */
  public long recordsWithoutRegion() {
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
  public long spreadRecords() {
    return tally.spread();
  }

  /**
   * Returns how many counted records name a parent that is not among the records.
   *
   * @return the count
   */
  public long orphans() {
    return tally.orphans();
  }

  /**
   * Returns how many counted records are facility-level.
   *
   * @return the count
   */
  public long facilityLevelRecords() {
    return tally.facilityLevel();
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
    return tally.tagKeys();
  }

  private static final class PueTally {
    final double pue;
    final MicrojouleSum it = new MicrojouleSum();
    final MicrojouleSum facility = new MicrojouleSum();

    PueTally(double pue) {
      this.pue = pue;
    }

    void add(long i, long f) {
      it.add(i);
      facility.add(f);
    }
  }
}
