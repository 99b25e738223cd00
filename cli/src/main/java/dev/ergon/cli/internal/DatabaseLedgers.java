package dev.ergon.cli.internal;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.cells.ConsumptionCells;
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

  /**
   * Aggregates a database ledger into accounting cells in the database (SQL {@code GROUP BY}): the report's input
   * without bringing the records into this JVM.
   */
  static ConsumptionCells cells(CommandSpec spec, String url) {
    try (JdbcLedger ledger = JdbcLedger.connect(LedgerCommand.settings(spec, url))) {
      return ledger.cells();
    } catch (LedgerException e) {
      throw new CommandFailure(String.valueOf(e.getMessage()));
    } catch (IllegalArgumentException e) {
      throw new CommandFailure("the ledger database " + dev.ergon.ledger.jdbc.JdbcLedgerSettings.redact(url)
          + " holds records the accounting refuses: " + e.getMessage());
    }
  }

  static List<EnergyRecord> read(CommandSpec spec, String url) {
    try (JdbcLedger ledger = JdbcLedger.connect(LedgerCommand.settings(spec, url))) {
      return ledger.records();
    } catch (LedgerException e) {
      throw new CommandFailure(String.valueOf(e.getMessage()));
    }
  }
}
