package dev.ergon.accounting.internal;

import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.Disclosure.Topic;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.factors.FactorUse;
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

  List<Disclosure> build(EmissionFactors factors, List<FactorUse> applied, List<InstrumentUse> uses,
      List<String> repeats,
      List<Offset> offsets,
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
    add(Topic.UNCERTAINTY, String.format(Locale.US, "Each total carries a 95 %% interval: best estimate ± 2u "
        + "(coverage factor k = 2), u from first-order GUM propagation (JCGM 100:2008) of the records' energy "
        + "uncertainty (a record's channels combined as independent errors; one record's error common to all its "
        + "hours; records independent of each other) and the emission factors' stated uncertainty (factors of one "
        + "data set, zone and kind fully correlated; different data sets or zones independent). Taken as exact: "
        + "PUE, instruments' emission rates, and factors that state no uncertainty, which here apply to %.1f %% of "
        + "the consumption (location-based), so the interval excludes their error.",
        100 * shareWithoutFactorUncertainty));
    dataSets(factors, applied);
    ConsumptionDisclosures.fallbacks(out, worldPlaces, otherYear);
    residual(noResidual);
    instruments(uses, entity);
    for (String repeat : repeats) {
      add(Topic.INSTRUMENTS, "Instrument file: " + repeat + ".");
    }
    coverage(coverage);
    ConsumptionDisclosures.add(out, model);
    scope();
    if (!offsets.isEmpty()) {
      double t = 0;
      for (Offset o : offsets) {
        t += o.quantity().toTonnes();
      }
      add(Topic.OFFSETS, String.format(Locale.US, "%d offsets (%.6g tCO2e) are listed beside the inventory; they "
          + "are not subtracted from either Scope 2 total.", offsets.size(), t));
    }
    return List.copyOf(out);
  }

  private void coverage(List<CoverageLine> coverage) {
    if (coverage.isEmpty()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    for (CoverageLine c : coverage) {
      parts.add(String.format(Locale.US, "%s %.1f %%", c.basis(), 100 * c.share()));
    }
    add(Topic.INSTRUMENTS, "Market-based consumption by basis: " + String.join(", ", parts) + ".");
  }

  private void add(Topic topic, String text) {
    out.add(new Disclosure(topic, text));
  }

  private void dataSets(EmissionFactors factors, List<FactorUse> applied) {
    ConsumptionDisclosures.factorData(out, factors, applied);
    if (!factors.hasKind(dev.ergon.accounting.factors.FactorKind.RESIDUAL_MIX)) {
      add(Topic.NO_RESIDUAL_MIX, "The factor set holds no residual mix (none is bundled with Ergon: the AIB European "
          + "Residual Mixes carry no open licence); load one as kind residual_mix for the market-based method.");
    }
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
    return ConsumptionDisclosures.kwh(micro);
  }
}
