package dev.ergon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.testing.TraceMeter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's try-with-resources example, compiled and run as written (with a test meter and a temp ledger). */
class ReadmeExampleTest {

  @TempDir
  Path dir;

  @Test
  void readmeExampleRuns() {
    TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(1, 0));
    Path ledgerFile = dir.resolve("ledger.jsonl");
    List<Integer> batches = List.of(32, 32, 16);
    EnergyMonitor.Builder builder = EnergyMonitor.builder()
        .providers(List.of(meter.provider(1)))
        .set("ergon.ledger", ledgerFile.toString());
    // --- README example starts here ---
    try (EnergyMonitor monitor = builder.build()) {
      try (Job job = monitor.start("fine-tune", Tags.of("model", "bert-base", "version", "1.4"))) {
        for (int batch : batches) {
          meter.advance(0, 1_000_000); // stands for a training step
          job.addUnits(batch);
        }
      }
    }
    // --- README example ends here ---
    List<EnergyRecord> records = JsonLinesLedger.read(ledgerFile);
    assertEquals(1, records.size());
    assertEquals(80, records.get(0).units());
    assertTrue(records.get(0).total().toMicrojoulesExact() > 0);
  }

  @Test
  void readmeThreadsExampleRuns() throws Exception {
    TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(1, 0));
    List<List<Integer>> shards = List.of(List.of(1, 2), List.of(3), List.of(4, 5, 6));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (EnergyMonitor monitor = EnergyMonitor.builder().configuration(Configuration.empty())
        .providers(List.of(meter.provider(1))).noLedger().shutdownHook(false).build()) {
      Job outer;
      // --- README example starts here ---
      try (Job epoch = monitor.start("epoch", Tags.of("model", "bert-base"))) {
        ExecutorService workers = epoch.wrap(pool);            // also wrap(Executor), wrap(Runnable), wrap(Callable)
        workers.invokeAll(shards.stream().map(s -> (Callable<Long>) () -> {
          try (Job shard = monitor.start("shard")) {           // a child of the epoch, on a pool thread
            long n = predict(s);
            shard.addUnits(n);
            return n;
          }
        }).toList());
      // --- README example ends here ---
        outer = epoch;
      }
      assertEquals(6, outer.record().orElseThrow().units(), "the shards' units roll up into the epoch");
    } finally {
      pool.shutdownNow();
    }
  }

  private static long predict(List<Integer> shard) {
    return shard.size();
  }
}
