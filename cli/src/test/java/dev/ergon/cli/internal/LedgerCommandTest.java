package dev.ergon.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage and failures of ergon ledger and of database URLs elsewhere, without a database (run in this JVM). */
class LedgerCommandTest {

  /** A loopback port nothing listens on (bound, then released). */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void ledgerWithoutACommandIsAUsageError() {
    CommandLineTest.Run r = CommandLineTest.run("ledger");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("a command is required (migrate or sync)"), r.err());
  }

  @Test
  void aUrlThatIsNotPostgresIsAUsageError() {
    CommandLineTest.Run r = CommandLineTest.run("ledger", "migrate", "--to", "jdbc:mysql://h/db");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("not a PostgreSQL JDBC URL"), r.err());
  }

  @Test
  void anUnreachableDatabaseIsOneLineWithTheFix(@TempDir Path dir) throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/ergon?password=hunter2hunter2";
    CommandLineTest.Run r = CommandLineTest.run("ledger", "migrate", "--to", url);
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("ergon: cannot reach the ledger database jdbc:postgresql://127.0.0.1:"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertFalse(r.err().contains("hunter2hunter2"), r.err());
    CommandLineTest.Run report = CommandLineTest.run("report", "--ledger", url);
    assertEquals(1, report.code());
    assertTrue(report.err().contains("cannot reach the ledger database"), report.err());
    assertFalse(report.err().contains("hunter2hunter2"), report.err());
  }

  @Test
  void measureRefusesADatabaseLedgerWithTheFix() {
    CommandLineTest.Run r = CommandLineTest.run("measure", "--ledger", "jdbc:postgresql://h/db", "--", "true");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("ergon ledger sync --from FILE --to URL"), r.err());
  }
}
