package dev.ergon.ledger.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.ergon.accounting.cells.CellInputs;
import dev.ergon.accounting.cells.ConsumptionCells;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.sci.Sci;
import dev.ergon.accounting.sci.SciReport;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.scope2.Scope2Report;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cells aggregated in the database ({@link JdbcLedger#cells()}: SQL {@code GROUP BY} for plain records, Java for
 * job trees and the rest) equal the cells Java aggregates from the same records ({@code ConsumptionCells.of}), on
 * random ledgers that mix every case the rules distinguish: buckets inside and across hours, records without
 * buckets, nanosecond times next to an hour boundary, every status, checkpoints left open, model channels,
 * uncertainties, regions spelled several ways, facility-level tags, job trees and orphans.
 */
class CellPushdownIT {
  private static final Instant BASE = Instant.parse("2026-05-03T00:00:00Z");

  @TempDir Path dir;
  private static PostgresServer pg;

  @BeforeAll
  static void server() {
    pg = PostgresServer.shared();
  }

  private JdbcLedger fresh(String name) throws Exception {
    pg.createDatabase(name);
    JdbcLedgerSettings owner = JdbcLedgerSettings.of(pg.url(name), PostgresServer.ADMIN,
        PostgresServer.ADMIN_PASSWORD, dir.resolve(name + "-spill.jsonl")).withMigrate(true);
    return JdbcLedger.connect(owner);
  }

  @Test
  void cellsFromSqlEqualCellsFromTheRecordsOnRandomLedgers() throws Exception {
    for (long seed : new long[] {1, 2, 3}) {
      try (JdbcLedger db = fresh("cells" + seed)) {
        Random rnd = new Random(seed);
        List<EnergyRecord> written = new ArrayList<>();
        for (int n = 0; n < 250; n++) {
          written.addAll(job(rnd, n));
        }
        db.store(written);
        // jobs that closed after a checkpoint: the final state replaces it
        List<EnergyRecord> finals = new ArrayList<>();
        for (EnergyRecord r : written) {
          if (r.status() == RecordStatus.OPEN && rnd.nextBoolean()) {
            finals.add(closed(r));
          }
        }
        db.store(finals);

        ConsumptionCells expected = ConsumptionCells.of(db.records());
        ConsumptionCells actual = db.cells();
        assertEquals(expected.tally(), actual.tally(), "seed " + seed + ": tally");
        assertEquals(expected.runs(), actual.runs(), "seed " + seed + ": runs");
        assertEquals(expected.cells(), actual.cells(), "seed " + seed + ": cells");
        assertEquals(expected.covariances(), actual.covariances(), "seed " + seed + ": covariances");
        assertEquals(expected, actual, "seed " + seed);
        assertEquals(expected.digest(), actual.digest());

        long plain = count(db, "SELECT count(*) FROM ergon_records r WHERE r.cell_split AND r.parent_id IS NULL "
            + "AND NOT EXISTS (SELECT 1 FROM ergon_records k WHERE k.parent_id = r.id)");
        long all = count(db, "SELECT count(*) FROM ergon_records");
        assertTrue(plain * 5 > all * 2, "at least 40 % of these records are aggregated in SQL, not in Java: " + plain
            + " of " + all);
        assertTrue(actual.covariances().size() > 10, "multi-hour records make covariances");

        // rows stored before schema 3 have no cell columns: they are aggregated from their lines, same cells
        try (Connection c = java.sql.DriverManager.getConnection(db.settings().url(), PostgresServer.ADMIN,
            PostgresServer.ADMIN_PASSWORD); Statement s = c.createStatement()) {
          s.executeUpdate("UPDATE ergon_records SET cell_split = NULL, cell_region = NULL, cell_level = NULL, "
              + "cell_model_uj = NULL, cell_uncertainty = NULL, cell_whole = NULL, cell_start_ns = NULL, "
              + "cell_end_ns = NULL WHERE id < '0190c000-0000-7000-8000-000000000050'");
        }
        assertTrue(count(db, "SELECT count(*) FROM ergon_records WHERE cell_split IS NULL") > 20);
        assertEquals(expected, db.cells(), "seed " + seed + ", with rows from before schema 3");
      }
    }
  }

  @Test
  void theReportFromSqlCellsIsTheReportFromTheRecordsApartFromTheInputDigest() throws Exception {
    try (JdbcLedger db = fresh("cellsreport")) {
      Random rnd = new Random(42);
      List<EnergyRecord> written = new ArrayList<>();
      for (int n = 0; n < 200; n++) {
        written.addAll(job(rnd, n));
      }
      db.store(written);
      List<EnergyRecord> records = db.records();
      ConsumptionCells cells = db.cells();
      for (ReportFormat format : ReportFormat.values()) {
        Scope2Report a = Scope2.calculator(EmissionFactors.bundled()).pue(1.2).calculate(records);
        Scope2Report b = Scope2.calculator(EmissionFactors.bundled()).pue(1.2).calculate(cells);
        assertEquals(format.toString(a).replace(a.inputDigest(), "DIGEST"),
            format.toString(b).replace(b.inputDigest(), "DIGEST"), format.name());
        SciReport sa = Sci.calculator(EmissionFactors.bundled()).calculate(records);
        SciReport sb = Sci.calculator(EmissionFactors.bundled()).calculate(cells);
        assertEquals(format.toString(sa).replace(sa.inputDigest(), "DIGEST"),
            format.toString(sb).replace(sb.inputDigest(), "DIGEST"), format.name());
      }
    }
  }

  @Test
  void aBucketEndingWithinAMicrosecondOfAnHourIsNotSplitInSql() {
    // Stored as a timestamp (whole µs) this end would round onto the hour and move the bucket's last instant.
    Instant start = BASE.plusSeconds(600);
    Instant end = BASE.plusSeconds(3600).plusNanos(300);
    EnergyRecord r = record("x", null, start, end, List.of(new BucketEnergy(start, end, Energy.ofMicrojoules(5))),
        5, 0, RecordStatus.COMPLETE, "DE", Tags.empty());
    assertEquals(false, CellInputs.of(r).splitInSql());
    Instant end2 = BASE.plusSeconds(3599).plusNanos(999_999_700); // rounds up onto the hour: still inside
    EnergyRecord r2 = record("y", null, start, end2, List.of(new BucketEnergy(start, end2,
        Energy.ofMicrojoules(5))), 5, 0, RecordStatus.COMPLETE, "DE", Tags.empty());
    assertEquals(true, CellInputs.of(r2).splitInSql());
  }

  private static long count(JdbcLedger db, String sql) throws Exception {
    try (Connection c = java.sql.DriverManager.getConnection(db.settings().url(), PostgresServer.ADMIN,
        PostgresServer.ADMIN_PASSWORD); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /* Time-ordered UUIDs: job n, member k of its tree (0 the root). */
  private static String id(int n, int k) {
    return String.format(Locale.ROOT, "0190c000-%04x-7000-8000-%012x", k, n);
  }

  /* One job: usually a plain record; every fifteenth a tree of three or four; every thirteenth an orphan. */
  private static List<EnergyRecord> job(Random rnd, int n) {
    List<EnergyRecord> out = new ArrayList<>();
    @Nullable String parentOfOrphan = n % 13 == 5 ? id(n, 0xffff) : null;
    EnergyRecord root = randomRecord(rnd, id(n, 0), parentOfOrphan);
    out.add(root);
    if (n % 15 == 3 && !root.buckets().isEmpty()) {
      EnergyRecord child = inside(rnd, root, id(n, 1), root.id());
      out.add(child);
      out.add(inside(rnd, root, id(n, 2), root.id()));
      if (!child.buckets().isEmpty()) {
        out.add(inside(rnd, child, id(n, 3), child.id()));
      }
    }
    return out;
  }

  private static EnergyRecord randomRecord(Random rnd, String id, @Nullable String parent) {
    Instant start = BASE.plusSeconds(rnd.nextInt(48) * 3600L + rnd.nextInt(3600))
        .plusNanos(rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(1_000_000_000));
    RecordStatus status = switch (rnd.nextInt(10)) {
      case 0 -> RecordStatus.PARTIAL;
      case 1 -> RecordStatus.FAILED;
      case 2 -> RecordStatus.NO_METER;
      case 3 -> RecordStatus.OPEN;
      default -> RecordStatus.COMPLETE;
    };
    @Nullable String region = switch (rnd.nextInt(5)) {
      case 0 -> null;
      case 1 -> "de";
      case 2 -> "FR";
      default -> "DE";
    };
    Tags tags = switch (rnd.nextInt(6)) {
      case 0 -> Tags.of("model", "bert", "energy.level", "facility");
      case 1 -> Tags.of("model", "llama", "team", "search");
      case 2 -> Tags.of("energy.level", "IT", "model", "bert");
      case 3 -> Tags.empty();
      default -> Tags.of("model", rnd.nextBoolean() ? "bert" : "llama");
    };
    if (status == RecordStatus.NO_METER) {
      Instant end = start.plusSeconds(1 + rnd.nextInt(7200));
      return record(id, parent, start, end, List.of(), 0, 0, status, region, tags);
    }
    List<BucketEnergy> buckets = new ArrayList<>();
    Instant t = start;
    int kind = rnd.nextInt(12); // 0: no buckets, 2: hourly (some across an hour), 3: an end 300 ns past an hour
    if (kind == 0) { // no buckets: one hour or spread over several
      Instant end = start.plusSeconds(rnd.nextBoolean() ? 60 + rnd.nextInt(600) : 3600 + rnd.nextInt(9000));
      long e = rnd.nextInt(3) == 0 ? 0 : 1 + (long) rnd.nextInt(2_000_000_000);
      return record(id, parent, start, end, List.of(), e, rnd.nextInt(3) == 0 ? e / 3 : 0, status, region, tags);
    }
    int count = 1 + rnd.nextInt(kind == 1 ? 3 : 12);
    long total = 0;
    for (int i = 0; i < count; i++) {
      Instant next;
      if (kind == 2) { // up to the next hour boundary, sometimes a little past it (across the hour)
        Instant hour = Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), 3600) * 3600 + 3600);
        next = rnd.nextInt(8) == 0 ? hour.plusSeconds(5) : hour;
      } else if (kind == 3 && i == count - 1) { // ends a few hundred ns past an hour
        next = Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), 3600) * 3600 + 3600).plusNanos(300);
      } else { // a piece of up to 25 min, cut at the next hour as Ergon's UTC buckets are
        next = t.plusSeconds(1 + rnd.nextInt(1500)).plusNanos(rnd.nextInt(1_000_000_000));
        Instant hour = Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), 3600) * 3600 + 3600);
        if (next.isAfter(hour)) {
          next = hour;
        }
      }
      long e = rnd.nextInt(6) == 0 ? 0 : (long) rnd.nextInt(1_000_000_000) * (1 + rnd.nextInt(40));
      buckets.add(new BucketEnergy(t, next, Energy.ofMicrojoules(e)));
      total += e;
      t = next;
    }
    long model = rnd.nextInt(3) == 0 ? (rnd.nextBoolean() ? total : total / (2 + rnd.nextInt(5))) : 0;
    return record(id, parent, start, t, buckets, total, model, status, region, tags);
  }

  /* A record nested in another: the parent's buckets, each taking a random share of its energy. */
  private static EnergyRecord inside(Random rnd, EnergyRecord parent, String id, String parentId) {
    List<BucketEnergy> buckets = new ArrayList<>();
    long total = 0;
    for (BucketEnergy b : parent.buckets()) {
      long e = b.energy().toMicrojoulesExact() * rnd.nextInt(60) / 100;
      buckets.add(new BucketEnergy(b.start(), b.end(), Energy.ofMicrojoules(e)));
      total += e;
    }
    Tags tags = Tags.of("model", "child-" + rnd.nextInt(2));
    return record(id, parentId, parent.start(), parent.end(), buckets, total, rnd.nextBoolean() ? total : 0,
        parent.status() == RecordStatus.NO_METER ? RecordStatus.COMPLETE : parent.status(), parent.region(), tags);
  }

  private static EnergyRecord record(String id, @Nullable String parent, Instant start, Instant end,
      List<BucketEnergy> buckets, long total, long model, RecordStatus status, @Nullable String region, Tags tags) {
    List<ChannelEnergy> channels = new ArrayList<>();
    if (status != RecordStatus.NO_METER) {
      Energy measured = Energy.ofMicrojoules(total - model);
      channels.add(new ChannelEnergy("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "socket 0",
          Method.COUNTER, 0.05, measured, measured, 0, List.of()));
      if (model > 0) {
        Energy m = Energy.ofMicrojoules(model);
        channels.add(new ChannelEnergy("gpu/0", "estimate", ChannelKind.MODEL_CPU, "tdp", Method.MODEL, 0.3, m, m,
            0, List.of()));
      }
    }
    List<String> problems = switch (status) {
      case PARTIAL -> List.of("meter lost");
      case FAILED -> total % 2 == 0 ? List.of() : List.of("job threw");
      default -> List.of();
    };
    @Nullable String failure = status == RecordStatus.FAILED ? "java.lang.IllegalStateException" : null;
    return new EnergyRecord(id, parent, "train", tags, "host-" + (total % 3), region, start, end, total % 50,
        Attribution.MACHINE, channels, buckets, status, problems, failure);
  }

  /* The final state of a checkpoint's job: complete, same buckets. */
  private static EnergyRecord closed(EnergyRecord r) {
    return new EnergyRecord(r.id(), r.parentId(), r.name(), r.tags(), r.host(), r.region(), r.start(), r.end(),
        r.units(), r.attribution(), r.channels(), r.buckets(), RecordStatus.COMPLETE, List.of(), null);
  }
}
