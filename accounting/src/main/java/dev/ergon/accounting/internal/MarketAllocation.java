package dev.ergon.accounting.internal;

import dev.ergon.Energy;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.scope2.Instrument;
import dev.ergon.accounting.scope2.InstrumentCategory;
import dev.ergon.accounting.scope2.InstrumentUse;
import dev.ergon.accounting.scope2.Matching;
import dev.ergon.accounting.scope2.QualityCriterion;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Checks contractual instruments against the Scope 2 Quality Criteria and allocates the eligible ones to
 * consumption, in the market-based hierarchy's order.
 *
 * <p>Order: certificates, then direct contracts, then supplier rates ({@link InstrumentCategory}); within a rung, by
 * id. Each instrument covers the uncovered consumption in its market pro rata: when its volume {@code V} is less
 * than the uncovered consumption {@code U}, every cell gets {@code floor(u · V / U)} µJ, so the sum never exceeds
 * {@code V}; otherwise every cell is covered. Under {@link Matching#HOURLY} this is done hour by hour with the
 * instrument's generation in that hour, and never beyond its total volume. All arithmetic is on exact integers of
 * microjoules, so covered plus uncovered equals the consumption exactly.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe; used by one calculation.
 */
public final class MarketAllocation {

  /** The consumption in one place and hour, and what covers it. */
  public static final class Cell {
    final String place;
    final Instant hour;
    final List<String> chain;
    final BigInteger consumption;
    BigInteger remaining;
    final List<Cover> covers = new ArrayList<>();

    /**
     * Creates a cell.
     *
     * @param place the place
     * @param hour the hour's start
     * @param chain the place's chain (for market membership)
     * @param consumption consumption after PUE, µJ
     */
    public Cell(String place, Instant hour, List<String> chain, BigInteger consumption) {
      this.place = place;
      this.hour = hour;
      this.chain = chain;
      this.consumption = consumption;
      this.remaining = consumption;
    }

    /**
     * Returns the uncovered consumption.
     *
     * @return µJ
     */
    public BigInteger remaining() {
      return remaining;
    }

    /**
     * Returns the covers, in allocation order.
     *
     * @return the covers
     */
    public List<Cover> covers() {
      return covers;
    }
  }

  /**
   * An instrument's cover of one cell.
   *
   * @param instrument the instrument
   * @param micro the energy covered, µJ
   */
  public record Cover(Instrument instrument, BigInteger micro) {}

  private MarketAllocation() {}

  /**
   * What the allocation did: one use per instrument (identical repeated rows counted once), and the serials listed
   * more than once with identical rows.
   *
   * @param uses what happened to each instrument, sorted by rung, id and origin
   * @param repeats one line per serial given as identical rows more than once, naming where
   */
  public record Result(List<InstrumentUse> uses, List<String> repeats) {
    /** Copies the lists. */
    public Result {
      uses = List.copyOf(uses);
      repeats = List.copyOf(repeats);
    }
  }

  /**
   * Checks and allocates.
   *
   * <p>Rows that share a serial and agree in every field but where they were read are one instrument listed twice:
   * it is applied once and the repeat is reported. Rows that share a serial but differ are a conflict: all of them
   * fail criterion 2 (unique claim).
   *
   * @param cells the cells, in (place, hour) order; their remaining energy is reduced
   * @param instruments the instruments given
   * @param entity the reporting entity (required when instruments are given)
   * @param period the reporting period
   * @param matching annual or hourly
   * @return what happened to each instrument, and the repeats
   * @throws IllegalArgumentException if matching is hourly and a certificate or contract has no hourly generation
   */
  public static Result allocate(List<Cell> cells, List<Instrument> instruments, String entity,
      ReportingPeriod period, Matching matching) {
    if (matching == Matching.HOURLY) {
      TreeSet<String> missing = new TreeSet<>();
      for (Instrument i : instruments) {
        if (i.category() != InstrumentCategory.SUPPLIER && i.hourlyGeneration().isEmpty()) {
          missing.add(i.id());
        }
      }
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("hourly matching needs the hourly generation of every certificate and "
            + "contract, and none was given for " + String.join(", ", missing) + "; load it with "
            + "Instruments.load(instruments, hourlyGeneration) or use annual matching");
      }
    }
    Map<String, List<Instrument>> byId = new TreeMap<>();
    for (Instrument i : instruments) {
      byId.computeIfAbsent(i.id(), k -> new ArrayList<>()).add(i);
    }
    List<Instrument> distinct = new ArrayList<>();
    Map<String, String> conflicts = new HashMap<>();
    List<String> repeats = new ArrayList<>();
    for (Map.Entry<String, List<Instrument>> e : byId.entrySet()) {
      List<Instrument> rows = e.getValue();
      if (rows.size() == 1) {
        distinct.add(rows.get(0));
        continue;
      }
      Instrument first = rows.get(0);
      boolean identical = true;
      for (Instrument other : rows) {
        identical &= sameButOrigin(first, other);
      }
      if (identical) {
        distinct.add(first);
        repeats.add("serial " + e.getKey() + " is listed " + rows.size() + " times with identical rows ("
            + where(rows) + "): one instrument, applied once");
      } else {
        distinct.addAll(rows);
        conflicts.put(e.getKey(), "criterion 2: conflicting rows for serial " + e.getKey() + " (" + where(rows)
            + "); a serial carries one claim, so every row of it is excluded");
      }
    }
    List<Instrument> sorted = new ArrayList<>(distinct);
    sorted.sort(Comparator.comparing(Instrument::category).thenComparing(Instrument::id)
        .thenComparing(Instrument::origin));
    List<InstrumentUse> uses = new ArrayList<>();
    for (Instrument ins : sorted) {
      List<QualityCriterion> failed = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      check(ins, conflicts, entity, period, failed, reasons);
      boolean needsProfile = matching == Matching.HOURLY && ins.category() != InstrumentCategory.SUPPLIER;
      Energy volume = ins.volume();
      if (!reasons.isEmpty()) {
        uses.add(new InstrumentUse(ins, InstrumentUse.Status.EXCLUDED, failed, reasons, Energy.ZERO, volume));
        continue;
      }
      boolean inMarket = false;
      for (Cell c : cells) {
        if (MarketBoundary.contains(ins.market(), c.chain)) {
          inMarket = true;
          break;
        }
      }
      BigInteger used = !inMarket ? BigInteger.ZERO
          : needsProfile ? allocateHourly(ins, cells) : allocatePool(ins, cells);
      Energy usedEnergy = Energy.ofMicrojoules(used);
      Energy unused = volume == null ? null : volume.minus(usedEnergy);
      if (used.signum() > 0) {
        uses.add(new InstrumentUse(ins, InstrumentUse.Status.USED, List.of(), List.of(), usedEnergy, unused));
      } else {
        uses.add(new InstrumentUse(ins, InstrumentUse.Status.UNUSED, List.of(), List.of(!inMarket
            ? "no consumption in market " + ins.market()
            : needsProfile
            ? "no uncovered consumption in its market in the hours it generated"
            : "no uncovered consumption left in its market (instruments earlier in the hierarchy covered it)"),
            usedEnergy, unused));
      }
    }
    return new Result(uses, repeats);
  }

  /* True if two instruments agree in every field but their origin. */
  private static boolean sameButOrigin(Instrument a, Instrument b) {
    return a.equals(new Instrument(b.id(), b.type(), b.market(), b.generationStart(), b.generationEnd(), b.volume(),
        b.emissionRate(), b.technology(), b.retired(), b.retiredFor(), b.facility(), b.hourlyGeneration(),
        a.origin()));
  }

  /* "lines 3, 5" when the rows come from one file, else their origins. */
  private static String where(List<Instrument> rows) {
    List<String> lines = new ArrayList<>();
    Set<String> files = new TreeSet<>();
    boolean numbered = true;
    for (Instrument i : rows) {
      String o = i.origin();
      int colon = o.lastIndexOf(':');
      String line = colon < 0 ? "" : o.substring(colon + 1);
      numbered &= !line.isEmpty() && line.chars().allMatch(Character::isDigit);
      files.add(colon < 0 ? o : o.substring(0, colon));
      lines.add(line);
    }
    if (numbered && files.size() == 1) {
      return "lines " + String.join(", ", lines);
    }
    List<String> origins = new ArrayList<>();
    for (Instrument i : rows) {
      origins.add(i.origin());
    }
    return "at " + String.join(", ", origins);
  }

  private static void check(Instrument ins, Map<String, String> conflicts, String entity, ReportingPeriod period,
      List<QualityCriterion> failed, List<String> reasons) {
    if (ins.emissionRate() == null) {
      failed.add(QualityCriterion.EMISSION_RATE);
      reasons.add("criterion 1: no emission rate given; the instrument must convey the rate of its generation");
    }
    String conflict = conflicts.get(ins.id());
    if (conflict != null) {
      failed.add(QualityCriterion.UNIQUE_CLAIM);
      reasons.add(conflict);
    }
    if (ins.category() != InstrumentCategory.SUPPLIER) {
      String forWhom = ins.retiredFor();
      if (!ins.retired()) {
        failed.add(QualityCriterion.RETIRED_FOR_REPORTER);
        reasons.add("criterion 3: not retired, redeemed or cancelled");
      } else if (forWhom == null || !normalise(forWhom).equals(normalise(entity))) {
        failed.add(QualityCriterion.RETIRED_FOR_REPORTER);
        reasons.add("criterion 3: retired for " + (forWhom == null ? "an unnamed entity" : "'" + forWhom + "'")
            + ", not for the reporting entity '" + entity + "'");
      }
    }
    boolean vintageOk = ins.category() == InstrumentCategory.SUPPLIER
        ? ins.generationStart().isBefore(period.end()) && ins.generationEnd().isAfter(period.start())
        : period.encloses(ins.generationStart(), ins.generationEnd());
    if (!vintageOk) {
      failed.add(QualityCriterion.VINTAGE);
      reasons.add("criterion 4: " + (ins.category() == InstrumentCategory.SUPPLIER ? "supply" : "generation")
          + " period " + ins.generationStart() + " .. " + ins.generationEnd() + " is "
          + (ins.category() == InstrumentCategory.SUPPLIER ? "outside" : "not within")
          + " the reporting period " + period);
    }
  }

  private static String normalise(String entity) {
    return entity.trim().toLowerCase(Locale.ROOT);
  }

  private static BigInteger allocatePool(Instrument ins, List<Cell> cells) {
    List<Cell> targets = new ArrayList<>();
    for (Cell c : cells) {
      boolean inTime = ins.category() != InstrumentCategory.SUPPLIER
          || (!c.hour.isBefore(ins.generationStart()) && c.hour.isBefore(ins.generationEnd()));
      if (inTime && MarketBoundary.contains(ins.market(), c.chain)) {
        targets.add(c);
      }
    }
    Energy volume = ins.volume();
    return proRata(ins, targets, volume == null ? null : volume.toBigMicrojoules());
  }

  private static BigInteger allocateHourly(Instrument ins, List<Cell> cells) {
    TreeMap<Instant, List<Cell>> byHour = new TreeMap<>();
    for (Cell c : cells) {
      if (MarketBoundary.contains(ins.market(), c.chain)) {
        byHour.computeIfAbsent(c.hour, h -> new ArrayList<>()).add(c);
      }
    }
    Energy volume = ins.volume();
    BigInteger left = volume == null ? BigInteger.ZERO : volume.toBigMicrojoules();
    BigInteger used = BigInteger.ZERO;
    for (Map.Entry<Instant, Energy> g : ins.hourlyGeneration().entrySet()) {
      List<Cell> targets = byHour.get(g.getKey());
      if (targets == null) {
        continue;
      }
      BigInteger gen = g.getValue().toBigMicrojoules().min(left);
      BigInteger u = proRata(ins, targets, gen);
      used = used.add(u);
      left = left.subtract(u);
    }
    return used;
  }

  /*
   * Covers the targets' uncovered energy with up to `volume` µJ, pro rata. When the volume is less than the
   * uncovered energy U, each cell gets floor(u·V/U) and the µJ those floors leave (fewer than the cells) go one each
   * to the cells with the largest remainders (ties: the earlier cell), so exactly V is used: used + unused is the
   * volume to the µJ. floor + 1 never exceeds a cell's u, since only cells with a non-zero remainder get one.
   */
  private static BigInteger proRata(Instrument ins, List<Cell> targets, @Nullable BigInteger volume) {
    BigInteger uncovered = BigInteger.ZERO;
    for (Cell c : targets) {
      uncovered = uncovered.add(c.remaining);
    }
    if (uncovered.signum() == 0 || (volume != null && volume.signum() == 0)) {
      return BigInteger.ZERO;
    }
    int n = targets.size();
    BigInteger[] cover = new BigInteger[n];
    BigInteger used = BigInteger.ZERO;
    if (volume == null || volume.compareTo(uncovered) >= 0) {
      for (int k = 0; k < n; k++) {
        cover[k] = targets.get(k).remaining;
      }
      used = uncovered;
    } else {
      BigInteger[] remainder = new BigInteger[n];
      for (int k = 0; k < n; k++) {
        BigInteger[] qr = targets.get(k).remaining.multiply(volume).divideAndRemainder(uncovered);
        cover[k] = qr[0];
        remainder[k] = qr[1];
        used = used.add(qr[0]);
      }
      int missing = volume.subtract(used).intValueExact();
      if (missing > 0) {
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
          order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> {
          int c = remainder[b].compareTo(remainder[a]);
          return c != 0 ? c : Integer.compare(a, b);
        });
        for (int k = 0; k < missing; k++) {
          cover[order[k]] = cover[order[k]].add(BigInteger.ONE);
        }
        used = volume;
      }
    }
    for (int k = 0; k < n; k++) {
      Cell c = targets.get(k);
      if (cover[k].signum() > 0) {
        c.remaining = c.remaining.subtract(cover[k]);
        c.covers.add(new Cover(ins, cover[k]));
      }
    }
    return used;
  }
}
