package dev.ergon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ergon.Attribution;
import dev.ergon.ChannelEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.ledger.RecordJson;
import dev.ergon.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ergon measure}, run from the built jar as a separate process. */
class MeasureIT {

  /** About half a second of shell arithmetic: CPU work the estimate sees. */
  private static final String BUSY = "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done";

  @Test
  void measuresOnThisMachineWithNoConfigurationAndSaysItEstimated(@TempDir Path home) {
    assumeTrue(Files.isReadable(Path.of("/proc/stat")), "the estimate meter reads /proc (Linux)");
    ErgonProcess.Result r = ErgonProcess.in(home).run("measure", "--", "sh", "-c", BUSY);
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out(), "stdout belongs to the command");
    // The default ledger: $XDG_DATA_HOME/ergon/ledger.jsonl.
    Path ledger = home.resolve("ergon").resolve("ledger.jsonl");
    List<EnergyRecord> records = JsonLinesLedger.read(ledger);
    assertEquals(1, records.size());
    EnergyRecord rec = records.get(0);
    assertEquals("sh", rec.name());
    assertEquals(Attribution.MACHINE, rec.attribution());
    assertTrue(rec.total().compareTo(Energy.ZERO) > 0, "some energy: " + rec);
    ChannelEnergy cpu = rec.channels().stream().filter(c -> c.channel().equals("cpu/model")).findFirst()
        .orElseThrow(() -> new AssertionError("no cpu/model channel in " + rec.channels()));
    assertEquals(Method.MODEL, cpu.method());
    assertEquals("estimate", cpu.meter());
    assertTrue(cpu.relativeUncertainty() > 0);
    assertTrue(cpu.notes().stream().anyMatch(n -> n.startsWith("rung:")), cpu.notes().toString());
    // The summary on stderr says, honestly, that this is an estimate, with its interval and what is missing.
    assertTrue(r.err().contains("ESTIMATED: all of this energy comes from a model"), r.err());
    assertTrue(r.err().contains("95 % interval"), r.err());
    assertTrue(r.err().contains("rung:"), r.err());
    assertTrue(r.err().contains("not measured by powercap"), r.err());
    assertTrue(r.err().contains("appended to " + ledger), r.err());
    // No region: the world average, said so, with how to set one.
    assertTrue(r.err().contains("emissions (Scope 2, location-based): "), r.err());
    assertTrue(r.err().contains("for WORLD"), r.err());
    assertTrue(r.err().contains("no region is set, so this is the WORLD average: pass --region ZONE"), r.err());
  }

  @Test
  void aRegionGoesIntoTheRecordAndTheEmissions(@TempDir Path home) {
    Path ledger = home.resolve("l.jsonl");
    ErgonProcess.Result r = ErgonProcess.in(home).env("ERGON_REGION", "FR").run("measure", "--ledger",
        ledger.toString(), "--", "true");
    assertEquals(0, r.code(), r.err());
    assertEquals("FR", JsonLinesLedger.read(ledger).get(0).region());
    assertTrue(r.err().contains("for FR (national"), r.err());
    assertFalse(r.err().contains("no region is set"), r.err());
  }

  @Test
  void jsonPrintsOnlyTheRecordOnStdout(@TempDir Path home) throws Exception {
    Path ledger = home.resolve("my.jsonl");
    ErgonProcess.Result r = ErgonProcess.in(home).run("measure", "--json", "--ledger", ledger.toString(),
        "--name", "train", "--tag", "model=bert", "--tag", "run=7", "--meter", "estimate", "--",
        "sh", "-c", "echo from-the-command; exit 3");
    assertEquals(3, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(1, lines.size(), "one JSON line and nothing else: " + r.out());
    EnergyRecord rec = new RecordJson().fromJson(lines.get(0));
    assertEquals("train", rec.name());
    assertEquals("bert", rec.tags().get("model").orElseThrow());
    assertEquals("7", rec.tags().get("run").orElseThrow());
    assertEquals(RecordStatus.COMPLETE, rec.status(), rec.problems().toString());
    assertTrue(r.err().contains("from-the-command"), "the command's stdout goes to stderr: " + r.err());
    assertFalse(r.err().contains("ESTIMATED"), "no summary with --json: " + r.err());
    assertEquals(List.of(rec), JsonLinesLedger.read(ledger), "the ledger holds the record printed");
  }

  @Test
  void theCommandsExitCodeIsErgons(@TempDir Path home) {
    ErgonProcess p = ErgonProcess.in(home);
    assertEquals(7, p.run("measure", "--no-ledger", "--", "sh", "-c", "exit 7").code());
    // A command killed by a signal: 128 + 9, as a shell reports it.
    assertEquals(137, p.run("measure", "--no-ledger", "--", "sh", "-c", "kill -9 $$").code());
  }

  @Test
  void processAttributionChargesTheCommandsShare(@TempDir Path home) throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "process attribution reads /proc (Linux)");
    ErgonProcess.Result r = ErgonProcess.in(home).run("measure", "--json", "--no-ledger", "--attribution",
        "process", "--meter", "estimate", "--", "sh", "-c", BUSY);
    assertEquals(0, r.code(), r.err());
    EnergyRecord rec = new RecordJson().fromJson(r.out().strip());
    assertEquals(Attribution.PROCESS, rec.attribution());
    for (ChannelEnergy c : rec.channels()) {
      assertTrue(c.energy().compareTo(c.measured()) <= 0);
      assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("process attribution:")), c.notes().toString());
    }
  }
}
