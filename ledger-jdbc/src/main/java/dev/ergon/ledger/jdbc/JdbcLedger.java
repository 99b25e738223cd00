package dev.ergon.ledger.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ergon.Configuration;
import dev.ergon.EnergyRecord;
import dev.ergon.accounting.cells.ConsumptionCells;
import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.ledger.Ledger;
import dev.ergon.ledger.LedgerException;
import dev.ergon.ledger.RecordJson;
import dev.ergon.ledger.RecordSets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Ledger} in a PostgreSQL database that every host of a fleet appends to, and that dashboards and the
 * yearly report read.
 *
 * <p><b>Schema.</b> {@code ergon_records} (one row per job id: its latest state, the record's ledger line and its
 * fields as columns), {@code ergon_buckets} (record id, bucket start and end, energy µJ) and
 * {@code ergon_channel_sets} (channel descriptions, shared by the records that refer to them). The schema is
 * versioned ({@link SchemaMigrator}); opening checks its version and, when allowed
 * ({@code ergon.ledger.migrate=true}), migrates it.
 *
 * <p><b>Appends</b> are idempotent by id and batched: concurrent appenders' records go to the database together
 * through one writer thread, up to {@value #MAX_BATCH} in one statement that is its own transaction (one round
 * trip: new channel sets, records and their buckets together); {@link #append} returns when its record is
 * committed. {@link #store} (bulk loads, replay) sends up to {@value #STORE_CONNECTIONS} such batches at once. A
 * checkpoint replaces an older state of its job, never a newer one; a final record is never replaced; appending a
 * record again changes nothing.
 *
 * <p><b>When the database is away</b> (unreachable, restarting, refusing), appended records go to a local JSON
 * Lines ledger, the spill file ({@link JdbcLedgerSettings#spill()}), and {@link #append} returns normally: a job
 * never sees an exception for an outage. The database is tried again after {@value #RETRY_SECONDS} s. Spilled
 * records are replayed with {@code ergon ledger sync --from SPILL --to URL} ({@link #store}); replay is idempotent,
 * so a record both committed and spilled (the connection broke during the commit) is stored once.
 *
 * <p><b>Least privilege.</b> The role that appends needs, and should get, only:
 * <pre>
 * GRANT SELECT, INSERT, UPDATE ON ergon_records, ergon_buckets TO ergon_writer;
 * GRANT SELECT, INSERT ON ergon_channel_sets TO ergon_writer;
 * GRANT SELECT ON ergon_schema_version TO ergon_writer;
 * </pre>
 * UPDATE is needed by the idempotent upsert ({@code INSERT ... ON CONFLICT DO UPDATE}) to let a job's later state
 * replace its checkpoint; the upsert's WHERE clause lets it touch only provisional rows. No DELETE, TRUNCATE or
 * DDL. Readers (dashboards, reports) need SELECT only; migrations run as the schema's owner.
 *
 * <p>Thread-safe.
 *
 * @since 0.2
 */
public final class JdbcLedger implements Ledger {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcLedger.class);
  private static final AtomicInteger WRITERS = new AtomicInteger();

  /** The most records one batch (one statement, one transaction) stores. */
  public static final int MAX_BATCH = 2000;

  /** How many batches {@link #store} sends at once, each on its own connection. */
  public static final int STORE_CONNECTIONS = 2;

  /** The smallest list {@link #store} splits into {@value #STORE_CONNECTIONS} concurrent batches. */
  public static final int MIN_SPLIT = 1000;

  /** How long after a failure the database is left alone, in seconds: appends spill at once meanwhile. */
  public static final int RETRY_SECONDS = 5;

  private final JdbcLedgerSettings settings;
  private final HikariDataSource pool;
  private final RecordRows rows = new RecordRows();
  private final RecordJson json = new RecordJson();
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread writer;
  private final Object spillLock = new Object();
  private final Object helpersLock = new Object();
  private @Nullable ExecutorService helpers; // guarded by helpersLock
  private @Nullable JsonLinesLedger spillLedger; // guarded by spillLock
  private final AtomicLong spilled = new AtomicLong();
  // writer thread only:
  private long retryAtNanos;
  private boolean away;

  private JdbcLedger(JdbcLedgerSettings settings, boolean requireDatabase) {
    this.settings = settings;
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("ergon-ledger-" + WRITERS.incrementAndGet());
    hc.setJdbcUrl(settings.url());
    if (settings.user() != null) {
      hc.setUsername(settings.user());
    }
    if (settings.password() != null) {
      hc.setPassword(settings.password());
    }
    hc.setMaximumPoolSize(STORE_CONNECTIONS + 2); // the writer, store's batches, one reader
    hc.setMinimumIdle(0);
    hc.setConnectionTimeout(settings.connectTimeout().toMillis());
    hc.setValidationTimeout(Math.max(250, settings.connectTimeout().toMillis() / 2));
    hc.setInitializationFailTimeout(-1); // the pool opens even when the database is away: appends spill
    long seconds = Math.max(1, settings.connectTimeout().toSeconds());
    if (!settings.url().contains("connectTimeout=")) {
      hc.addDataSourceProperty("connectTimeout", Long.toString(seconds));
    }
    if (!settings.url().contains("ApplicationName=")) {
      hc.addDataSourceProperty("ApplicationName", "ergon");
    }
    this.pool = new HikariDataSource(hc);
    try (Connection c = pool.getConnection()) {
      int version = SchemaMigrator.version(c);
      if (version < SchemaMigrator.LATEST && settings.migrate()) {
        SchemaMigrator.migrate(c, SchemaMigrator.LATEST);
      } else if (version != SchemaMigrator.LATEST) {
        pool.close();
        throw new LedgerException(version > SchemaMigrator.LATEST
            ? "the ledger database " + JdbcLedgerSettings.redact(settings.url()) + " has schema version " + version
                + ", newer than the " + SchemaMigrator.LATEST + " this Ergon writes; upgrade Ergon"
            : "the ledger database " + JdbcLedgerSettings.redact(settings.url()) + " has schema version " + version
                + ", this Ergon needs " + SchemaMigrator.LATEST + "; run 'ergon ledger migrate --to "
                + JdbcLedgerSettings.redact(settings.url()) + "' as the schema owner, or set "
                + JdbcLedgerSettings.KEY_MIGRATE + "=true");
      }
    } catch (SQLException | RuntimeException e) {
      if (e instanceof LedgerException le) {
        throw le;
      }
      DatabaseErrors.Kind kind = DatabaseErrors.kind(e);
      if (requireDatabase || kind != DatabaseErrors.Kind.UNREACHABLE) {
        pool.close();
        throw new LedgerException(DatabaseErrors.describe(e, settings));
      }
      LOG.warn("{}; appends spill to {} until it is back", DatabaseErrors.describe(e, settings), settings.spill());
      away = true;
      retryAtNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
    }
    this.writer = new Thread(this::writeLoop, "ergon-ledger-jdbc-writer-" + WRITERS.get());
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Opens the ledger a URL names, with the settings of a configuration ({@link JdbcLedgerSettings#of(String,
   * Configuration)}). A database that cannot be reached is not an error: appends spill until it is back.
   *
   * @param url {@code jdbc:postgresql://host[:port]/database[?parameters]}
   * @param config the configuration: credentials, spill file, migration switch
   * @return the open ledger, owned by the caller
   * @throws LedgerException if the database refuses the credentials, does not exist, or has another schema
   *     version (and migration is not allowed), in one line naming the fix and never the password
   */
  public static JdbcLedger open(String url, Configuration config) {
    return open(JdbcLedgerSettings.of(url, config));
  }

  /**
   * Opens a ledger; a database that cannot be reached is not an error (appends spill until it is back).
   *
   * @param settings where and how
   * @return the open ledger, owned by the caller
   * @throws LedgerException as {@link #open(String, Configuration)}
   */
  public static JdbcLedger open(JdbcLedgerSettings settings) {
    return new JdbcLedger(settings, false);
  }

  /**
   * Opens a ledger that must be reachable now: for reading, reports and replay.
   *
   * @param settings where and how
   * @return the open ledger, owned by the caller
   * @throws LedgerException if the database cannot be reached or used, in one line naming the fix
   */
  public static JdbcLedger connect(JdbcLedgerSettings settings) {
    return new JdbcLedger(settings, true);
  }

  /**
   * Brings a database's schema to a version, as {@code ergon ledger migrate} does.
   *
   * @param settings where and how (a role allowed to create tables)
   * @param target the version to reach, 1 to {@link SchemaMigrator#LATEST}
   * @return the versions applied, in order; empty if it was up to date
   * @throws LedgerException if the database cannot be reached or a script fails, in one line
   */
  public static List<Integer> migrate(JdbcLedgerSettings settings, int target) {
    Properties p = new Properties();
    if (settings.user() != null) {
      p.setProperty("user", Objects.requireNonNull(settings.user()));
    }
    if (settings.password() != null) {
      p.setProperty("password", Objects.requireNonNull(settings.password()));
    }
    if (!settings.url().contains("connectTimeout=")) {
      p.setProperty("connectTimeout", Long.toString(Math.max(1, settings.connectTimeout().toSeconds())));
    }
    try (Connection c = DriverManager.getConnection(settings.url(), p)) {
      return SchemaMigrator.migrate(c, target);
    } catch (SQLException e) {
      throw new LedgerException(DatabaseErrors.describe(e, settings));
    }
  }

  /** A record on its way to the database, and what became of it. */
  private static final class Pending {
    final EnergyRecord record;
    final Thread waiter = Thread.currentThread();
    volatile boolean done;
    volatile @Nullable LedgerException failure;

    Pending(EnergyRecord record) {
      this.record = record;
    }

    void finish(@Nullable LedgerException f) {
      failure = f;
      done = true;
      LockSupport.unpark(waiter);
    }
  }

  /**
   * Appends a record: returns when it is committed to the database or, while the database is away, written to the
   * spill file. Waits at most about the connection timeout plus a transaction.
   *
   * @param record the record, or a later state of a job already appended
   * @throws LedgerException only if the ledger is closed, or the spill file cannot be written either
   */
  @Override
  public void append(EnergyRecord record) {
    Objects.requireNonNull(record, "record");
    if (closed.get()) {
      throw new LedgerException("the ledger " + JdbcLedgerSettings.redact(settings.url()) + " is closed");
    }
    Pending p = new Pending(record);
    queue.add(p);
    boolean interrupted = false;
    while (!p.done) {
      LockSupport.parkNanos(this, 100_000_000L);
      if (Thread.interrupted()) {
        interrupted = true; // an append is not abandoned half-way; the interrupt is kept for the caller
      }
      if (!p.done && !writer.isAlive() && queue.remove(p)) { // closed while this append was being queued
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        throw new LedgerException("the ledger " + JdbcLedgerSettings.redact(settings.url()) + " is closed");
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    LedgerException f = p.failure;
    if (f != null) {
      throw f;
    }
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      Pending first;
      try {
        first = queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        first = null;
      }
      if (first == null) {
        if (closed.get() && queue.isEmpty()) {
          return;
        }
        continue;
      }
      batch.clear();
      batch.add(first);
      queue.drainTo(batch, MAX_BATCH - 1);
      write(batch);
    }
  }

  private void write(List<Pending> batch) {
    if (away && System.nanoTime() - retryAtNanos < 0) {
      spill(batch);
      return;
    }
    List<EnergyRecord> records = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      records.add(p.record);
    }
    try {
      storeOnce(records);
      if (away) {
        away = false;
        LOG.warn("ledger database {} is reachable again; {} records spilled to {} so far: replay them with "
            + "'ergon ledger sync --from {} --to {}'", JdbcLedgerSettings.redact(settings.url()), spilled.get(),
            settings.spill(), settings.spill(), JdbcLedgerSettings.redact(settings.url()));
      }
      for (Pending p : batch) {
        p.finish(null);
      }
    } catch (SQLException | RuntimeException e) {
      retryAtNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
      if (!away) {
        away = true;
        LOG.warn("{}; appends spill to {} (retrying every {} s); replay them later with 'ergon ledger sync "
            + "--from {} --to {}'", DatabaseErrors.describe(e, settings), settings.spill(), RETRY_SECONDS,
            settings.spill(), JdbcLedgerSettings.redact(settings.url()));
      }
      spill(batch);
    }
  }

  private void spill(List<Pending> batch) {
    synchronized (spillLock) {
      for (Pending p : batch) {
        try {
          JsonLinesLedger s = spillLedger;
          if (s == null) {
            s = JsonLinesLedger.open(settings.spill());
            spillLedger = s;
          }
          s.append(p.record);
          spilled.incrementAndGet();
          p.finish(null);
        } catch (LedgerException e) {
          p.finish(new LedgerException("the ledger database " + JdbcLedgerSettings.redact(settings.url())
              + " is away and the spill file cannot be written either: " + e.getMessage(), e));
        }
      }
    }
  }

  /** One statement; once more after a foreign-key failure (the database was replaced: forget its sets). */
  private int storeOnce(List<EnergyRecord> records) throws SQLException {
    try (Connection c = pool.getConnection()) {
      return rows.store(c, records);
    } catch (SQLException e) {
      if (!"23503".equals(e.getSQLState())) {
        throw e;
      }
      rows.forgetStoredSets();
      try (Connection c = pool.getConnection()) {
        return rows.store(c, records);
      }
    }
  }

  /** As {@link #storeOnce}, for records already reduced to one per id. */
  private int storeUniqueOnce(List<EnergyRecord> unique) throws SQLException {
    try (Connection c = pool.getConnection()) {
      return rows.storeUnique(c, unique);
    } catch (SQLException e) {
      if (!"23503".equals(e.getSQLState())) {
        throw e;
      }
      rows.forgetStoredSets();
      try (Connection c = pool.getConnection()) {
        return rows.storeUnique(c, unique);
      }
    }
  }

  /**
   * Stores records now, without spilling: for replaying a spill file and for bulk loads. Idempotent like
   * {@link #append}. The records are first reduced to one per id (the latest state of each job, as
   * {@link RecordSets#later}), then stored in id order as batches of up to {@value #MAX_BATCH}, each one statement
   * and its own transaction; up to {@value #STORE_CONNECTIONS} batches go at once on their own connections (a list
   * of {@value #MIN_SPLIT} records or more is split so that they do). Batches hold distinct ids, so they never wait
   * for each other.
   *
   * @param records the records (checkpoints and final records, in any order)
   * @return how many rows were inserted or replaced; the others were copies or older states of stored jobs
   * @throws LedgerException if the database fails, in one line; the batches committed before stay committed (and
   *     storing the same records again is safe)
   */
  public long store(List<EnergyRecord> records) {
    List<EnergyRecord> unique = new ArrayList<>(RecordRows.latest(records).values());
    int n = unique.size();
    int parts = Math.max((n + MAX_BATCH - 1) / MAX_BATCH, Math.min(STORE_CONNECTIONS, n / (MIN_SPLIT / 2)));
    if (parts <= 1) {
      try {
        return n == 0 ? 0 : storeUniqueOnce(unique);
      } catch (SQLException e) {
        throw new LedgerException(DatabaseErrors.describe(e, settings));
      }
    }
    int size = (n + parts - 1) / parts;
    List<List<EnergyRecord>> batches = new ArrayList<>(parts);
    for (int from = 0; from < n; from += size) {
      batches.add(unique.subList(from, Math.min(n, from + size)));
    }
    AtomicInteger next = new AtomicInteger();
    AtomicLong stored = new AtomicLong();
    AtomicReference<@Nullable Exception> failure = new AtomicReference<>();
    Runnable work = () -> {
      for (int b; failure.get() == null && (b = next.getAndIncrement()) < batches.size(); ) {
        try {
          stored.addAndGet(storeUniqueOnce(batches.get(b)));
        } catch (SQLException | RuntimeException e) {
          failure.compareAndSet(null, e); // the other batches in flight finish; no new one starts
        }
      }
    };
    List<Future<?>> running = new ArrayList<>();
    for (int h = 1; h < Math.min(STORE_CONNECTIONS, batches.size()); h++) {
      running.add(storeHelpers().submit(work));
    }
    work.run();
    boolean interrupted = false;
    for (Future<?> f : running) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // a batch is not abandoned half-way; the interrupt is kept for the caller
        } catch (ExecutionException e) {
          throw new IllegalStateException("a store thread failed outside a batch", e.getCause()); // an Error
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Exception f = failure.get();
    if (f instanceof SQLException e) {
      throw new LedgerException(DatabaseErrors.describe(e, settings));
    } else if (f instanceof RuntimeException e) {
      throw e;
    }
    return stored.get();
  }

  /** The threads that store a list's other batches beside the caller's; started on first use. */
  private ExecutorService storeHelpers() {
    synchronized (helpersLock) {
      if (closed.get()) {
        throw new LedgerException("the ledger " + JdbcLedgerSettings.redact(settings.url()) + " is closed");
      }
      ExecutorService h = helpers;
      if (h == null) {
        h = Executors.newFixedThreadPool(STORE_CONNECTIONS - 1, task -> {
          Thread t = new Thread(task, "ergon-ledger-jdbc-store");
          t.setDaemon(true);
          return t;
        });
        helpers = h;
      }
      return h;
    }
  }

  /** Appends are synchronous: nothing is buffered, so there is nothing to flush. */
  @Override
  public void flush() {}

  /**
   * Streams the latest state of every record, sorted by id, to a consumer; jobs whose latest state is a
   * checkpoint come closed as partial ({@link RecordSets#closeDangling}), as a JSON Lines ledger is read.
   *
   * @param each the receiver, called on this thread
   * @return how many records were streamed
   * @throws LedgerException if the database cannot be read, or a stored line is not a valid record (naming its id)
   */
  public long forEach(Consumer<EnergyRecord> each) {
    RecordJson.LineDecoder decoder = json.lineDecoder();
    long n = 0;
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false); // a cursor: rows arrive in chunks of the fetch size
      try (Statement s = c.createStatement()) {
        s.setFetchSize(1000);
        try (ResultSet rs = s.executeQuery("SELECT entry FROM ergon_channel_sets")) {
          while (rs.next()) {
            decoder.read(rs.getString(1));
          }
        }
        try (ResultSet rs = s.executeQuery("SELECT id, line FROM ergon_records ORDER BY id")) {
          while (rs.next()) {
            EnergyRecord r;
            try {
              r = decoder.read(rs.getString(2));
            } catch (IllegalArgumentException e) {
              throw new LedgerException("the ledger database " + JdbcLedgerSettings.redact(settings.url())
                  + " holds a bad line for record " + rs.getString(1) + ": " + e.getMessage(), e);
            }
            if (r != null) {
              each.accept(RecordSets.closeDangling(r));
              n++;
            }
          }
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new LedgerException(DatabaseErrors.describe(e, settings));
    }
    return n;
  }

  /**
   * Returns the latest state of every record, sorted by id, dangling checkpoints closed as partial.
   *
   * @return a new list; for a large ledger prefer {@link #forEach} or the cells aggregated in SQL
   * @throws LedgerException if the database cannot be read
   */
  @Override
  public List<EnergyRecord> records() {
    List<EnergyRecord> out = new ArrayList<>();
    forEach(out::add);
    return List.copyOf(out);
  }

  /**
   * Aggregates every record of the ledger into accounting cells in the database ({@code GROUP BY} region × UTC hour
   * × host × tags × level), for a report that does not bring the records into this JVM: what
   * {@code ConsumptionCells.of(records())} gives, equal cell for cell, from one read-only snapshot. Job trees, records
   * without buckets or with a bucket across an hour, and rows stored before schema 3 are read and aggregated in
   * Java, then merged.
   *
   * <p>Thread-safe: uses its own connection.
   *
   * @return the cells, to hand to {@code Scope2Calculator.calculate(ConsumptionCells)} or
   *     {@code SciCalculator.calculate(ConsumptionCells)}
   * @throws LedgerException if the database cannot be read, or a stored line is not a valid record (naming its id)
   * @throws IllegalArgumentException as {@link ConsumptionCells#of}, for records it refuses (a malformed region or
   *     {@code energy.level} tag, parent ids in a cycle)
   * @since 0.2
   */
  public ConsumptionCells cells() {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      int isolation = c.getTransactionIsolation();
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        return new CellQuery().aggregate(c, JdbcLedgerSettings.redact(settings.url()));
      } finally {
        c.rollback();
        c.setReadOnly(false);
        c.setTransactionIsolation(isolation);
      }
    } catch (SQLException e) {
      throw new LedgerException(DatabaseErrors.describe(e, settings));
    }
  }

  /**
   * Returns how many records this ledger has spilled to its spill file since it opened.
   *
   * @return the count
   */
  public long spilled() {
    return spilled.get();
  }

  /**
   * Returns the settings: URL, user, spill file.
   *
   * @return the settings
   */
  public JdbcLedgerSettings settings() {
    return settings;
  }

  /** Waits for the appends in flight, stops the writer, closes the pool and the spill file. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    synchronized (helpersLock) {
      ExecutorService h = helpers;
      if (h != null) {
        h.shutdown();
        helpers = null;
      }
    }
    pool.close();
    synchronized (spillLock) {
      JsonLinesLedger s = spillLedger;
      if (s != null) {
        s.close();
        spillLedger = null;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "JdbcLedger[" + settings + "]";
  }
}
