package dev.ergon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.ledger.JsonLinesLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM and SIGINT sent to ergon reach the measured command, and the partial record is still written. */
class SignalIT {

  /**
   * What the JDK 17 launcher prints on stdout, before exiting 1, when SIGTERM arrives between its own initialisation
   * phases 1 and 2 ({@code InternalError: Bad level: 2} in {@code System.initPhase2}): the JVM's shutdown has moved
   * its init level on, so it cannot finish starting. No Ergon code has run then and no command has started; it is a
   * JDK start-up race that the test sees on a loaded machine, about once in a hundred signals aimed at the first 300
   * ms, and not a way for Ergon to lose a record.
   */
  private static final String JVM_INIT_FAILURE = "Error occurred during initialization of VM";

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
    assertEquals(List.of("terminated by SIGTERM"), JsonLinesLedger.read(ledger).get(0).problems());
  }

  @Test
  void theCommandsWholeProcessGroupIsStopped(@TempDir Path dir) throws Exception {
    // A process the command started and left (its parent exits, so it is no longer a descendant) stays in the group.
    Path orphan = dir.resolve("orphan");
    Path ledger = dir.resolve("ledger.jsonl");
    String script = "(sleep 120 & echo $! > \"" + orphan + "\"); echo started > \"" + dir.resolve("started")
        + "\"; sleep 60";
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
    long orphanPid = Long.parseLong(Files.readString(orphan).trim());
    try {
      signal(p, "TERM");
      ErgonProcess.Result r = ErgonProcess.finish(p, 30);
      assertEquals(143, r.code(), r.err());
      ProcessHandle h = ProcessHandle.of(orphanPid).orElse(null);
      if (h != null) {
        h.onExit().get(5, TimeUnit.SECONDS); // signalled: gone at once
      }
    } finally {
      ProcessHandle.of(orphanPid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aSignalAtAnyMomentOfStartUpOrphansNothingAndLosesNoRecordOfAStartedCommand(@TempDir Path dir)
      throws Exception {
    // Ergon is signalled at staggered moments of its start-up; whatever the moment, a command that started is
    // stopped, and then the run's record says which signal ended it.
    int runs = 6;
    List<Process> ergons = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      Path d = Files.createDirectory(dir.resolve("run" + i));
      dirs.add(d);
      ergons.add(ErgonProcess.in(d).start("measure", "--ledger", d.resolve("ledger.jsonl").toString(), "--name",
          "early", "--", "sh", "-c", "echo $$ > \"" + d.resolve("pid") + "\"; exec sleep 60"));
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      long at = t0 + (200L + 400L * i) * 1_000_000L;
      long wait = at - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000);
      }
      signal(ergons.get(i), "TERM");
    }
    int jvmInitFailures = 0;
    for (int i = 0; i < runs; i++) {
      ErgonProcess.Result r = ErgonProcess.finish(ergons.get(i), 60);
      Path pid = dirs.get(i).resolve("pid");
      if (r.code() == 1 && r.out().startsWith(JVM_INIT_FAILURE)) {
        // The signal came before any Ergon code ran (see JVM_INIT_FAILURE): nothing can have started.
        assertTrue(!Files.exists(pid), "run " + i + ": the JVM failed to start, yet the command ran");
        jvmInitFailures++;
        continue;
      }
      assertEquals(143, r.code(), "run " + i + ": stdout: " + r.out() + "; stderr: " + r.err());
      if (Files.exists(pid) && !Files.readString(pid).isBlank()) {
        long childPid = Long.parseLong(Files.readString(pid).trim());
        ProcessHandle child = ProcessHandle.of(childPid).orElse(null);
        try {
          assertTrue(child == null || !child.isAlive() || child.onExit().get(5, TimeUnit.SECONDS) != null,
              "run " + i + ": the command outlived ergon");
        } finally {
          ProcessHandle.of(childPid).ifPresent(ProcessHandle::destroyForcibly);
        }
        List<EnergyRecord> records = JsonLinesLedger.read(dirs.get(i).resolve("ledger.jsonl"));
        assertEquals(1, records.size(), "run " + i + ": " + r.err());
        assertEquals(RecordStatus.PARTIAL, records.get(0).status());
        assertEquals(List.of("terminated by SIGTERM"), records.get(0).problems());
      }
    }
    assertTrue(jvmInitFailures < runs, "every run was signalled while its JVM was still initialising");
  }

  /**
   * Tells whether this JVM was started with SIGINT ignored (as a shell does for a job it starts in the background
   * without job control, e.g. {@code nohup mvn verify &} in a script). A child inherits the disposition, and a JVM
   * started with SIGINT ignored keeps ignoring it, as POSIX asks, so the test below cannot signal it.
   */
  private static boolean sigintIgnoredHere() throws java.io.IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & (1L << (2 - 1))) != 0;
      }
    }
    return false;
  }

  @Test
  void sigintEndsTheRunWithThePartialRecord(@TempDir Path dir) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(sigintIgnoredHere(),
        "SIGINT is ignored by this JVM (started in the background without job control), and so by ergon");
    Path ledger = dir.resolve("ledger.jsonl");
    Process p = startMeasuring(dir, ledger);
    signal(p, "INT");
    ErgonProcess.Result r = ErgonProcess.finish(p, 30);
    assertEquals(130, r.code(), r.err());
    assertTrue(Files.exists(dir.resolve("got-term")), "the command was asked to stop: " + r.err());
    assertPartialRecord(ledger);
  }
}
