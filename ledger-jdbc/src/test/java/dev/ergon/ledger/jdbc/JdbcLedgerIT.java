package dev.ergon.ledger.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.ledger.LedgerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC ledger against a real PostgreSQL (a throw-away cluster, {@link PostgresServer}). */
class JdbcLedgerIT {
  static PostgresServer pg;

  @TempDir Path dir;

  @BeforeAll
  static void server() {
    pg = PostgresServer.shared();
  }

  /** A fresh database migrated by its owner, and the least-privilege writer's settings. */
  private JdbcLedgerSettings freshDatabase(String name) throws SQLException {
    pg.createDatabase(name);
    List<Integer> applied = JdbcLedger.migrate(JdbcLedgerSettings.of(pg.url(name), PostgresServer.ADMIN,
        PostgresServer.ADMIN_PASSWORD, dir.resolve("unused.jsonl")), SchemaMigrator.LATEST);
    assertEquals(List.of(1, 2, 3), applied);
    String password = pg.createWriter(name, "ergon_writer");
    return JdbcLedgerSettings.of(pg.url(name), "ergon_writer", password, dir.resolve("spill.jsonl"));
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void migratesFromEmptyAndFromThePreviousVersionAndAgainIsANoOp() throws Exception {
    pg.createDatabase("mig");
    JdbcLedgerSettings owner = JdbcLedgerSettings.of(pg.url("mig"), PostgresServer.ADMIN,
        PostgresServer.ADMIN_PASSWORD, dir.resolve("s.jsonl"));
    assertEquals(List.of(1), JdbcLedger.migrate(owner, 1));
    // a version-1 database with a row in it, as an older Ergon left it
    try (Connection c = pg.admin("mig"); Statement s = c.createStatement()) {
      assertEquals(1, SchemaMigrator.version(c));
      s.execute("INSERT INTO ergon_records (id, name, host, tags, start_at, end_at, units, attribution, status, "
          + "provisional, energy_uj, line) VALUES ('x', 'n', 'h', '{}', now(), now(), 0, 'machine', 'complete', "
          + "false, 0, '{}')");
      assertEquals(0, count(c, "SELECT count(*) FROM pg_views WHERE viewname = 'ergon_hourly_energy'"));
    }
    assertEquals(List.of(2), JdbcLedger.migrate(owner, 2));
    assertEquals(List.of(), JdbcLedger.migrate(owner, 2));
    try (Connection c = pg.admin("mig")) {
      assertEquals(2, SchemaMigrator.version(c));
      assertEquals(1, count(c, "SELECT count(*) FROM ergon_records WHERE id = 'x'"));
      assertEquals(1, count(c, "SELECT count(*) FROM pg_views WHERE viewname = 'ergon_hourly_energy'"));
      assertEquals(2, count(c, "SELECT count(*) FROM ergon_schema_version"));
    }
    // version 3 adds the cell columns; the row stored before it keeps them NULL (aggregated from its line)
    assertEquals(List.of(3), JdbcLedger.migrate(owner, 3));
    assertEquals(List.of(), JdbcLedger.migrate(owner, SchemaMigrator.LATEST));
    try (Connection c = pg.admin("mig")) {
      assertEquals(3, SchemaMigrator.version(c));
      assertEquals(1, count(c, "SELECT count(*) FROM ergon_records WHERE id = 'x' AND cell_split IS NULL"));
      assertEquals(3, count(c, "SELECT count(*) FROM ergon_schema_version"));
    }
  }

  @Test
  void twoMigratorsAtOnceApplyEachVersionOnce() throws Exception {
    pg.createDatabase("mig2");
    JdbcLedgerSettings owner = JdbcLedgerSettings.of(pg.url("mig2"), PostgresServer.ADMIN,
        PostgresServer.ADMIN_PASSWORD, dir.resolve("s.jsonl"));
    List<List<Integer>> results = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      threads.add(new Thread(() -> results.add(JdbcLedger.migrate(owner, 3))));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(4, results.size());
    List<Integer> all = new ArrayList<>();
    results.forEach(all::addAll);
    all.sort(null);
    assertEquals(List.of(1, 2, 3), all); // each version applied by exactly one of them
  }

  @Test
  void appendsAreIdempotentAndKeepTheLatestStateOfEachJob() throws Exception {
    JdbcLedgerSettings writer = freshDatabase("idem");
    EnergyRecord cp1 = TestRecords.job(1, 1, 4, 1, RecordStatus.OPEN);
    EnergyRecord cp3 = TestRecords.job(1, 1, 4, 3, RecordStatus.OPEN);
    EnergyRecord fin = TestRecords.job(1, 1, 4, 4, RecordStatus.COMPLETE);
    EnergyRecord other = TestRecords.complete(1, 2);
    try (JdbcLedger ledger = JdbcLedger.open(writer)) {
      ledger.append(cp1);
      ledger.append(cp3);
      ledger.append(cp1); // an older checkpoint never replaces a newer one
      assertEquals(List.of(dev.ergon.ledger.RecordSets.closeDangling(cp3)), ledger.records());
      ledger.append(fin);
      ledger.append(cp3); // a checkpoint never replaces the final record
      ledger.append(other);
      ledger.append(other);
      assertEquals(List.of(fin, other), ledger.records());
      assertEquals(0, ledger.spilled());
      // a different job under an existing id is ignored, never merged
      EnergyRecord impostor = TestRecords.complete(9, 2);
      EnergyRecord sameIdOtherJob = new EnergyRecord(other.id(), null, "other-job", impostor.tags(),
          impostor.host(), impostor.region(), impostor.start(), impostor.end(), impostor.units(),
          impostor.attribution(), impostor.channels(), impostor.buckets(), impostor.status(), List.of(), null);
      ledger.append(sameIdOtherJob);
      assertEquals(List.of(fin, other), ledger.records());
    }
    try (Connection c = pg.admin("idem")) {
      assertEquals(2, count(c, "SELECT count(*) FROM ergon_records"));
      // fin: 4 buckets of 1000 × (1 % 7 + 1) = 2000 µJ; other: 2 buckets of 1000 × 3 = 3000 µJ
      assertEquals(6, count(c, "SELECT count(*) FROM ergon_buckets"));
      assertEquals(4 * 2000 + 2 * 3000, count(c, "SELECT sum(energy_uj) FROM ergon_buckets"));
      assertEquals(1, count(c, "SELECT count(*) FROM ergon_channel_sets"));
    }
  }

  @Test
  void readsBackExactlyWhatAFileLedgerReadsBack() throws Exception {
    JdbcLedgerSettings writer = freshDatabase("same");
    Path file = dir.resolve("same.jsonl");
    List<EnergyRecord> all = new ArrayList<>();
    for (int n = 0; n < 50; n++) {
      all.add(TestRecords.job(3, n, 3, 1, RecordStatus.OPEN));
      if (n % 4 != 0) {
        all.add(TestRecords.job(3, n, 3, 3, n % 5 == 0 ? RecordStatus.PARTIAL : RecordStatus.COMPLETE));
      }
    }
    try (JdbcLedger db = JdbcLedger.open(writer); JsonLinesLedger f = JsonLinesLedger.open(file)) {
      for (EnergyRecord r : all) {
        db.append(r);
        f.append(r);
      }
      List<EnergyRecord> fromFile = JsonLinesLedger.read(file);
      List<EnergyRecord> fromDb = db.records();
      assertEquals(50, fromDb.size());
      assertEquals(fromFile, fromDb);
      assertTrue(fromDb.stream().anyMatch(r -> r.problems().contains(dev.ergon.ledger.RecordSets.DANGLING)));
    }
  }

  @Test
  void wrongPasswordGivesOneClearLineWithoutThePassword() throws Exception {
    JdbcLedgerSettings writer = freshDatabase("auth");
    String wrong = "Wrong-Secret-" + System.nanoTime();
    JdbcLedgerSettings bad = JdbcLedgerSettings.of(writer.url(), "ergon_writer", wrong, dir.resolve("s.jsonl"));
    LedgerException e = assertThrows(LedgerException.class, () -> JdbcLedger.open(bad));
    String m = String.valueOf(e.getMessage());
    assertFalse(m.contains("\n"), m);
    assertFalse(m.contains(wrong), m);
    assertTrue(m.contains("refused user 'ergon_writer'") && m.contains("ERGON_LEDGER_PASSWORD"), m);
    assertFalse(Files.exists(dir.resolve("s.jsonl")), "a configuration error is not an outage: nothing spills");
    assertTrue(logDoesNotContain(wrong));
  }

  @Test
  void missingDatabaseGivesOneClearLine() {
    JdbcLedgerSettings bad = JdbcLedgerSettings.of(pg.url("no_such_db"), PostgresServer.ADMIN,
        PostgresServer.ADMIN_PASSWORD, dir.resolve("s.jsonl"));
    LedgerException e = assertThrows(LedgerException.class, () -> JdbcLedger.connect(bad));
    String m = String.valueOf(e.getMessage());
    assertFalse(m.contains("\n"), m);
    assertFalse(m.contains(PostgresServer.ADMIN_PASSWORD), m);
    assertTrue(m.contains("does not exist") && m.contains("no_such_db") && m.contains("createdb"), m);
  }

  @Test
  void unmigratedDatabaseIsRefusedUnlessMigrationIsAllowed() throws Exception {
    pg.createDatabase("unmig");
    JdbcLedgerSettings owner = JdbcLedgerSettings.of(pg.url("unmig"), PostgresServer.ADMIN,
        PostgresServer.ADMIN_PASSWORD, dir.resolve("s.jsonl"));
    LedgerException e = assertThrows(LedgerException.class, () -> JdbcLedger.open(owner));
    assertTrue(String.valueOf(e.getMessage()).contains("ergon ledger migrate --to " + pg.url("unmig")),
        e.getMessage());
    try (JdbcLedger l = JdbcLedger.open(owner.withMigrate(true))) {
      l.append(TestRecords.complete(4, 1));
      assertEquals(1, l.records().size());
    }
  }

  @Test
  void writerRoleCannotDeleteOrAlter() throws Exception {
    JdbcLedgerSettings writer = freshDatabase("priv");
    try (Connection c = java.sql.DriverManager.getConnection(writer.url(), "ergon_writer",
        writerPassword(writer)); Statement s = c.createStatement()) {
      SQLException del = assertThrows(SQLException.class, () -> s.execute("DELETE FROM ergon_records"));
      assertEquals("42501", del.getSQLState());
      SQLException ddl = assertThrows(SQLException.class, () -> s.execute("DROP TABLE ergon_buckets"));
      assertEquals("42501", ddl.getSQLState());
    }
  }

  @Test
  void aMonitorConfiguredWithTheUrlFindsTheLedgerThroughServiceLoader() throws Exception {
    JdbcLedgerSettings writer = freshDatabase("monitor");
    dev.ergon.Configuration config = dev.ergon.Configuration.of(java.util.Map.of(
        dev.ergon.EnergyMonitor.KEY_LEDGER, writer.url(),
        JdbcLedgerSettings.KEY_USER, "ergon_writer",
        JdbcLedgerSettings.KEY_PASSWORD, writerPassword(writer),
        JdbcLedgerSettings.KEY_SPILL, dir.resolve("spill.jsonl").toString()));
    try (dev.ergon.EnergyMonitor m = dev.ergon.EnergyMonitor.builder().configuration(config)
        .withoutSamplerThread().shutdownHook(false).build()) {
      try (dev.ergon.Job job = m.start("inference", dev.ergon.Tags.of("model", "bert"))) {
        job.addUnits(1000);
      }
    }
    try (Connection c = pg.admin("monitor")) {
      assertEquals(1, count(c, "SELECT count(*) FROM ergon_records WHERE name = 'inference' AND units = 1000 "
          + "AND tags->>'model' = 'bert'"));
    }
  }

  private static String writerPassword(JdbcLedgerSettings s) {
    return java.util.Objects.requireNonNull(s.password());
  }

  /** The test JVM's log (slf4j-simple writes to the file failsafe names) holds no secret. */
  static boolean logDoesNotContain(String secret) throws java.io.IOException {
    String file = System.getProperty("org.slf4j.simpleLogger.logFile");
    if (file == null || file.equals("System.err")) {
      throw new IllegalStateException("the integration tests must log to a file (org.slf4j.simpleLogger.logFile)");
    }
    Path p = Path.of(file);
    return !Files.exists(p) || !Files.readString(p).contains(secret);
  }
}
