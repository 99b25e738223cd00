package dev.ergon.ledger.jdbc;

import dev.ergon.ledger.LedgerException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's ledger schema to a version: the SQL scripts shipped in this module
 * ({@code dev/ergon/ledger/jdbc/migrations/V<n>__<name>.sql}), applied in order, each in its own transaction,
 * recorded in {@code ergon_schema_version}.
 *
 * <p>Two hosts migrating at once do not collide: the migrator holds a PostgreSQL advisory lock (key
 * {@value #LOCK_KEY}) for the whole run, and reads the version after taking it, so the second host finds the work
 * done. A failed script rolls back alone; the versions before it stay applied.
 *
 * <p>The migrating role needs to create tables (the schema's owner); the role that appends does not (see
 * {@link JdbcLedger}). Stateless and thread-safe.
 *
 * @since 0.2
 */
public final class SchemaMigrator {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

  /** The advisory lock key migrations take ("ERGONMIG" in ASCII, as a number). */
  public static final long LOCK_KEY = 0x4552474F4E4D4947L;

  /** The schema version this code reads and writes. */
  public static final int LATEST = 3;

  /** The shipped scripts, in order: version and resource name. */
  private static final List<String> SCRIPTS = List.of("V1__ledger.sql", "V2__reporting.sql", "V3__cells.sql");

  private SchemaMigrator() {}

  /**
   * Returns the version a database's schema is at.
   *
   * @param c a connection
   * @return the highest version applied; 0 for a database without the ledger's schema
   * @throws SQLException if the database cannot be read
   */
  public static int version(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    try (ResultSet t = md.getTables(null, null, "ergon_schema_version", new String[] {"TABLE"})) {
      if (!t.next()) {
        return 0;
      }
    }
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
        "SELECT coalesce(max(version), 0) FROM ergon_schema_version")) {
      r.next();
      return r.getInt(1);
    }
  }

  /**
   * Applies the scripts above the database's version up to a target, each in its own transaction.
   *
   * @param c a connection of a role allowed to create tables; left in auto-commit mode
   * @param target the version to reach, 1 to {@link #LATEST}
   * @return the versions applied now, in order; empty if the schema was at the target already
   * @throws IllegalArgumentException if the target is out of range
   * @throws LedgerException if the database is at a later version than this code knows (upgrade Ergon); a
   *     database already at or above the target is left as it is (never downgraded)
   * @throws SQLException if a script fails: it is rolled back, and the message names it
   */
  public static List<Integer> migrate(Connection c, int target) throws SQLException {
    if (target < 1 || target > LATEST) {
      throw new IllegalArgumentException("schema version " + target + " does not exist; this Ergon knows 1 to "
          + LATEST);
    }
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
    }
    List<Integer> applied = new ArrayList<>();
    try {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS ergon_schema_version (version integer PRIMARY KEY, "
            + "script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), "
            + "applied_by text NOT NULL DEFAULT current_user)");
      }
      int current = version(c);
      if (current > LATEST) {
        throw new LedgerException("the ledger database's schema is at version " + current + ", newer than the "
            + LATEST + " this Ergon knows; upgrade Ergon");
      }
      for (int v = current + 1; v <= target; v++) {
        String script = SCRIPTS.get(v - 1);
        String sql = load(script);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          s.execute(sql);
          try (PreparedStatement p = c.prepareStatement(
              "INSERT INTO ergon_schema_version (version, script) VALUES (?, ?)")) {
            p.setInt(1, v);
            p.setString(2, script);
            p.executeUpdate();
          }
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw new SQLException("schema migration " + script + " failed and was rolled back: " + e.getMessage(),
              e instanceof SQLException se ? se.getSQLState() : null, e);
        } finally {
          c.setAutoCommit(true);
        }
        LOG.info("ledger schema migrated to version {} ({})", v, script);
        applied.add(v);
      }
    } finally {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
      }
    }
    return applied;
  }

  private static String load(String script) {
    String resource = "migrations/" + script;
    try (InputStream in = SchemaMigrator.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("migration " + resource + " is missing from the ergon-ledger-jdbc jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("migration " + resource + " cannot be read from the jar", e);
    }
  }
}
