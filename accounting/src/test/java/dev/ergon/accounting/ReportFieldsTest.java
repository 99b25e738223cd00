package dev.ergon.accounting;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ergon.CarbonIntensity;
import dev.ergon.Co2e;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.factors.FactorMatch;
import dev.ergon.accounting.factors.FactorUse;
import dev.ergon.accounting.scope2.CoverageLine;
import dev.ergon.accounting.scope2.Instrument;
import dev.ergon.accounting.scope2.InstrumentUse;
import dev.ergon.accounting.scope2.Instruments;
import dev.ergon.accounting.scope2.Offset;
import dev.ergon.accounting.scope2.Offsets;
import dev.ergon.accounting.scope2.QualityCriterion;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.scope2.Scope2Cell;
import dev.ergon.accounting.scope2.Scope2Line;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.accounting.sci.EmbodiedEmissions;
import dev.ergon.accounting.sci.Sci;
import dev.ergon.accounting.sci.SciReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON report, field by field: every field the layout names, with its unit, against the report it was written
 * from; and the headline numbers against values worked out by hand from the inputs.
 *
 * <p>The inputs: one record of 10 kWh in DE (5 kWh in each of two hours, no meter uncertainty); DE 2026 location
 * 400 g/kWh ± 10 %, residual mix 600 g/kWh ± 10 %; one retired 4 kWh guarantee of origin at 0 g/kWh, one certificate
 * for FR (no consumption there: unused), one unretired (excluded, criterion 3); one 1.5 t offset.
 */
class ReportFieldsTest {

  @TempDir Path dir;
  Scope2Report report;
  SciReport sci;

  @BeforeEach
  void setUp() throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit,uncertainty
        DE,2026,location,400,g/kWh,0.1
        DE,2026,residual_mix,600,g/kWh,0.1
        FR,2026,location,50,g/kWh,0.1
        """);
    Path i = dir.resolve("i.csv");
    Files.writeString(i, """
        id,type,market,generation_start,generation_end,volume_mwh,emission_rate,unit,technology,retired,retired_for
        GO-1,go,DE,2026-01-01,2026-12-31,0.004,0,g/kWh,wind,true,ACME
        GO-FR,go,FR,2026-01-01,2026-12-31,0.002,0,g/kWh,hydro,true,ACME
        GO-X,go,DE,2026-01-01,2026-12-31,0.004,0,g/kWh,wind,false,ACME
        """);
    Path o = dir.resolve("o.csv");
    Files.writeString(o, "id,quantity_t\nCR-1,1.5\n");
    List<EnergyRecord> records = List.of(
        record("a").region("DE").tags("model", "bert").start("2026-03-01T00:00:00Z").kwh(5, 5).units(10).build());
    EmissionFactors factors = EmissionFactors.readTable(f);
    report = Scope2.calculator(factors).reportingEntity("ACME").instruments(Instruments.load(i))
        .offsets(Offsets.load(o)).pue(1.0).calculate(records);
    sci = Sci.calculator(factors).embodied(EmbodiedEmissions.of(Co2e.ofKilograms(1000), Duration.ofDays(1460), 1, 2,
        "lca")).functionalUnit("run").calculate(records);
  }

  @Test
  void scope2HeadlineNumbersAreTheHandWorkedOnes() throws IOException {
    JsonNode n = new ObjectMapper().readTree(ReportFormat.JSON.toString(report));
    // location: 10 kWh × 400 g/kWh = 4 kg, u = 10 % of it = 0.4 kg, 95 % interval 4 ± 0.8 kg
    assertEquals(4.0, n.at("/totals/location_based/kg_co2e").asDouble(), 1e-9);
    assertEquals(0.4, n.at("/totals/location_based/standard_uncertainty_kg").asDouble(), 1e-9);
    assertEquals(3.2, n.at("/totals/location_based/lower95_kg").asDouble(), 1e-9);
    assertEquals(4.8, n.at("/totals/location_based/upper95_kg").asDouble(), 1e-9);
    // market: 4 kWh covered at 0 g, 6 kWh at the residual mix 600 g/kWh = 3.6 kg
    assertEquals(3.6, n.at("/totals/market_based/kg_co2e").asDouble(), 1e-9);
    assertEquals(10.0, n.at("/consumption/consumption_kwh").asDouble(), 1e-9);
    assertEquals(10.0, n.at("/consumption/it_energy_kwh").asDouble(), 1e-9);
    assertEquals(1, n.at("/consumption/records_given").asInt());
    assertEquals(1, n.at("/consumption/records_counted").asInt());
    assertEquals(1.5, n.at("/offsets/total_tonnes").asDouble(), 1e-12);
    assertEquals("CR-1", n.at("/offsets/items/0/id").asText());
    assertEquals(1.5, n.at("/offsets/items/0/tonnes").asDouble(), 1e-12);
    // instruments, sorted by id within a category: GO-1 used 4 kWh, GO-FR unused (no FR consumption), GO-X excluded
    assertEquals("GO-1", n.at("/instruments/0/id").asText());
    assertEquals("USED", n.at("/instruments/0/status").asText());
    assertEquals(0.004, n.at("/instruments/0/used_mwh").asDouble(), 1e-12);
    assertEquals(0.0, n.at("/instruments/0/unused_mwh").asDouble(), 1e-12);
    assertEquals("GO-FR", n.at("/instruments/1/id").asText());
    assertEquals("UNUSED", n.at("/instruments/1/status").asText());
    assertEquals("no consumption in market FR", n.at("/instruments/1/reasons/0").asText());
    assertEquals(0.0, n.at("/instruments/1/used_mwh").asDouble(), 1e-12);
    assertEquals(0.002, n.at("/instruments/1/unused_mwh").asDouble(), 1e-12);
    assertEquals("GO-X", n.at("/instruments/2/id").asText());
    assertEquals("EXCLUDED", n.at("/instruments/2/status").asText());
    assertEquals(3, n.at("/instruments/2/failed_criteria/0").asInt());
    // cells: two hours of 5 kWh; 2 kg location-based each
    assertEquals(2, n.get("cells").size());
    for (JsonNode c : n.get("cells")) {
      assertEquals(5.0, c.get("it_energy_kwh").asDouble(), 1e-9);
      assertEquals(2.0, c.get("location_based_kg").asDouble(), 1e-9);
      assertEquals(400.0, c.at("/location_factor/g_per_kwh").asDouble(), 1e-9);
    }
    assertEquals("2026-03-01T00:00:00Z", n.at("/cells/0/hour").asText());
    assertEquals("2026-03-01T01:00:00Z", n.at("/cells/1/hour").asText());
  }

  @Test
  void scope2JsonCarriesEveryFieldOfTheReport() throws IOException {
    JsonNode n = new ObjectMapper().readTree(ReportFormat.JSON.toString(report));
    Scope2Report r = report;
    assertEquals("ghg-protocol-scope2", n.get("report").asText());
    assertEquals(2, n.get("schema_version").asInt());
    assertEquals(r.inputDigest(), n.get("input_digest").asText());
    assertEquals(r.matching().name(), n.get("matching").asText());
    assertEquals(r.period().start().toString(), n.at("/period/start").asText());
    assertEquals(r.period().end().toString(), n.at("/period/end").asText());
    assertEquals("ACME", n.get("reporting_entity").asText());
    estimate(r.locationBased(), n.at("/totals/location_based"));
    estimate(r.marketBased(), n.at("/totals/market_based"));
    assertEquals(false, n.at("/offsets/subtracted").asBoolean(true));
    assertEquals(r.offsets().size(), n.at("/offsets/items").size());
    for (int k = 0; k < r.offsets().size(); k++) {
      Offset o = r.offsets().get(k);
      JsonNode j = n.at("/offsets/items/" + k);
      assertEquals(o.id(), j.get("id").asText());
      assertEquals(o.quantity().toTonnes(), j.get("tonnes").asDouble(), 1e-12);
      assertEquals(o.registry(), j.get("registry").asText());
      assertEquals(o.project(), j.get("project").asText());
      assertEquals(o.type(), j.get("type").asText());
      assertEquals(o.vintage(), j.get("vintage").asInt());
      nullableText(o.retiredFor(), j.get("retired_for"));
      assertEquals(o.origin(), j.get("origin").asText());
    }
    consumption(r.consumption(), n.get("consumption"));
    lines(r.byZone(), n.get("by_zone"));
    lines(r.byMonth(), n.get("by_month"));
    assertEquals(r.byTag().size(), n.get("by_tag").size());
    for (Map.Entry<String, List<Scope2Line>> e : r.byTag().entrySet()) {
      lines(e.getValue(), n.at("/by_tag/" + e.getKey()));
    }
    assertEquals(r.coverage().size(), n.get("coverage").size());
    assertTrue(r.coverage().size() > 0);
    for (int k = 0; k < r.coverage().size(); k++) {
      CoverageLine c = r.coverage().get(k);
      JsonNode j = n.get("coverage").get(k);
      assertEquals(c.rung(), j.get("rung").asInt());
      assertEquals(c.basis(), j.get("basis").asText());
      assertEquals(c.energy().toKilowattHours(), j.get("energy_kwh").asDouble(), 1e-12);
      assertEquals(c.share(), j.get("share").asDouble(), 1e-12);
      assertEquals(c.marketBased().toKilograms(), j.get("market_based_kg").asDouble(), 1e-12);
    }
    assertEquals(r.instruments().size(), n.get("instruments").size());
    for (int k = 0; k < r.instruments().size(); k++) {
      instrument(r.instruments().get(k), n.get("instruments").get(k));
    }
    factors(r.factors(), n.get("factors"));
    disclosures(r.disclosures(), r.dataSets(), r.options(), n);
    assertEquals(r.cells().size(), n.get("cells").size());
    for (int k = 0; k < r.cells().size(); k++) {
      Scope2Cell c = r.cells().get(k);
      JsonNode j = n.get("cells").get(k);
      assertEquals(c.place(), j.get("place").asText());
      assertEquals(c.hour().toString(), j.get("hour").asText());
      assertEquals(c.itEnergy().toKilowattHours(), j.get("it_energy_kwh").asDouble(), 1e-12);
      assertEquals(c.consumption().toKilowattHours(), j.get("consumption_kwh").asDouble(), 1e-12);
      match(c.locationFactor(), j.get("location_factor"));
      assertEquals(c.locationBased().toKilograms(), j.get("location_based_kg").asDouble(), 1e-12);
      assertEquals(c.covered().toKilowattHours(), j.get("covered_kwh").asDouble(), 1e-12);
      FactorMatch rem = c.remainderFactor();
      if (rem == null) {
        assertTrue(j.get("remainder_factor").isNull());
      } else {
        match(rem, j.get("remainder_factor"));
      }
      assertEquals(c.marketBased().toKilograms(), j.get("market_based_kg").asDouble(), 1e-12);
      assertEquals(9, j.size(), "no other field in a cell");
    }
  }

  @Test
  void sciJsonCarriesEveryFieldOfTheReport() throws IOException {
    JsonNode n = new ObjectMapper().readTree(ReportFormat.JSON.toString(sci));
    SciReport r = sci;
    assertEquals("software-carbon-intensity", n.get("report").asText());
    assertEquals("ISO/IEC 21031:2024", n.get("standard").asText());
    assertEquals(2, n.get("schema_version").asInt());
    assertEquals(r.inputDigest(), n.get("input_digest").asText());
    assertEquals(r.period().start().toString(), n.at("/period/start").asText());
    assertEquals(r.period().end().toString(), n.at("/period/end").asText());
    assertEquals(r.intensityKind().name(), n.get("intensity_kind").asText());
    assertEquals("run", n.get("functional_unit").asText());
    assertEquals(10, n.get("functional_units").asLong());
    assertEquals(r.perUnits(), n.get("per_units").asLong());
    assertEquals(10.0, n.get("energy_kwh").asDouble(), 1e-9);
    CarbonIntensity i = Objects.requireNonNull(r.intensity());
    assertEquals(i.toGramsPerKilowattHour(), n.get("intensity_g_per_kwh").asDouble(), 1e-12);
    estimate(r.operational(), n.get("operational"));
    estimate(r.embodied(), n.get("embodied"));
    estimate(r.total(), n.get("total"));
    Co2eEstimate per = Objects.requireNonNull(r.perUnit());
    JsonNode p = n.get("per_unit");
    assertEquals(per.value().toGrams(), p.get("g_co2e").asDouble(), 1e-9);
    assertEquals(per.standardUncertaintyGrams(), p.get("standard_uncertainty_g").asDouble(), 1e-9);
    assertEquals(per.lower().toGrams(), p.get("lower95_g").asDouble(), 1e-9);
    assertEquals(per.upper().toGrams(), p.get("upper95_g").asDouble(), 1e-9);
    assertEquals(2.0, p.get("coverage_factor").asDouble());
    EmbodiedEmissions e = Objects.requireNonNull(r.embodiedInput());
    JsonNode ej = n.get("embodied_input");
    assertEquals(1000.0, ej.get("total_kg").asDouble(), 1e-9);
    assertEquals(e.lifespan().toString(), ej.get("lifespan").asText());
    assertEquals(1.0, ej.get("resources_reserved").asDouble());
    assertEquals(2.0, ej.get("total_resources").asDouble());
    assertEquals("lca", ej.get("source").asText());
    assertEquals(r.timeReserved().toString(), n.get("time_reserved").asText());
    assertEquals(r.boundary(), n.get("boundary").asText());
    consumption(r.consumption(), n.get("consumption"));
    factors(r.factors(), n.get("factors"));
    disclosures(r.disclosures(), r.dataSets(), r.options(), n);
  }

  private static void estimate(Co2eEstimate e, JsonNode j) {
    assertEquals(e.value().toKilograms(), j.get("kg_co2e").asDouble(), 1e-12);
    assertEquals(e.standardUncertaintyGrams() / 1000, j.get("standard_uncertainty_kg").asDouble(), 1e-12);
    assertEquals(e.lower().toKilograms(), j.get("lower95_kg").asDouble(), 1e-12);
    assertEquals(e.upper().toKilograms(), j.get("upper95_kg").asDouble(), 1e-12);
    assertEquals(2.0, j.get("coverage_factor").asDouble());
    assertEquals(5, j.size());
  }

  private static void nullableText(@Nullable String expected, JsonNode j) {
    if (expected == null) {
      assertTrue(j.isNull(), j.toString());
    } else {
      assertEquals(expected, j.asText());
    }
  }

  private static void kwh(Energy e, JsonNode j) {
    assertEquals(e.toKilowattHours(), j.asDouble(), 1e-12);
  }

  private static void consumption(ConsumptionSummary s, JsonNode j) {
    assertEquals(s.recordsGiven(), j.get("records_given").asInt());
    assertEquals(s.recordsCounted(), j.get("records_counted").asInt());
    assertEquals(s.nestedExcluded(), j.get("nested_excluded").asInt());
    assertEquals(s.duplicatesIgnored(), j.get("duplicates_ignored").asInt());
    assertEquals(s.complete(), j.get("complete").asInt());
    assertEquals(s.partial(), j.get("partial").asInt());
    assertEquals(s.noMeter(), j.get("no_meter").asInt());
    kwh(s.itEnergy(), j.get("it_energy_kwh"));
    kwh(s.facilityLevelEnergy(), j.get("facility_level_energy_kwh"));
    kwh(s.consumption(), j.get("consumption_kwh"));
    kwh(s.measured(), j.get("measured_kwh"));
    kwh(s.estimated(), j.get("estimated_kwh"));
    assertEquals(s.measuredShare(), j.get("measured_share").asDouble(), 1e-12);
    kwh(s.partialEnergy(), j.get("partial_records_kwh"));
    kwh(s.outsidePeriod(), j.get("outside_period_kwh"));
    assertEquals(s.pue().size(), j.get("pue").size());
    assertTrue(s.pue().size() > 0, "the fixture applies a PUE");
    for (int k = 0; k < s.pue().size(); k++) {
      PueUse p = s.pue().get(k);
      JsonNode pj = j.get("pue").get(k);
      assertEquals(p.appliedTo(), pj.get("applied_to").asText());
      assertEquals(p.pue(), pj.get("pue").asDouble());
      kwh(p.itEnergy(), pj.get("it_energy_kwh"));
      kwh(p.facilityEnergy(), pj.get("facility_energy_kwh"));
    }
    assertEquals(1, s.complete());
    assertEquals(10.0, s.measured().toKilowattHours(), 1e-9);
  }

  private static void lines(List<Scope2Line> lines, JsonNode j) {
    assertEquals(lines.size(), j.size());
    assertTrue(lines.size() > 0);
    for (int k = 0; k < lines.size(); k++) {
      Scope2Line l = lines.get(k);
      JsonNode lj = j.get(k);
      assertEquals(l.key(), lj.get("key").asText());
      kwh(l.itEnergy(), lj.get("it_energy_kwh"));
      kwh(l.consumption(), lj.get("consumption_kwh"));
      estimate(l.locationBased(), lj.get("location_based"));
      estimate(l.marketBased(), lj.get("market_based"));
      // one record in one zone, month and tag: each line is the whole report
      assertEquals(10.0, l.consumption().toKilowattHours(), 1e-9);
      assertEquals(4.0, l.locationBased().value().toKilograms(), 1e-9);
    }
  }

  private static void instrument(InstrumentUse u, JsonNode j) {
    Instrument i = u.instrument();
    assertEquals(i.id(), j.get("id").asText());
    assertEquals(i.type().name(), j.get("type").asText());
    assertEquals(i.category().name(), j.get("category").asText());
    assertEquals(i.market(), j.get("market").asText());
    assertEquals(i.generationStart().toString(), j.get("generation_start").asText());
    assertEquals(i.generationEnd().toString(), j.get("generation_end").asText());
    assertEquals(Objects.requireNonNull(i.volume()).toMegawattHours(), j.get("volume_mwh").asDouble(), 1e-12);
    assertEquals(0.0, j.get("emission_rate_g_per_kwh").asDouble(-1));
    assertEquals(i.technology(), j.get("technology").asText());
    assertEquals(i.retired(), j.get("retired").asBoolean(!i.retired()));
    nullableText(i.retiredFor(), j.get("retired_for"));
    assertEquals(i.facility(), j.get("facility").asText());
    assertEquals(!i.hourlyGeneration().isEmpty(), j.get("hourly_profile").asBoolean(true));
    assertEquals(i.origin(), j.get("origin").asText());
    assertEquals(u.status().name(), j.get("status").asText());
    assertEquals(u.failedCriteria().size(), j.get("failed_criteria").size());
    for (int k = 0; k < u.failedCriteria().size(); k++) {
      QualityCriterion c = u.failedCriteria().get(k);
      assertEquals(c.number(), j.get("failed_criteria").get(k).asInt());
    }
    assertEquals(u.reasons().size(), j.get("reasons").size());
    for (int k = 0; k < u.reasons().size(); k++) {
      assertEquals(u.reasons().get(k), j.get("reasons").get(k).asText());
    }
    assertEquals(u.used().toMegawattHours(), j.get("used_mwh").asDouble(), 1e-12);
    assertEquals(Objects.requireNonNull(u.unused()).toMegawattHours(), j.get("unused_mwh").asDouble(), 1e-12);
  }

  private static void match(FactorMatch m, JsonNode j) {
    assertEquals(m.factor().label(), j.get("factor").asText());
    assertEquals(m.factor().intensity().toGramsPerKilowattHour(), j.get("g_per_kwh").asDouble(), 1e-12);
    assertEquals(m.placeLevel().name(), j.get("place_level").asText());
    assertEquals(m.timeLevel().name(), j.get("time_level").asText());
  }

  private static void factors(List<FactorUse> uses, JsonNode j) {
    assertEquals(uses.size(), j.size());
    assertTrue(uses.size() > 0);
    for (int k = 0; k < uses.size(); k++) {
      FactorUse f = uses.get(k);
      JsonNode fj = j.get(k);
      assertEquals(f.usedFor(), fj.get("used_for").asText());
      assertEquals(f.dataSet(), fj.get("data_set").asText());
      assertEquals(f.zone(), fj.get("zone").asText());
      assertEquals(f.kind().tableName(), fj.get("kind").asText());
      assertEquals(f.granularity().name(), fj.get("granularity").asText());
      assertEquals(f.placeLevel().name(), fj.get("place_level").asText());
      assertEquals(f.timeLevel().name(), fj.get("time_level").asText());
      assertEquals(f.factorCount(), fj.get("factor_count").asInt());
      assertEquals(f.minimum().toGramsPerKilowattHour(), fj.get("min_g_per_kwh").asDouble(), 1e-12);
      assertEquals(f.maximum().toGramsPerKilowattHour(), fj.get("max_g_per_kwh").asDouble(), 1e-12);
      kwh(f.energy(), fj.get("energy_kwh"));
      assertEquals(f.emissions().toKilograms(), fj.get("emissions_kg").asDouble(), 1e-12);
      assertEquals(f.source(), fj.get("source").asText());
      assertEquals(f.example(), fj.get("example").asText());
    }
  }

  private static void disclosures(List<Disclosure> ds, List<DataSet> sets, Map<String, String> options, JsonNode n) {
    JsonNode dj = n.get("disclosures");
    assertEquals(ds.size(), dj.size());
    for (int k = 0; k < ds.size(); k++) {
      assertEquals(ds.get(k).topic().name(), dj.get(k).get("topic").asText());
      assertEquals(ds.get(k).text(), dj.get(k).get("text").asText());
    }
    JsonNode sj = n.get("data_sets");
    assertEquals(sets.size(), sj.size());
    assertTrue(sets.size() > 0);
    for (int k = 0; k < sets.size(); k++) {
      DataSet d = sets.get(k);
      JsonNode j = sj.get(k);
      assertEquals(d.name(), j.get("name").asText());
      assertEquals(d.version(), j.get("version").asText());
      assertEquals(d.licence(), j.get("licence").asText());
      assertEquals(d.attribution(), j.get("attribution").asText());
      assertEquals(d.description(), j.get("description").asText());
    }
    JsonNode oj = n.get("options");
    assertEquals(options.size(), oj.size());
    assertTrue(options.size() > 0);
    Iterator<Map.Entry<String, JsonNode>> it = oj.properties().iterator();
    for (Map.Entry<String, String> e : options.entrySet()) {
      Map.Entry<String, JsonNode> got = it.next();
      assertEquals(e.getKey(), got.getKey());
      assertEquals(e.getValue(), got.getValue().asText());
    }
  }
}
