package dev.ergon.accounting;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ergon.EnergyRecord;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.scope2.Instruments;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.sci.Sci;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the JSON report writes where a value is absent: an explicit null, never a missing field. */
class ReportNullFieldsTest {

  @TempDir Path dir;

  @Test
  void absentValuesAreExplicitNulls() throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, "zone,period,kind,intensity,unit\nDE,2026,location,400,g/kWh\n");
    Path i = dir.resolve("i.csv");
    Files.writeString(i, """
        id,type,market,generation_start,generation_end,volume_mwh,emission_rate,unit,technology,retired,retired_for
        SUP-1,supplier_rate,DE,2026-01-01,2026-12-31,,250,g/kWh,,,
        GO-2,go,DE,2026-01-01,2026-12-31,0.001,,,wind,true,
        """);
    EmissionFactors factors = EmissionFactors.readTable(f);
    List<EnergyRecord> records = List.of(record("a").region("DE").start("2026-03-01T00:00:00Z").kwh(2).build());
    JsonNode n = new ObjectMapper().readTree(ReportFormat.JSON.toString(
        Scope2.calculator(factors).instruments(Instruments.load(i)).calculate(records)));
    assertTrue(n.get("reporting_entity").isNull());
    JsonNode go = n.at("/instruments/0");
    JsonNode sup = n.at("/instruments/1");
    assertEquals("GO-2", go.get("id").asText());
    assertTrue(go.get("emission_rate_g_per_kwh").isNull(), go.toString());
    assertTrue(go.get("retired_for").isNull(), go.toString());
    assertEquals("SUP-1", sup.get("id").asText());
    assertTrue(sup.get("volume_mwh").isNull(), sup.toString());
    assertTrue(sup.get("unused_mwh").isNull(), sup.toString());
    assertEquals(250.0, sup.get("emission_rate_g_per_kwh").asDouble(), 1e-12);
    // 2 kWh, all at the supplier's 250 g/kWh: 0.5 kg market-based; no residual mix needed, no remainder factor
    assertEquals(0.5, n.at("/totals/market_based/kg_co2e").asDouble(), 1e-12);
    assertTrue(n.at("/cells/0/remainder_factor").isNull(), n.at("/cells/0").toString());

    JsonNode sci = new ObjectMapper().readTree(ReportFormat.JSON.toString(Sci.calculator(factors).calculate(
        List.of(record("b").region("DE").start("2026-03-01T00:00:00Z").kwh(2).build()))));
    assertTrue(sci.get("per_unit").isNull(), "no functional units: no score");
    assertTrue(sci.get("embodied_input").isNull());
    assertEquals(400.0, sci.get("intensity_g_per_kwh").asDouble(), 1e-12);
    JsonNode empty = new ObjectMapper().readTree(ReportFormat.JSON.toString(Sci.calculator(factors).calculate(
        List.of(record("c").region("DE").start("2026-03-01T00:00:00Z").kwh(0).build()))));
    assertTrue(empty.get("intensity_g_per_kwh").isNull(), "no energy: no intensity");
  }
}
