package dev.ergon.accounting.internal;

import dev.ergon.CarbonIntensity;
import dev.ergon.ChannelEnergy;
import dev.ergon.Co2e;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.accounting.Co2eEstimate;
import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.Disclosure.Topic;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.cells.CellPair;
import dev.ergon.accounting.cells.ConsumptionCells;
import dev.ergon.accounting.cells.RecordTally;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.factors.FactorKind;
import dev.ergon.accounting.factors.FactorMatch;
import dev.ergon.accounting.factors.PlaceLevel;
import dev.ergon.accounting.factors.TimeLevel;
import dev.ergon.accounting.sci.EmbodiedEmissions;
import dev.ergon.accounting.sci.SciIntensity;
import dev.ergon.accounting.sci.SciReport;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Computes a {@link SciReport}.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class SciEngine {
  private SciEngine() {}

  /**
   * Computes the score.
   *
   * @param input the cells
   * @param records the digest of the records the cells were built from (the input digest), started by
   *     {@link #startDigest}, or null to digest the cells
   * @param factors the factors
   * @param intensity average or marginal
   * @param options consumption options
   * @param embodied embodied data, or null
   * @param timeReservedOverride a fixed TiR, or null
   * @param functionalUnit the name of R
   * @param perUnits how many functional units one score is for
   * @param boundaryNote an extra boundary sentence, or empty
   * @return the report
   */
  public static SciReport calculate(ConsumptionCells input, @Nullable InputDigestTask records,
      EmissionFactors factors, SciIntensity intensity,
      ConsumptionOptions options, @Nullable EmbodiedEmissions embodied, @Nullable Duration timeReservedOverride,
      String functionalUnit, long perUnits, String boundaryNote) {
    ConsumptionModel model = ConsumptionModel.build(input, options);
    ReportingPeriod period = model.period();
    Map<String, Map<Instant, FactorMatch>> cache = new HashMap<>();
    GumBudget budget = new GumBudget();
    FactorUseTally tally = new FactorUseTally();
    Map<String, BigInteger> worldPlaces = new TreeMap<>();
    OtherYears otherYear = new OtherYears();
    SortedSet<String> marginalMissing = new TreeSet<>();
    double operational = 0;
    List<ConsumptionModel.Atom> atoms = model.atoms();
    double[] sensitivity = new double[atoms.size()];
    for (int i = 0; i < atoms.size(); i++) {
      ConsumptionModel.Atom p = atoms.get(i);
      FactorMatch m = cache.computeIfAbsent(p.place(), k -> new HashMap<>())
          .computeIfAbsent(p.hour(), h -> find(factors, p.place(), h, intensity, marginalMissing));
      double kwh = ConsumptionModel.kilowattHours(p.facility());
      double g = kwh * Scope2Engine.grams(m);
      operational += g;
      sensitivity[i] = p.it() == 0 ? 0 : g / p.it();
      budget.addEnergyVariance(p.variance() * sensitivity[i] * sensitivity[i]);
      budget.addFactor(Scope2Engine.group(m), Scope2Engine.uncertainty(m), g);
      BigInteger fac = BigInteger.valueOf(p.facility());
      tally.add("sci", m, fac, g);
      if (m.placeLevel() == PlaceLevel.WORLD) {
        worldPlaces.merge(p.place(), fac, BigInteger::add);
      }
      if (m.timeLevel() == TimeLevel.OTHER_YEAR) {
        otherYear.add(m.factor(), p.hour());
      }
    }
    for (Map.Entry<CellPair, BigInteger> e : input.covariances().entrySet()) {
      int i = model.indexOf(e.getKey().first());
      int j = model.indexOf(e.getKey().second());
      if (i >= 0 && j >= 0) {
        budget.addEnergyVariance(2 * e.getValue().doubleValue() * sensitivity[i] * sensitivity[j]);
      }
    }
    Co2eEstimate o = Co2eEstimate.ofGrams(operational, budget.standardUncertainty());
    Duration tir = timeReservedOverride != null ? timeReservedOverride : timeReserved(input, period);
    Co2eEstimate m = Co2eEstimate.ZERO;
    if (embodied != null) {
      Co2e share = embodied.share(tir);
      m = new Co2eEstimate(share, embodied.relativeUncertainty().orElse(0) * share.toGrams());
    }
    Co2eEstimate total = Co2eEstimate.ofGrams(o.value().toGrams() + m.value().toGrams(),
        Math.hypot(o.standardUncertaintyGrams(), m.standardUncertaintyGrams()));
    long units = model.tally().units();
    long unmeteredUnits = model.tally().unmeteredUnits();
    // Scaled by perUnits / units as one factor, so that a score per 1 unit is computed exactly as before.
    double scale = (double) perUnits / units;
    Co2eEstimate perUnit = units == 0 ? null : perUnits == 1
        ? Co2eEstimate.ofGrams(total.value().toGrams() / units, total.standardUncertaintyGrams() / units)
        : Co2eEstimate.ofGrams(total.value().toGrams() * scale, total.standardUncertaintyGrams() * scale);
    double kwhTotal = model.summary().consumption().toKilowattHours();
    CarbonIntensity i = kwhTotal == 0 ? null : CarbonIntensity.ofGramsPerKilowattHour(operational / kwhTotal);

    List<DataSet> dataSets = dataSets(factors, embodied);
    SortedMap<String, String> opts = options(period, intensity, options, embodied, timeReservedOverride,
        functionalUnit, perUnits, boundaryNote);
    String digest = records != null ? records.finish(opts)
        : InputDigest.ofCells("sci", opts, dataSets, input, List.of(), List.of());
    String boundary = boundary(model, embodied, tir, boundaryNote);

    List<Disclosure> out = new ArrayList<>();
    out.add(new Disclosure(Topic.SCI, String.format(Locale.US, "SCI = ((E × I) + M) per R (ISO/IEC 21031:2024): "
        + "E = %.6g kWh, I = %s, M = %.6g gCO2e, R = %d %s.", kwhTotal,
        i == null ? "n/a" : String.format(Locale.US, "%.6g gCO2e/kWh (%s)", i.toGramsPerKilowattHour(),
            intensity == SciIntensity.AVERAGE ? "grid average" : "marginal"),
        m.value().toGrams(), units, functionalUnit)
        + (perUnits == 1 ? "" : " The score is per " + perUnits + " " + functionalUnit + ": (O + M) / R × " + perUnits
            + ".")));
    out.add(new Disclosure(Topic.SCI, "Market-based measures (energy attribute certificates, PPAs, offsets and other "
        + "credits) are excluded from the SCI by its specification and were not used."));
    if (units == 0) {
      out.add(new Disclosure(Topic.SCI, "No functional units were counted (R = 0): the score per unit is undefined; "
          + "count the functional units in the measured jobs."));
    }
    if (unmeteredUnits > 0) {
      out.add(new Disclosure(Topic.SCI, unmeteredUnits + " functional unit(s) of records without a meter were left "
          + "out of R: their energy is unknown, and counting them would understate the score."));
    }
    if (embodied == null) {
      out.add(new Disclosure(Topic.SCI, "No embodied emissions were given (M = 0): the score understates the "
          + "software's carbon intensity; give the hardware's embodied emissions and lifespan, or its cloud instance "
          + "type."));
    }
    if (!marginalMissing.isEmpty()) {
      out.add(new Disclosure(Topic.FACTOR_FALLBACK, "No marginal factor was available for: "
          + String.join(", ", marginalMissing) + "; the grid average was used there."));
    }
    out.add(new Disclosure(Topic.UNCERTAINTY, "The interval is the best estimate ± 2u (k = 2, about 95 %), u from "
        + "first-order GUM propagation of the records' energy uncertainty and the factors' stated uncertainty (as in "
        + "the Scope 2 report) and TE's stated uncertainty, independent of each other; R, PUE, the lifespan and the "
        + "resource shares are taken as exact."));
    ConsumptionDisclosures.factorData(out, factors, tally.uses());
    ConsumptionDisclosures.fallbacks(out, worldPlaces, otherYear.byLabel());
    ConsumptionDisclosures.add(out, model);
    return new SciReport(intensity, period, functionalUnit, units, perUnits, model.summary().consumption(), i, o, m,
        total, perUnit, embodied, tir, boundary, model.summary(), tally.uses(), out, dataSets, digest, opts);
  }


  /**
   * Starts the input digest of records on an executor, for {@link #calculate}: the records are copied here, on the
   * calling thread. Parameters as {@link #calculate}.
   *
   * @param executor runs the digest (see {@link InputDigestTask})
   * @param records the records
   * @param factors the factors
   * @param intensity average or marginal
   * @param options consumption options
   * @param embodied embodied data, or null
   * @param timeReservedOverride a fixed TiR, or null
   * @param functionalUnit the name of R
   * @param perUnits how many functional units one score is for
   * @param boundaryNote an extra boundary sentence, or empty
   * @return the running digest
   */
  public static InputDigestTask startDigest(Executor executor, Collection<EnergyRecord> records,
      EmissionFactors factors, SciIntensity intensity, ConsumptionOptions options,
      @Nullable EmbodiedEmissions embodied, @Nullable Duration timeReservedOverride, String functionalUnit,
      long perUnits, String boundaryNote) {
    return InputDigestTask.start(executor, "sci", p -> options(p, intensity, options, embodied, timeReservedOverride,
        functionalUnit, perUnits, boundaryNote), options.period(), dataSets(factors, embodied), records, List.of(),
        List.of());
  }

  /* The data sets a report names: the factors', then the embodied data's. */
  private static List<DataSet> dataSets(EmissionFactors factors, @Nullable EmbodiedEmissions embodied) {
    List<DataSet> dataSets = new ArrayList<>(factors.dataSets());
    if (embodied != null && embodied.dataSet() != null && !dataSets.contains(embodied.dataSet())) {
      dataSets.add(embodied.dataSet());
    }
    return dataSets;
  }

  /* The options a report states (and its input digest digests). */
  private static SortedMap<String, String> options(ReportingPeriod period, SciIntensity intensity,
      ConsumptionOptions options, @Nullable EmbodiedEmissions embodied, @Nullable Duration timeReservedOverride,
      String functionalUnit, long perUnits, String boundaryNote) {
    SortedMap<String, String> opts = new TreeMap<>();
    opts.put("calculation", "Software Carbon Intensity, ISO/IEC 21031:2024");
    opts.put("intensity", intensity.name());
    opts.put("functional.unit", perUnits == 1 ? functionalUnit : "per " + perUnits + " " + functionalUnit);
    opts.put("period", period.toString() + (options.period() == null ? " (derived from the records)" : ""));
    opts.put("uncertainty", "GUM first-order, k=2");
    opts.put("time.reserved", timeReservedOverride == null ? "union of record run times per host"
        : timeReservedOverride.toString());
    opts.put("embodied", embodied == null ? "not included" : embodied.source() + "; TE " + embodied.total()
        + ", EL " + embodied.lifespan() + ", RR/ToR " + embodied.resourcesReserved() + "/" + embodied.totalResources()
        + (embodied.relativeUncertainty().isPresent() ? ", u_r " + embodied.relativeUncertainty().getAsDouble() : ""));
    opts.put("boundary.note", boundaryNote.isEmpty() ? "none" : boundaryNote);
    options.describe(opts);
    return opts;
  }
  private static FactorMatch find(EmissionFactors factors, String place, Instant hour, SciIntensity intensity,
      SortedSet<String> marginalMissing) {
    Optional<FactorMatch> m = factors.lookup(place, hour, intensity.factorKind());
    if (m.isEmpty() && intensity == SciIntensity.MARGINAL) {
      marginalMissing.add(place);
      m = factors.lookup(place, hour, FactorKind.LOCATION);
    }
    return m.orElseThrow(() -> new IllegalArgumentException("no " + intensity.name().toLowerCase(Locale.ROOT)
        + " factor for " + place + " at " + hour + " and no WORLD factor; layer the tables over "
        + "EmissionFactors.bundled() or add a WORLD row"));
  }

  /* TiR: per host, the union of the counted records' [start, end) clipped to the period; summed over hosts. */
  private static Duration timeReserved(ConsumptionCells cells, ReportingPeriod period) {
    Duration total = Duration.ZERO;
    for (List<ConsumptionCells.Span> spans : cells.runs().values()) {
      for (ConsumptionCells.Span sp : spans) {
        Instant s = sp.start().isBefore(period.start()) ? period.start() : sp.start();
        Instant e = sp.end().isAfter(period.end()) ? period.end() : sp.end();
        if (e.isAfter(s)) {
          total = total.plus(Duration.between(s, e));
        }
      }
    }
    return total;
  }

  private static String boundary(ConsumptionModel model, @Nullable EmbodiedEmissions embodied, Duration tir,
      String note) {
    RecordTally t = model.tally();
    StringBuilder sb = new StringBuilder();
    sb.append(t.counted()).append(" job record(s) [").append(limit(t.names())).append("] on ")
        .append(t.hosts().size()).append(" host(s); energy of the channels ").append(limit(t.channels()))
        .append(", as attributed to the jobs (policy ").append(String.join(", ", t.attributions())).append("); ");
    boolean pue = false;
    for (dev.ergon.accounting.PueUse p : model.summary().pue()) {
      pue |= !p.appliedTo().equals(ConsumptionDisclosures.PUE_NOT_SET);
    }
    sb.append(pue ? "data-centre overhead included through PUE; " : "data-centre overhead not included (no PUE); ");
    if (embodied != null) {
      sb.append("embodied emissions of the hardware for ").append(tir).append(" reserved: ").append(embodied.source())
          .append("; ");
    } else {
      sb.append("no embodied emissions; ");
    }
    sb.append("not included: networking, storage, end-user devices, and any hardware without a channel in the "
        + "records.");
    if (!note.isEmpty()) {
      sb.append(' ').append(note);
    }
    return sb.toString();
  }

  private static String limit(SortedSet<String> items) {
    List<String> l = new ArrayList<>();
    for (String s : items) {
      if (l.size() == 8) {
        l.add("and " + (items.size() - 8) + " more");
        break;
      }
      l.add(s);
    }
    return String.join(", ", l);
  }
}
