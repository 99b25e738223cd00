package dev.ergon.ledger.jdbc;

import dev.ergon.Configuration;
import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.ledger.LedgerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and how a {@link JdbcLedger} connects: the URL, the credentials, where records spill while the database
 * is away, and whether opening may migrate the schema.
 *
 * <p>The URL is passed to the PostgreSQL driver as it is, so TLS parameters ({@code ssl=true},
 * {@code sslmode=verify-full}, {@code sslrootcert=...}, {@code sslcert}, {@code sslkey}) work as the driver
 * documents them. The user and password come from the configuration, normally the environment:
 * <pre>
 * ergon.ledger.user            ERGON_LEDGER_USER            the database role (least privilege: see JdbcLedger)
 * ergon.ledger.password        ERGON_LEDGER_PASSWORD        its password
 * ergon.ledger.password.file   ERGON_LEDGER_PASSWORD_FILE   or a file holding it (first line; e.g. a mounted secret)
 * ergon.ledger.spill           ERGON_LEDGER_SPILL           the JSON Lines file records spill to (default:
 *                                                           ledger-spill.jsonl beside the default ledger)
 * ergon.ledger.migrate         ERGON_LEDGER_MIGRATE         true: opening brings the schema up to date
 * ergon.ledger.connect.timeout ERGON_LEDGER_CONNECT_TIMEOUT the longest an append waits for a connection (10s)
 * </pre>
 * The password is never logged and never part of {@link #toString()} or of an exception message.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.2
 */
public final class JdbcLedgerSettings {
  /** Key of the database user. */
  public static final String KEY_USER = "ergon.ledger.user";
  /** Key of the database password. */
  public static final String KEY_PASSWORD = "ergon.ledger.password";
  /** Key of a file holding the database password. */
  public static final String KEY_PASSWORD_FILE = "ergon.ledger.password.file";
  /** Key of the spill file. */
  public static final String KEY_SPILL = "ergon.ledger.spill";
  /** Key of the switch that lets opening migrate the schema. */
  public static final String KEY_MIGRATE = "ergon.ledger.migrate";
  /** Key of the connection timeout. */
  public static final String KEY_CONNECT_TIMEOUT = "ergon.ledger.connect.timeout";

  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final String url;
  private final @Nullable String user;
  private final @Nullable String password;
  private final Path spill;
  private final boolean migrate;
  private final Duration connectTimeout;

  private JdbcLedgerSettings(String url, @Nullable String user, @Nullable String password, Path spill,
      boolean migrate, Duration connectTimeout) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.spill = spill;
    this.migrate = migrate;
    this.connectTimeout = connectTimeout;
  }

  /**
   * Reads the settings for a URL from a configuration (system properties, {@code ERGON_*} environment variables).
   *
   * @param url a {@code jdbc:postgresql://host[:port]/database[?parameters]} URL
   * @param config the configuration
   * @return the settings
   * @throws IllegalArgumentException if the URL is not a PostgreSQL JDBC URL or a setting is malformed, naming it
   * @throws LedgerException if the password file cannot be read, naming the file (never its content)
   */
  public static JdbcLedgerSettings of(String url, Configuration config) {
    checkUrl(url);
    String user = config.get(KEY_USER).orElse(null);
    String password = config.get(KEY_PASSWORD).orElse(null);
    Path file = config.getPath(KEY_PASSWORD_FILE).orElse(null);
    if (password == null && file != null) {
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        password = (nl >= 0 ? text.substring(0, nl) : text).strip();
      } catch (IOException | RuntimeException e) {
        throw new LedgerException("cannot read the ledger password file " + file + " (from "
            + config.source(KEY_PASSWORD_FILE) + "): " + e.getClass().getSimpleName() + "; check it exists and "
            + "is readable by this user");
      }
    }
    Path spill = config.getPath(KEY_SPILL).orElseGet(() -> JsonLinesLedger.defaultPath(System.getenv(),
        System.getProperty("user.home")).resolveSibling("ledger-spill.jsonl"));
    boolean migrate = config.get(KEY_MIGRATE).map(v -> {
      String s = v.toLowerCase(Locale.ROOT);
      if (!s.equals("true") && !s.equals("false")) {
        throw new IllegalArgumentException("bad value '" + v + "' for " + KEY_MIGRATE + " (from "
            + config.source(KEY_MIGRATE) + "); expected true or false");
      }
      return s.equals("true");
    }).orElse(false);
    Duration timeout = config.getDuration(KEY_CONNECT_TIMEOUT).orElse(DEFAULT_CONNECT_TIMEOUT);
    if (timeout.toMillis() < 250) {
      throw new IllegalArgumentException("bad value '" + timeout + "' for " + KEY_CONNECT_TIMEOUT + " (from "
          + config.source(KEY_CONNECT_TIMEOUT) + "); expected at least 250ms");
    }
    return new JdbcLedgerSettings(url, user, password, spill, migrate, timeout);
  }

  /**
   * Returns settings with explicit credentials, for tests and tools that hold them already.
   *
   * @param url a PostgreSQL JDBC URL
   * @param user the role, or null for the driver's default
   * @param password the password, or null
   * @param spill the spill file
   * @return the settings, not migrating at open, with the default connection timeout (10 s)
   * @throws IllegalArgumentException if the URL is not a PostgreSQL JDBC URL
   */
  public static JdbcLedgerSettings of(String url, @Nullable String user, @Nullable String password, Path spill) {
    checkUrl(url);
    return new JdbcLedgerSettings(url, user, password, Objects.requireNonNull(spill), false,
        DEFAULT_CONNECT_TIMEOUT);
  }

  /**
   * Returns a copy that migrates the schema at open, or not.
   *
   * @param allowed true to let {@link JdbcLedger#open(JdbcLedgerSettings)} bring the schema up to date
   * @return the new settings
   */
  public JdbcLedgerSettings withMigrate(boolean allowed) {
    return new JdbcLedgerSettings(url, user, password, spill, allowed, connectTimeout);
  }

  /**
   * Returns a copy with another connection timeout.
   *
   * @param timeout the longest an append waits for a connection, at least 250 ms
   * @return the new settings
   */
  public JdbcLedgerSettings withConnectTimeout(Duration timeout) {
    if (timeout.toMillis() < 250) {
      throw new IllegalArgumentException("connection timeout must be at least 250ms, got " + timeout);
    }
    return new JdbcLedgerSettings(url, user, password, spill, migrate, timeout);
  }

  private static void checkUrl(String url) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: '" + redact(url) + "'; expected "
          + "jdbc:postgresql://host[:port]/database");
    }
  }

  /**
   * Returns a URL without its parameters (which may hold a password), for messages.
   *
   * @param url a JDBC URL
   * @return the URL up to its {@code ?}
   */
  public static String redact(String url) {
    int q = url.indexOf('?');
    String base = q >= 0 ? url.substring(0, q) : url;
    int at = base.indexOf('@');
    int slashes = base.indexOf("//");
    if (at > 0 && slashes >= 0 && at > slashes) {
      base = base.substring(0, slashes + 2) + base.substring(at + 1); // user:password@ in the authority
    }
    return base;
  }

  /**
   * Returns the URL, given to the driver as it is.
   *
   * @return the URL (may carry parameters; use {@link #redact} to show it)
   */
  public String url() {
    return url;
  }

  /**
   * Returns the database user.
   *
   * @return the user, or null for the driver's default
   */
  public @Nullable String user() {
    return user;
  }

  /**
   * Returns the password: for the driver only, never to be shown.
   *
   * @return the password, or null
   */
  @Nullable String password() {
    return password;
  }

  /**
   * Returns the spill file.
   *
   * @return the JSON Lines file records go to while the database cannot be reached
   */
  public Path spill() {
    return spill;
  }

  /**
   * Tells whether opening may migrate the schema.
   *
   * @return true if allowed
   */
  public boolean migrate() {
    return migrate;
  }

  /**
   * Returns the connection timeout.
   *
   * @return the longest an append waits for a connection
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Masks a password inside a text, a last guard for messages built from driver errors. */
  String scrub(String text) {
    String p = password;
    return p == null || p.isEmpty() ? text : text.replace(p, "****");
  }

  @Override
  public String toString() {
    return redact(url) + " as " + (user == null ? "(default user)" : user) + (password == null ? ""
        : " with a password") + ", spill " + spill;
  }
}
