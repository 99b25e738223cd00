package dev.ergon.accounting;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ergon.Co2e;
import dev.ergon.EnergyRecord;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.sci.EmbodiedEmissions;
import dev.ergon.accounting.sci.Sci;
import dev.ergon.accounting.scope2.Instruments;
import dev.ergon.accounting.scope2.Offsets;
import dev.ergon.accounting.scope2.Scope2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON reports follow their documented, versioned schema (accounting/REPORT-JSON.md): every field written is
 * snake_case and documented, every documented field is written, and the schema version is the documented one.
 */
class JsonSchemaDocTest {

  private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  private static final Pattern DOCUMENTED = Pattern.compile("^\\| `([a-z0-9_.\\[\\]*]+)` \\|", Pattern.MULTILINE);

  @TempDir Path dir;

  @Test
  void everyFieldIsSnakeCaseAndDocumentedAndEveryDocumentedFieldIsWritten() throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit,uncertainty
        DE,2026,location,400,g/kWh,0.1
        DE,2026,residual_mix,600,g/kWh,
        """);
    Path i = dir.resolve("i.csv");
    Files.writeString(i, """
        id,type,market,generation_start,generation_end,volume_mwh,emission_rate,unit,technology,retired,retired_for
        GO-1,go,DE,2026-01-01,2026-12-31,0.004,0,g/kWh,wind,true,ACME
        """);
    Path o = dir.resolve("o.csv");
    Files.writeString(o, "id,quantity_t\nCR-1,1.5\n");
    List<EnergyRecord> records = List.of(record("a").region("DE").tags("model", "bert")
        .start("2026-03-01T00:00:00Z").kwh(5, 5).units(10).build());
    EmissionFactors factors = EmissionFactors.readTable(f);
    String scope2 = ReportFormat.JSON.toString(Scope2.calculator(factors).reportingEntity("ACME")
        .instruments(Instruments.load(i)).offsets(Offsets.load(o)).pue(1.2).calculate(records));
    String sci = ReportFormat.JSON.toString(Sci.calculator(factors).embodied(EmbodiedEmissions.of(
        Co2e.ofKilograms(1000), Duration.ofDays(1460), 1, 2, "lca")).functionalUnit("run", 10).calculate(records));

    String doc = Files.readString(Path.of("REPORT-JSON.md"));
    SortedSet<String> documented = new TreeSet<>();
    Matcher m = DOCUMENTED.matcher(doc);
    while (m.find()) {
      documented.add(m.group(1));
    }
    SortedSet<String> written = new TreeSet<>();
    ObjectMapper mapper = new ObjectMapper();
    JsonNode s2 = mapper.readTree(scope2);
    JsonNode sc = mapper.readTree(sci);
    paths(s2, "scope2", written);
    paths(sc, "sci", written);
    // For whoever updates the document: the fields written, one a line.
    Files.write(Path.of("target", "report-json-fields.txt"), written);
    SortedSet<String> undocumented = new TreeSet<>(written);
    undocumented.removeAll(documented);
    assertTrue(undocumented.isEmpty(), () -> "written but not documented: " + undocumented);
    SortedSet<String> unwritten = new TreeSet<>(documented);
    unwritten.removeAll(written);
    assertTrue(unwritten.isEmpty(), () -> "documented but not written: " + unwritten);
    assertTrue(doc.contains("schema_version` | number | " + s2.get("schema_version").asInt()), "version documented");
    assertEquals(s2.get("schema_version"), sc.get("schema_version"));
  }

  /* Collects field paths; array items become [], tag keys and option keys (data, not schema) become *. */
  private static void paths(JsonNode n, String at, SortedSet<String> out) {
    if (n.isArray()) {
      for (JsonNode item : n) {
        paths(item, at + "[]", out);
      }
      return;
    }
    if (!n.isObject()) {
      return;
    }
    boolean dataKeys = at.endsWith(".by_tag") || at.endsWith(".options");
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      String key = dataKeys ? "*" : e.getKey();
      if (!dataKeys) {
        assertTrue(SNAKE.matcher(key).matches(), () -> at + "." + key + " is not snake_case");
      }
      String p = at + "." + key;
      out.add(p);
      paths(e.getValue(), p, out);
    }
  }
}
