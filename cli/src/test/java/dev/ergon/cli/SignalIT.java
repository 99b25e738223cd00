package dev.ergon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.ledger.JsonLinesLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM and SIGINT sent to ergon reach the measured command, and the partial record is still written. */
class SignalIT {

  private static Process startMeasuring(Path dir, Path ledger) throws Exception {
    // The command says it started, then waits; on SIGTERM it leaves a mark and exits 143.
    String script = "trap 'echo term > \"" + dir.resolve("got-term") + "\"; exit 143' TERM; "
        + "echo started > \"" + dir.resolve("started") + "\"; sleep 60 & wait";
    Process p = ErgonProcess.in(dir).start("measure", "--ledger", ledger.toString(), "--name", "long",
        "--", "sh", "-c", script);
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!Files.exists(dir.resolve("started"))) {
      if (System.nanoTime() > deadline || !p.isAlive()) {
        p.destroyForcibly();
        fail("the measured command did not start");
      }
      Thread.sleep(50);
    }
    Thread.sleep(300);
    return p;
  }

  private static void signal(Process p, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
    assertEquals(0, kill.waitFor());
  }

  private static void assertPartialRecord(Path ledger) {
    List<EnergyRecord> records = JsonLinesLedger.read(ledger);
    assertEquals(1, records.size(), records.toString());
    EnergyRecord r = records.get(0);
    assertEquals("long", r.name());
    assertEquals(RecordStatus.PARTIAL, r.status());
    assertTrue(r.duration().toMillis() >= 300, r.duration().toString());
  }

  @Test
  void sigtermReachesTheCommandAndThePartialRecordIsWritten(@TempDir Path dir) throws Exception {
    Path ledger = dir.resolve("ledger.jsonl");
    Process p = startMeasuring(dir, ledger);
    signal(p, "TERM"); // to ergon's JVM only (Process.destroy() would also close the pipes read here)
    ErgonProcess.Result r = ErgonProcess.finish(p, 30);
    assertEquals(143, r.code(), r.err());
    assertTrue(Files.exists(dir.resolve("got-term")), "the command received SIGTERM: " + r.err());
    assertTrue(r.err().contains("interrupted by a signal"), r.err());
    assertPartialRecord(ledger);
  }

  @Test
  void sigintEndsTheRunWithThePartialRecord(@TempDir Path dir) throws Exception {
    Path ledger = dir.resolve("ledger.jsonl");
    Process p = startMeasuring(dir, ledger);
    signal(p, "INT");
    ErgonProcess.Result r = ErgonProcess.finish(p, 30);
    assertEquals(130, r.code(), r.err());
    assertTrue(Files.exists(dir.resolve("got-term")), "the command was asked to stop: " + r.err());
    assertPartialRecord(ledger);
  }
}
