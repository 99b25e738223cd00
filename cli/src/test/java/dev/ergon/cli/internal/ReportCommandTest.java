package dev.ergon.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs to ergon report, each named with its file and line, run in this JVM. */
class ReportCommandTest {

  private Path dir = Path.of("");
  private Path ledger = Path.of("");

  @BeforeEach
  void ledger(@TempDir Path tmp) throws Exception {
    dir = tmp;
    Instant hour = Instant.parse("2026-06-01T10:00:00Z");
    Energy e = Energy.ofJoules(3600);
    ChannelEnergy c = new ChannelEnergy("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "package-0",
        Method.COUNTER, 0, e, e, 0, List.of());
    EnergyRecord r = new EnergyRecord("01970000-0000-7000-8000-0000000000c1", null, "job", Tags.of("team", "a"),
        "host", "DE", hour, hour.plusSeconds(60), 0, Attribution.MACHINE, List.of(c),
        List.of(new BucketEnergy(hour, hour.plusSeconds(3600), e)), RecordStatus.COMPLETE, List.of());
    ledger = Files.writeString(dir.resolve("ledger.jsonl"), new RecordJson().toJson(r) + "\n");
  }

  private static CommandLineTest.Run run(String... args) {
    return CommandLineTest.run(args);
  }

  @Test
  void aMissingLedgerIsNamed() {
    CommandLineTest.Run r = run("report", "--ledger", dir.resolve("none.jsonl").toString());
    assertEquals(1, r.code());
    assertEquals("ergon: no such file: " + dir.resolve("none.jsonl") + "; check the path\n", r.err());
  }

  @Test
  void aCorruptedLedgerIsNamedWithItsLineAndLenientSkipsIt() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), Files.readString(ledger) + "{\"schema\": 1}\n");
    CommandLineTest.Run strict = run("report", "--ledger", bad.toString());
    assertEquals(1, strict.code());
    assertTrue(strict.err().startsWith("ergon: " + bad + ":2: "), strict.err());
    assertTrue(strict.err().contains("--lenient"), strict.err());
    assertEquals(1, strict.err().strip().lines().count(), strict.err());
    CommandLineTest.Run lenient = run("report", "--lenient", "--ledger", bad.toString());
    assertEquals(0, lenient.code(), lenient.err());
    assertTrue(lenient.err().startsWith("ergon: warning: skipped " + bad + ":2: "), lenient.err());
    assertTrue(lenient.out().contains("Location-based"), lenient.out());
  }

  @Test
  void aBadFactorTableIsNamedWithItsLine() throws Exception {
    Path factors = Files.writeString(dir.resolve("factors.csv"),
        "zone,period,kind,intensity,unit\nDE,2026,location,-5,g/kWh\n");
    CommandLineTest.Run r = run("report", "--ledger", ledger.toString(), "--factors", factors.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("ergon: "), r.err());
    assertTrue(r.err().contains(factors + ":2"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void instrumentsNeedAnEntity() throws Exception {
    Path instruments = Files.writeString(dir.resolve("i.csv"),
        "id,type,market,generation_start,generation_end,volume_mwh\nGO-1,go,DE,2026-01-01,2026-12-31,1\n");
    CommandLineTest.Run r = run("report", "--ledger", ledger.toString(), "--instruments", instruments.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--instruments needs --entity NAME"), r.err());
  }

  @Test
  void anUnknownRegionIsAUsageError() {
    CommandLineTest.Run r = run("report", "--ledger", ledger.toString(), "--region", "XX");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("ergon: --region: unknown region 'XX'"), r.err());
  }

  @Test
  void aPeriodNeedsBothEnds() {
    CommandLineTest.Run r = run("report", "--ledger", ledger.toString(), "--from", "2026");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("give both --from and --to"), r.err());
    CommandLineTest.Run reversed = run("report", "--ledger", ledger.toString(), "--from", "2026", "--to", "2025");
    assertEquals(2, reversed.code());
    assertTrue(reversed.err().contains("not after --from"), reversed.err());
  }

  @Test
  void groupByAnAbsentTagNamesTheTagsFound() {
    CommandLineTest.Run r = run("report", "--ledger", ledger.toString(), "--group-by", "model");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("no record counted in the report has the tag 'model'; tags found: team"), r.err());
  }

  @Test
  void aLedgerIsRequired() {
    CommandLineTest.Run r = run("report");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--ledger"), r.err());
  }

  @Test
  void anEmptyLedgerWithoutAPeriodIsNamed() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
    CommandLineTest.Run r = run("report", "--ledger", empty.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("ergon: no records in [" + empty + "]: nothing to report"), r.err());
    CommandLineTest.Run period = run("report", "--ledger", empty.toString(), "--from", "2026", "--to", "2026");
    assertEquals(0, period.code(), period.err());
  }

  /* A ledger of one DE record: 3600 J (0.001 kWh) in one minute, 4000 functional units; a DE factor of 400 g/kWh. */
  private Path[] sciInputs() throws Exception {
    Instant hour = Instant.parse("2026-06-01T10:00:00Z");
    Energy e = Energy.ofJoules(3600);
    ChannelEnergy c = new ChannelEnergy("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "package-0",
        Method.COUNTER, 0, e, e, 0, List.of());
    EnergyRecord r = new EnergyRecord("01970000-0000-7000-8000-0000000000d1", null, "predict", Tags.empty(),
        "host", "DE", hour, hour.plusSeconds(60), 4000, Attribution.MACHINE, List.of(c),
        List.of(new BucketEnergy(hour, hour.plusSeconds(3600), e)), RecordStatus.COMPLETE, List.of());
    Path l = Files.writeString(dir.resolve("units.jsonl"), new RecordJson().toJson(r) + "\n");
    Path f = Files.writeString(dir.resolve("de.csv"), "zone,period,kind,intensity,unit\nDE,2026,location,400,g/kWh\n");
    return new Path[] {l, f};
  }

  /* The number at sci/OBJECT/FIELD of the JSON output: the first FIELD after the first OBJECT inside "sci". */
  private static double sciGrams(CommandLineTest.Run r, String field) throws Exception {
    assertEquals(0, r.code(), r.err());
    String[] names = ("sci/" + field).split("/");
    int next = 0;
    try (com.fasterxml.jackson.core.JsonParser p = new com.fasterxml.jackson.core.JsonFactory()
        .createParser(r.out())) {
      for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && p.currentName().equals(names[next])) {
          if (++next == names.length) {
            p.nextToken();
            return p.getDoubleValue();
          }
        }
      }
    }
    throw new AssertionError(field + " not in " + r.out());
  }

  @Test
  void everySubcommandsHelpPrintsItsUsageAndExitsZero() {
    for (String command : List.of("report", "measure", "meters")) {
      CommandLineTest.Run r = run(command, "--help");
      assertEquals(0, r.code(), command + ": " + r.err());
      assertTrue(r.out().startsWith("Usage: ergon " + command), r.out());
      assertEquals("", r.err());
    }
  }

  @Test
  void hourlyMatchingWithoutHourlyGenerationIsAUsageErrorNamingTheOption() throws Exception {
    Path instruments = Files.writeString(dir.resolve("i.csv"), "id,type,market,generation_start,generation_end,"
        + "volume_mwh,emission_rate,unit,retired,retired_for\nGO-1,go,DE,2026-01-01,2026-12-31,1,0,g/kWh,true,A\n");
    CommandLineTest.Run r = run("report", "--ledger", ledger.toString(), "--instruments", instruments.toString(),
        "--entity", "A", "--matching", "hourly");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--hourly-generation"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void theSciPerNFunctionalUnits() throws Exception {
    Path[] in = sciInputs();
    // O = 0.001 kWh x 400 g/kWh = 0.4 g for 4000 units: 0.1 g per 1000.
    double per1000 = sciGrams(run("report", "--ledger", in[0].toString(), "--factors", in[1].toString(), "--sci",
        "--functional-unit", "prediction", "--per", "1000", "--format", "json"), "per_unit/g_co2e");
    assertEquals(0.1, per1000, 1e-12);
    CommandLineTest.Run text = run("report", "--ledger", in[0].toString(), "--factors", in[1].toString(), "--sci",
        "--functional-unit", "prediction", "--per", "1000");
    assertTrue(text.out().contains("gCO2e per 1000 prediction"), text.out());
    CommandLineTest.Run zero = run("report", "--ledger", in[0].toString(), "--sci", "--per", "0");
    assertEquals(2, zero.code());
    assertTrue(zero.err().contains("--per"), zero.err());
  }

  @Test
  void embodiedEmissionsFromTheCommandLine() throws Exception {
    Path[] in = sciInputs();
    // M = TE x TiR / EL x RR / ToR; TiR is the record's minute.
    double given = sciGrams(run("report", "--ledger", in[0].toString(), "--factors", in[1].toString(), "--sci",
        "--embodied-kg", "1000", "--lifespan-years", "4", "--format", "json"), "embodied/kg_co2e");
    assertEquals(1000.0 * 60 / (4 * 365.25 * 86_400), given, 1e-12);
    double ccf = sciGrams(run("report", "--ledger", in[0].toString(), "--factors", in[1].toString(), "--sci",
        "--instance", "aws:m5.xlarge", "--vcpus", "4/96", "--format", "json"), "embodied/kg_co2e");
    assertEquals(1610.79 * 60 / (4 * 365 * 86_400.0) * 4 / 96, ccf, 1e-12);
    CommandLineTest.Run noVcpus = run("report", "--ledger", in[0].toString(), "--sci", "--instance", "aws:m5.xlarge");
    assertEquals(2, noVcpus.code());
    assertTrue(noVcpus.err().contains("--vcpus"), noVcpus.err());
    CommandLineTest.Run alone = run("report", "--ledger", in[0].toString(), "--sci", "--embodied-kg", "1000");
    assertEquals(2, alone.code());
    assertTrue(alone.err().contains("--lifespan-years"), alone.err());
    CommandLineTest.Run unknown = run("report", "--ledger", in[0].toString(), "--sci", "--instance", "aws:zz.huge",
        "--vcpus", "1/1");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("zz.huge"), unknown.err());
  }

  @Test
  void noMessageOfTheSciNamesAJavaType() throws Exception {
    Path[] in = sciInputs();
    CommandLineTest.Run r = run("report", "--ledger", in[0].toString(), "--factors", in[1].toString(), "--sci");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("M = 0"), r.out());
    for (String javaType : List.of("EmbodiedEmissions", "Job.addUnits", "Instruments.load", "Exception")) {
      assertTrue(!r.out().contains(javaType) && !r.err().contains(javaType), javaType + " in " + r.out());
    }
  }

  @Test
  void htmlGoesToTheOutFileWholeAndSelfContained() throws Exception {
    Path out = dir.resolve("report.html");
    CommandLineTest.Run r = run("report", "--ledger", ledger.toString(), "--format", "html", "--out", out.toString(),
        "--functional-unit", "prediction", "--per", "100");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out(), "nothing on standard output");
    String html = Files.readString(out);
    assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
    assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"), "CSP");
    assertTrue(html.contains("kWh per 100 predictions"), "the functional unit reaches the page");
    assertTrue(html.contains("<td>a<td>"), "the group of the tag team");
    assertTrue(html.endsWith("</html>\n"));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(".ergon-report-")).toList(),
          "no temporary file left");
    }
    CommandLineTest.Run again = run("report", "--ledger", ledger.toString(), "--format", "html", "--out",
        out.toString(), "--functional-unit", "prediction", "--per", "100");
    assertEquals(0, again.code(), again.err());
    assertEquals(html, Files.readString(out), "the same inputs give the same bytes");
  }

  @Test
  void aBadLedgerLineIsNamedAndNoHtmlFileIsWritten() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), Files.readString(ledger) + "{\"schema\": 1}\n");
    Path out = dir.resolve("report.html");
    CommandLineTest.Run r = run("report", "--ledger", bad.toString(), "--format", "html", "--out", out.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("ergon: " + bad + ":2: "), r.err());
    assertTrue(Files.notExists(out), "no report file from bad input");
  }

  @Test
  void anOutFileInAMissingDirectoryIsNamed() {
    Path out = dir.resolve("missing").resolve("report.html");
    CommandLineTest.Run r = run("report", "--ledger", ledger.toString(), "--format", "html", "--out", out.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("--out " + out + ": the directory " + dir.resolve("missing") + " does not exist"),
        r.err());
  }

  @Test
  void theFunctionalUnitNeedsTheSciOrHtml() {
    CommandLineTest.Run r = run("report", "--ledger", ledger.toString(), "--functional-unit", "prediction");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("add --sci or --format html"), r.err());
  }
}
