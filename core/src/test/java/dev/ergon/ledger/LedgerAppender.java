package dev.ergon.ledger;

import java.nio.file.Path;

/**
 * A child-process main for the crash and multi-JVM tests: appends records to a ledger and prints each id once its
 * append has returned (acknowledged). Arguments: ledger path, id prefix, count (0 = until killed).
 */
public final class LedgerAppender {
  private LedgerAppender() {}

  /**
   * Runs the appender.
   *
   * @param args path, prefix, count
   */
  public static void main(String[] args) {
    Path path = Path.of(args[0]);
    String prefix = args[1];
    long count = Long.parseLong(args[2]);
    try (JsonLinesLedger ledger = JsonLinesLedger.open(path)) {
      for (long i = 0; count == 0 || i < count; i++) {
        String id = prefix + "-" + i;
        ledger.append(Records.sample(id, i));
        System.out.println("ACK " + id);
        System.out.flush();
      }
    }
  }
}
