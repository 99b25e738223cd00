package dev.ergon.ledger.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eight JVMs append to one database at once, as the hosts of a fleet do. */
class ManyJvmsIT {
  @TempDir Path dir;

  @Test
  void eightJvmsAppendingAtOnceStoreEveryJobOnceInItsFinalState() throws Exception {
    PostgresServer pg = PostgresServer.shared();
    pg.createDatabase("fleet");
    JdbcLedger.migrate(JdbcLedgerSettings.of(pg.url("fleet"), PostgresServer.ADMIN,
        PostgresServer.ADMIN_PASSWORD, dir.resolve("x.jsonl")), SchemaMigrator.LATEST);
    String pw = pg.createWriter("fleet", "ergon_writer");
    long jvms = 8;
    int jobs = 250;
    List<Process> processes = new ArrayList<>();
    for (int w = 0; w < jvms; w++) {
      ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx128m", "-cp", System.getProperty("java.class.path"), AppendWorker.class.getName(), pg.url("fleet"),
          Integer.toString(100 + w), Integer.toString(jobs));
      b.environment().put("ERGON_LEDGER_USER", "ergon_writer");
      b.environment().put("ERGON_LEDGER_PASSWORD", pw);
      b.environment().put("ERGON_LEDGER_CONNECT_TIMEOUT", "60s"); // eight JVMs start at once on a small machine
      b.environment().put("ERGON_LEDGER_SPILL", dir.resolve("spill-" + w + ".jsonl").toString());
      b.redirectErrorStream(true);
      b.redirectOutput(dir.resolve("out-" + w + ".txt").toFile());
      processes.add(b.start());
    }
    for (int w = 0; w < jvms; w++) {
      Process p = processes.get(w);
      assertTrue(p.waitFor(240, TimeUnit.SECONDS), "worker " + w + " finished");
      String out = Files.readString(dir.resolve("out-" + w + ".txt"), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), out);
      assertTrue(out.contains("spilled 0"), out);
      assertTrue(!out.contains(pw), "the password is never printed");
    }
    try (Connection c = pg.admin("fleet"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE status = 'complete'), "
            + "count(DISTINCT host), (SELECT count(*) FROM ergon_buckets) FROM ergon_records")) {
      rs.next();
      assertEquals(jvms * jobs, rs.getLong(1));
      assertEquals(jvms * jobs, rs.getLong(2));
      assertEquals(jvms, rs.getLong(3));
      assertEquals(2L * jvms * jobs, rs.getLong(4)); // two hourly buckets per final record
    }
  }
}
