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
   * Checks and allocates.
   *
   * @param cells the cells, in (place, hour) order; their remaining energy is reduced
   * @param instruments the instruments given
   * @param entity the reporting entity (required when instruments are given)
   * @param period the reporting period
   * @param matching annual or hourly
   * @return what happened to each instrument, sorted by rung, id and origin
   */
  public static List<InstrumentUse> allocate(List<Cell> cells, List<Instrument> instruments, String entity,
      ReportingPeriod period, Matching matching) {
    Map<String, Integer> idCount = new HashMap<>();
    for (Instrument i : instruments) {
      idCount.merge(i.id(), 1, Integer::sum);
    }
    List<Instrument> sorted = new ArrayList<>(instruments);
    sorted.sort(Comparator.comparing(Instrument::category).thenComparing(Instrument::id)
        .thenComparing(Instrument::origin));
    TreeSet<String> consumptionPlaces = new TreeSet<>();
    for (Cell c : cells) {
      consumptionPlaces.add(c.place);
    }
    List<InstrumentUse> uses = new ArrayList<>();
    for (Instrument ins : sorted) {
      List<QualityCriterion> failed = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      check(ins, idCount, entity, period, cells, consumptionPlaces, failed, reasons);
      boolean needsProfile = matching == Matching.HOURLY && ins.category() != InstrumentCategory.SUPPLIER;
      if (failed.isEmpty() && needsProfile && ins.hourlyGeneration().isEmpty()) {
        reasons.add("no hourly generation profile: hourly matching needs the instrument's generation per hour "
            + "(load it with Instruments.load(instruments, hourlyGeneration))");
      }
      Energy volume = ins.volume();
      if (!reasons.isEmpty()) {
        uses.add(new InstrumentUse(ins, InstrumentUse.Status.EXCLUDED, failed, reasons, Energy.ZERO, volume));
        continue;
      }
      BigInteger used = needsProfile ? allocateHourly(ins, cells) : allocatePool(ins, cells);
      Energy usedEnergy = Energy.ofMicrojoules(used);
      Energy unused = volume == null ? null : volume.minus(usedEnergy);
      if (used.signum() > 0) {
        uses.add(new InstrumentUse(ins, InstrumentUse.Status.USED, List.of(), List.of(), usedEnergy, unused));
      } else {
        uses.add(new InstrumentUse(ins, InstrumentUse.Status.UNUSED, List.of(), List.of(needsProfile
            ? "no uncovered consumption in its market in the hours it generated"
            : "no uncovered consumption left in its market (instruments earlier in the hierarchy covered it)"),
            usedEnergy, unused));
      }
    }
    return uses;
  }

  private static void check(Instrument ins, Map<String, Integer> idCount, String entity, ReportingPeriod period,
      List<Cell> cells, Set<String> consumptionPlaces, List<QualityCriterion> failed, List<String> reasons) {
    if (ins.emissionRate() == null) {
      failed.add(QualityCriterion.EMISSION_RATE);
      reasons.add("criterion 1: no emission rate given; the instrument must convey the rate of its generation");
    }
    int n = idCount.getOrDefault(ins.id(), 0);
    if (n > 1) {
      failed.add(QualityCriterion.UNIQUE_CLAIM);
      reasons.add("criterion 2: serial " + ins.id() + " appears " + n + " times; a claim may be made once");
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
    boolean inMarket = false;
    for (Cell c : cells) {
      if (MarketBoundary.contains(ins.market(), c.chain)) {
        inMarket = true;
        break;
      }
    }
    if (!inMarket) {
      failed.add(QualityCriterion.MARKET_BOUNDARY);
      reasons.add("criterion 5: market " + ins.market() + " holds none of the consumption (consumption is in: "
          + String.join(", ", consumptionPlaces) + ")");
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

  private static BigInteger proRata(Instrument ins, List<Cell> targets, @Nullable BigInteger volume) {
    BigInteger uncovered = BigInteger.ZERO;
    for (Cell c : targets) {
      uncovered = uncovered.add(c.remaining);
    }
    if (uncovered.signum() == 0 || (volume != null && volume.signum() == 0)) {
      return BigInteger.ZERO;
    }
    BigInteger used = BigInteger.ZERO;
    for (Cell c : targets) {
      BigInteger cover = volume == null || volume.compareTo(uncovered) >= 0
          ? c.remaining
          : c.remaining.multiply(volume).divide(uncovered);
      if (cover.signum() > 0) {
        c.remaining = c.remaining.subtract(cover);
        c.covers.add(new Cover(ins, cover));
        used = used.add(cover);
      }
    }
    return used;
  }
}
