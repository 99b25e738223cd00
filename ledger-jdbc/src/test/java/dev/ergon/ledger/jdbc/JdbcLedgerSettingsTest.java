package dev.ergon.ledger.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Configuration;
import dev.ergon.ledger.LedgerException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings from the environment, and messages that never carry the password (no database needed). */
class JdbcLedgerSettingsTest {
  private static final String SECRET = "s3cr3t-Pa55";

  @TempDir Path dir;

  @Test
  void readsCredentialsAndOptionsFromTheEnvironmentNames() {
    Configuration c = Configuration.fromEnvironment(new java.util.Properties(), Map.of(
        "ERGON_LEDGER_USER", "ergon_writer", "ERGON_LEDGER_PASSWORD", SECRET,
        "ERGON_LEDGER_SPILL", dir.resolve("spill.jsonl").toString(), "ERGON_LEDGER_MIGRATE", "true",
        "ERGON_LEDGER_CONNECT_TIMEOUT", "3s"));
    JdbcLedgerSettings s = JdbcLedgerSettings.of("jdbc:postgresql://db.example:5433/ergon?sslmode=verify-full", c);
    assertEquals("ergon_writer", s.user());
    assertEquals(SECRET, s.password());
    assertEquals(dir.resolve("spill.jsonl"), s.spill());
    assertTrue(s.migrate());
    assertEquals(Duration.ofSeconds(3), s.connectTimeout());
    assertEquals("jdbc:postgresql://db.example:5433/ergon?sslmode=verify-full", s.url(), "TLS parameters pass");
    assertFalse(s.toString().contains(SECRET), s.toString());
    assertFalse(s.toString().contains("sslmode"), "parameters are left out of messages");
  }

  @Test
  void readsThePasswordFromAFileFirstLineOnly() throws Exception {
    Path f = dir.resolve("pw");
    Files.writeString(f, SECRET + "\nignored\n");
    JdbcLedgerSettings s = JdbcLedgerSettings.of("jdbc:postgresql://h/db", Configuration.of(Map.of(
        JdbcLedgerSettings.KEY_PASSWORD_FILE, f.toString(), JdbcLedgerSettings.KEY_SPILL, "x.jsonl")));
    assertEquals(SECRET, s.password());
  }

  @Test
  void anUnreadablePasswordFileIsNamedWithoutContent() {
    Path f = dir.resolve("missing");
    LedgerException e = assertThrows(LedgerException.class, () -> JdbcLedgerSettings.of("jdbc:postgresql://h/db",
        Configuration.of(Map.of(JdbcLedgerSettings.KEY_PASSWORD_FILE, f.toString(),
            JdbcLedgerSettings.KEY_SPILL, "x.jsonl"))));
    assertTrue(String.valueOf(e.getMessage()).contains(f.toString()), e.getMessage());
  }

  @Test
  void refusesOtherUrlsAndBadValuesNamingTheKey() {
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
        () -> JdbcLedgerSettings.of("jdbc:mysql://h/db", Configuration.of(Map.of(JdbcLedgerSettings.KEY_SPILL,
            "x"))));
    assertTrue(String.valueOf(a.getMessage()).contains("jdbc:postgresql://host"), a.getMessage());
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
        () -> JdbcLedgerSettings.of("jdbc:postgresql://h/db", Configuration.of(Map.of(
            JdbcLedgerSettings.KEY_MIGRATE, "yes", JdbcLedgerSettings.KEY_SPILL, "x"))));
    assertTrue(String.valueOf(b.getMessage()).contains(JdbcLedgerSettings.KEY_MIGRATE), b.getMessage());
  }

  @Test
  void redactsParametersAndUserInfo() {
    assertEquals("jdbc:postgresql://db/ergon",
        JdbcLedgerSettings.redact("jdbc:postgresql://db/ergon?user=u&password=" + SECRET));
    assertEquals("jdbc:postgresql://db:5432/ergon",
        JdbcLedgerSettings.redact("jdbc:postgresql://u:" + SECRET + "@db:5432/ergon"));
  }

  @Test
  void errorMessagesAreOneLineNamingTheFixAndNeverThePassword() {
    JdbcLedgerSettings s = JdbcLedgerSettings.of("jdbc:postgresql://db/ergon?password=" + SECRET, "ergon_writer",
        SECRET, dir.resolve("s.jsonl"));
    String auth = DatabaseErrors.describe(new SQLTransientConnectionException("pool timed out", null,
        new SQLException("FATAL: password authentication failed for user \"ergon_writer\" (" + SECRET + ")\n"
            + "  detail", "28P01")), s);
    assertTrue(auth.contains("refused user 'ergon_writer'") && auth.contains("ERGON_LEDGER_PASSWORD"), auth);
    assertFalse(auth.contains(SECRET), auth);
    assertFalse(auth.contains("\n"), auth);
    String missing = DatabaseErrors.describe(new SQLException("FATAL: database \"ergon\" does not exist", "3D000"),
        s);
    assertTrue(missing.startsWith("the ledger database jdbc:postgresql://db/ergon does not exist"), missing);
    SQLException refused = new SQLException("Connection to db:5432 refused", "08001",
        new ConnectException("Connection refused"));
    assertEquals(DatabaseErrors.Kind.UNREACHABLE, DatabaseErrors.kind(refused));
    assertEquals(DatabaseErrors.Kind.UNREACHABLE, DatabaseErrors.kind(new SQLException("terminating", "57P01")));
    assertEquals(DatabaseErrors.Kind.PRIVILEGE, DatabaseErrors.kind(new SQLException("denied", "42501")));
  }
}
