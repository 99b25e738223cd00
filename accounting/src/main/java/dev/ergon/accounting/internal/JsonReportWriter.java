package dev.ergon.accounting.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ergon.CarbonIntensity;
import dev.ergon.Energy;
import dev.ergon.accounting.Co2eEstimate;
import dev.ergon.accounting.ConsumptionSummary;
import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.PueUse;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.factors.FactorMatch;
import dev.ergon.accounting.factors.FactorUse;
import dev.ergon.accounting.scope2.CoverageLine;
import dev.ergon.accounting.scope2.Instrument;
import dev.ergon.accounting.scope2.InstrumentUse;
import dev.ergon.accounting.scope2.Offset;
import dev.ergon.accounting.scope2.QualityCriterion;
import dev.ergon.accounting.scope2.Scope2Cell;
import dev.ergon.accounting.scope2.Scope2Line;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.accounting.sci.EmbodiedEmissions;
import dev.ergon.accounting.sci.SciReport;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes reports as JSON with Jackson's streaming generator. Energies are in kWh, masses in kg, intensities in
 * g/kWh, each field named with its unit; intervals carry the standard uncertainty and the 95 % bounds (k = 2).
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class JsonReportWriter {
  /** The version of the JSON layout. */
  public static final int SCHEMA_VERSION = 2;

  private JsonReportWriter() {}

  private static JsonGenerator open(Writer out) throws IOException {
    JsonGenerator g = JsonFactory.builder().build().createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.useDefaultPrettyPrinter();
    return g;
  }

  /**
   * Writes a Scope 2 report.
   *
   * @param r the report
   * @param out the destination (not closed)
   * @throws IOException if writing fails
   */
  public static void write(Scope2Report r, Writer out) throws IOException {
    try (JsonGenerator g = open(out)) {
      g.writeStartObject();
      g.writeStringField("report", "ghg-protocol-scope2");
      g.writeNumberField("schema_version", SCHEMA_VERSION);
      g.writeStringField("input_digest", r.inputDigest());
      g.writeStringField("matching", r.matching().name());
      period(g, r.period());
      nullableString(g, "reporting_entity", r.reportingEntity());
      g.writeObjectFieldStart("totals");
      estimate(g, "location_based", r.locationBased());
      estimate(g, "market_based", r.marketBased());
      g.writeEndObject();
      g.writeObjectFieldStart("offsets");
      g.writeBooleanField("subtracted", false);
      g.writeNumberField("total_tonnes", r.offsetsTotal().toTonnes());
      g.writeArrayFieldStart("items");
      for (Offset o : r.offsets()) {
        g.writeStartObject();
        g.writeStringField("id", o.id());
        g.writeNumberField("tonnes", o.quantity().toTonnes());
        g.writeStringField("registry", o.registry());
        g.writeStringField("project", o.project());
        g.writeStringField("type", o.type());
        g.writeNumberField("vintage", o.vintage());
        nullableString(g, "retired_for", o.retiredFor());
        g.writeStringField("origin", o.origin());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      consumption(g, r.consumption());
      lines(g, "by_zone", r.byZone());
      lines(g, "by_month", r.byMonth());
      g.writeObjectFieldStart("by_tag");
      for (Map.Entry<String, List<Scope2Line>> e : r.byTag().entrySet()) {
        lines(g, e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("coverage");
      for (CoverageLine c : r.coverage()) {
        g.writeStartObject();
        g.writeNumberField("rung", c.rung());
        g.writeStringField("basis", c.basis());
        kwh(g, "energy_kwh", c.energy());
        g.writeNumberField("share", c.share());
        g.writeNumberField("market_based_kg", c.marketBased().toKilograms());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("instruments");
      for (InstrumentUse u : r.instruments()) {
        instrument(g, u);
      }
      g.writeEndArray();
      factors(g, r.factors());
      disclosures(g, r.disclosures());
      dataSets(g, r.dataSets());
      options(g, r.options());
      g.writeArrayFieldStart("cells");
      for (Scope2Cell c : r.cells()) {
        g.writeStartObject();
        g.writeStringField("place", c.place());
        g.writeStringField("hour", c.hour().toString());
        kwh(g, "it_energy_kwh", c.itEnergy());
        kwh(g, "consumption_kwh", c.consumption());
        match(g, "location_factor", c.locationFactor());
        g.writeNumberField("location_based_kg", c.locationBased().toKilograms());
        kwh(g, "covered_kwh", c.covered());
        FactorMatch rem = c.remainderFactor();
        if (rem == null) {
          g.writeNullField("remainder_factor");
        } else {
          match(g, "remainder_factor", rem);
        }
        g.writeNumberField("market_based_kg", c.marketBased().toKilograms());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.flush();
  }

  /**
   * Writes an SCI report.
   *
   * @param r the report
   * @param out the destination (not closed)
   * @throws IOException if writing fails
   */
  public static void write(SciReport r, Writer out) throws IOException {
    try (JsonGenerator g = open(out)) {
      g.writeStartObject();
      g.writeStringField("report", "software-carbon-intensity");
      g.writeStringField("standard", "ISO/IEC 21031:2024");
      g.writeNumberField("schema_version", SCHEMA_VERSION);
      g.writeStringField("input_digest", r.inputDigest());
      period(g, r.period());
      g.writeStringField("intensity_kind", r.intensityKind().name());
      g.writeStringField("functional_unit", r.functionalUnit());
      g.writeNumberField("functional_units", r.functionalUnits());
      g.writeNumberField("per_units", r.perUnits());
      kwh(g, "energy_kwh", r.energy());
      CarbonIntensity i = r.intensity();
      if (i == null) {
        g.writeNullField("intensity_g_per_kwh");
      } else {
        g.writeNumberField("intensity_g_per_kwh", i.toGramsPerKilowattHour());
      }
      estimate(g, "operational", r.operational());
      estimate(g, "embodied", r.embodied());
      estimate(g, "total", r.total());
      Co2eEstimate per = r.perUnit();
      if (per == null) {
        g.writeNullField("per_unit");
      } else {
        g.writeObjectFieldStart("per_unit");
        g.writeNumberField("g_co2e", per.value().toGrams());
        g.writeNumberField("standard_uncertainty_g", per.standardUncertaintyGrams());
        g.writeNumberField("lower95_g", per.lower().toGrams());
        g.writeNumberField("upper95_g", per.upper().toGrams());
        g.writeNumberField("coverage_factor", Co2eEstimate.COVERAGE_FACTOR);
        g.writeEndObject();
      }
      EmbodiedEmissions e = r.embodiedInput();
      if (e == null) {
        g.writeNullField("embodied_input");
      } else {
        g.writeObjectFieldStart("embodied_input");
        g.writeNumberField("total_kg", e.total().toKilograms());
        g.writeStringField("lifespan", e.lifespan().toString());
        g.writeNumberField("resources_reserved", e.resourcesReserved());
        g.writeNumberField("total_resources", e.totalResources());
        g.writeStringField("source", e.source());
        g.writeEndObject();
      }
      g.writeStringField("time_reserved", r.timeReserved().toString());
      g.writeStringField("boundary", r.boundary());
      consumption(g, r.consumption());
      factors(g, r.factors());
      disclosures(g, r.disclosures());
      dataSets(g, r.dataSets());
      options(g, r.options());
      g.writeEndObject();
    }
    out.flush();
  }

  private static void period(JsonGenerator g, ReportingPeriod p) throws IOException {
    g.writeObjectFieldStart("period");
    g.writeStringField("start", p.start().toString());
    g.writeStringField("end", p.end().toString());
    g.writeEndObject();
  }

  private static void nullableString(JsonGenerator g, String name, @Nullable String value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, value);
    }
  }

  private static void kwh(JsonGenerator g, String name, Energy e) throws IOException {
    g.writeNumberField(name, e.toKilowattHours());
  }

  private static void estimate(JsonGenerator g, String name, Co2eEstimate e) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("kg_co2e", e.value().toKilograms());
    g.writeNumberField("standard_uncertainty_kg", e.standardUncertaintyGrams() / 1e3);
    g.writeNumberField("lower95_kg", e.lower().toKilograms());
    g.writeNumberField("upper95_kg", e.upper().toKilograms());
    g.writeNumberField("coverage_factor", Co2eEstimate.COVERAGE_FACTOR);
    g.writeEndObject();
  }

  private static void consumption(JsonGenerator g, ConsumptionSummary s) throws IOException {
    g.writeObjectFieldStart("consumption");
    g.writeNumberField("records_given", s.recordsGiven());
    g.writeNumberField("records_counted", s.recordsCounted());
    g.writeNumberField("nested_excluded", s.nestedExcluded());
    g.writeNumberField("duplicates_ignored", s.duplicatesIgnored());
    g.writeNumberField("complete", s.complete());
    g.writeNumberField("partial", s.partial());
    g.writeNumberField("no_meter", s.noMeter());
    kwh(g, "it_energy_kwh", s.itEnergy());
    kwh(g, "facility_level_energy_kwh", s.facilityLevelEnergy());
    kwh(g, "consumption_kwh", s.consumption());
    kwh(g, "measured_kwh", s.measured());
    kwh(g, "estimated_kwh", s.estimated());
    g.writeNumberField("measured_share", s.measuredShare());
    kwh(g, "partial_records_kwh", s.partialEnergy());
    kwh(g, "outside_period_kwh", s.outsidePeriod());
    g.writeArrayFieldStart("pue");
    for (PueUse p : s.pue()) {
      g.writeStartObject();
      g.writeStringField("applied_to", p.appliedTo());
      g.writeNumberField("pue", p.pue());
      kwh(g, "it_energy_kwh", p.itEnergy());
      kwh(g, "facility_energy_kwh", p.facilityEnergy());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void lines(JsonGenerator g, String name, List<Scope2Line> lines) throws IOException {
    g.writeArrayFieldStart(name);
    for (Scope2Line l : lines) {
      g.writeStartObject();
      g.writeStringField("key", l.key());
      kwh(g, "it_energy_kwh", l.itEnergy());
      kwh(g, "consumption_kwh", l.consumption());
      estimate(g, "location_based", l.locationBased());
      estimate(g, "market_based", l.marketBased());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void instrument(JsonGenerator g, InstrumentUse u) throws IOException {
    Instrument i = u.instrument();
    g.writeStartObject();
    g.writeStringField("id", i.id());
    g.writeStringField("type", i.type().name());
    g.writeStringField("category", i.category().name());
    g.writeStringField("market", i.market());
    g.writeStringField("generation_start", i.generationStart().toString());
    g.writeStringField("generation_end", i.generationEnd().toString());
    Energy volume = i.volume();
    if (volume == null) {
      g.writeNullField("volume_mwh");
    } else {
      g.writeNumberField("volume_mwh", volume.toMegawattHours());
    }
    CarbonIntensity rate = i.emissionRate();
    if (rate == null) {
      g.writeNullField("emission_rate_g_per_kwh");
    } else {
      g.writeNumberField("emission_rate_g_per_kwh", rate.toGramsPerKilowattHour());
    }
    g.writeStringField("technology", i.technology());
    g.writeBooleanField("retired", i.retired());
    nullableString(g, "retired_for", i.retiredFor());
    g.writeStringField("facility", i.facility());
    g.writeBooleanField("hourly_profile", !i.hourlyGeneration().isEmpty());
    g.writeStringField("origin", i.origin());
    g.writeStringField("status", u.status().name());
    g.writeArrayFieldStart("failed_criteria");
    for (QualityCriterion c : u.failedCriteria()) {
      g.writeNumber(c.number());
    }
    g.writeEndArray();
    g.writeArrayFieldStart("reasons");
    for (String s : u.reasons()) {
      g.writeString(s);
    }
    g.writeEndArray();
    g.writeNumberField("used_mwh", u.used().toMegawattHours());
    Energy unused = u.unused();
    if (unused == null) {
      g.writeNullField("unused_mwh");
    } else {
      g.writeNumberField("unused_mwh", unused.toMegawattHours());
    }
    g.writeEndObject();
  }

  private static void match(JsonGenerator g, String name, FactorMatch m) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("factor", m.factor().label());
    g.writeNumberField("g_per_kwh", m.factor().intensity().toGramsPerKilowattHour());
    g.writeStringField("place_level", m.placeLevel().name());
    g.writeStringField("time_level", m.timeLevel().name());
    g.writeEndObject();
  }

  private static void factors(JsonGenerator g, List<FactorUse> uses) throws IOException {
    g.writeArrayFieldStart("factors");
    for (FactorUse f : uses) {
      g.writeStartObject();
      g.writeStringField("used_for", f.usedFor());
      g.writeStringField("data_set", f.dataSet());
      g.writeStringField("zone", f.zone());
      g.writeStringField("kind", f.kind().tableName());
      g.writeStringField("granularity", f.granularity().name());
      g.writeStringField("place_level", f.placeLevel().name());
      g.writeStringField("time_level", f.timeLevel().name());
      g.writeNumberField("factor_count", f.factorCount());
      g.writeNumberField("min_g_per_kwh", f.minimum().toGramsPerKilowattHour());
      g.writeNumberField("max_g_per_kwh", f.maximum().toGramsPerKilowattHour());
      kwh(g, "energy_kwh", f.energy());
      g.writeNumberField("emissions_kg", f.emissions().toKilograms());
      g.writeStringField("source", f.source());
      g.writeStringField("example", f.example());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void disclosures(JsonGenerator g, List<Disclosure> ds) throws IOException {
    g.writeArrayFieldStart("disclosures");
    for (Disclosure d : ds) {
      g.writeStartObject();
      g.writeStringField("topic", d.topic().name());
      g.writeStringField("text", d.text());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void dataSets(JsonGenerator g, List<DataSet> ds) throws IOException {
    g.writeArrayFieldStart("data_sets");
    for (DataSet d : ds) {
      g.writeStartObject();
      g.writeStringField("name", d.name());
      g.writeStringField("version", d.version());
      g.writeStringField("licence", d.licence());
      g.writeStringField("attribution", d.attribution());
      g.writeStringField("description", d.description());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void options(JsonGenerator g, Map<String, String> options) throws IOException {
    g.writeObjectFieldStart("options");
    for (Map.Entry<String, String> e : options.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }
}
