package dev.ergon.ledger;

import dev.ergon.EnergyRecord;
import java.nio.file.Path;
import java.time.Duration;

/** A child-process main: appends {@code count} records, then streams them back and prints how many. */
public final class FlatMemoryMain {
  private FlatMemoryMain() {}

  /**
   * Runs it.
   *
   * @param args ledger path, count
   */
  public static void main(String[] args) {
    Path path = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    try (JsonLinesLedger ledger = JsonLinesLedger.open(path, SyncPolicy.async(Duration.ofSeconds(1)))) {
      for (int i = 0; i < count; i++) {
        ledger.append(Records.sample(Records.id(i), i));
      }
    }
    long[] n = {0};
    LedgerReader.forEach(path, true, new LedgerReader.Visitor() {
      @Override
      public void record(EnergyRecord record, LedgerReader.Location where) {
        n[0]++;
      }
    });
    System.out.println("streamed " + n[0]);
  }
}
