package dev.ergon.ledger.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.ChannelKind;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import dev.ergon.accounting.ReportFormat;
import dev.ergon.accounting.cells.ConsumptionCells;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.ledger.LedgerReader;
import dev.ergon.ledger.SyncPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reproducible harness for the report over a large database ledger (not part of the suite: run it by name):
 * <pre>
 * mvn -B -o -q verify -pl core,accounting,ledger-jdbc -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=PushdownReportBench -Dergon.bench.records=10000000 -Dergon.bench.fileRecords=1000000
 * </pre>
 * Stores {@code ergon.bench.records} records (a year of one- and two-hour jobs on 50 hosts, 4 regions, 20 models),
 * then times the Scope 2 report with the cells aggregated in SQL ({@link JdbcLedger#cells()}). While the ledger
 * holds at most {@code ergon.bench.fileRecords} records, the same records also go to a JSON Lines file, and the
 * report from the file is timed and compared: equal apart from the input digest. Prints to
 * {@code target/failsafe-reports/dev.ergon.ledger.jdbc.PushdownReportBench-output.txt}.
 */
class PushdownReportBench {
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
  private static final @Nullable String[] REGIONS = {"DE", "FR", "PL", null};

  @TempDir Path dir;

  private static void print(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  static EnergyRecord record(long n) {
    Instant start = BASE.plusSeconds(3600 * (n % 8760) + n % 3000);
    int hours = (int) (n % 2) + 1;
    long perHour = 1_000_000 + n * 7919 % 900_000_000;
    Instant hour0 = BASE.plusSeconds(3600 * (n % 8760));
    List<BucketEnergy> buckets = new ArrayList<>();
    for (int h = 0; h < hours; h++) {
      buckets.add(new BucketEnergy(hour0.plusSeconds(3600L * h), hour0.plusSeconds(3600L * (h + 1)),
          Energy.ofMicrojoules(perHour)));
    }
    Energy total = Energy.ofMicrojoules(perHour * hours);
    @Nullable String region = REGIONS[(int) (n % 4)];
    return new EnergyRecord(TestRecords.id(7, n), null, "infer", Tags.of("model", "m" + n % 20, "team",
        "t" + n % 5), "host-" + n % 50, region, start, start.plusSeconds(3600L * hours - 3000), n % 1000,
        Attribution.MACHINE,
        List.of(new ChannelEnergy("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "socket 0", Method.COUNTER,
            0.05, total, total, 0, List.of())),
        buckets, RecordStatus.COMPLETE, List.of(), null);
  }

  @Test
  void reportOverALargeDatabaseLedger() throws Exception {
    long records = Long.getLong("ergon.bench.records", 100_000);
    long fileRecords = Long.getLong("ergon.bench.fileRecords", 1_000_000);
    PostgresServer pg = PostgresServer.shared();
    pg.createDatabase("pushdown");
    JdbcLedgerSettings owner = JdbcLedgerSettings.of(pg.url("pushdown"), PostgresServer.ADMIN,
        PostgresServer.ADMIN_PASSWORD, dir.resolve("s.jsonl")).withMigrate(true);
    print("machine: %d CPUs, load average %.1f", Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    @Nullable Path file = records <= fileRecords ? dir.resolve("bench.jsonl") : null;
    try (JdbcLedger db = JdbcLedger.open(owner)) {
      long t0 = System.nanoTime();
      long storeNanos = 0;
      try (JsonLinesLedger f = file == null ? null : JsonLinesLedger.open(file, SyncPolicy.parse("async:1s"))) {
        List<EnergyRecord> batch = new ArrayList<>(JdbcLedger.MAX_BATCH);
        for (long n = 0; n < records; n++) {
          EnergyRecord r = record(n);
          batch.add(r);
          if (f != null) {
            f.append(r);
          }
          if (batch.size() == JdbcLedger.MAX_BATCH || n == records - 1) {
            long a = System.nanoTime();
            db.store(batch);
            storeNanos += System.nanoTime() - a;
            batch.clear();
          }
          if ((n + 1) % 1_000_000 == 0) {
            print("  stored %d records, %.0f s", n + 1, (System.nanoTime() - t0) / 1e9);
          }
        }
      }
      print("store: %d records in %.1f s of store() = %.0f records/s", records, storeNanos / 1e9,
          records / (storeNanos / 1e9));
      try (Connection c = pg.admin("pushdown"); Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE");
        try (ResultSet rs = s.executeQuery("SELECT pg_size_pretty(pg_database_size('pushdown'))")) {
          rs.next();
          print("database size: %s", rs.getString(1));
        }
      }

      System.gc();
      long a = System.nanoTime();
      ConsumptionCells cells = db.cells();
      double cellSeconds = (System.nanoTime() - a) / 1e9;
      Scope2Report fromCells = Scope2.calculator(EmissionFactors.bundled()).pue(1.2).calculate(cells);
      String dbReport = ReportFormat.JSON.toString(fromCells);
      double dbSeconds = (System.nanoTime() - a) / 1e9;
      assertEquals(records, cells.tally().given());
      print("report through pushdown over %d records: %.1f s (cells in SQL %.1f s: %d cells, %d covariances), "
          + "heap used after: %d MiB", records, dbSeconds, cellSeconds, cells.cells().size(),
          cells.covariances().size(), (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);

      if (file != null) {
        print("JSON Lines file: %d MiB", Files.size(file) >> 20);
        System.gc();
        a = System.nanoTime();
        Scope2Report fromFile = Scope2.calculator(EmissionFactors.bundled()).pue(1.2).calculate(
            LedgerReader.read(List.of(file), true).records());
        String fileReport = ReportFormat.JSON.toString(fromFile);
        double fileSeconds = (System.nanoTime() - a) / 1e9;
        print("report from the file over the same records: %.1f s, heap used after: %d MiB", fileSeconds,
            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        assertEquals(fileReport.replace(fromFile.inputDigest(), "DIGEST"),
            dbReport.replace(fromCells.inputDigest(), "DIGEST"));
        print("the two reports are equal apart from the input digest");
      }
    }
  }
}
