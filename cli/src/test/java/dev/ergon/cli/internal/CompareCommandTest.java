package dev.ergon.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.ChannelKind;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import dev.ergon.ledger.RecordJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ergon compare and ergon report --compare-period, run in this JVM. */
class CompareCommandTest {
  @TempDir Path dir;

  private static String record(int n, String variant, double joules, long units, String hour, Method method) {
    Instant start = Instant.parse(hour);
    Energy e = Energy.ofJoules(joules);
    ChannelEnergy c = new ChannelEnergy("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "package-0", method,
        0, e, e, 0, List.of());
    EnergyRecord r = new EnergyRecord(String.format("01970000-0000-7000-8000-%012d", n), null, "infer",
        Tags.of("variant", variant), "host", "DE", start, start.plusSeconds(3600), units, Attribution.MACHINE,
        List.of(c), List.of(new BucketEnergy(start, start.plusSeconds(3600), e)), RecordStatus.COMPLETE, List.of());
    return new RecordJson().toJson(r) + "\n";
  }

  /** The number right after a prefix in JSON without spaces. */
  private static double number(String json, String prefix) {
    int i = json.indexOf(prefix);
    assertTrue(i >= 0, prefix + " missing in " + json);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?[0-9.]+(E-?[0-9]+)?")
        .matcher(json.substring(i + prefix.length()));
    assertTrue(m.lookingAt(), json);
    return Double.parseDouble(m.group());
  }

  @Test
  void comparesTwoVariantsInJson() throws Exception {
    StringBuilder s = new StringBuilder();
    // fp32: 100, 110, 120 J per 10 units → 10, 11, 12 J per unit; int8: 60, 66, 72 J per 10 → 6, 6.6, 7.2
    double[] fp32 = {100, 110, 120};
    for (int i = 0; i < 3; i++) {
      s.append(record(i + 1, "fp32", fp32[i], 10, "2026-03-01T1" + i + ":00:00Z", Method.COUNTER));
      s.append(record(i + 11, "int8", fp32[i] * 0.6, 10, "2026-03-02T1" + i + ":00:00Z", Method.COUNTER));
    }
    Path ledger = Files.writeString(dir.resolve("l.jsonl"), s.toString());
    CommandLineTest.Run r = CommandLineTest.run("compare", "--ledger", ledger.toString(), "--a", "tag:variant=fp32",
        "--b", "tag:variant=int8", "--json");
    assertEquals(0, r.code(), r.err());
    String out = r.out().replaceAll("\\s+", "");
    // means 11 and 6.6: difference −4.4, ratio 0.6 (every int8 run is 0.6 of its fp32 run)
    assertTrue(out.contains("\"runs\":3"), out);
    assertEquals(-4.4, number(out, "\"difference\":{\"value\":"), 1e-9, out);
    assertEquals(0.6, number(out, "\"ratio\":{\"value\":"), 1e-9, out);
    assertTrue(out.contains("\"p_value\":") && out.contains("\"runs_needed\":"), out);
    CommandLineTest.Run text = CommandLineTest.run("compare", "--ledger", ledger.toString(), "--a",
        "tag:variant=fp32", "--b", "tag:variant=int8", "--per", "1000");
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().contains("J per 1000 units"), text.out());
  }

  @Test
  void helpListsTheOptionsAndFormatsWithoutWarnings() {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    CommandLineTest.Run r;
    CommandLineTest.Run report;
    try {
      r = CommandLineTest.run("help", "compare");
      report = CommandLineTest.run("help", "report");
    } finally {
      System.setErr(saved);
    }
    assertEquals(0, r.code(), r.err());
    for (String option : new String[] {"--ledger", "--a", "--b", "--jmh-a", "--jmh-b", "--per", "--per-run",
        "--effect", "--seed", "--resamples", "--json"}) {
      assertTrue(r.out().contains(option), option + " missing from\n" + r.out());
    }
    assertTrue(report.out().contains("--compare-period") && report.out().contains("--compare-from"), report.out());
    String warnings = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(!warnings.contains("Could not format"), warnings);
  }

  @Test
  void oneRunIsRefusedWithTheCount() throws Exception {
    Path ledger = Files.writeString(dir.resolve("l.jsonl"),
        record(1, "fp32", 100, 10, "2026-03-01T10:00:00Z", Method.COUNTER)
            + record(2, "int8", 60, 10, "2026-03-01T11:00:00Z", Method.COUNTER)
            + record(3, "int8", 61, 10, "2026-03-01T12:00:00Z", Method.COUNTER));
    CommandLineTest.Run r = CommandLineTest.run("compare", "--ledger", ledger.toString(), "--a", "tag:variant=fp32",
        "--b", "tag:variant=int8");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("A (tag:variant=fp32) has 1 run"), r.err());
  }

  @Test
  void runsWithoutUnitsAreRefusedNamingPerRun() throws Exception {
    Path ledger = Files.writeString(dir.resolve("l.jsonl"),
        record(1, "a", 100, 0, "2026-03-01T10:00:00Z", Method.COUNTER)
            + record(2, "a", 110, 0, "2026-03-01T11:00:00Z", Method.COUNTER)
            + record(3, "b", 60, 0, "2026-03-01T12:00:00Z", Method.MODEL)
            + record(4, "b", 70, 0, "2026-03-01T13:00:00Z", Method.MODEL));
    CommandLineTest.Run r = CommandLineTest.run("compare", "--ledger", ledger.toString(), "--a", "tag:variant=a",
        "--b", "tag:variant=b");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("2 of 2 runs of A") && r.err().contains("--per-run"), r.err());
    CommandLineTest.Run perRun = CommandLineTest.run("compare", "--ledger", ledger.toString(), "--a",
        "tag:variant=a", "--b", "tag:variant=b", "--per-run");
    assertEquals(0, perRun.code(), perRun.err());
    // means 105 and 65 J per run: difference −40; counter against model is warned
    assertTrue(perRun.out().contains("-40"), perRun.out());
    assertTrue(perRun.out().contains("warning: A and B were measured by different methods (A: counter; B: model)"),
        perRun.out());
  }

  @Test
  void badEffectIsAUsageError() throws Exception {
    Path ledger = Files.writeString(dir.resolve("l.jsonl"), record(1, "x", 1, 1, "2026-03-01T10:00:00Z",
        Method.COUNTER));
    CommandLineTest.Run r = CommandLineTest.run("compare", "--ledger", ledger.toString(), "--a", "tag:variant=x",
        "--b", "tag:variant=y", "--effect", "0.05");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--effect must be a percentage"), r.err());
  }

  @Test
  void comparesJmhResults() throws Exception {
    Path f = Files.writeString(dir.resolve("jmh.json"), """
        [ { "benchmark" : "x.Infer.run", "params" : { "dtype" : "fp32" },
            "secondaryMetrics" : { "ergon.energy.norm" : { "scoreUnit" : "uJ/op (measured)",
              "rawData" : [ [ 10.0, 11.0 ], [ 12.0, 11.0 ] ] } } },
          { "benchmark" : "x.Infer.run", "params" : { "dtype" : "int8" },
            "secondaryMetrics" : { "ergon.energy.norm" : { "scoreUnit" : "uJ/op (measured)",
              "rawData" : [ [ 5.0, 6.0 ], [ 6.0, 5.0 ] ] } } } ]
        """);
    CommandLineTest.Run r = CommandLineTest.run("compare", "--jmh-a", f.toString(), "--jmh-b", f.toString(), "--a",
        "param:dtype=fp32", "--b", "param:dtype=int8", "--per", "1000000", "--json");
    assertEquals(0, r.code(), r.err());
    String out = r.out().replaceAll("\\s+", "");
    // 11 µJ/op mean → 11 J per 10⁶ ops; 5.5 → 5.5; ratio 0.5
    assertEquals(0.5, number(out, "\"ratio\":{\"value\":"), 1e-9, out);
    assertTrue(out.contains("\"unit\":\"Jper1000000ops\""), out);
  }

  @Test
  void reportDecomposesTheChangeFromAnEarlierQuarter() throws Exception {
    // Q1: 1 kWh for 100 units; Q2: 2 kWh for 100 units; DE at 400 g/kWh both: 400 g → 800 g, all efficiency.
    Path ledger = Files.writeString(dir.resolve("l.jsonl"),
        record(1, "x", 3.6e6, 100, "2026-02-01T10:00:00Z", Method.COUNTER)
            + record(2, "x", 7.2e6, 100, "2026-05-01T10:00:00Z", Method.COUNTER));
    Path factors = Files.writeString(dir.resolve("f.csv"),
        "zone,period,kind,intensity,unit\nDE,2026,location,400,g/kWh\n");
    CommandLineTest.Run r = CommandLineTest.run("report", "--ledger", ledger.toString(), "--factors",
        factors.toString(), "--from", "2026-04", "--to", "2026-06", "--compare-period", "2026-Q1", "--format",
        "json");
    assertEquals(0, r.code(), r.err());
    String out = r.out().replaceAll("\\s+", "");
    assertTrue(out.startsWith("{\"scope2\":"), out);
    assertTrue(out.contains("\"decomposition\":{"), out);
    assertTrue(out.contains("\"total_g\":400.000000"), out);
    assertTrue(out.contains("\"efficiency_g\":400.000000"), out);
    assertTrue(out.contains("\"volume_g\":0.000000"), out);
    CommandLineTest.Run text = CommandLineTest.run("report", "--ledger", ledger.toString(), "--factors",
        factors.toString(), "--from", "2026-04", "--to", "2026-06", "--compare-period", "2026-Q1");
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().contains("efficiency (energy per unit)"), text.out());
    CommandLineTest.Run html = CommandLineTest.run("report", "--ledger", ledger.toString(), "--factors",
        factors.toString(), "--from", "2026-04", "--to", "2026-06", "--compare-period", "2026-Q1", "--format",
        "html");
    assertEquals(0, html.code(), html.err());
    String page = html.out();
    assertTrue(page.contains("<section id=\"x-period-change\"><h2>Change between periods</h2>"), page);
    // The same parts as the JSON: 400 g in all, all of it efficiency, none volume; DE's intensity did not change.
    assertTrue(page.contains("<tr><td>total change<td><td>400\n"), page);
    assertTrue(page.contains("<tr><td>efficiency (energy per unit)<td><td>400\n"), page);
    assertTrue(page.contains("<tr><td>volume (units)<td><td>0\n"), page);
    assertTrue(page.contains("<tr><td>grid intensity<td>DE<td>0\n"), page);
    CommandLineTest.Run bad = CommandLineTest.run("report", "--ledger", ledger.toString(), "--compare-period",
        "2026-Q5");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--compare-period"), bad.err());
  }
}
