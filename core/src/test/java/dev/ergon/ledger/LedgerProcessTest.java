package dev.ergon.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crash safety and multi-JVM appends, with real child JVMs. */
class LedgerProcessTest {

  @TempDir
  Path dir;

  private static Process appender(Path ledger, String prefix, long count) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire may put the module under test on the module path: give the child both paths as its class path.
    String cp = System.getProperty("java.class.path", "");
    String mp = System.getProperty("jdk.module.path");
    if (mp != null && !mp.isEmpty()) {
      cp = mp + File.pathSeparator + cp;
    }
    return new ProcessBuilder(java, "-cp", cp,
        LedgerAppender.class.getName(), ledger.toString(), prefix, Long.toString(count))
        .redirectError(ProcessBuilder.Redirect.appendTo(ledger.resolveSibling(prefix + ".err").toFile()))
        .start();
  }

  @Test
  void everyAcknowledgedRecordSurvivesSigkill() throws Exception {
    Path file = dir.resolve("ledger.jsonl");
    Process p = appender(file, "crash", 0);
    List<String> acked = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        acked.add(line.substring(4));
        if (acked.size() == 200) {
          p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
          break;
        }
      }
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(200, acked.size(), "the child must have acknowledged 200 records before the kill");
    try (JsonLinesLedger reopened = JsonLinesLedger.open(file)) {
      Set<String> ids = new HashSet<>();
      for (EnergyRecord r : reopened.records()) {
        ids.add(r.id());
      }
      assertTrue(ids.containsAll(acked), "missing acknowledged records: " + acked.size() + " acked, "
          + ids.size() + " on disk");
      // Whatever the kill left (a torn tail or nothing), every remaining line parses.
      for (String problem : reopened.problems()) {
        assertTrue(problem.contains("torn"), problem);
      }
    }
    assertTrue(JsonLinesLedger.read(file).size() >= acked.size());
  }

  @Test
  void severalJvmsAppendingToOneFileNeverInterleaveLines() throws Exception {
    Path file = dir.resolve("shared.jsonl");
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ps.add(appender(file, "jvm" + i, 150));
    }
    for (Process p : ps) {
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    }
    for (int i = 0; i < ps.size(); i++) {
      assertEquals(0, ps.get(i).exitValue(), java.nio.file.Files.readString(dir.resolve("jvm" + i + ".err")));
    }
    List<EnergyRecord> all = JsonLinesLedger.read(file); // strict: any interleaving would fail here
    assertEquals(450, all.size());
  }
}
