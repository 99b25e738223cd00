package dev.ergon.accounting.internal;

import dev.ergon.Energy;
import dev.ergon.accounting.ConsumptionSummary;
import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.Disclosure.Topic;
import dev.ergon.accounting.PueUse;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.scope2.CoverageLine;
import dev.ergon.accounting.scope2.InstrumentUse;
import dev.ergon.accounting.scope2.Matching;
import dev.ergon.accounting.scope2.Offset;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Writes the disclosures of a Scope 2 report.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe; used by one calculation.
 */
final class Scope2Disclosures {
  private final ConsumptionModel model;
  private final Matching matching;
  private final List<Disclosure> out = new ArrayList<>();

  Scope2Disclosures(ConsumptionModel model, Matching matching) {
    this.model = model;
    this.matching = matching;
  }

  List<Disclosure> build(EmissionFactors factors, List<InstrumentUse> uses, List<Offset> offsets,
      Map<String, BigInteger> noResidual, Map<String, BigInteger> worldPlaces,
      Map<String, SortedSet<Integer>> otherYear, double shareWithoutFactorUncertainty, List<CoverageLine> coverage,
      @Nullable String entity) {
    add(Topic.METHOD, "Dual reporting (GHG Protocol Scope 2 Guidance, 2015): the location-based and the market-based "
        + "totals are both reported, each labelled; neither is reduced by offsets.");
    add(Topic.METHOD, "Location-based: grid-average factors matched to each UTC hour of consumption, using the finest "
        + "period the data has (hour, then month, then year) and the finest place (cloud region, grid zone, "
        + "country, then world).");
    add(Topic.METHOD, "Market-based: contractual instruments applied in the hierarchy's order (energy attribute "
        + "certificates, then direct contracts, then supplier rates), then a supplier factor, then the residual mix, "
        + "then the grid average. Matching: " + (matching == Matching.ANNUAL
            ? "ANNUAL (2015 Guidance): an instrument generated within the reporting period covers consumption in "
                + "its market anywhere in that period, pro rata."
            : "HOURLY (GHG Protocol 2025 Scope 2 revision proposal): an instrument's generation in a UTC hour covers "
                + "consumption in its market in that hour only; surplus generation is not carried over."));
    add(Topic.UNCERTAINTY, String.format(Locale.ROOT, "Each total carries a 95 %% interval: best estimate ± 2u "
        + "(coverage factor k = 2), u from first-order GUM propagation (JCGM 100:2008) of the records' energy "
        + "uncertainty (a record's channels combined as independent errors; one record's error common to all its "
        + "hours; records independent of each other) and the emission factors' stated uncertainty (factors of one "
        + "data set, zone and kind fully correlated; different data sets or zones independent). Taken as exact: "
        + "PUE, instruments' emission rates, and factors that state no uncertainty, which here apply to %.1f %% of "
        + "the consumption (location-based), so the interval excludes their error.",
        100 * shareWithoutFactorUncertainty));
    dataSets(factors);
    fallbacks(worldPlaces, otherYear);
    residual(noResidual);
    instruments(uses, entity);
    pue();
    completeness();
    location();
    scope();
    if (!offsets.isEmpty()) {
      double t = 0;
      for (Offset o : offsets) {
        t += o.quantity().toTonnes();
      }
      add(Topic.OFFSETS, String.format(Locale.ROOT, "%d offsets (%.6g tCO2e) are listed beside the inventory; they "
          + "are not subtracted from either Scope 2 total.", offsets.size(), t));
    }
    return List.copyOf(out);
  }

  private void add(Topic topic, String text) {
    out.add(new Disclosure(topic, text));
  }

  private void dataSets(EmissionFactors factors) {
    for (DataSet d : factors.dataSets()) {
      if (d.name().startsWith("electricitymaps")) {
        add(Topic.FACTOR_DATA, "Location factors of data set " + d.name() + " are Electricity Maps' yearly "
            + "averages: life-cycle (they include upstream emissions) and consumption-based; some Scope 2 programmes "
            + "ask for combustion-only factors (e.g. US EPA eGRID, national inventories): load those as a factor "
            + "table to use them instead.");
      }
      if (d.name().startsWith("ccf")) {
        add(Topic.FACTOR_DATA, "Cloud Carbon Footprint's per-region factors carry no single data year (eGRID2020 "
            + "for US regions, 2021-2022 national factors elsewhere); they are used for any year.");
      }
    }
    boolean residualMix = false;
    for (dev.ergon.accounting.factors.EmissionFactor f : factors.factors()) {
      if (f.kind() == dev.ergon.accounting.factors.FactorKind.RESIDUAL_MIX) {
        residualMix = true;
        break;
      }
    }
    if (!residualMix) {
      add(Topic.NO_RESIDUAL_MIX, "The factor set holds no residual mix (none is bundled with Ergon: the AIB European "
          + "Residual Mixes carry no open licence); load one as kind residual_mix for the market-based method.");
    }
  }

  private void fallbacks(Map<String, BigInteger> worldPlaces, Map<String, SortedSet<Integer>> otherYear) {
    if (!worldPlaces.isEmpty()) {
      List<String> parts = new ArrayList<>();
      worldPlaces.forEach((place, e) -> parts.add(place + " (" + kwh(e) + ")"));
      add(Topic.FACTOR_FALLBACK, "The world-average factor, the last rung of the place hierarchy, was used for "
          + "consumption in: " + String.join(", ", parts) + "; no factor exists for these places or their grid "
          + "zones. Set the records' region, map the cloud region, or load a factor for the zone.");
    }
    otherYear.forEach((label, years) -> add(Topic.FACTOR_FALLBACK, "Factor " + label + " is of another year than "
        + "the consumption it was applied to (consumption in " + joinYears(years) + "); no factor of the same year "
        + "was available."));
  }

  private static String joinYears(SortedSet<Integer> years) {
    List<String> s = new ArrayList<>();
    for (Integer y : years) {
      s.add(Integer.toString(y));
    }
    return String.join(", ", s);
  }

  private void residual(Map<String, BigInteger> noResidual) {
    if (noResidual.isEmpty()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    noResidual.forEach((place, e) -> parts.add(place + " (" + kwh(e) + ")"));
    add(Topic.NO_RESIDUAL_MIX, "No residual mix was available for: " + String.join(", ", parts) + ". The grid-average "
        + "factor stood in for this uncovered consumption in the market-based total, as the Scope 2 Guidance allows "
        + "with this disclosure; it may double count attributes claimed by others.");
  }

  private void instruments(List<InstrumentUse> uses, @Nullable String entity) {
    if (uses.isEmpty()) {
      add(Topic.INSTRUMENTS, "No contractual instruments were given: the market-based total uses supplier factors, "
          + "residual mixes or grid averages only.");
      return;
    }
    TreeSet<String> usedTypes = new TreeSet<>();
    List<String> excluded = new ArrayList<>();
    for (InstrumentUse u : uses) {
      if (u.status() == InstrumentUse.Status.USED) {
        usedTypes.add(u.instrument().type().name());
      } else if (u.status() == InstrumentUse.Status.EXCLUDED) {
        excluded.add(u.instrument().id() + " (" + String.join("; ", u.reasons()) + ")");
      }
    }
    if (!usedTypes.isEmpty()) {
      add(Topic.INSTRUMENTS, "Instruments used (" + String.join(", ", usedTypes) + ") meet the Scope 2 Quality "
          + "Criteria that can be checked from the data: 1 emission rate, 2 unique serial, 3 retired for '" + entity
          + "', 4 vintage within the reporting period, 5 same market. Criteria 6 (supplier rates on delivered "
          + "electricity) and 7 (direct contracts convey the claim to the reporter alone) cannot be checked from "
          + "data and rest on the reporter's evidence.");
    }
    if (!excluded.isEmpty()) {
      add(Topic.INSTRUMENTS, excluded.size() + " instrument(s) were excluded from the market-based total: "
          + String.join("; ", excluded) + ".");
    }
  }

  private void pue() {
    ConsumptionSummary s = model.summary();
    List<String> parts = new ArrayList<>();
    for (PueUse p : s.pue()) {
      if (!p.appliedTo().equals("default (not set)")) {
        parts.add(p.appliedTo() + " PUE " + p.pue() + " on " + kwh(p.itEnergy()));
      }
    }
    if (!parts.isEmpty()) {
      add(Topic.PUE, "PUE applied once to IT-level energy (facility = IT × PUE): " + String.join("; ", parts) + ".");
    }
    if (model.pueDefaulted()) {
      Energy e = Energy.ZERO;
      for (PueUse p : s.pue()) {
        if (p.appliedTo().equals("default (not set)")) {
          e = p.itEnergy();
        }
      }
      add(Topic.PUE, "No PUE was given for " + kwh(e) + " of IT-level energy: it is reported without data-centre "
          + "overhead (PUE 1), which understates the facility's consumption; set a PUE.");
    }
    if (model.facilityLevelRecords() > 0) {
      add(Topic.PUE, model.facilityLevelRecords() + " record(s) are tagged energy.level=facility ("
          + kwh(s.facilityLevelEnergy()) + "): measured at the facility, so no PUE was applied to them.");
    }
  }

  private void completeness() {
    ConsumptionSummary s = model.summary();
    add(Topic.RECORD_COMPLETENESS, String.format(Locale.ROOT, "%d record(s) counted: %d complete, %d partial, %d "
        + "without a meter. %.1f %% of the energy was measured (hardware counters or integrated power), %.1f %% "
        + "estimated from models.", s.recordsCounted(), s.complete(), s.partial(), s.noMeter(),
        100 * s.measuredShare(), s.measured().isZero() && s.estimated().isZero() ? 0 : 100 * (1 - s.measuredShare())));
    if (s.partial() > 0) {
      add(Topic.RECORD_COMPLETENESS, s.partial() + " partial record(s) (" + kwh(s.partialEnergy()) + "): some of their "
          + "energy could not be read, so their figures are lower bounds.");
    }
    if (s.noMeter() > 0) {
      add(Topic.RECORD_COMPLETENESS, s.noMeter() + " record(s) had no meter and carry no energy; their jobs are "
          + "missing from the totals.");
    }
    if (s.nestedExcluded() > 0) {
      add(Topic.EXCLUSIONS, s.nestedExcluded() + " nested record(s) were not counted separately: their energy is "
          + "inside their parent's record, which is counted.");
    }
    if (s.duplicatesIgnored() > 0) {
      add(Topic.EXCLUSIONS, s.duplicatesIgnored() + " duplicate record(s) (same id, same content) were counted once.");
    }
    if (!s.outsidePeriod().isZero()) {
      add(Topic.EXCLUSIONS, kwh(s.outsidePeriod()) + " of the records' energy fell outside the reporting period "
          + model.period() + " and is not in the totals.");
    }
    if (model.spreadRecords() > 0) {
      add(Topic.TIME_PROFILE, model.spreadRecords() + " record(s) had no hourly buckets; their energy was spread "
          + "evenly over their duration (constant power assumed) to match hourly factors.");
    }
  }

  private void location() {
    if (model.recordsWithoutRegion() > 0) {
      add(Topic.LOCATION, model.recordsWithoutRegion() + " record(s) had no region and no default region was set ("
          + kwh(model.energyWithoutRegion()) + " before PUE); the world-average factor was used for them. Set "
          + "ergon.region where the records are made, or a default region for the report.");
    }
  }

  private void scope() {
    List<String> cloud = new ArrayList<>();
    for (String p : model.places()) {
      if (ZoneIds.isCloudRegion(p)) {
        cloud.add(p);
      }
    }
    if (!cloud.isEmpty()) {
      add(Topic.SCOPE, "Some consumption ran in cloud regions (" + String.join(", ", cloud) + "). For a cloud "
          + "customer this electricity is Scope 3 (category 1, purchased services), not Scope 2; it is computed here "
          + "with the Scope 2 methods for information, and the provider's market-based claims are not the "
          + "customer's.");
    }
  }

  private static String kwh(BigInteger micro) {
    return String.format(Locale.ROOT, "%.6g kWh", ConsumptionModel.kilowattHours(micro));
  }

  private static String kwh(Energy e) {
    return kwh(e.toBigMicrojoules());
  }
}
