package dev.ergon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Open jobs outlive their process: the shutdown hook and checkpoints, in real child JVMs. */
class ShutdownProcessTest {

  @TempDir
  Path dir;

  private Process child(Path ledger, String mode, String checkpoint) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path", "");
    String mp = System.getProperty("jdk.module.path");
    if (mp != null && !mp.isEmpty()) {
      cp = mp + File.pathSeparator + cp;
    }
    return new ProcessBuilder(java, "-cp", cp, MonitorChild.class.getName(), ledger.toString(), mode, checkpoint)
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve(mode + ".err").toFile()))
        .start();
  }

  private static String awaitOpen(Process p) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertTrue(line != null && line.startsWith("OPEN "), "child printed: " + line);
    return line.substring(5);
  }

  /** Every record line as written (checkpoints included), in file order. */
  private static List<EnergyRecord> records(Path ledger) {
    List<EnergyRecord> out = new ArrayList<>();
    dev.ergon.ledger.LedgerReader.forEach(ledger, true, (r, where) -> out.add(r));
    return out;
  }

  private void assertClosedByTheHook(String mode, int exitCode) throws Exception {
    Path ledger = dir.resolve(mode + ".jsonl");
    Process p = child(ledger, mode, "PT1H");
    String id = awaitOpen(p);
    if (mode.equals("wait")) {
      Thread.sleep(300);
      p.destroy(); // SIGTERM
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(exitCode, p.exitValue(), Files.readString(dir.resolve(mode + ".err")));
    List<EnergyRecord> records = records(ledger);
    assertEquals(1, records.size(), records.toString());
    EnergyRecord r = records.get(0);
    assertEquals(id, r.id());
    assertEquals(RecordStatus.PARTIAL, r.status());
    assertTrue(r.problems().contains("process exiting"), r.problems().toString());
    assertEquals(7, r.units());
    assertTrue(r.total().toMicrojoulesExact() >= 300_000, "the energy until exit is kept: " + r.total());
  }

  @Test
  void mainReturningWithAJobOpenWritesItsRecord() throws Exception {
    assertClosedByTheHook("return", 0);
  }

  @Test
  void systemExitWithAJobOpenWritesItsRecord() throws Exception {
    assertClosedByTheHook("exit", 3);
  }

  @Test
  void sigtermWithAJobOpenWritesItsRecord() throws Exception {
    assertClosedByTheHook("wait", 143);
  }

  /** SIGKILL runs no hook: the ledger keeps the energy up to the last checkpoint, under the job's own id. */
  @Test
  void sigkillKeepsTheEnergyUpToTheLastCheckpoint() throws Exception {
    Path ledger = dir.resolve("kill.jsonl");
    Process p = child(ledger, "wait", "PT1S");
    String id = awaitOpen(p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (countLines(ledger) < 3 && System.nanoTime() < deadline) { // the channel table and two checkpoints
      Thread.sleep(50);
    }
    p.destroyForcibly(); // SIGKILL
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    List<EnergyRecord> checkpoints = records(ledger);
    assertTrue(checkpoints.size() >= 2, "at least two checkpoints before the kill: " + checkpoints.size());
    long previous = -1;
    for (EnergyRecord c : checkpoints) {
      assertEquals(id, c.id(), "every checkpoint under the job's own id");
      assertEquals(RecordStatus.OPEN, c.status());
      assertEquals(7, c.units());
      assertTrue(c.total().toMicrojoulesExact() >= previous, "checkpoints only grow");
      previous = c.total().toMicrojoulesExact();
    }
    assertTrue(previous > 500_000, "a second or more of about 1 W: " + previous);
    // Every reader keeps the latest state, once, and reports the job that never closed as partial.
    List<EnergyRecord> read = dev.ergon.ledger.JsonLinesLedger.read(ledger);
    assertEquals(1, read.size(), "one job, counted once: " + read);
    EnergyRecord r = read.get(0);
    assertEquals(RecordStatus.PARTIAL, r.status());
    assertTrue(r.problems().contains(dev.ergon.ledger.RecordSets.DANGLING), r.problems().toString());
    assertEquals(previous, r.total().toMicrojoulesExact(), "its energy up to the last checkpoint");
  }

  private static long countLines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    try (var lines = Files.lines(file)) {
      return lines.count();
    }
  }
}
