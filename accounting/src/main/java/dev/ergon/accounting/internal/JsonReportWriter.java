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
  public static final int SCHEMA_VERSION = 1;

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
      g.writeNumberField("schemaVersion", SCHEMA_VERSION);
      g.writeStringField("inputDigest", r.inputDigest());
      g.writeStringField("matching", r.matching().name());
      period(g, r.period());
      nullableString(g, "reportingEntity", r.reportingEntity());
      g.writeObjectFieldStart("totals");
      estimate(g, "locationBased", r.locationBased());
      estimate(g, "marketBased", r.marketBased());
      g.writeEndObject();
      g.writeObjectFieldStart("offsets");
      g.writeBooleanField("subtracted", false);
      g.writeNumberField("totalTonnes", r.offsetsTotal().toTonnes());
      g.writeArrayFieldStart("items");
      for (Offset o : r.offsets()) {
        g.writeStartObject();
        g.writeStringField("id", o.id());
        g.writeNumberField("tonnes", o.quantity().toTonnes());
        g.writeStringField("registry", o.registry());
        g.writeStringField("project", o.project());
        g.writeStringField("type", o.type());
        g.writeNumberField("vintage", o.vintage());
        nullableString(g, "retiredFor", o.retiredFor());
        g.writeStringField("origin", o.origin());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      consumption(g, r.consumption());
      lines(g, "byZone", r.byZone());
      lines(g, "byMonth", r.byMonth());
      g.writeObjectFieldStart("byTag");
      for (Map.Entry<String, List<Scope2Line>> e : r.byTag().entrySet()) {
        lines(g, e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("coverage");
      for (CoverageLine c : r.coverage()) {
        g.writeStartObject();
        g.writeNumberField("rung", c.rung());
        g.writeStringField("basis", c.basis());
        kwh(g, "energyKwh", c.energy());
        g.writeNumberField("share", c.share());
        g.writeNumberField("marketBasedKg", c.marketBased().toKilograms());
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
        kwh(g, "itEnergyKwh", c.itEnergy());
        kwh(g, "consumptionKwh", c.consumption());
        match(g, "locationFactor", c.locationFactor());
        g.writeNumberField("locationBasedKg", c.locationBased().toKilograms());
        kwh(g, "coveredKwh", c.covered());
        FactorMatch rem = c.remainderFactor();
        if (rem == null) {
          g.writeNullField("remainderFactor");
        } else {
          match(g, "remainderFactor", rem);
        }
        g.writeNumberField("marketBasedKg", c.marketBased().toKilograms());
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
      g.writeNumberField("schemaVersion", SCHEMA_VERSION);
      g.writeStringField("inputDigest", r.inputDigest());
      period(g, r.period());
      g.writeStringField("intensityKind", r.intensityKind().name());
      g.writeStringField("functionalUnit", r.functionalUnit());
      g.writeNumberField("functionalUnits", r.functionalUnits());
      kwh(g, "energyKwh", r.energy());
      CarbonIntensity i = r.intensity();
      if (i == null) {
        g.writeNullField("intensityGPerKwh");
      } else {
        g.writeNumberField("intensityGPerKwh", i.toGramsPerKilowattHour());
      }
      estimate(g, "operational", r.operational());
      estimate(g, "embodied", r.embodied());
      estimate(g, "total", r.total());
      Co2eEstimate per = r.perUnit();
      if (per == null) {
        g.writeNullField("perUnit");
      } else {
        g.writeObjectFieldStart("perUnit");
        g.writeNumberField("gCO2e", per.value().toGrams());
        g.writeNumberField("standardUncertaintyG", per.standardUncertaintyGrams());
        g.writeNumberField("lower95G", per.lower().toGrams());
        g.writeNumberField("upper95G", per.upper().toGrams());
        g.writeNumberField("coverageFactor", Co2eEstimate.COVERAGE_FACTOR);
        g.writeEndObject();
      }
      EmbodiedEmissions e = r.embodiedInput();
      if (e == null) {
        g.writeNullField("embodiedInput");
      } else {
        g.writeObjectFieldStart("embodiedInput");
        g.writeNumberField("totalKg", e.total().toKilograms());
        g.writeStringField("lifespan", e.lifespan().toString());
        g.writeNumberField("resourcesReserved", e.resourcesReserved());
        g.writeNumberField("totalResources", e.totalResources());
        g.writeStringField("source", e.source());
        g.writeEndObject();
      }
      g.writeStringField("timeReserved", r.timeReserved().toString());
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
    g.writeNumberField("kgCO2e", e.value().toKilograms());
    g.writeNumberField("standardUncertaintyKg", e.standardUncertaintyGrams() / 1e3);
    g.writeNumberField("lower95Kg", e.lower().toKilograms());
    g.writeNumberField("upper95Kg", e.upper().toKilograms());
    g.writeNumberField("coverageFactor", Co2eEstimate.COVERAGE_FACTOR);
    g.writeEndObject();
  }

  private static void consumption(JsonGenerator g, ConsumptionSummary s) throws IOException {
    g.writeObjectFieldStart("consumption");
    g.writeNumberField("recordsGiven", s.recordsGiven());
    g.writeNumberField("recordsCounted", s.recordsCounted());
    g.writeNumberField("nestedExcluded", s.nestedExcluded());
    g.writeNumberField("duplicatesIgnored", s.duplicatesIgnored());
    g.writeNumberField("complete", s.complete());
    g.writeNumberField("partial", s.partial());
    g.writeNumberField("noMeter", s.noMeter());
    kwh(g, "itEnergyKwh", s.itEnergy());
    kwh(g, "facilityLevelEnergyKwh", s.facilityLevelEnergy());
    kwh(g, "consumptionKwh", s.consumption());
    kwh(g, "measuredKwh", s.measured());
    kwh(g, "estimatedKwh", s.estimated());
    g.writeNumberField("measuredShare", s.measuredShare());
    kwh(g, "partialRecordsKwh", s.partialEnergy());
    kwh(g, "outsidePeriodKwh", s.outsidePeriod());
    g.writeArrayFieldStart("pue");
    for (PueUse p : s.pue()) {
      g.writeStartObject();
      g.writeStringField("appliedTo", p.appliedTo());
      g.writeNumberField("pue", p.pue());
      kwh(g, "itEnergyKwh", p.itEnergy());
      kwh(g, "facilityEnergyKwh", p.facilityEnergy());
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
      kwh(g, "itEnergyKwh", l.itEnergy());
      kwh(g, "consumptionKwh", l.consumption());
      estimate(g, "locationBased", l.locationBased());
      estimate(g, "marketBased", l.marketBased());
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
    g.writeStringField("generationStart", i.generationStart().toString());
    g.writeStringField("generationEnd", i.generationEnd().toString());
    Energy volume = i.volume();
    if (volume == null) {
      g.writeNullField("volumeMwh");
    } else {
      g.writeNumberField("volumeMwh", volume.toMegawattHours());
    }
    CarbonIntensity rate = i.emissionRate();
    if (rate == null) {
      g.writeNullField("emissionRateGPerKwh");
    } else {
      g.writeNumberField("emissionRateGPerKwh", rate.toGramsPerKilowattHour());
    }
    g.writeStringField("technology", i.technology());
    g.writeBooleanField("retired", i.retired());
    nullableString(g, "retiredFor", i.retiredFor());
    g.writeStringField("facility", i.facility());
    g.writeBooleanField("hourlyProfile", !i.hourlyGeneration().isEmpty());
    g.writeStringField("origin", i.origin());
    g.writeStringField("status", u.status().name());
    g.writeArrayFieldStart("failedCriteria");
    for (QualityCriterion c : u.failedCriteria()) {
      g.writeNumber(c.number());
    }
    g.writeEndArray();
    g.writeArrayFieldStart("reasons");
    for (String s : u.reasons()) {
      g.writeString(s);
    }
    g.writeEndArray();
    g.writeNumberField("usedMwh", u.used().toMegawattHours());
    Energy unused = u.unused();
    if (unused == null) {
      g.writeNullField("unusedMwh");
    } else {
      g.writeNumberField("unusedMwh", unused.toMegawattHours());
    }
    g.writeEndObject();
  }

  private static void match(JsonGenerator g, String name, FactorMatch m) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("factor", m.factor().label());
    g.writeNumberField("gPerKwh", m.factor().intensity().toGramsPerKilowattHour());
    g.writeStringField("placeLevel", m.placeLevel().name());
    g.writeStringField("timeLevel", m.timeLevel().name());
    g.writeEndObject();
  }

  private static void factors(JsonGenerator g, List<FactorUse> uses) throws IOException {
    g.writeArrayFieldStart("factors");
    for (FactorUse f : uses) {
      g.writeStartObject();
      g.writeStringField("usedFor", f.usedFor());
      g.writeStringField("dataSet", f.dataSet());
      g.writeStringField("zone", f.zone());
      g.writeStringField("kind", f.kind().tableName());
      g.writeStringField("granularity", f.granularity().name());
      g.writeStringField("placeLevel", f.placeLevel().name());
      g.writeStringField("timeLevel", f.timeLevel().name());
      g.writeNumberField("factorCount", f.factorCount());
      g.writeNumberField("minGPerKwh", f.minimum().toGramsPerKilowattHour());
      g.writeNumberField("maxGPerKwh", f.maximum().toGramsPerKilowattHour());
      kwh(g, "energyKwh", f.energy());
      g.writeNumberField("emissionsKg", f.emissions().toKilograms());
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
    g.writeArrayFieldStart("dataSets");
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
