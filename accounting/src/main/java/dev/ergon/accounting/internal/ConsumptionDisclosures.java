package dev.ergon.accounting.internal;

import dev.ergon.Energy;
import dev.ergon.accounting.ConsumptionSummary;
import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.Disclosure.Topic;
import dev.ergon.accounting.PueUse;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.factors.FactorUse;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;

/**
 * The disclosures Scope 2 and SCI reports share: PUE, record completeness, exclusions, missing regions, factor
 * fallbacks and factor-data caveats.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
final class ConsumptionDisclosures {
  static final String PUE_NOT_SET = "default (not set)";

  private ConsumptionDisclosures() {}

  static void add(List<Disclosure> out, ConsumptionModel model) {
    pue(out, model);
    completeness(out, model);
    location(out, model);
  }

  /*
   * Data-set caveats follow from the factor rows actually applied, never from a data set's or file's name: a
   * caveat is written when some applied factor belongs to a data set whose version is the bundled one's (a user's
   * table is versioned by its SHA-256, so it never matches).
   */
  static void factorData(List<Disclosure> out, EmissionFactors factors, List<FactorUse> applied) {
    Map<String, DataSet> byName = new HashMap<>();
    for (DataSet d : factors.dataSets()) {
      byName.putIfAbsent(d.name(), d);
    }
    String electricityMaps = null;
    boolean ccf = false;
    for (FactorUse u : applied) {
      DataSet d = byName.get(u.dataSet());
      if (d == null) {
        continue;
      }
      if (d.version().equals(BundledFactors.EM_VERSION)) {
        electricityMaps = d.name();
      }
      ccf |= d.version().equals(BundledFactors.CCF_VERSION);
    }
    if (electricityMaps != null) {
      out.add(new Disclosure(Topic.FACTOR_DATA, "Location factors of data set " + electricityMaps
          + " are Electricity "
          + "Maps' yearly averages: life-cycle (they include upstream emissions) and consumption-based; some Scope 2 "
          + "programmes ask for combustion-only factors (e.g. US EPA eGRID, national inventories): load those as a "
          + "factor table to use them instead."));
    }
    if (ccf) {
      out.add(new Disclosure(Topic.FACTOR_DATA, "Cloud Carbon Footprint's per-region factors carry no single data "
          + "year (eGRID2020 for US regions, 2021-2022 national factors elsewhere); they are used for any year."));
    }
  }

  static void fallbacks(List<Disclosure> out, Map<String, BigInteger> worldPlaces,
      Map<String, SortedSet<Integer>> otherYear) {
    if (!worldPlaces.isEmpty()) {
      List<String> parts = new ArrayList<>();
      worldPlaces.forEach((place, e) -> parts.add(place + " (" + kwh(e) + ")"));
      out.add(new Disclosure(Topic.FACTOR_FALLBACK, "The world-average factor, the last rung of the place hierarchy, "
          + "was used for consumption in: " + String.join(", ", parts) + "; no factor exists for these places or "
          + "their grid zones. Set the records' region, map the cloud region, or load a factor for the zone."));
    }
    otherYear.forEach((label, years) -> {
      List<String> ys = new ArrayList<>();
      for (Integer y : years) {
        ys.add(Integer.toString(y));
      }
      out.add(new Disclosure(Topic.FACTOR_FALLBACK, "Factor " + label + " is of another year than the consumption it "
          + "was applied to (consumption in " + String.join(", ", ys) + "); no factor of the same year was "
          + "available."));
    });
  }

  private static void pue(List<Disclosure> out, ConsumptionModel model) {
    ConsumptionSummary s = model.summary();
    List<String> parts = new ArrayList<>();
    Energy notSet = Energy.ZERO;
    for (PueUse p : s.pue()) {
      if (p.appliedTo().equals(PUE_NOT_SET)) {
        notSet = p.itEnergy();
      } else {
        parts.add(p.appliedTo() + " PUE " + p.pue() + " on " + kwh(p.itEnergy()));
      }
    }
    if (!parts.isEmpty()) {
      out.add(new Disclosure(Topic.PUE, "PUE applied once to IT-level energy (facility = IT × PUE): "
          + String.join("; ", parts) + "."));
    }
    if (model.pueDefaulted()) {
      out.add(new Disclosure(Topic.PUE, "No PUE was given for " + kwh(notSet) + " of IT-level energy: it is reported "
          + "without data-centre overhead (PUE 1), which understates the facility's consumption; set a PUE."));
    }
    if (model.facilityLevelRecords() > 0) {
      out.add(new Disclosure(Topic.PUE, model.facilityLevelRecords() + " record(s) are tagged energy.level=facility ("
          + kwh(s.facilityLevelEnergy()) + "): measured at the facility, so no PUE was applied to them."));
    }
  }

  private static void completeness(List<Disclosure> out, ConsumptionModel model) {
    ConsumptionSummary s = model.summary();
    boolean none = s.measured().isZero() && s.estimated().isZero();
    out.add(new Disclosure(Topic.RECORD_COMPLETENESS, String.format(Locale.US, "%d record(s) counted: %d complete, "
        + "%d partial, %d without a meter. %.1f %% of the energy was measured (hardware counters or integrated "
        + "power), %.1f %% estimated from models.", s.recordsCounted(), s.complete(), s.partial(), s.noMeter(),
        100 * s.measuredShare(), none ? 0 : 100 * (1 - s.measuredShare()))));
    if (s.partial() > 0) {
      out.add(new Disclosure(Topic.RECORD_COMPLETENESS, s.partial() + " partial record(s) (" + kwh(s.partialEnergy())
          + "): some of their energy could not be read, so their figures are lower bounds."));
    }
    if (s.noMeter() > 0) {
      out.add(new Disclosure(Topic.RECORD_COMPLETENESS, s.noMeter() + " record(s) had no meter and carry no energy; "
          + "their jobs are missing from the totals."));
    }
    if (s.nestedExcluded() > 0) {
      out.add(new Disclosure(Topic.EXCLUSIONS, s.nestedExcluded() + " nested record(s) were not counted separately: "
          + "their energy is inside their parent's record, which is counted."));
    }
    if (model.orphans() > 0) {
      out.add(new Disclosure(Topic.EXCLUSIONS, model.orphans() + " counted record(s) are nested jobs whose parent is "
          + "not among the records; they are counted as top-level jobs. If one of their ancestors is among the "
          + "records through a missing link, their energy is counted twice: report whole ledgers, or only leaves."));
    }
    if (s.duplicatesIgnored() > 0) {
      out.add(new Disclosure(Topic.EXCLUSIONS, s.duplicatesIgnored() + " duplicate record(s) (same id, same content) "
          + "were counted once."));
    }
    if (!s.outsidePeriod().isZero()) {
      out.add(new Disclosure(Topic.EXCLUSIONS, kwh(s.outsidePeriod()) + " of the records' energy fell outside the "
          + "reporting period " + model.period() + " and is not in the totals."));
    }
    if (model.spreadRecords() > 0) {
      out.add(new Disclosure(Topic.TIME_PROFILE, model.spreadRecords() + " record(s) had no hourly buckets; their "
          + "energy was spread evenly over their duration (constant power assumed) to match hourly factors."));
    }
  }

  private static void location(List<Disclosure> out, ConsumptionModel model) {
    if (model.recordsWithoutRegion() > 0) {
      out.add(new Disclosure(Topic.LOCATION, model.recordsWithoutRegion() + " record(s) had no region and no default "
          + "region was set (" + kwh(model.energyWithoutRegion()) + " before PUE); the world-average factor was used "
          + "for them. Set ergon.region where the records are made, or a default region for the report."));
    }
  }

  static String kwh(BigInteger micro) {
    return String.format(Locale.US, "%.6g kWh", ConsumptionModel.kilowattHours(micro));
  }

  static String kwh(Energy e) {
    return kwh(e.toBigMicrojoules());
  }
}
