package dev.ergon.ledger.jdbc;

import dev.ergon.Configuration;
import dev.ergon.RecordStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * One appending process of {@link ManyJvmsIT}: opens the ledger from the environment (ERGON_LEDGER_USER,
 * ERGON_LEDGER_PASSWORD, ERGON_LEDGER_SPILL) and appends, from 4 threads, a checkpoint then the final record of
 * {@code jobs} jobs. Prints {@code spilled N} and exits 0.
 */
public final class AppendWorker {
  private AppendWorker() {}

  /**
   * Runs.
   *
   * @param args url, writer number, jobs
   * @throws Exception on failure (exit code 1)
   */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    int writer = Integer.parseInt(args[1]);
    int jobs = Integer.parseInt(args[2]);
    try (JdbcLedger ledger = JdbcLedger.open(url, Configuration.fromEnvironment())) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int first = t;
        threads.add(new Thread(() -> {
          for (int n = first; n < jobs; n += 4) {
            ledger.append(TestRecords.job(writer, n, 2, 1, RecordStatus.OPEN));
            ledger.append(TestRecords.job(writer, n, 2, 2, RecordStatus.COMPLETE));
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      System.out.println("spilled " + ledger.spilled());
    }
  }
}
