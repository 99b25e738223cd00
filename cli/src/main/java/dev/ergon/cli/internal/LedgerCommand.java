package dev.ergon.cli.internal;

import dev.ergon.Configuration;
import dev.ergon.ledger.LedgerException;
import dev.ergon.ledger.jdbc.JdbcLedger;
import dev.ergon.ledger.jdbc.JdbcLedgerSettings;
import dev.ergon.ledger.jdbc.LedgerSync;
import dev.ergon.ledger.jdbc.SchemaMigrator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ergon ledger migrate|sync}: looks after a fleet ledger in PostgreSQL.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one instance per command line.
 */
@Command(
    name = "ledger",
    description = {"Looks after a fleet ledger in PostgreSQL (credentials from ERGON_LEDGER_USER and "
        + "ERGON_LEDGER_PASSWORD or ERGON_LEDGER_PASSWORD_FILE).", ""},
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {LedgerCommand.Migrate.class, LedgerCommand.Sync.class})
public final class LedgerCommand implements Callable<Integer> {

  @Spec CommandSpec spec = CommandSpec.create();

  /** Creates the command; picocli fills in its options. */
  public LedgerCommand() {}

  /** Without a subcommand: the usage on stderr, and the usage-error exit code. */
  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    err.println("ergon ledger: a command is required (migrate or sync)");
    spec.commandLine().usage(err);
    err.flush();
    return spec.exitCodeOnInvalidInput();
  }

  static JdbcLedgerSettings settings(CommandSpec spec, String url) {
    try {
      return JdbcLedgerSettings.of(url, Configuration.fromEnvironment());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "ledger URL: " + e.getMessage());
    }
  }

  /** {@code ergon ledger migrate --to URL [--version N]}. */
  @Command(name = "migrate", description = {"Brings the database's ledger schema up to date (run it as the "
      + "schema's owner; two hosts running it at once is safe).", ""})
  public static final class Migrate implements Callable<Integer> {
    @Mixin GlobalOptions global = new GlobalOptions();

    @Option(names = "--to", paramLabel = "URL", required = true,
        description = "The database, e.g. jdbc:postgresql://db.internal/ergon?sslmode=verify-full.")
    String url = "";

    @Option(names = "--version", paramLabel = "N", description = "The schema version to reach (default: the "
        + "latest this Ergon knows).")
    int version = SchemaMigrator.LATEST;

    @Spec CommandSpec spec = CommandSpec.create();

    /** Creates the command; picocli fills in its options. */
    public Migrate() {}

    @Override
    public Integer call() {
      global.applyLogging();
      if (version < 1 || version > SchemaMigrator.LATEST) {
        throw new ParameterException(spec.commandLine(), "--version must be 1 to " + SchemaMigrator.LATEST
            + ", got " + version);
      }
      JdbcLedgerSettings s = settings(spec, url);
      List<Integer> applied;
      try {
        applied = JdbcLedger.migrate(s, version);
      } catch (LedgerException e) {
        throw new CommandFailure(String.valueOf(e.getMessage()));
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(applied.isEmpty() ? "schema of " + JdbcLedgerSettings.redact(url) + " already at version "
          + version : "schema of " + JdbcLedgerSettings.redact(url) + " migrated to version " + version
          + " (applied " + applied + ")");
      out.flush();
      return 0;
    }
  }

  /** {@code ergon ledger sync --from FILE --to URL}. */
  @Command(name = "sync", description = {"Replays a JSON Lines ledger (e.g. the spill file written while the "
      + "database was away) into the database; safe to run again: each job's latest state is stored once.", ""})
  public static final class Sync implements Callable<Integer> {
    @Mixin GlobalOptions global = new GlobalOptions();

    @Option(names = "--from", paramLabel = "FILE", required = true, description = "The JSON Lines ledger to replay.")
    Path from = Path.of("");

    @Option(names = "--to", paramLabel = "URL", required = true, description = "The database.")
    String url = "";

    @Spec CommandSpec spec = CommandSpec.create();

    /** Creates the command; picocli fills in its options. */
    public Sync() {}

    @Override
    public Integer call() {
      global.applyLogging();
      JdbcLedgerSettings s = settings(spec, url);
      LedgerSync.Result r;
      try (JdbcLedger ledger = JdbcLedger.connect(s)) {
        r = LedgerSync.replay(from, ledger);
      } catch (LedgerException e) {
        throw new CommandFailure(String.valueOf(e.getMessage()));
      }
      PrintWriter err = spec.commandLine().getErr();
      for (String p : r.problems()) {
        err.println("ergon: warning: skipped " + p);
      }
      err.flush();
      PrintWriter out = spec.commandLine().getOut();
      out.println("read " + r.read() + " records from " + from + "; stored " + r.stored() + " new jobs or later "
          + "states in " + JdbcLedgerSettings.redact(url) + "; the rest were there already");
      out.flush();
      return 0;
    }
  }
}
