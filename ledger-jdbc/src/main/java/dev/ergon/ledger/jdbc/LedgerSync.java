package dev.ergon.ledger.jdbc;

import dev.ergon.EnergyRecord;
import dev.ergon.ledger.LedgerException;
import dev.ergon.ledger.LedgerReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a JSON Lines ledger (a spill file, or any ledger) into a {@link JdbcLedger}: what
 * {@code ergon ledger sync --from FILE --to URL} does. Streams the file, one batch of
 * {@value JdbcLedger#MAX_BATCH} records in memory at a time; idempotent, so running it twice, or on records the
 * database already holds, stores each job's latest state once.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.2
 */
public final class LedgerSync {
  private LedgerSync() {}

  /**
   * What a replay did.
   *
   * @param read the records read from the file (every state of every job)
   * @param stored the rows inserted or replaced (new jobs, later states)
   * @param problems bad lines skipped ({@code file:line: reason}), e.g. a torn last line
   */
  public record Result(long read, long stored, List<String> problems) {
    /** Copies the problems. */
    public Result {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Replays a file's records into a database.
   *
   * @param file a JSON Lines ledger
   * @param to the database ledger
   * @return the counts and the bad lines skipped
   * @throws LedgerException if the file cannot be read or the database fails (the batches before stay stored, and
   *     running it again is safe)
   */
  public static Result replay(Path file, JdbcLedger to) {
    if (!Files.isRegularFile(file)) {
      throw new LedgerException("no such ledger file: " + file + "; check the path");
    }
    List<EnergyRecord> batch = new ArrayList<>(JdbcLedger.MAX_BATCH);
    List<String> problems = new ArrayList<>();
    long[] counts = {0, 0};
    LedgerReader.forEach(file, false, new LedgerReader.Visitor() {
      @Override
      public void record(EnergyRecord record, LedgerReader.Location where) {
        batch.add(record);
        counts[0]++;
        if (batch.size() == JdbcLedger.MAX_BATCH) {
          counts[1] += to.store(batch);
          batch.clear();
        }
      }

      @Override
      public void problem(String problem) {
        problems.add(problem);
      }
    });
    counts[1] += to.store(batch);
    return new Result(counts[0], counts[1], problems);
  }
}
