package dev.ergon.ledger.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.ledger.JsonLinesLedger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server stops and restarts while jobs append: nothing is lost, nothing doubled, no append throws. */
class OutageIT {
  @TempDir Path dir;

  @Test
  void serverStoppedMidRunSpillsAndReplaysEveryAcknowledgedRecordOnce() throws Exception {
    PostgresServer pg = PostgresServer.shared();
    pg.createDatabase("outage");
    JdbcLedger.migrate(JdbcLedgerSettings.of(pg.url("outage"), PostgresServer.ADMIN,
        PostgresServer.ADMIN_PASSWORD, dir.resolve("x.jsonl")), SchemaMigrator.LATEST);
    String pw = pg.createWriter("outage", "ergon_writer");
    Path spill = dir.resolve("spill.jsonl");
    JdbcLedgerSettings writer = JdbcLedgerSettings.of(pg.url("outage"), "ergon_writer", pw, spill)
        .withConnectTimeout(Duration.ofMillis(500));

    Map<String, EnergyRecord> acknowledged = new HashMap<>(); // id -> latest state acknowledged
    List<Throwable> thrown = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    int[] appended = {0};
    try (JdbcLedger ledger = JdbcLedger.open(writer)) {
      Thread job = new Thread(() -> {
        for (long n = 0; !stop.get(); n++) {
          // each job: a checkpoint, then its final record (every third one stays open: dangling)
          EnergyRecord cp = TestRecords.job(7, n, 3, 1, RecordStatus.OPEN);
          EnergyRecord fin = TestRecords.job(7, n, 3, 3, RecordStatus.COMPLETE);
          try {
            ledger.append(cp);
            synchronized (acknowledged) {
              acknowledged.put(cp.id(), cp);
            }
            if (n % 3 != 0) {
              ledger.append(fin);
              synchronized (acknowledged) {
                acknowledged.put(fin.id(), fin);
              }
            }
            appended[0]++;
          } catch (Throwable t) {
            synchronized (thrown) {
              thrown.add(t);
            }
          }
        }
      });
      job.start();
      Thread.sleep(1500);
      pg.stop();
      Thread.sleep(3000);
      pg.start();
      Thread.sleep(1000 * (JdbcLedger.RETRY_SECONDS + 2L));
      stop.set(true);
      job.join();
      assertTrue(ledger.spilled() > 0, "the outage made records spill");
    } finally {
      pg.start();
    }
    assertEquals(List.of(), thrown, "no append threw");

    try (JdbcLedger db = JdbcLedger.connect(writer)) {
      LedgerSync.Result r = LedgerSync.replay(spill, db);
      assertTrue(r.read() > 0);
      assertEquals(List.of(), r.problems());
      // replaying again stores nothing new
      assertEquals(0, LedgerSync.replay(spill, db).stored());
      List<EnergyRecord> stored = db.records();
      assertEquals(acknowledged.size(), stored.size());
      for (EnergyRecord s : stored) {
        EnergyRecord a = acknowledged.get(s.id());
        assertEquals(dev.ergon.ledger.RecordSets.closeDangling(java.util.Objects.requireNonNull(a, s.id())), s,
            s.id());
      }
    }
    try (Connection c = pg.admin("outage"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id) FROM ergon_records")) {
      rs.next();
      assertEquals(acknowledged.size(), rs.getLong(1));
      assertEquals(rs.getLong(1), rs.getLong(2));
    }
    assertFalse(JsonLinesLedger.read(spill).isEmpty());
    assertTrue(JdbcLedgerIT.logDoesNotContain(pw));
  }
}
