package dev.ergon.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Crash safety and concurrent appends from threads, ledger objects and JVMs, with real child JVMs. */
class LedgerProcessTest {

  @TempDir
  Path dir;

  /**
   * The promise every mode makes to a process crash: an acknowledged record is in the file (record and group have
   * forced it; async has written it to the operating system, which a SIGKILL does not undo).
   */
  @ParameterizedTest
  @ValueSource(strings = {"record", "group", "async:50ms"})
  void everyAcknowledgedRecordSurvivesSigkill(String mode) throws Exception {
    Path file = dir.resolve("ledger.jsonl");
    Process p = ChildJvm.appender(file, 1, 0, mode);
    List<String> acked = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        acked.add(line.substring(4));
        if (acked.size() == 150) {
          p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
          break;
        }
      }
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(150, acked.size(), "the child must have acknowledged 150 records before the kill: "
        + Files.readString(dir.resolve("writer1.err")));
    JsonLinesLedger.ReadResult r = JsonLinesLedger.readLenient(file);
    Set<String> ids = ids(r.records());
    assertTrue(ids.containsAll(acked), "missing acknowledged records: " + acked.size() + " acked, "
        + ids.size() + " on disk");
    for (String problem : r.problems()) {
      assertTrue(problem.contains("no newline"), problem); // at most a torn, never acknowledged last line
    }
    try (JsonLinesLedger reopened = JsonLinesLedger.open(file)) {
      reopened.append(Records.sample(Records.id(9, 0), 1)); // the torn tail, if any, is set aside first
    }
    assertEquals(ids.size() + 1, JsonLinesLedger.read(file).size());
  }

  /**
   * Issue #12, item 1: readers closing their descriptors, a third ledger object opened and closed in a loop, two
   * ledger objects with two threads each, and three other JVMs, all on one file: every acknowledged id is there
   * exactly once and every line parses (strictly) at every moment.
   */
  @Test
  void appendsFromThreadsObjectsAndJvmsNeverInterleaveOrLoseAnAcknowledgedRecord() throws Exception {
    Path file = dir.resolve("shared.jsonl");
    List<Process> jvms = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      jvms.add(ChildJvm.appender(file, 10 + i, 150, i == 2 ? "async:20ms" : "group"));
    }
    Set<String> acked = Collections.synchronizedSet(new HashSet<>());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    Thread reader = new Thread(() -> {
      while (!done.get()) {
        try {
          JsonLinesLedger.read(file); // strict: an interleaved or torn-then-continued line fails here
          try (JsonLinesLedger churn = JsonLinesLedger.open(file)) {
            churn.problems(); // opened and closed: its lock descriptor must not drop the others' lock
          }
          reads.incrementAndGet();
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      }
    });
    try (JsonLinesLedger a = JsonLinesLedger.open(file, SyncPolicy.GROUP);
        JsonLinesLedger b = JsonLinesLedger.open(file, SyncPolicy.RECORD)) {
      reader.start();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        JsonLinesLedger l = t % 2 == 0 ? a : b;
        int writer = t;
        threads.add(new Thread(() -> {
          for (int i = 0; i < 150; i++) {
            String id = Records.id(writer, i);
            l.append(Records.sample(id, i));
            acked.add(id);
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join(60_000);
      }
    }
    for (int i = 0; i < jvms.size(); i++) {
      Process p = jvms.get(i);
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          acked.add(line.substring(4));
        }
      }
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), Files.readString(dir.resolve("writer" + (10 + i) + ".err")));
    }
    done.set(true);
    reader.join(30_000);
    if (failure.get() != null) {
      throw new AssertionError("a concurrent strict read failed", failure.get());
    }
    assertTrue(reads.get() > 0, "the reader must have run");
    assertEquals(1050, acked.size());
    List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.contains("\"type\":\"channels\""))
        .toList();
    assertEquals(1050, lines.size(), "one line per acknowledged record, none lost, none doubled");
    assertEquals(acked, ids(JsonLinesLedger.read(file)));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(), s.filter(f -> f.getFileName().toString().contains(".torn-")).toList());
    }
  }

  /**
   * Issue #12, items 2 to 4: appending to a ledger, then streaming it back, in a JVM whose heap (24 MiB) is far
   * smaller than the file (about 27 MB) and far smaller than the records as objects: nothing appended is retained and reading holds one line.
   */
  @Test
  void appendingAndStreamingRunInFlatMemory() throws Exception {
    Path file = dir.resolve("big.jsonl");
    Process p = ChildJvm.start(dir.resolve("flat.err"), List.of("-Xmx24m"), FlatMemoryMain.class,
        file.toString(), "60000");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("flat.err")));
    assertEquals("streamed 60000", out.strip());
    assertTrue(Files.size(file) > 24L << 20, "the file must outweigh the heap: " + Files.size(file));
  }

  private static Set<String> ids(List<EnergyRecord> records) {
    Set<String> ids = new HashSet<>();
    for (EnergyRecord r : records) {
      ids.add(r.id());
    }
    return ids;
  }

}
