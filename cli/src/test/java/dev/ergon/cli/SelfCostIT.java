package dev.ergon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.ChannelEnergy;
import dev.ergon.EnergyRecord;
import dev.ergon.ledger.JsonLinesLedger;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record and the summary say how much CPU ergon itself used while the command ran. */
class SelfCostIT {

  private static final Pattern STEADY = Pattern.compile("([0-9.]+) % after the first second");

  /** The record's self CPU time: set, positive, and no longer than the record's wall time times the CPUs. */
  private static void checkSelfCpu(EnergyRecord r) {
    java.time.Duration self = java.util.Objects.requireNonNull(r.selfCpu(), "the record has no self CPU time");
    assertTrue(!self.isZero() && !self.isNegative(), "self CPU " + self);
    long cpus = Runtime.getRuntime().availableProcessors();
    assertTrue(self.compareTo(r.duration().plusSeconds(1).multipliedBy(cpus)) <= 0, self + " over " + r.duration());
    for (ChannelEnergy c : r.channels()) {
      assertTrue(c.notes().stream().noneMatch(n -> n.startsWith("ergon itself:")), "no per-channel note any more: "
          + c.notes());
    }
  }

  private static String selfLine(String err) {
    return err.lines().filter(l -> l.startsWith("  ergon itself: ")).findFirst()
        .orElseThrow(() -> new AssertionError("no self-cost line in the summary: " + err));
  }

  @Test
  void machineAttributionChargesItAndSaysHowMuch(@TempDir Path dir) {
    Path ledger = dir.resolve("l.jsonl");
    ErgonProcess.Result r = ErgonProcess.in(dir).run("measure", "--ledger", ledger.toString(), "--", "sleep", "4");
    assertEquals(0, r.code(), r.err());
    List<EnergyRecord> records = JsonLinesLedger.read(ledger);
    checkSelfCpu(records.get(0));
    String note = selfLine(r.err());
    assertTrue(note.endsWith("its energy is inside this figure, which charges the whole machine"), note);
    Matcher m = STEADY.matcher(note);
    assertTrue(m.find(), note);
    // The goal is 1 % of one core at the default period (with the launcher's flags); this guards against a gross
    // regression on a loaded test machine without the launcher.
    assertTrue(Double.parseDouble(m.group(1)) <= 10.0, note);
  }

  @Test
  void processAttributionLeavesItOut(@TempDir Path dir) {
    Path ledger = dir.resolve("l.jsonl");
    ErgonProcess.Result r = ErgonProcess.in(dir).run("measure", "--attribution", "process", "--ledger",
        ledger.toString(), "--", "sleep", "1");
    assertEquals(0, r.code(), r.err());
    checkSelfCpu(JsonLinesLedger.read(ledger).get(0));
    String note = selfLine(r.err());
    assertTrue(note.endsWith("left out of this energy, which charges only the command's processes"), note);
  }
}
