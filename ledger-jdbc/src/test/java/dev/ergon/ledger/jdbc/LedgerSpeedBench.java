package dev.ergon.ledger.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.ReportFormat;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.ledger.LedgerReader;
import dev.ergon.ledger.SyncPolicy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reproducible speed harness on loopback (not part of the suite: run it by name):
 * <pre>
 * mvn -B -o -q verify -pl core,accounting,ledger-jdbc -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=LedgerSpeedBench -Dergon.bench.records=1000000
 * </pre>
 * Prints its figures to {@code target/failsafe-reports/dev.ergon.ledger.jdbc.LedgerSpeedBench-output.txt}.
 */
class LedgerSpeedBench {
  @TempDir Path dir;

  private static void print(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }

  @Test
  void appendThroughputAndReportFromDatabaseVersusFile() throws Exception {
    int records = Integer.getInteger("ergon.bench.records", 200_000);
    PostgresServer pg = PostgresServer.shared();
    pg.createDatabase("bench");
    JdbcLedgerSettings owner = JdbcLedgerSettings.of(pg.url("bench"), PostgresServer.ADMIN,
        PostgresServer.ADMIN_PASSWORD, dir.resolve("s.jsonl")).withMigrate(true);
    print("machine: %d CPUs, load average %.1f (shared)", Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    try (JdbcLedger db = JdbcLedger.open(owner)) {
      // 1. batched append: concurrent appenders (16 threads) grouped by the writer thread
      int concurrent = Math.min(records, 40_000);
      com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      long jvm0 = os.getProcessCpuTime();
      long db0 = pg.cpuMillis();
      AtomicLong next = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int t = 0; t < 16; t++) {
        threads.add(new Thread(() -> {
          for (long n; (n = next.getAndIncrement()) < concurrent; ) {
            db.append(TestRecords.complete(1, n));
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      double s1 = (System.nanoTime() - t0) / 1e9;
      print("append, 16 threads, one record per call: %d records in %.2f s = %.0f records/s; CPU per record: JVM "
          + "%.0f µs, database %.0f µs", concurrent, s1, concurrent / s1,
          (os.getProcessCpuTime() - jvm0) / 1e3 / concurrent, (pg.cpuMillis() - db0) * 1e3 / concurrent);

      // 2. bulk store (what ledger sync does), batches of JdbcLedger.MAX_BATCH; the same records to a file
      Path file = dir.resolve("bench.jsonl");
      long storeNanos = 0;
      long fileNanos = 0;
      long storeJvmNanos = 0;
      long storeDbMillis = 0;
      try (JsonLinesLedger f = JsonLinesLedger.open(file, SyncPolicy.parse("async:1s"))) {
        for (long n = 0; n < concurrent; n++) {
          f.append(TestRecords.complete(1, n));
        }
        List<EnergyRecord> batch = new ArrayList<>(JdbcLedger.MAX_BATCH);
        for (long n = concurrent; n < records; n++) {
          EnergyRecord r = TestRecords.complete(2, n);
          batch.add(r);
          if (batch.size() == JdbcLedger.MAX_BATCH || n == records - 1) {
            long a = System.nanoTime();
            long cpu = os.getProcessCpuTime();
            long dbCpu = pg.cpuMillis();
            db.store(batch);
            storeNanos += System.nanoTime() - a;
            storeJvmNanos += os.getProcessCpuTime() - cpu;
            storeDbMillis += pg.cpuMillis() - dbCpu;
            a = System.nanoTime();
            for (EnergyRecord x : batch) {
              f.append(x);
            }
            fileNanos += System.nanoTime() - a;
            batch.clear();
          }
        }
      }
      long bulk = (long) records - concurrent;
      if (bulk > 0) {
        print("store, batches of %d: %d records in %.2f s = %.0f records/s (JSON Lines file, async sync: %.0f "
            + "records/s); CPU per record: JVM %.0f µs, database %.0f µs", JdbcLedger.MAX_BATCH, bulk,
            storeNanos / 1e9, bulk / (storeNanos / 1e9), bulk / (fileNanos / 1e9), storeJvmNanos / 1e3 / bulk,
            storeDbMillis * 1e3 / bulk);
      }

      // 3. the report from the database and from the file, same records
      long a = System.nanoTime();
      String fileReport = ReportFormat.JSON.toString(Scope2.calculator(EmissionFactors.bundled()).calculate(
          LedgerReader.read(List.of(file), true).records()));
      double fileSeconds = (System.nanoTime() - a) / 1e9;
      a = System.nanoTime();
      List<EnergyRecord> fromDb = db.records();
      String dbReport = ReportFormat.JSON.toString(Scope2.calculator(EmissionFactors.bundled()).calculate(fromDb));
      double dbSeconds = (System.nanoTime() - a) / 1e9;
      assertEquals(records, fromDb.size());
      assertEquals(fileReport, dbReport);
      print("report over %d records: from the file %.2f s, from the database (records streamed) %.2f s; equal "
          + "byte for byte", records, fileSeconds, dbSeconds);

      // 4. the zone x hour x group aggregation in SQL alone (what a pushdown sends back instead of records)
      a = System.nanoTime();
      long cells = 0;
      try (Connection c = pg.admin("bench"); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT r.region, date_trunc('hour', b.bucket_start AT TIME ZONE 'UTC'), "
              + "r.host, r.tags, sum(b.energy_uj) FROM ergon_buckets b JOIN ergon_records r ON r.id = b.record_id "
              + "GROUP BY 1, 2, 3, 4")) {
        while (rs.next()) {
          cells++;
        }
      }
      print("SQL GROUP BY zone x hour x host x tags over the same records: %d cells in %.2f s", cells,
          (System.nanoTime() - a) / 1e9);
    }
  }
}
