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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ergon plan, run in this JVM: figures worked out by hand from the files written here. */
class PlanCommandTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private Path dir = Path.of("");
  private Path intensity = Path.of("");

  @BeforeEach
  void files(@TempDir Path tmp) throws Exception {
    dir = tmp;
    // DE, forecast: 500 400 100 100 300 600 700 700 from 00:00Z.
    StringBuilder b = new StringBuilder("zone,start,end,g_per_kwh,kind\n");
    int[] g = {500, 400, 100, 100, 300, 600, 700, 700};
    for (int h = 0; h < g.length; h++) {
      b.append("DE,").append(T0.plusSeconds(3600L * h)).append(',').append(T0.plusSeconds(3600L * (h + 1)))
          .append(',').append(g[h]).append(",forecast\n");
    }
    intensity = Files.writeString(dir.resolve("de.csv"), b.toString());
  }

  private static CommandLineTest.Run run(String... args) {
    return CommandLineTest.run(args);
  }

  @Test
  void plansAGivenJob() {
    // 2 h, 2 kWh: best 02:00Z (100 + 100 = 200 g), now 00:00Z (900 g): saves 0.700 kg.
    CommandLineTest.Run r = run("plan", "--intensity", intensity.toString(), "--duration", "2h", "--energy", "2kWh",
        "--earliest", "2026-03-01T00:00Z", "--deadline", "2026-03-01T08:00Z");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Best start: 2026-03-01T02:00:00Z in DE, ends 2026-03-01T04:00:00Z\n"), r.out());
    assertTrue(r.out().contains("Expected:   0.200 kg CO2e"), r.out());
    assertTrue(r.out().contains("Saving:     0.700 kg CO2e"), r.out());
  }

  @Test
  void writesJson() {
    CommandLineTest.Run r = run("plan", "--json", "--intensity", intensity.toString(), "--duration", "2h",
        "--energy", "2000Wh", "--earliest", "2026-03-01T01:00+01:00", "--deadline", "2026-03-01T08:00Z");
    assertEquals(0, r.code(), r.err());
    String o = r.out().replace(" ", "");
    assertTrue(o.startsWith("{\n\"start\":\"2026-03-01T02:00:00Z\",\n\"end\":\"2026-03-01T04:00:00Z\",\n"
        + "\"region\":\"DE\",\n\"expected_kg\":{\n\"value\":0.2,"), o);
    assertTrue(o.contains("\"saving_kg\":{\n\"value\":0.7"), o);
    assertTrue(o.contains("\"alternatives\":[{"), o);
  }

  @Test
  void localTimesWithAZone() {
    // 01:00 to 09:00 CET (+01:00) is 00:00Z to 08:00Z.
    CommandLineTest.Run r = run("plan", "--intensity", intensity.toString(), "--duration", "2h", "--energy", "2kWh",
        "--earliest", "2026-03-01T01:00", "--deadline", "2026-03-01T09:00", "--zone", "Europe/Berlin");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Best start: 2026-03-01T02:00:00Z (2026-03-01 03:00 +01:00 Europe/Berlin) in DE"),
        r.out());
  }

  @Test
  void helpExits0() {
    CommandLineTest.Run r = run("plan", "--help");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("--what-if") && r.out().contains("ergon.flexible=true"), r.out());
  }

  @Test
  void usageErrorsExit2() {
    CommandLineTest.Run before = run("plan", "--intensity", intensity.toString(), "--duration", "2h", "--energy",
        "2kWh", "--earliest", "2026-03-01T05:00Z", "--deadline", "2026-03-01T01:00Z");
    assertEquals(2, before.code());
    assertTrue(before.err().contains("before the earliest start"), before.err());
    CommandLineTest.Run longer = run("plan", "--intensity", intensity.toString(), "--duration", "6h", "--energy",
        "40kWh", "--earliest", "2026-03-01T00:00Z", "--deadline", "2026-03-01T04:00Z");
    assertEquals(2, longer.code());
    assertTrue(longer.err().contains("takes 6 h but the window"), longer.err());
    CommandLineTest.Run nothing = run("plan", "--intensity", intensity.toString(), "--deadline", "2026-03-01T04:00Z");
    assertEquals(2, nothing.code());
    assertTrue(nothing.err().contains("say what job to plan"), nothing.err());
    CommandLineTest.Run local = run("plan", "--intensity", intensity.toString(), "--duration", "1h", "--energy",
        "1kWh", "--earliest", "2026-03-01T00:00", "--deadline", "2026-03-01T04:00Z");
    assertEquals(2, local.code());
    assertTrue(local.err().contains("--zone"), local.err());
    CommandLineTest.Run noData = run("plan", "--duration", "1h", "--energy", "1kWh", "--deadline",
        "2026-03-01T04:00Z");
    assertEquals(2, noData.code());
    assertTrue(noData.err().contains("yearly averages"), noData.err());
  }

  @Test
  void aBadIntensityFileIsNamedWithItsLine() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.csv"), """
        zone,start,end,g_per_kwh,kind
        DE,2026-03-01T00:00Z,2026-03-01T01:00Z,300,actual
        DE,2026-03-01T02:00Z,2026-03-01T03:00Z,300,actual
        """);
    CommandLineTest.Run r = run("plan", "--intensity", bad.toString(), "--duration", "1h", "--energy", "1kWh",
        "--earliest", "2026-03-01T00:00Z", "--deadline", "2026-03-01T03:00Z");
    assertEquals(1, r.code());
    assertEquals("ergon: " + bad + ":3: zone DE: missing hour 2026-03-01T01:00:00Z between " + bad + ":2 and this "
        + "row; add them (a gap would be read as zero emissions)\n", r.err());
  }

  private static EnergyRecord record(String id, String name, Instant start, int hours, double kwhPerHour,
      Tags tags) {
    List<BucketEnergy> buckets = new ArrayList<>();
    Energy total = Energy.ZERO;
    for (int h = 0; h < hours; h++) {
      Energy e = Energy.ofKilowattHours(kwhPerHour);
      buckets.add(new BucketEnergy(start.plusSeconds(3600L * h), start.plusSeconds(3600L * (h + 1)), e));
      total = total.plus(e);
    }
    ChannelEnergy c = new ChannelEnergy("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "package-0",
        Method.COUNTER, 0, total, total, 0, List.of());
    return new EnergyRecord(id, null, name, tags, "host", "DE", start, start.plus(Duration.ofHours(hours)), 0,
        Attribution.MACHINE, List.of(c), buckets, RecordStatus.COMPLETE, List.of());
  }

  @Test
  void profileFromTheLedgerAndWhatIf() throws Exception {
    RecordJson json = new RecordJson();
    Tags flex = Tags.of("ergon.flexible", "true");
    // Two 2-h "etl" runs of 1 kWh an hour: the profile is 2 h, 2 kWh.
    String lines = json.toJson(record("01970000-0000-7000-8000-0000000000a1", "etl", T0, 2, 1, flex)) + "\n"
        + json.toJson(record("01970000-0000-7000-8000-0000000000a2", "etl", T0.plusSeconds(3600), 2, 1, flex))
        + "\n";
    Path ledger = Files.writeString(dir.resolve("ledger.jsonl"), lines);
    CommandLineTest.Run p = run("plan", "--intensity", intensity.toString(), "--ledger", ledger.toString(),
        "--name", "etl", "--earliest", "2026-03-01T00:00Z", "--deadline", "2026-03-01T08:00Z");
    assertEquals(0, p.code(), p.err());
    assertTrue(p.out().contains("Best start: 2026-03-01T02:00:00Z in DE"), p.out());
    assertTrue(p.out().contains("Job: 2h, 2.000 kWh (spread 0.000 kWh, 2 runs)"), p.out());
    // What-if, slack 2 h: run 1 (00-02, 900 g) could start 00..02: best 02:00 (200 g), saves 700 g. Run 2 (01-03,
    // 400 + 100 = 500 g) could start 01..03: best 02:00 (200 g), saves 300 g. Total 1.0 kg.
    CommandLineTest.Run w = run("plan", "--what-if", "--json", "--intensity", intensity.toString(), "--ledger",
        ledger.toString(), "--slack", "2h");
    assertEquals(0, w.code(), w.err());
    String o = w.out().replace(" ", "");
    assertTrue(o.contains("\"jobs\":2,"), o);
    assertTrue(o.contains("\"saving_kg\":{\n\"value\":1.0"), o);
    assertTrue(o.contains("\"etl\":{\n\"jobs\":2,"), o);
    CommandLineTest.Run noSlack = run("plan", "--what-if", "--intensity", intensity.toString(), "--ledger",
        ledger.toString());
    assertEquals(2, noSlack.code());
  }
}
