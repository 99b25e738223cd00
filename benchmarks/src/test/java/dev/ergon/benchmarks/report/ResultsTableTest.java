package dev.ergon.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

  /** The shape of JMH 1.37's {@code -rf json} output, trimmed to the fields the table reads. */
  private static final String JMH_JSON = """
      [
        {"benchmark": "dev.ergon.benchmarks.RawCounterReadBenchmark.preadParse", "mode": "avgt", "threads": 1,
         "primaryMetric": {"score": 2000.0, "scoreError": 40.0, "scoreUnit": "ns/op"},
         "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 0.05, "scoreError": 0.01, "scoreUnit": "B/op"}}},
        {"benchmark": "dev.ergon.benchmarks.JobBenchmark.openClose8Threads", "mode": "avgt", "threads": 8,
         "primaryMetric": {"score": 300.0, "scoreError": "NaN", "scoreUnit": "us/op"},
         "secondaryMetrics": {}},
        {"benchmark": "dev.ergon.benchmarks.LedgerAppendBenchmark.append", "mode": "thrpt", "threads": 1,
         "params": {"ledger": "memory"},
         "primaryMetric": {"score": 1000.0, "scoreError": 100.0, "scoreUnit": "ops/ms"}},
        {"benchmark": "dev.ergon.benchmarks.WorkloadBenchmark.cpuBound", "mode": "avgt", "threads": 1,
         "params": {"insideJob": "false"},
         "primaryMetric": {"score": 100.0, "scoreError": 3.0, "scoreUnit": "us/op"}},
        {"benchmark": "dev.ergon.benchmarks.WorkloadBenchmark.cpuBound", "mode": "avgt", "threads": 1,
         "params": {"insideJob": "true"},
         "primaryMetric": {"score": 101.0, "scoreError": 4.0, "scoreUnit": "us/op"}},
        {"benchmark": "dev.ergon.benchmarks.AccountingBenchmark.scope2", "mode": "ss", "threads": 1,
         "params": {"records": "1000000", "instruments": "none"},
         "primaryMetric": {"score": 2500.0, "scoreError": 100.0, "scoreUnit": "ms/op"},
         "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 1.5E9, "scoreError": 1.0, "scoreUnit": "B/op"}}}
      ]
      """;

  private static final String SAMPLER_JSON = """
      [ {"periodNanos": 1000000000, "wallNanos": 10000000000, "ticks": 10, "cpuNanos": 500000,
         "cpuShare": 0.00005, "cpuNanosPerTick": 50000.0} ]
      """;

  private static List<JmhResult> results() throws IOException {
    return JmhResult.readAll(new ByteArrayInputStream(JMH_JSON.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsScoresErrorsParamsAndAllocation() throws IOException {
    List<JmhResult> r = results();
    assertEquals(6, r.size());
    assertEquals(2000.0, r.get(0).nanosPerOp());
    assertEquals(0.05, r.get(0).allocBytesPerOp());
    assertEquals(8, r.get(1).threads());
    assertEquals(300_000.0, r.get(1).nanosPerOp(), 1e-6, "300 µs");
    assertTrue(Double.isNaN(r.get(1).error()), "JMH writes \"NaN\" when one iteration gives no error");
    assertTrue(Double.isNaN(r.get(1).allocBytesPerOp()));
    assertEquals(1000.0, r.get(2).nanosPerOp(), 1e-9, "1000 ops/ms is 1 µs per op");
    assertEquals(100.0, r.get(2).errorNanosPerOp(), 1e-9, "10 % of the score is 10 % of the time");
    assertEquals("memory", r.get(2).params().get("ledger"));
  }

  @Test
  void rendersRatiosAgainstThePreadFloor() throws IOException {
    String md = ResultsTable.render(results(), null);
    assertTrue(md.contains("| RawCounterReadBenchmark.preadParse |  | 1 | 2.00 µs | 40.0 ns | 500,000 | 1.00× | 0 B |"),
        md);
    // 300 µs / 2 µs = 150
    assertTrue(md.contains("| JobBenchmark.openClose8Threads |  | 8 | 300 µs | – | 3,333 | 150× | – |"), md);
    // 1 µs / 2 µs = 0.5
    assertTrue(md.contains("| LedgerAppendBenchmark.append | ledger=memory | 1 | 1.00 µs | 100 ns | 1,000,000 | 0.50× |"),
        md);
    // (101 − 100) / 100 = +1 %, error hypot(3, 4) = 5 µs = 5 %
    assertTrue(md.contains("CPU-bound workload inside an open job: +1.00 % ± 5.00 % (99.9 %) against no monitor, "
        + "within the error."), md);
  }

  @Test
  void derivesRecordsPerSecondAndBytesPerRecordForAccounting() throws IOException {
    String md = ResultsTable.render(results(), null);
    // 1 000 000 records in 2.5 s = 400 000 records/s; 1.5 GB / 1 000 000 = 1 500 B per record
    assertTrue(md.contains("AccountingBenchmark.scope2 (records=1000000, instruments=none) over 1,000,000 records: "
        + "2.50 s per report, 400,000 records/s, 1,500 B allocated per record."), md);
  }

  @Test
  void rendersTheSamplerTable() throws IOException {
    Object sampler = JsonTree.read(new ByteArrayInputStream(SAMPLER_JSON.getBytes(StandardCharsets.UTF_8)));
    String md = ResultsTable.render(results(), sampler);
    assertTrue(md.contains("| 1.00 s | 10.0 s | 10 | 500 µs | 0.0050 % | 50.0 µs |"), md);
  }

  @Test
  void listsTheFloorFirst() throws IOException {
    List<JmhResult> reversed = new java.util.ArrayList<>(results());
    java.util.Collections.reverse(reversed);
    String md = ResultsTable.render(reversed, null);
    assertTrue(md.indexOf("RawCounterReadBenchmark.preadParse") < md.indexOf("JobBenchmark"), md);
  }

  @Test
  void withoutTheFloorTheRatioIsADash() throws IOException {
    String md = ResultsTable.render(results().subList(1, 2), null);
    assertTrue(md.contains("| 3,333 | – | – |"), md);
  }

  @Test
  void formatsTimesWithThreeSignificantFigures() {
    assertEquals("5.00 ns", ResultsTable.time(5));
    assertEquals("812 ns", ResultsTable.time(812));
    assertEquals("3.41 µs", ResultsTable.time(3_410));
    assertEquals("12.5 ms", ResultsTable.time(12_500_000));
    assertEquals("1.20 s", ResultsTable.time(1.2e9));
    assertEquals("1,234×", ResultsTable.ratio(1234));
    assertEquals("0.400", ResultsTable.rate(0.4));
    assertEquals("1,032,445", ResultsTable.rate(1_032_445.2));
  }

  @Test
  void rejectsWhatIsNotJmhJson() {
    assertThrows(IOException.class,
        () -> JmhResult.readAll(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))));
    assertThrows(IOException.class,
        () -> JmhResult.readAll(new ByteArrayInputStream("[{\"benchmark\":\"x\"}]".getBytes(StandardCharsets.UTF_8))));
  }
}
