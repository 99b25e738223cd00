package dev.ergon.accounting.internal;

import dev.ergon.CarbonIntensity;
import dev.ergon.Co2e;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.accounting.Co2eEstimate;
import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.factors.EmissionFactor;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.factors.FactorKind;
import dev.ergon.accounting.factors.FactorMatch;
import dev.ergon.accounting.factors.PlaceLevel;
import dev.ergon.accounting.factors.TimeLevel;
import dev.ergon.accounting.cells.CellPair;
import dev.ergon.accounting.cells.ConsumptionCells;
import dev.ergon.accounting.scope2.CoverageLine;
import dev.ergon.accounting.scope2.Instrument;
import dev.ergon.accounting.scope2.InstrumentCategory;
import dev.ergon.accounting.scope2.InstrumentUse;
import dev.ergon.accounting.scope2.Instruments;
import dev.ergon.accounting.scope2.Matching;
import dev.ergon.accounting.scope2.Offset;
import dev.ergon.accounting.scope2.Scope2Cell;
import dev.ergon.accounting.scope2.Scope2Line;
import dev.ergon.accounting.scope2.Scope2Report;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/*
 * The Scope 2 calculation. Pipeline: ConsumptionCells (region x hour x host, tags x level; exact sums) ->
 * ConsumptionModel (period, default region and PUE applied per cell) -> place-hour cells -> location factor per
 * place-hour -> MarketAllocation (instruments) -> remainder factor per place-hour (supplier, residual mix, grid
 * average) -> per-cell emissions and GUM sensitivities, then the covariances of cells sharing records -> totals,
 * breakdowns, factor uses, coverage, disclosures, digest. Every collection is iterated in a sorted order,
 * so the result does not depend on the order of the records.
 */

/**
 * Computes a {@link Scope2Report}.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class Scope2Engine {

  static final String NONE = "(none)";

  private Scope2Engine() {}

  /**
   * Computes the report.
   *
   * @param input the cells
   * @param records the digest of the records the cells were built from (the input digest), started by
   *     {@link #startDigest}, or null to digest the cells
   * @param factors the factors
   * @param instruments the instruments
   * @param offsets the offsets
   * @param matching annual or hourly
   * @param entity the reporting entity, or null (then instruments must be empty)
   * @param options consumption options
   * @return the report
   */
  public static Scope2Report calculate(ConsumptionCells input, @Nullable InputDigestTask records,
      EmissionFactors factors, Instruments instruments, List<Offset> offsets, Matching matching,
      @Nullable String entity, ConsumptionOptions options) {
    ConsumptionModel model = ConsumptionModel.build(input, options);
    ReportingPeriod period = model.period();

    // Cells: per place and hour.
    // The atoms come in cell-key order (region, hour, ...): those of one place and hour mostly follow each other.
    TreeMap<String, TreeMap<Instant, CellData>> cells = new TreeMap<>();
    List<ConsumptionModel.Atom> atoms = model.atoms();
    int n = atoms.size();
    CellData[] cellOfAtom = new CellData[n];
    @Nullable String lastPlace = null;
    TreeMap<Instant, CellData> lastByHour = new TreeMap<>();
    @Nullable CellData last = null;
    MonthLabels monthLabels = new MonthLabels();
    for (int i = 0; i < n; i++) {
      ConsumptionModel.Atom p = atoms.get(i);
      CellData c;
      if (last != null && p.hour().equals(last.hour) && p.place().equals(lastPlace)) {
        c = last;
      } else {
        if (!p.place().equals(lastPlace)) {
          lastPlace = p.place();
          lastByHour = cells.computeIfAbsent(p.place(), k -> new TreeMap<>());
        }
        c = lastByHour.computeIfAbsent(p.hour(), h -> new CellData(p.place(), h, monthLabels.of(h)));
        last = c;
      }
      cellOfAtom[i] = c;
      c.itSum.add(p.it());
      c.facSum.add(p.facility());
    }
    Map<String, List<String>> chains = new HashMap<>();
    List<MarketAllocation.Cell> marketCells = new ArrayList<>();
    for (TreeMap<Instant, CellData> byHour : cells.values()) {
      for (CellData c : byHour.values()) {
        c.it = c.itSum.value();
        c.fac = c.facSum.value();
        c.location = factors.lookup(c.place, c.hour, FactorKind.LOCATION).orElseThrow(() ->
            new IllegalArgumentException("no location factor for " + c.place + " at " + c.hour + " and no WORLD "
                + "factor: the factor set does not cover this consumption; layer the tables over "
                + "EmissionFactors.bundled() or add a WORLD row"));
        List<String> chain = chains.computeIfAbsent(c.place, factors::placeChain);
        c.market = new MarketAllocation.Cell(c.place, c.hour, chain, c.fac);
        marketCells.add(c.market);
      }
    }

    // Market-based: instruments, then remainder factors.
    List<InstrumentUse> uses = List.of();
    List<String> repeats = List.of();
    if (!instruments.isEmpty()) {
      if (entity == null) {
        throw new IllegalStateException("instruments were given but no reporting entity: set reportingEntity(...) "
            + "so that their retirement (quality criterion 3) can be checked");
      }
      MarketAllocation.Result allocation = MarketAllocation.allocate(marketCells, instruments.all(), entity, period,
          matching);
      uses = allocation.uses();
      repeats = allocation.repeats();
    }
    FactorUseTally factorUses = new FactorUseTally();
    IdentityHashMap<EmissionFactor, String> groups = new IdentityHashMap<>();
    Map<String, Coverage> coverage = new TreeMap<>();
    Map<String, BigInteger> noResidual = new TreeMap<>();
    Map<String, BigInteger> worldPlaces = new TreeMap<>();
    OtherYears otherYear = new OtherYears();
    BigInteger noUncertainty = BigInteger.ZERO;
    for (TreeMap<Instant, CellData> byHour : cells.values()) {
      for (CellData c : byHour.values()) {
        FactorMatch loc = c.location();
        double facKwh = ConsumptionModel.kilowattHours(c.fac);
        c.facKwh = facKwh;
        c.locationGroup = groups.computeIfAbsent(loc.factor(), Scope2Engine::group);
        c.locationGrams = facKwh * grams(loc);
        factorUses.add("location-based", loc, c.fac, c.locationGrams);
        noteFallback(loc, c, worldPlaces, otherYear);
        if (loc.factor().relativeUncertainty().isEmpty()) {
          noUncertainty = noUncertainty.add(c.fac);
        }
        MarketAllocation.Cell m = c.market();
        double coverGrams = 0;
        CarbonIntensity lastRate = null;
        for (MarketAllocation.Cover cv : m.covers()) {
          CarbonIntensity rate = rateOf(cv.instrument());
          double g = ConsumptionModel.kilowattHours(cv.micro()) * rate.toGramsPerKilowattHour();
          coverGrams += g;
          lastRate = rate;
          coverage.computeIfAbsent(cv.instrument().type().name(),
              k -> new Coverage(rung(cv.instrument().category()), k)).add(cv.micro(), g);
        }
        BigInteger rem = m.remaining();
        c.covered = c.fac.subtract(rem);
        if (rem.signum() > 0) {
          Optional<FactorMatch> supplier = factors.lookup(c.place, c.hour, FactorKind.SUPPLIER);
          Optional<FactorMatch> residual = factors.lookup(c.place, c.hour, FactorKind.RESIDUAL_MIX);
          String basis;
          int rung;
          if (supplier.isPresent()) {
            c.remainder = supplier.get();
            basis = "supplier factor";
            rung = 3;
          } else if (residual.isPresent()) {
            c.remainder = residual.get();
            basis = "residual mix";
            rung = 4;
          } else {
            c.remainder = loc;
            basis = "grid average (no residual mix)";
            rung = 5;
            noResidual.merge(c.place, rem, BigInteger::add);
          }
          FactorMatch r = c.remainder();
          c.remainderGroup = groups.computeIfAbsent(r.factor(), Scope2Engine::group);
          c.remainderGrams = ConsumptionModel.kilowattHours(rem) * grams(r);
          factorUses.add("market-based", r, rem, c.remainderGrams);
          if (rung != 5) {
            noteFallback(r, c, worldPlaces, otherYear);
          }
          coverage.computeIfAbsent(basis, k -> new Coverage(rung, k)).add(rem, c.remainderGrams);
          c.marginal = grams(r);
        } else {
          c.marginal = lastRate == null ? grams(loc) : lastRate.toGramsPerKilowattHour();
        }
        c.marketGrams = coverGrams + c.remainderGrams;
      }
    }

    // Per-cell emissions, totals and breakdowns; then the covariances of cells that share records.
    Line total = new Line(NONE);
    Map<String, Line> byZone = new TreeMap<>();
    Map<String, Line> byMonth = new TreeMap<>();
    SortedMap<String, Map<String, Line>> byTag = new TreeMap<>();
    for (String key : model.tagKeys()) {
      byTag.put(key, new TreeMap<>());
    }
    double[] locSensitivity = new double[n];
    double[] mktSensitivity = new double[n];
    String[] months = new String[n];
    for (int i = 0; i < n; i++) {
      ConsumptionModel.Atom a = atoms.get(i);
      CellData c = cellOfAtom[i];
      double kwh = ConsumptionModel.kilowattHours(a.facility());
      double share = c.facKwh == 0 ? 0 : kwh / c.facKwh;
      double loc = kwh * grams(c.location());
      double marginal = kwh * c.marginal;
      locSensitivity[i] = a.it() == 0 ? 0 : loc / a.it();
      mktSensitivity[i] = a.it() == 0 ? 0 : marginal / a.it();
      months[i] = c.month;
      Contribution k = new Contribution(a, loc, c.marketGrams * share,
          a.variance() * locSensitivity[i] * locSensitivity[i], a.variance() * mktSensitivity[i] * mktSensitivity[i],
          c.locationGroup, uncertainty(c.location()), c.remainderGroup,
          c.remainder == null ? 0 : uncertainty(c.remainder), c.remainderGrams * share);
      total.add(k);
      byZone.computeIfAbsent(a.place(), Line::new).add(k);
      byMonth.computeIfAbsent(c.month, Line::new).add(k);
      for (Map.Entry<String, Map<String, Line>> e : byTag.entrySet()) {
        String value = a.tags().get(e.getKey()).orElse(NONE);
        e.getValue().computeIfAbsent(value, Line::new).add(k);
      }
    }
    for (Map.Entry<CellPair, BigInteger> e : input.covariances().entrySet()) {
      int i = model.indexOf(e.getKey().first());
      int j = model.indexOf(e.getKey().second());
      if (i < 0 || j < 0) {
        continue;
      }
      double w = 2 * e.getValue().doubleValue();
      double l = w * locSensitivity[i] * locSensitivity[j];
      double m = w * mktSensitivity[i] * mktSensitivity[j];
      ConsumptionModel.Atom a = atoms.get(i);
      ConsumptionModel.Atom b = atoms.get(j);
      total.addVariance(l, m);
      if (a.place().equals(b.place())) {
        lineOf(byZone, a.place()).addVariance(l, m);
      }
      if (months[i].equals(months[j])) {
        lineOf(byMonth, months[i]).addVariance(l, m);
      }
      for (Map.Entry<String, Map<String, Line>> t : byTag.entrySet()) {
        String va = a.tags().get(t.getKey()).orElse(NONE);
        if (va.equals(b.tags().get(t.getKey()).orElse(NONE))) {
          lineOf(t.getValue(), va).addVariance(l, m);
        }
      }
    }

    List<Scope2Cell> cellList = new ArrayList<>();
    for (TreeMap<Instant, CellData> byHour : cells.values()) {
      for (CellData c : byHour.values()) {
        cellList.add(new Scope2Cell(c.place, c.hour, Energy.ofMicrojoules(c.it), Energy.ofMicrojoules(c.fac),
            c.location(), Co2e.ofGrams(c.locationGrams), Energy.ofMicrojoules(c.covered), c.remainder,
            Co2e.ofGrams(c.marketGrams)));
      }
    }
    SortedMap<String, List<Scope2Line>> tagLines = new TreeMap<>();
    byTag.forEach((k, v) -> tagLines.put(k, lines(v)));
    BigInteger consumption = model.summary().consumption().toBigMicrojoules();
    List<CoverageLine> coverageLines = new ArrayList<>();
    coverage.values().stream()
        .sorted((a, b) -> a.rung != b.rung ? Integer.compare(a.rung, b.rung) : a.basis.compareTo(b.basis))
        .forEach(cv -> coverageLines.add(new CoverageLine(cv.rung, cv.basis, Energy.ofMicrojoules(cv.micro),
            consumption.signum() == 0 ? 0 : ratio(cv.micro, consumption), Co2e.ofGrams(cv.grams))));

    SortedMap<String, String> opts = options(period, matching, entity, options);
    String digest = records != null ? records.finish(opts)
        : InputDigest.ofCells("scope2", opts, factors.dataSets(), input, instruments.all(), offsets);

    Scope2Disclosures d = new Scope2Disclosures(model, matching);
    List<Disclosure> disclosures = d.build(factors, factorUses.uses(), uses, repeats, offsets, noResidual,
        worldPlaces, otherYear.byLabel(), ratio(noUncertainty, consumption), coverageLines, entity);
    return new Scope2Report(matching, period, entity, total.location(), total.market(), model.summary(),
        lines(byZone), lines(byMonth), tagLines, cellList, factorUses.uses(), uses, coverageLines, offsets,
        disclosures, factors.dataSets(), digest, opts);
  }

  /**
   * Starts the input digest of records on an executor, for {@link #calculate}: the records are copied here, on the
   * calling thread.
   *
   * @param executor runs the digest (see {@link InputDigestTask})
   * @param records the records
   * @param factors the factors
   * @param instruments the instruments
   * @param offsets the offsets
   * @param matching annual or hourly
   * @param entity the reporting entity, or null
   * @param options consumption options
   * @return the running digest
   */
  public static InputDigestTask startDigest(Executor executor, Collection<EnergyRecord> records,
      EmissionFactors factors, Instruments instruments, List<Offset> offsets, Matching matching,
      @Nullable String entity, ConsumptionOptions options) {
    return InputDigestTask.start(executor, "scope2", p -> options(p, matching, entity, options), options.period(),
        factors.dataSets(), records, instruments.all(), offsets);
  }

  /* The options a report states (and its input digest digests). */
  private static SortedMap<String, String> options(ReportingPeriod period, Matching matching,
      @Nullable String entity, ConsumptionOptions options) {
    SortedMap<String, String> opts = new TreeMap<>();
    opts.put("calculation", "GHG Protocol Scope 2, location-based and market-based");
    opts.put("matching", matching.name());
    opts.put("period", period.toString() + (options.period() == null ? " (derived from the records)" : ""));
    opts.put("reporting.entity", entity == null ? "not set" : entity);
    opts.put("uncertainty", "GUM first-order, k=2");
    options.describe(opts);
    return opts;
  }

  private static Line lineOf(Map<String, Line> lines, String key) {
    Line l = lines.get(key);
    if (l == null) {
      throw new IllegalStateException("no line " + key);
    }
    return l;
  }

  static double ratio(BigInteger a, BigInteger b) {
    return b.signum() == 0 ? 0 : new java.math.BigDecimal(a).divide(new java.math.BigDecimal(b),
        java.math.MathContext.DECIMAL64).doubleValue();
  }

  private static void noteFallback(FactorMatch m, CellData c, Map<String, BigInteger> worldPlaces,
      OtherYears otherYear) {
    if (m.placeLevel() == PlaceLevel.WORLD) {
      worldPlaces.merge(c.place, c.fac, BigInteger::add);
    }
    if (m.timeLevel() == TimeLevel.OTHER_YEAR) {
      otherYear.add(m.factor(), c.hour);
    }
  }

  private static int rung(InstrumentCategory c) {
    return switch (c) {
      case CERTIFICATE -> 1;
      case CONTRACT -> 2;
      case SUPPLIER -> 3;
    };
  }

  private static CarbonIntensity rateOf(Instrument i) {
    CarbonIntensity rate = i.emissionRate();
    if (rate == null) {
      throw new IllegalStateException("instrument " + i.id() + " without a rate was allocated");
    }
    return rate;
  }

  static double grams(FactorMatch m) {
    return m.factor().intensity().toGramsPerKilowattHour();
  }

  static String group(FactorMatch m) {
    return group(m.factor());
  }

  static String group(EmissionFactor f) {
    return f.dataSet() + "|" + f.zone() + "|" + f.kind();
  }

  static double uncertainty(FactorMatch m) {
    return m.factor().relativeUncertainty().orElse(0);
  }

  private static List<Scope2Line> lines(Map<String, Line> m) {
    List<Scope2Line> out = new ArrayList<>();
    for (Line l : m.values()) {
      out.add(l.toLine());
    }
    return out;
  }

  /* One cell's contribution to a total: emissions and its GUM terms. */
  private record Contribution(ConsumptionModel.Atom atom, double locationGrams, double marketGrams,
      double locationEnergyVariance, double marketEnergyVariance, String locationGroup,
      double locationFactorUncertainty, String remainderGroup, double remainderFactorUncertainty,
      double remainderFactorGrams) {}

  /* A total or breakdown line being summed. */
  private static final class Line {
    final String key;
    final MicrojouleSum it = new MicrojouleSum();
    final MicrojouleSum fac = new MicrojouleSum();
    double loc;
    double mkt;
    final GumBudget locBudget = new GumBudget();
    final GumBudget mktBudget = new GumBudget();

    Line(String key) {
      this.key = key;
    }

    void add(Contribution c) {
      it.add(c.atom().it());
      fac.add(c.atom().facility());
      loc += c.locationGrams();
      mkt += c.marketGrams();
      locBudget.addEnergyVariance(c.locationEnergyVariance());
      locBudget.addFactor(c.locationGroup(), c.locationFactorUncertainty(), c.locationGrams());
      mktBudget.addEnergyVariance(c.marketEnergyVariance());
      mktBudget.addFactor(c.remainderGroup(), c.remainderFactorUncertainty(), c.remainderFactorGrams());
    }

    void addVariance(double location, double market) {
      locBudget.addEnergyVariance(location);
      mktBudget.addEnergyVariance(market);
    }

    Co2eEstimate location() {
      return Co2eEstimate.ofGrams(loc, locBudget.standardUncertainty());
    }

    Co2eEstimate market() {
      return Co2eEstimate.ofGrams(mkt, mktBudget.standardUncertainty());
    }

    Scope2Line toLine() {
      return new Scope2Line(key, Energy.ofMicrojoules(it.value()), Energy.ofMicrojoules(fac.value()), location(),
          market());
    }
  }

  /* The UTC month of an hour, as YearMonth.from(LocalDateTime.ofInstant(hour, UTC)).toString(); the last month's
     label is kept, since consecutive cells mostly share a month. Not thread-safe: one per calculation. */
  static final class MonthLabels {
    private long startSecond = 1;
    private long endSecond;
    private String label = "";

    String of(Instant hour) {
      long s = hour.getEpochSecond();
      if (s < startSecond || s >= endSecond) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(s, 86_400L));
        YearMonth month = YearMonth.of(day.getYear(), day.getMonthValue());
        label = month.toString();
        startSecond = month.atDay(1).toEpochDay() * 86_400L;
        endSecond = month.plusMonths(1).atDay(1).toEpochDay() * 86_400L;
      }
      return label;
    }
  }

  /* One place and hour. */
  private static final class CellData {
    final String place;
    final Instant hour;
    final String month;
    final MicrojouleSum itSum = new MicrojouleSum();
    final MicrojouleSum facSum = new MicrojouleSum();
    BigInteger it = BigInteger.ZERO;
    BigInteger fac = BigInteger.ZERO;
    BigInteger covered = BigInteger.ZERO;
    @Nullable FactorMatch location;
    MarketAllocation.@Nullable Cell market;
    @Nullable FactorMatch remainder;
    double locationGrams;
    double remainderGrams;
    double marketGrams;
    double marginal;
    double facKwh;
    String locationGroup = "";
    String remainderGroup = "";

    CellData(String place, Instant hour, String month) {
      this.place = place;
      this.hour = hour;
      this.month = month;
    }

    FactorMatch location() {
      FactorMatch m = location;
      if (m == null) {
        throw new IllegalStateException("cell " + place + " " + hour + " has no location factor");
      }
      return m;
    }

    MarketAllocation.Cell market() {
      MarketAllocation.Cell m = market;
      if (m == null) {
        throw new IllegalStateException("cell " + place + " " + hour + " has no market cell");
      }
      return m;
    }

    FactorMatch remainder() {
      FactorMatch m = remainder;
      if (m == null) {
        throw new IllegalStateException("cell " + place + " " + hour + " has no remainder factor");
      }
      return m;
    }
  }

  /* Coverage by basis. */
  private static final class Coverage {
    final int rung;
    final String basis;
    BigInteger micro = BigInteger.ZERO;
    double grams;

    Coverage(int rung, String basis) {
      this.rung = rung;
      this.basis = basis;
    }

    void add(BigInteger m, double g) {
      micro = micro.add(m);
      grams += g;
    }
  }
}
