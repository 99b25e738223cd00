package dev.ergon.cli.internal;

import dev.ergon.EnergyRecord;
import dev.ergon.ledger.LedgerException;
import dev.ergon.ledger.jdbc.JdbcLedger;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Reads the records of a database ledger for {@code ergon report --ledger jdbc:...}: the latest state of each job,
 * sorted by id, streamed out of the database as a JSON Lines ledger is read, so the report is the same byte for
 * byte as from the same records in a file.
 *
 * <p>This class is internal and is hence not for public use. Stateless.
 */
final class DatabaseLedgers {
  private DatabaseLedgers() {}

  static List<EnergyRecord> read(CommandSpec spec, String url) {
    try (JdbcLedger ledger = JdbcLedger.connect(LedgerCommand.settings(spec, url))) {
      return ledger.records();
    } catch (LedgerException e) {
      throw new CommandFailure(String.valueOf(e.getMessage()));
    }
  }
}
