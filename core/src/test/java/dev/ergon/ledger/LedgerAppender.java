package dev.ergon.ledger;

import java.nio.file.Path;

/**
 * A child-process main for the crash and multi-JVM tests: appends records to a ledger and prints each id once its
 * append has returned (acknowledged). Arguments: ledger path, writer number, count (0 = until killed), sync mode
 * ({@link SyncPolicy#parse} form; default group).
 */
public final class LedgerAppender {
  private LedgerAppender() {}

  /**
   * Runs the appender.
   *
   * @param args path, writer number, count, sync mode
   */
  public static void main(String[] args) {
    Path path = Path.of(args[0]);
    int writer = Integer.parseInt(args[1]);
    long count = Long.parseLong(args[2]);
    SyncPolicy sync = args.length > 3 ? SyncPolicy.parse(args[3]) : SyncPolicy.GROUP;
    try (JsonLinesLedger ledger = JsonLinesLedger.open(path, sync)) {
      for (long i = 0; count == 0 || i < count; i++) {
        String id = Records.id(writer, i);
        ledger.append(Records.sample(id, i));
        System.out.println("ACK " + id);
        System.out.flush();
      }
    }
  }
}
