package dev.ergon.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import dev.ergon.Job;
import dev.ergon.benchmarks.fixture.ScratchDirectory;
import dev.ergon.ledger.JsonLinesLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every benchmark's setup, body and teardown once or a few times outside JMH, so that a benchmark that would
 * fail, or measure something other than it claims, fails the build instead.
 */
class BenchmarkStatesTest {

  @TempDir
  Path tmp;

  @Test
  void bothRawReadsReturnTheCounter() throws IOException {
    RawCounterReadBenchmark b = new RawCounterReadBenchmark();
    b.setUp();
    try {
      assertEquals(123_456_789_012L, b.preadParse());
      assertEquals(123_456_789_012L, b.readStringParse());
    } finally {
      b.tearDown();
    }
  }

  @Test
  void openCloseProducesACompleteRecordWithThreeChannels() {
    JobBenchmark b = new JobBenchmark();
    b.setUp();
    try {
      for (Job job : List.of(b.openClose1Thread(), b.openClose2Threads(), b.openClose8Threads())) {
        assertFalse(job.isOpen());
        EnergyRecord r = job.record().orElseThrow();
        assertTrue(r.isComplete(), r.problems().toString());
        assertEquals(3, r.channels().size());
        assertTrue(r.parentId() == null, "a top-level job");
      }
    } finally {
      b.tearDown();
    }
  }

  @Test
  void nestedJobIsAChildOfTheOpenParent() {
    JobBenchmark b = new JobBenchmark();
    b.setUp();
    try {
      JobBenchmark.ParentJob parent = new JobBenchmark.ParentJob();
      parent.open(b);
      Job child = b.nestedOpenClose(parent);
      assertEquals(parent.job.id(), child.record().orElseThrow().parentId());
      assertTrue(parent.job.isOpen(), "closing the child leaves the parent open");
      parent.close();
      assertFalse(parent.job.isOpen());
    } finally {
      b.tearDown();
    }
  }

  @Test
  void samplerTickRunsWithAndWithoutAnOpenJob() {
    for (int open : new int[] {0, 1}) {
      SamplerTickBenchmark b = new SamplerTickBenchmark();
      b.openJobs = open;
      b.setUp();
      b.sample();
      b.sample();
      b.tearDown();
    }
  }

  @Test
  void theWorkloadComputesTheSameInsideAJob() {
    long[] results = new long[2];
    for (int i = 0; i < 2; i++) {
      WorkloadBenchmark b = new WorkloadBenchmark();
      b.insideJob = i == 1;
      b.setUp();
      b.openJob();
      results[i] = b.cpuBound();
      b.closeJob();
      b.tearDown();
    }
    assertEquals(results[0], results[1]);
    assertEquals(WorkloadBenchmark.work(42), results[0]);
  }

  @Test
  void inMemoryLedgerAppendsPastOnePoolByReplacingTheLedger() throws IOException {
    LedgerAppendBenchmark b = new LedgerAppendBenchmark();
    b.ledger = "memory";
    b.setUp();
    for (int i = 0; i < LedgerAppendBenchmark.POOL + 10; i++) {
      b.append();
    }
    b.tearDown();
  }

  @Test
  void fileLedgersWriteOneLinePerRecordAndCleanUp() throws IOException {
    String previous = System.getProperty(ScratchDirectory.DISK_PROPERTY);
    System.setProperty(ScratchDirectory.DISK_PROPERTY, tmp.toString());
    try {
      for (String kind : new String[] {"jsonl-record", "jsonl-group", "jsonl-async-100ms"}) {
        LedgerAppendBenchmark b = new LedgerAppendBenchmark();
        b.ledger = kind;
        b.setUp();
        for (int i = 0; i < 5; i++) {
          b.append();
        }
        Path file;
        try (Stream<Path> s = Files.walk(tmp)) {
          file = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
        assertEquals(5, JsonLinesLedger.readLenient(file).records().size(), kind);
        b.tearDown();
        try (Stream<Path> s = Files.list(tmp)) {
          assertEquals(0, s.count(), kind + ": the scratch directory is deleted");
        }
      }
    } finally {
      if (previous == null) {
        System.clearProperty(ScratchDirectory.DISK_PROPERTY);
      } else {
        System.setProperty(ScratchDirectory.DISK_PROPERTY, previous);
      }
    }
  }
}
