package dev.ergon.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Attribution;
import dev.ergon.ChannelEnergy;
import dev.ergon.ChannelKind;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Selecting runs from records and from JMH results. */
class RunGroupTest {
  @TempDir Path dir;

  static EnergyRecord record(String id, @Nullable String parent, String variant, double joules, long units,
      Method method, String host, RecordStatus status) {
    Energy e = Energy.ofJoules(joules);
    ChannelEnergy c = new ChannelEnergy("cpu/package-0", "rapl", ChannelKind.CPU_PACKAGE, "package-0", method, 0.01,
        e, e, 0, List.of());
    Instant start = Instant.parse("2026-03-01T10:00:00Z");
    return new EnergyRecord(id, parent, "train", Tags.of("variant", variant), host, "DE", start,
        start.plusSeconds(60), units, Attribution.MACHINE, List.of(c), List.of(), status, List.of(),
        status == RecordStatus.FAILED ? "java.lang.RuntimeException" : null);
  }

  static EnergyRecord run(String id, String variant, double joules, long units) {
    return record(id, null, variant, joules, units, Method.COUNTER, "host-a", RecordStatus.COMPLETE);
  }

  @Test
  void selectsCompleteRunsPerUnits() {
    List<EnergyRecord> records = List.of(
        run("00000000-0000-0000-0000-000000000001", "fp32", 3600, 1000),
        run("00000000-0000-0000-0000-000000000002", "fp32", 1800, 250),
        run("00000000-0000-0000-0000-000000000003", "int8", 100, 10),
        record("00000000-0000-0000-0000-000000000004", null, "fp32", 99, 1, Method.COUNTER, "host-a",
            RecordStatus.PARTIAL),
        record("00000000-0000-0000-0000-000000000005", "00000000-0000-0000-0000-000000000001", "fp32", 10, 10,
            Method.COUNTER, "host-a", RecordStatus.COMPLETE));
    RunGroup a = RunGroup.ofRecords("A", records, RecordSelector.parse("name:train,tag:variant=fp32"),
        Basis.perUnits(1000, "unit"));
    // 3600 J / 1000 units · 1000 = 3600 J per 1000 units; 1800 J / 250 units · 1000 = 7200
    assertEquals(List.of(3600.0, 7200.0), a.values());
    assertEquals("J per 1000 units", a.basis().unit());
    assertTrue(a.notes().stream().anyMatch(n -> n.contains("1 partial")), a.notes().toString());
    assertTrue(a.notes().stream().anyMatch(n -> n.contains("nested")), a.notes().toString());
    assertEquals(List.of("counter"), List.copyOf(a.methods()));
  }

  @Test
  void perUnitFiguresNeedUnits() {
    List<EnergyRecord> records = List.of(run("00000000-0000-0000-0000-000000000001", "fp32", 3600, 0),
        run("00000000-0000-0000-0000-000000000002", "fp32", 1800, 10));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunGroup.ofRecords("A",
        records, RecordSelector.parse("tag:variant=fp32"), Basis.perUnits(1, "unit")));
    assertTrue(String.valueOf(e.getMessage()).contains("1 of 2 runs of A"), e.getMessage());
    RunGroup perRun = RunGroup.ofRecords("A", records, RecordSelector.parse("tag:variant=fp32"), Basis.ofRuns());
    assertEquals(List.of(3600.0, 1800.0), perRun.values());
  }

  @Test
  void badSelectorNamesTheForms() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RecordSelector.parse("variant=fp32"));
    assertTrue(String.valueOf(e.getMessage()).contains("tag:KEY=VALUE"), e.getMessage());
  }

  @Test
  void readsJmhEnergyPerOperation() throws IOException {
    Path f = dir.resolve("jmh.json");
    Files.writeString(f, """
        [ {
          "jmhVersion" : "1.37", "benchmark" : "dev.example.Infer.run", "mode" : "avgt", "forks" : 2,
          "params" : { "dtype" : "int8" },
          "primaryMetric" : { "score" : 1.0, "scoreUnit" : "us/op", "rawData" : [ [ 1.0 ], [ 1.0 ] ] },
          "secondaryMetrics" : {
            "ergon.energy" : { "score" : 3.0, "scoreUnit" : "J (measured)", "rawData" : [ [ 3.0 ], [ 3.0 ] ] },
            "ergon.energy.norm" : { "score" : 2.5, "scoreError" : "NaN", "scoreUnit" : "uJ/op (measured)",
              "rawData" : [ [ 2.0, 3.0 ], [ 2.5, 2.5 ] ] }
          }
        }, {
          "benchmark" : "dev.example.Infer.run", "params" : { "dtype" : "fp32" },
          "secondaryMetrics" : { "ergon.energy.norm" : { "scoreUnit" : "uJ/op (estimated)",
            "rawData" : [ [ 5.0, 6.0 ] ] } }
        } ]
        """);
    RunGroup b = JmhResults.read("B", f, "benchmark:Infer.run,param:dtype=int8", 1000);
    // 2 µJ/op = 2e-6 J/op; per 1000 ops: 2e-3 J
    assertEquals(4, b.values().size());
    assertEquals(2e-3, b.values().get(0), 1e-15);
    assertEquals(3e-3, b.values().get(1), 1e-15);
    assertEquals(List.of("measured"), List.copyOf(b.methods()));
    assertEquals("J per 1000 ops", b.basis().unit());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JmhResults.read("A", f, null,
        1));
    assertTrue(String.valueOf(e.getMessage()).contains("2 benchmarks match"), e.getMessage());
    RunGroup a = JmhResults.read("A", f, "param:dtype=fp32", 1);
    assertTrue(a.notes().stream().anyMatch(n -> n.contains("one fork")), a.notes().toString());
  }

  @Test
  void notJmhJsonIsNamedWithItsLine() throws IOException {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\n \"x\": 1 }\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JmhResults.read("A", f, null,
        1));
    assertTrue(String.valueOf(e.getMessage()).contains("bad.json:1"), e.getMessage());
  }
}
