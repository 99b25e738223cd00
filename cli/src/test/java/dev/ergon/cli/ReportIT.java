package dev.ergon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import dev.ergon.ledger.RecordJson;
import dev.ergon.ChannelKind;
import dev.ergon.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ergon report}, run from the built jar, on ledgers, a factor table, instruments and offsets made by hand,
 * with totals computed by hand.
 *
 * <p>The inputs: record A, 1 kWh in DE on 2026-06-01 (team=vision); record B, 2 kWh in FR on 2026-06-02
 * (team=speech), in two ledgers (B in both). Factors: DE 400 g/kWh and FR 50 g/kWh (location), DE residual mix
 * 600 g/kWh. One Guarantee of Origin of 0.0005 MWh (0.5 kWh) at 0 g/kWh in DE, retired for
 * "Example Ltd". One offset of 1 t.
 *
 * <ul>
 *   <li>Location-based: 1 kWh x 400 + 2 kWh x 50 = 500 g = 0.5 kg.</li>
 *   <li>Market-based: DE 0.5 kWh covered at 0, 0.5 kWh uncovered at the residual mix 600 = 300 g; FR has no
 *       residual mix, so the grid average: 2 kWh x 50 = 100 g; total 400 g = 0.4 kg.</li>
 *   <li>Offsets: 1 t listed, subtracted from neither.</li>
 * </ul>
 * Every figure is exact: the records and factors state no uncertainty, so both intervals are zero wide.
 */
class ReportIT {

  private static final long KWH_UJ = 3_600_000_000_000L;

  private Path dir = Path.of("");
  private Path ledger1 = Path.of("");
  private Path ledger2 = Path.of("");
  private Path factors = Path.of("");
  private Path instruments = Path.of("");
  private Path offsets = Path.of("");

  private static EnergyRecord record(String id, String region, String team, Instant hour, long kwh) {
    Energy e = Energy.ofMicrojoules(kwh * KWH_UJ);
    ChannelEnergy c = new ChannelEnergy("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "package-0",
        Method.COUNTER, 0, e, e, 0, List.of());
    return new EnergyRecord(id, null, "train-" + team, Tags.of("team", team), "host-1", region, hour,
        hour.plusSeconds(3000), 10, Attribution.MACHINE, List.of(c), List.of(new BucketEnergy(hour,
        hour.plusSeconds(3600), e)), RecordStatus.COMPLETE, List.of());
  }

  @BeforeEach
  void inputs(@TempDir Path tmp) throws Exception {
    dir = tmp;
    RecordJson json = new RecordJson();
    EnergyRecord a = record("01970000-0000-7000-8000-00000000000a", "DE", "vision",
        Instant.parse("2026-06-01T10:00:00Z"), 1);
    EnergyRecord b = record("01970000-0000-7000-8000-00000000000b", "FR", "speech",
        Instant.parse("2026-06-02T10:00:00Z"), 2);
    ledger1 = Files.writeString(dir.resolve("host1.jsonl"), json.toJson(a) + "\n" + json.toJson(b) + "\n");
    ledger2 = Files.writeString(dir.resolve("host2.jsonl"), json.toJson(b) + "\n");
    factors = Files.writeString(dir.resolve("factors.csv"), """
        zone,period,kind,intensity,unit,source
        DE,2026,location,400,g/kWh,hand-made
        FR,2026,location,50,g/kWh,hand-made
        DE,2026,residual_mix,600,g/kWh,hand-made
        """);
    instruments = Files.writeString(dir.resolve("instruments.csv"), """
        id,type,market,generation_start,generation_end,volume_mwh,emission_rate,unit,technology,retired,retired_for
        GO-1,go,DE,2026-01-01,2026-12-31,0.0005,0,g/kWh,wind,true,Example Ltd
        """);
    offsets = Files.writeString(dir.resolve("offsets.csv"), """
        id,quantity_t,registry,project,type,vintage,retired_for
        OFF-1,1,Gold Standard,Cookstoves,avoidance,2025,Example Ltd
        """);
  }

  private ErgonProcess.Result report(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("report", "--ledger", ledger1.toString(),
        "--ledger", ledger2.toString(), "--factors", factors.toString(), "--instruments", instruments.toString(),
        "--entity", "Example Ltd", "--offsets", offsets.toString(), "--from", "2026", "--to", "2026"));
    args.addAll(List.of(extra));
    return ErgonProcess.in(dir).run(args.toArray(String[]::new));
  }

  /** Flattens a JSON document to path=value, e.g. {@code totals.location_based.kg_co2e=0.5}. */
  private static Map<String, String> flatten(String json) throws Exception {
    Map<String, String> out = new HashMap<>();
    Deque<String> path = new ArrayDeque<>();
    try (JsonParser p = new JsonFactory().createParser(json)) {
      String field = null;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case FIELD_NAME -> field = p.currentName();
          case START_OBJECT, START_ARRAY -> {
            path.addLast(field == null ? "[]" : field);
            field = null;
          }
          case END_OBJECT, END_ARRAY -> path.removeLast();
          default -> {
            String key = String.join(".", path).replaceFirst("^\\[\\]\\.?", "") + "." + field;
            out.putIfAbsent(key.startsWith(".") ? key.substring(1) : key, p.getText());
          }
        }
      }
    }
    return out;
  }

  @Test
  void dualReportTotalsAreTheHandComputedOnes() throws Exception {
    ErgonProcess.Result r = report("--format", "json");
    assertEquals(0, r.code(), r.err());
    Map<String, String> f = flatten(r.out());
    assertEquals(0.5, Double.parseDouble(f.get("totals.location_based.kg_co2e")), 1e-12, f.toString());
    assertEquals(0.4, Double.parseDouble(f.get("totals.market_based.kg_co2e")), 1e-12, f.toString());
    assertEquals(0.5, Double.parseDouble(f.get("totals.location_based.upper95_kg")), 1e-12);
    assertEquals(1.0, Double.parseDouble(f.get("offsets.total_tonnes")), 1e-12, f.toString());
    assertEquals("false", f.get("offsets.subtracted"));
    assertEquals("Example Ltd", f.get("reporting_entity"));
  }

  @Test
  void textNamesBothTotalsAndGroupsByATag() {
    ErgonProcess.Result r = report("--group-by", "team");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Location-based:"), r.out());
    assertTrue(r.out().contains("Market-based"), r.out());
    assertTrue(r.out().contains("By tag 'team'"), r.out());
    assertTrue(r.out().contains("vision") && r.out().contains("speech"), r.out());
  }

  @Test
  void csvHasTheTotalRow() {
    ErgonProcess.Result r = report("--format", "csv");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).startsWith("section,key,hour,it_energy_kwh,consumption_kwh,location_kg"), lines.get(0));
    String total = lines.stream().filter(l -> l.startsWith("total,")).findFirst().orElseThrow();
    String[] v = total.split(",", -1);
    assertEquals(3.0, Double.parseDouble(v[4]), 1e-12, total); // consumption: 1 + 2 kWh, B counted once
    assertEquals(0.5, Double.parseDouble(v[5]), 1e-12, total);
    assertEquals(0.4, Double.parseDouble(v[9]), 1e-12, total);
  }

  @Test
  void sciFollowsInJson() throws Exception {
    ErgonProcess.Result r = report("--format", "json", "--sci", "--functional-unit", "epoch");
    assertEquals(0, r.code(), r.err());
    Map<String, String> f = flatten(r.out());
    assertEquals(0.5, Double.parseDouble(f.get("scope2.totals.location_based.kg_co2e")), 1e-12, f.toString());
    assertEquals("epoch", f.get("sci.functional_unit"), f.toString());
    // SCI per unit: O = 500 g over R = 10 + 10 units = 25 g per epoch (no embodied emissions given).
    assertEquals(25.0, Double.parseDouble(f.get("sci.per_unit.g_co2e")), 1e-9, f.toString());
  }
}
