package dev.ergon.ledger.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.ledger.LedgerException;
import dev.ergon.ledger.RecordSets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JdbcLedger#store}: one statement per batch, lists reduced to one state per id and split into concurrent
 * batches, against a real PostgreSQL as the least-privilege writer.
 */
class BatchStoreIT {
  static PostgresServer pg;

  @TempDir Path dir;

  @BeforeAll
  static void server() {
    pg = PostgresServer.shared();
  }

  private JdbcLedgerSettings freshDatabase(String name) throws SQLException {
    pg.createDatabase(name);
    JdbcLedger.migrate(JdbcLedgerSettings.of(pg.url(name), PostgresServer.ADMIN, PostgresServer.ADMIN_PASSWORD,
        dir.resolve("unused.jsonl")), SchemaMigrator.LATEST);
    String password = pg.createWriter(name, "ergon_writer");
    return JdbcLedgerSettings.of(pg.url(name), "ergon_writer", password, dir.resolve("spill.jsonl"));
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** The number of buckets and their µJ sum stored for a record id. */
  private static long[] buckets(Connection c, String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT count(*), coalesce(sum(energy_uj), 0) FROM ergon_buckets WHERE record_id = ?")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return new long[] {r.getLong(1), r.getLong(2)};
      }
    }
  }

  private static Map<String, EnergyRecord> byId(List<EnergyRecord> records) {
    Map<String, EnergyRecord> m = new HashMap<>();
    for (EnergyRecord r : records) {
      m.put(r.id(), r);
    }
    return m;
  }

  /** Complete 2-hour jobs {@code from} (inclusive) to {@code to} (exclusive) of a writer, skipping {@code skip}. */
  private static List<EnergyRecord> fillers(int writer, int from, int to, List<Long> skip) {
    List<EnergyRecord> out = new ArrayList<>();
    for (long n = from; n < to; n++) {
      if (!skip.contains(n)) {
        out.add(TestRecords.complete(writer, n));
      }
    }
    return out;
  }

  @Test
  void aCheckpointAndTheFinalStateOfOneJobInOneListStoreTheFinalInEitherOrder() throws Exception {
    JdbcLedgerSettings writer = freshDatabase("either_order");
    // job n = 5 of writer 1: 4 hours of 1000 × (5 % 7 + 1) = 6000 µJ each; its checkpoint covers 1 hour
    EnergyRecord cp = TestRecords.job(1, 5, 4, 1, RecordStatus.OPEN);
    EnergyRecord fin = TestRecords.job(1, 5, 4, 4, RecordStatus.COMPLETE);
    // the same for job 7 of writer 2 (1000 × (7 % 7 + 1) = 1000 µJ an hour), final first this time
    EnergyRecord cp2 = TestRecords.job(2, 7, 4, 2, RecordStatus.OPEN);
    EnergyRecord fin2 = TestRecords.job(2, 7, 4, 4, RecordStatus.COMPLETE);
    try (JdbcLedger db = JdbcLedger.open(writer)) {
      // small lists: one batch
      assertEquals(1, db.store(List.of(cp, fin)));
      assertEquals(1, db.store(List.of(fin2, cp2)));
      assertEquals(List.of(fin, fin2), db.records());
    }
    try (Connection c = pg.admin("either_order")) {
      assertEquals(4 * 6000, buckets(c, fin.id())[1]);
      assertEquals(4, buckets(c, fin.id())[0]);
      assertEquals(4 * 1000, buckets(c, fin2.id())[1]);
      assertEquals(0, count(c, "SELECT count(*) FROM ergon_records WHERE provisional"));
    }

    // large lists: split into concurrent batches; the two states of a job sit at the two ends of the list
    JdbcLedgerSettings writer2 = freshDatabase("either_order2");
    EnergyRecord cpA = TestRecords.job(3, 0, 4, 3, RecordStatus.OPEN);
    EnergyRecord finA = TestRecords.job(3, 0, 4, 4, RecordStatus.COMPLETE);
    EnergyRecord cpB = TestRecords.job(3, 1999, 4, 1, RecordStatus.OPEN);
    EnergyRecord finB = TestRecords.job(3, 1999, 4, 4, RecordStatus.COMPLETE);
    List<EnergyRecord> list = new ArrayList<>();
    list.add(cpA);
    list.add(finB);
    list.addAll(fillers(3, 1, 1999, List.of()));
    list.add(finA);
    list.add(cpB);
    assertTrue(list.size() >= JdbcLedger.MIN_SPLIT);
    try (JdbcLedger db = JdbcLedger.open(writer2)) {
      assertEquals(2000, db.store(list)); // jobs 0 to 1999, once each
      Map<String, EnergyRecord> stored = byId(db.records());
      assertEquals(2000, stored.size());
      assertEquals(finA, stored.get(finA.id()));
      assertEquals(finB, stored.get(finB.id()));
      assertEquals(0, db.store(list), "storing the same list again changes nothing");
    }
    try (Connection c = pg.admin("either_order2")) {
      assertEquals(4, buckets(c, finA.id())[0]);
      assertEquals(4 * 1000 * (0 % 7 + 1), buckets(c, finA.id())[1]);
      assertEquals(4 * 1000 * (1999 % 7 + 1), buckets(c, finB.id())[1]);
      assertEquals(2000, count(c, "SELECT count(*) FROM ergon_records"));
      assertEquals(1998 * 2 + 4 + 4, count(c, "SELECT count(*) FROM ergon_buckets"));
    }
  }

  /** The same state of a job with {@code perHour} µJ in each of its buckets instead. */
  private static EnergyRecord withHourly(EnergyRecord r, long perHour) {
    List<BucketEnergy> buckets = new ArrayList<>();
    for (BucketEnergy b : r.buckets()) {
      buckets.add(new BucketEnergy(b.start(), b.end(), Energy.ofMicrojoules(perHour)));
    }
    Energy total = Energy.ofMicrojoules(perHour * buckets.size());
    ChannelEnergy ch = r.channels().get(0);
    return new EnergyRecord(r.id(), r.parentId(), r.name(), r.tags(), r.host(), r.region(), r.start(), r.end(),
        r.units(), r.attribution(), List.of(new ChannelEnergy(ch.channel(), ch.meter(), ch.kind(), ch.device(),
            ch.method(), ch.relativeUncertainty(), total, total, 0, List.of())), buckets, r.status(), List.of(),
        null);
  }

  @Test
  void aLaterCheckpointReplacesTheBucketsOfAnEarlierOneAndAnOlderOneTouchesNone() throws Exception {
    JdbcLedgerSettings writer = freshDatabase("rebucket");
    EnergyRecord cp1 = TestRecords.job(1, 3, 4, 1, RecordStatus.OPEN); // 1 hour of 4000 µJ
    EnergyRecord cp3 = withHourly(TestRecords.job(1, 3, 4, 3, RecordStatus.OPEN), 7); // 3 hours of 7 µJ
    EnergyRecord cp2 = withHourly(TestRecords.job(1, 3, 4, 2, RecordStatus.OPEN), 5); // older than cp3
    try (JdbcLedger db = JdbcLedger.open(writer)) {
      assertEquals(1, db.store(List.of(cp1)));
      assertEquals(1, db.store(List.of(cp3)));
      List<EnergyRecord> list = new ArrayList<>(fillers(1, 100, 1300, List.of()));
      list.add(700, cp2);
      assertEquals(1200, db.store(list));
      assertEquals(0, db.store(List.of(cp2)));
      assertEquals(RecordSets.closeDangling(cp3), byId(db.records()).get(cp3.id()));
    }
    try (Connection c = pg.admin("rebucket")) {
      // the first hour's 4000 µJ replaced by 7; cp2's 5 µJ nowhere
      assertEquals(3, buckets(c, cp3.id())[0]);
      assertEquals(3 * 7, buckets(c, cp3.id())[1]);
    }
  }

  @Test
  void twoCheckpointsKeepTheNewerAndAStoredFinalIsNeverReplaced() throws Exception {
    JdbcLedgerSettings writer = freshDatabase("newer");
    EnergyRecord cp1 = TestRecords.job(1, 3, 4, 1, RecordStatus.OPEN);
    EnergyRecord cp3 = TestRecords.job(1, 3, 4, 3, RecordStatus.OPEN);
    EnergyRecord fin = TestRecords.job(1, 3, 4, 4, RecordStatus.COMPLETE);
    try (JdbcLedger db = JdbcLedger.open(writer)) {
      assertEquals(1, db.store(List.of(cp3, cp1)));
      assertEquals(List.of(RecordSets.closeDangling(cp3)), db.records());
      assertEquals(0, db.store(List.of(cp1)), "an older checkpoint never replaces a newer one");
      try (Connection c = pg.admin("newer")) {
        // 3 hours of 1000 × (3 % 7 + 1) = 4000 µJ
        assertEquals(3, buckets(c, cp3.id())[0]);
        assertEquals(3 * 4000, buckets(c, cp3.id())[1]);
      }
      assertEquals(1, db.store(List.of(cp1, fin, cp3)));
      // a large list of older states around the stored final changes nothing
      List<EnergyRecord> list = new ArrayList<>(fillers(1, 100, 1300, List.of()));
      list.add(600, cp1);
      list.add(cp3);
      assertEquals(1200, db.store(list));
      assertEquals(fin, byId(db.records()).get(fin.id()));
    }
    try (Connection c = pg.admin("newer")) {
      assertEquals(4, buckets(c, fin.id())[0]);
      assertEquals(4 * 4000, buckets(c, fin.id())[1]);
      assertEquals(1201, count(c, "SELECT count(*) FROM ergon_records"));
    }
  }

  @Test
  void copiesInOneListAreStoredOnceAndADifferentJobUnderAnIdIsIgnored() throws Exception {
    JdbcLedgerSettings writer = freshDatabase("dups");
    List<EnergyRecord> list = new ArrayList<>();
    for (int copy = 0; copy < 3; copy++) {
      list.addAll(fillers(4, 0, 700, List.of())); // 2100 records, 700 jobs
    }
    EnergyRecord first = list.get(10);
    EnergyRecord impostor = new EnergyRecord(first.id(), null, "another-job", first.tags(), first.host(),
        first.region(), first.start(), first.end(), first.units(), first.attribution(), first.channels(),
        first.buckets(), first.status(), List.of(), null);
    list.add(impostor);
    try (JdbcLedger db = JdbcLedger.open(writer)) {
      assertEquals(700, db.store(list));
      assertEquals(0, db.store(list));
      assertEquals(first, byId(db.records()).get(first.id()));
    }
    try (Connection c = pg.admin("dups")) {
      assertEquals(700, count(c, "SELECT count(*) FROM ergon_records"));
      assertEquals(0, count(c, "SELECT count(*) FROM ergon_records WHERE name = 'another-job'"));
      assertEquals(1400, count(c, "SELECT count(*) FROM ergon_buckets"));
    }
  }

  @Test
  void aListLargerThanAllConcurrentBatchesTogetherIsStoredWhole() throws Exception {
    JdbcLedgerSettings writer = freshDatabase("large");
    int n = 2 * JdbcLedger.STORE_CONNECTIONS * JdbcLedger.MAX_BATCH + 7;
    List<EnergyRecord> list = fillers(5, 0, n, List.of());
    Collections.reverse(list); // not in id order
    long expectedUj = 0;
    for (long k = 0; k < n; k++) {
      expectedUj += 2 * 1000 * (k % 7 + 1); // two hours of 1000 × (k % 7 + 1) µJ
    }
    try (JdbcLedger db = JdbcLedger.open(writer)) {
      assertEquals(n, db.store(list));
      assertEquals(n, db.records().size());
    }
    try (Connection c = pg.admin("large")) {
      assertEquals(n, count(c, "SELECT count(DISTINCT id) FROM ergon_records"));
      assertEquals(2L * n, count(c, "SELECT count(*) FROM ergon_buckets"));
      assertEquals(expectedUj, count(c, "SELECT sum(energy_uj) FROM ergon_buckets"));
      assertEquals(expectedUj, count(c, "SELECT sum(energy_uj) FROM ergon_records"));
    }
  }

  @Test
  void newChannelSetsAreStoredInTheSameStatementAsTheRecordsThatUseThem() throws Exception {
    JdbcLedgerSettings writer = freshDatabase("sets");
    List<EnergyRecord> list = new ArrayList<>();
    for (long k = 0; k < 1200; k++) {
      EnergyRecord r = TestRecords.complete(6, k);
      if (k % 3 == 0) { // a second channel set: another device
        ChannelEnergy ch = r.channels().get(0);
        r = new EnergyRecord(r.id(), null, r.name(), r.tags(), r.host(), r.region(), r.start(), r.end(), r.units(),
            r.attribution(), List.of(new ChannelEnergy(ch.channel(), ch.meter(), ch.kind(), "socket 1", ch.method(),
                ch.relativeUncertainty(), ch.energy(), ch.measured(), ch.droppedIntervals(), ch.notes())), r.buckets(),
            r.status(),
            List.of(), null);
      }
      list.add(r);
    }
    try (JdbcLedger db = JdbcLedger.open(writer)) {
      assertEquals(1200, db.store(list));
      List<EnergyRecord> back = db.records();
      assertEquals(400, back.stream().filter(r -> r.channels().get(0).device().equals("socket 1")).count());
    }
    try (Connection c = pg.admin("sets")) {
      assertEquals(2, count(c, "SELECT count(*) FROM ergon_channel_sets"));
      assertEquals(2, count(c, "SELECT count(DISTINCT channels_ref) FROM ergon_records"));
    }
  }

  @Test
  void twoThreadsStoringStatesOfTheSameJobsAtOnceLeaveEachJobOnceInItsFinalState() throws Exception {
    JdbcLedgerSettings writer = freshDatabase("racing");
    int jobs = 1500;
    List<EnergyRecord> a = new ArrayList<>();
    List<EnergyRecord> b = new ArrayList<>();
    for (long k = 0; k < jobs; k++) {
      EnergyRecord cp = TestRecords.job(7, k, 3, 2, RecordStatus.OPEN);
      EnergyRecord fin = TestRecords.job(7, k, 3, 3, RecordStatus.COMPLETE);
      (k % 2 == 0 ? a : b).add(cp);
      (k % 2 == 0 ? b : a).add(fin);
    }
    Collections.reverse(b);
    List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
    try (JdbcLedger db = JdbcLedger.open(writer)) {
      List<Thread> threads = new ArrayList<>();
      for (List<EnergyRecord> list : List.of(a, b)) {
        threads.add(new Thread(() -> {
          try {
            db.store(list);
          } catch (Throwable t) {
            thrown.add(t);
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      assertEquals(List.of(), thrown);
      List<EnergyRecord> back = db.records();
      assertEquals(jobs, back.size());
      assertTrue(back.stream().allMatch(r -> r.status() == RecordStatus.COMPLETE));
    }
    try (Connection c = pg.admin("racing")) {
      assertEquals(jobs, count(c, "SELECT count(DISTINCT id) FROM ergon_records"));
      assertEquals(3L * jobs, count(c, "SELECT count(*) FROM ergon_buckets"));
    }
  }

  @Test
  void storingOnAClosedLedgerIsRefusedInOneLine() throws Exception {
    JdbcLedgerSettings writer = freshDatabase("closed");
    JdbcLedger db = JdbcLedger.open(writer);
    db.close();
    for (int size : new int[] {3, JdbcLedger.MIN_SPLIT + 1}) {
      LedgerException e = assertThrows(LedgerException.class, () -> db.store(fillers(8, 0, size, List.of())));
      String m = String.valueOf(e.getMessage());
      assertFalse(m.contains("\n"), m);
      assertTrue(m.contains("closed"), m);
    }
    try (Connection c = pg.admin("closed")) {
      assertEquals(0, count(c, "SELECT count(*) FROM ergon_records"));
    }
  }

  /**
   * Any mix of states of a few jobs (checkpoints of 1 to 3 of 4 hours, final records), in any order, split
   * anywhere into two store calls padded to be split into concurrent batches: each job ends in its final state if
   * one was stored, else in its longest checkpoint, with exactly that state's buckets.
   */
  @Test
  void anyMixOfStatesEndsInEachJobsLatestState() throws Exception {
    JdbcLedgerSettings writer = freshDatabase("mix");
    AtomicInteger writers = new AtomicInteger(100);
    try (JdbcLedger db = JdbcLedger.open(writer); Connection c = pg.admin("mix")) {
      // each value: job v / 4 (0..4), state v % 4 (0 = final, else a checkpoint of that many hours)
      qt().withExamples(12).withShrinkCycles(20)
          .forAll(lists().of(integers().between(0, 19)).ofSizeBetween(1, 14), integers().between(0, 14))
          .checkAssert((states, cut) -> {
            int w = writers.incrementAndGet();
            List<Long> jobNs = List.of(1L, 301L, 601L, 901L, 1201L); // spread over the padded list's batches
            List<EnergyRecord> records = new ArrayList<>();
            for (int v : states) {
              long n = jobNs.get(v / 4);
              int state = v % 4;
              records.add(state == 0 ? TestRecords.job(w, n, 4, 4, RecordStatus.COMPLETE)
                  : TestRecords.job(w, n, 4, state, RecordStatus.OPEN));
            }
            int at = Math.min(cut, records.size());
            List<EnergyRecord> first = new ArrayList<>(records.subList(0, at));
            List<EnergyRecord> second = new ArrayList<>(records.subList(at, records.size()));
            first.addAll(fillers(w, 0, 1300, jobNs));
            second.addAll(0, fillers(w, 0, 1300, jobNs));
            db.store(first);
            db.store(second);
            Map<String, EnergyRecord> stored = byId(db.records());
            for (int job = 0; job < 5; job++) {
              boolean anyFinal = false;
              int longest = 0;
              for (int v : states) {
                if (v / 4 == job) {
                  anyFinal |= v % 4 == 0;
                  longest = Math.max(longest, v % 4);
                }
              }
              long n = jobNs.get(job);
              String id = TestRecords.id(w, n);
              if (!anyFinal && longest == 0) {
                assertTrue(!stored.containsKey(id), id);
                continue;
              }
              int hours = anyFinal ? 4 : longest;
              EnergyRecord expected = anyFinal ? TestRecords.job(w, n, 4, 4, RecordStatus.COMPLETE)
                  : RecordSets.closeDangling(TestRecords.job(w, n, 4, longest, RecordStatus.OPEN));
              assertEquals(expected, stored.get(id), id);
              try {
                long[] b = buckets(c, id);
                assertEquals(hours, b[0], id);
                assertEquals(hours * 1000L * (n % 7 + 1), b[1], id);
              } catch (SQLException e) {
                throw new AssertionError(e);
              }
            }
          });
    }
  }
}
