package dev.ergon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.ChannelEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.ledger.RecordJson;
import dev.ergon.Method;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ergon measure} on a fake powercap tree whose counter the measured command advances itself: the energy
 * measured is exactly the energy the command wrote, across a wraparound of the counter.
 */
class PowercapMeasureIT {

  @Test
  void theMeasuredEnergyIsWhatTheCommandWroteAcrossAWrap(@TempDir Path dir) throws Exception {
    long range = FakePowercapTree.INTEL_RANGE;
    long start = range - 3_000_000; // 3 J before the wrap
    FakePowercapTree tree = FakePowercapTree.withPackage(dir.resolve("powercap"), start);
    Path ledger = dir.resolve("ledger.jsonl");
    // The command advances the counter by 2 J, then by 1 J to the wrap and 2.5 J past it, then by 3.5 J:
    // 2 + (1 + 2.5) + 3.5 = 9 J, read by the sampler every 100 ms in between.
    String script = String.join("; ",
        "sleep 0.4",
        replace(tree.counter(), range - 1_000_000),
        "sleep 0.4",
        replace(tree.counter(), 2_500_000),
        "sleep 0.4",
        replace(tree.counter(), 6_000_000),
        "sleep 0.4");
    ErgonProcess.Result r = ErgonProcess.in(dir).run("measure", "--json", "--ledger", ledger.toString(),
        "--meter", "powercap", "--powercap-root", tree.root().toString(), "--interval", "100ms",
        "--", "sh", "-c", script);
    assertEquals(0, r.code(), r.err());
    EnergyRecord rec = new RecordJson().fromJson(r.out().strip());
    assertEquals(RecordStatus.COMPLETE, rec.status(), rec.problems().toString());
    assertEquals(1, rec.channels().size(), rec.channels().toString());
    ChannelEnergy pkg = rec.channels().get(0);
    assertEquals("cpu/package-0", pkg.channel());
    assertEquals("powercap", pkg.meter());
    assertEquals(Method.COUNTER, pkg.method());
    assertEquals(0, pkg.droppedIntervals());
    assertEquals(Energy.ofMicrojoules(9_000_000), pkg.energy());
    assertEquals(Energy.ofMicrojoules(9_000_000), rec.total());
    assertEquals(List.of(rec), JsonLinesLedger.read(ledger));
  }

  @Test
  void theSummaryCallsACounterACounter(@TempDir Path dir) throws Exception {
    FakePowercapTree tree = FakePowercapTree.withPackage(dir.resolve("powercap"), 1_000_000);
    String script = "sleep 0.2; " + replace(tree.counter(), 5_000_000) + "; sleep 0.2";
    ErgonProcess.Result r = ErgonProcess.in(dir).run("measure", "--no-ledger", "--meter", "powercap",
        "--powercap-root", tree.root().toString(), "--", "sh", "-c", script);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("cpu/package-0"), r.err());
    assertTrue(r.err().contains("hardware counter"), r.err());
    assertTrue(r.err().contains("4.000 J"), r.err());
    assertTrue(!r.err().contains("ESTIMATED"), r.err());
  }

  /**
   * Returns a shell command that sets the fake counter atomically: written beside it, then renamed over it, so the
   * sampler never reads a half-written (empty) file, as {@code echo N > file} would let it between the truncation
   * and the write.
   */
  private static String replace(Path counter, long microjoules) {
    String tmp = counter.resolveSibling(counter.getFileName() + ".next").toString();
    return "printf '%s\\n' " + microjoules + " > '" + tmp + "' && mv -f '" + tmp + "' '" + counter + "'";
  }
}
