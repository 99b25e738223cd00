package dev.ergon.ledger.jdbc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A throw-away PostgreSQL cluster for the integration tests: initdb in a temporary directory, a server on
 * 127.0.0.1 and a free port, password (SCRAM) authentication, stopped by a shutdown hook whatever happens.
 *
 * <p>The binaries are found in {@code ERGON_TEST_PG_BIN}, else the newest {@code /usr/lib/postgresql/N/bin}, else
 * {@code pg_config --bindir}; none found is a test failure that says to install {@code postgresql}, never a skip.
 * PostgreSQL refuses to run as root: when the tests run as root, the cluster runs as the {@code postgres} user
 * (or {@code ERGON_TEST_PG_USER}) through {@code runuser}. {@code ERGON_TEST_PG_ROOT} names the directory to use
 * (so that {@code .ci/run} can stop the server if this JVM dies).
 *
 * <p>One per test JVM ({@link #shared()}); thread-safe.
 */
final class PostgresServer {
  /** The superuser created by initdb, and its password. */
  static final String ADMIN = "ergon_admin";
  static final String ADMIN_PASSWORD = "admin-" + Long.toHexString(System.nanoTime());

  private static @Nullable PostgresServer shared;

  private final Path bin;
  private final Path root;
  private final Path data;
  private final int port;
  private final @Nullable String runAs;
  private final boolean ownsRoot;
  private boolean running;

  private PostgresServer() throws IOException, InterruptedException {
    this.bin = findBin();
    String rootEnv = System.getenv("ERGON_TEST_PG_ROOT");
    this.ownsRoot = rootEnv == null || rootEnv.isBlank();
    this.root = ownsRoot ? Files.createTempDirectory("ergon-pg-") : Files.createDirectories(Path.of(rootEnv));
    this.data = root.resolve("data");
    this.runAs = "root".equals(System.getProperty("user.name"))
        ? envOr("ERGON_TEST_PG_USER", "postgres") : null;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      this.port = s.getLocalPort();
    }
    Path pw = root.resolve("pwfile");
    Files.writeString(pw, ADMIN_PASSWORD + "\n", StandardCharsets.UTF_8);
    if (runAs != null) {
      run(List.of("chown", "-R", runAs, root.toString()), false);
    }
    run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", ADMIN, "--pwfile=" + pw,
        "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"), true);
    start();
  }

  /** The server of this JVM, started on first use. */
  static synchronized PostgresServer shared() {
    PostgresServer s = shared;
    if (s == null) {
      try {
        s = new PostgresServer();
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the test PostgreSQL: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the test PostgreSQL", e);
      }
      PostgresServer started = s;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stopQuietly, "ergon-test-pg-stop"));
      shared = s;
    }
    return s;
  }

  private static String envOr(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private static Path findBin() throws IOException, InterruptedException {
    String env = System.getenv("ERGON_TEST_PG_BIN");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path lib = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(lib)) {
      try (var versions = Files.list(lib)) {
        var best = versions.filter(p -> Files.isExecutable(p.resolve("bin/initdb")))
            .max((a, b) -> Integer.compare(num(a), num(b)));
        if (best.isPresent()) {
          return best.get().resolve("bin");
        }
      }
    }
    try {
      Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor() == 0 && Files.isExecutable(Path.of(out, "initdb"))) {
        return Path.of(out);
      }
    } catch (IOException e) {
      // not installed: reported below
    }
    throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) not found in "
        + "/usr/lib/postgresql/*/bin or through pg_config: install them (apt-get install postgresql) or set "
        + "ERGON_TEST_PG_BIN; the JDBC ledger's integration tests need a real server");
  }

  private static int num(Path p) {
    try {
      return Integer.parseInt(p.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void run(List<String> command, boolean asServerUser) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (asServerUser && runAs != null) {
      cmd.addAll(List.of("runuser", "-u", runAs, "--"));
    }
    cmd.addAll(command);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
  }

  /** Starts the server (again). */
  synchronized void start() {
    if (running) {
      return;
    }
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", root.resolve("log").toString(),
          "-w", "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + root
              + " -c max_connections=100 -c fsync=off", "start"), true);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the test PostgreSQL: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    running = true;
  }

  /** Stops the server (fast shutdown: sessions are cut). */
  synchronized void stop() {
    if (!running) {
      return;
    }
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"), true);
    } catch (IOException e) {
      throw new IllegalStateException("cannot stop the test PostgreSQL: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    running = false;
  }

  /** Stops the server and removes the cluster's directory when this JVM made it (.ci/run removes its own). */
  private void stopQuietly() {
    try {
      stop();
      if (ownsRoot) {
        try (var paths = Files.walk(root)) {
          for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    } catch (RuntimeException | IOException e) {
      System.err.println("could not stop or remove the test PostgreSQL in " + root + ": " + e.getMessage());
    }
  }

  /**
   * The CPU time the server has used so far (the postmaster, its live processes and the ones it has reaped), in
   * milliseconds, from {@code /proc} (Linux, clock ticks of 10 ms); for the speed harness, whose wall-clock figures
   * a shared machine's load distorts.
   */
  long cpuMillis() throws IOException {
    long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.US_ASCII).get(0)
        .strip());
    long[] own = stat(pid);
    long ticks = own[0] + own[1] + own[2] + own[3];
    Path children = Path.of("/proc", Long.toString(pid), "task", Long.toString(pid), "children");
    for (String child : Files.readString(children, StandardCharsets.US_ASCII).strip().split(" ")) {
      if (!child.isEmpty()) {
        try {
          long[] c = stat(Long.parseLong(child));
          ticks += c[0] + c[1];
        } catch (IOException gone) {
          // exited since the list was read: its time is in the postmaster's reaped-children count
        }
      }
    }
    return ticks * 10;
  }

  /** utime, stime, cutime, cstime of a process, in clock ticks. */
  private static long[] stat(long pid) throws IOException {
    String st = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
    String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
    return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
  }

  /** The JDBC URL of a database. */
  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  int port() {
    return port;
  }

  /** A superuser connection to a database. */
  Connection admin(String database) throws SQLException {
    return DriverManager.getConnection(url(database), ADMIN, ADMIN_PASSWORD);
  }

  /** Creates a fresh database (dropping one of that name) owned by the admin. */
  void createDatabase(String name) throws SQLException {
    try (Connection c = admin("postgres"); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + name);
    }
  }

  /**
   * Creates (or resets) the least-privilege writer role of the documentation and grants it on a migrated database.
   *
   * @return the role's password
   */
  String createWriter(String database, String role) throws SQLException {
    String password = "pw-" + role + "-" + Long.toHexString(System.nanoTime());
    try (Connection c = admin(database); Statement s = c.createStatement()) {
      s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN "
          + "CREATE ROLE " + role + " LOGIN; END IF; END $$");
      s.execute("ALTER ROLE " + role + " PASSWORD '" + password + "'");
      s.execute("GRANT CONNECT ON DATABASE " + database + " TO " + role);
      s.execute("GRANT SELECT, INSERT, UPDATE ON ergon_records, ergon_buckets TO " + role);
      s.execute("GRANT SELECT, INSERT ON ergon_channel_sets TO " + role);
      s.execute("GRANT SELECT ON ergon_schema_version TO " + role);
    }
    return password;
  }
}
