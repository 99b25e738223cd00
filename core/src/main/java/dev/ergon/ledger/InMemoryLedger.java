package dev.ergon.ledger;

import dev.ergon.EnergyRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ledger held in memory, for tests and for tools that embed the accounting engine.
 *
 * <p>Keeps the latest state of each id, in the order ids were first appended: a job's final record replaces its
 * checkpoints ({@link RecordSets#later}); an identical record is ignored. Jobs still open are returned as
 * checkpoints; apply {@link RecordSets#closeDangling(List)} to account for them as partial. Memory grows with
 * the number of distinct ids.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class InMemoryLedger implements Ledger {
  private final Map<String, EnergyRecord> records = new LinkedHashMap<>();

  /** Creates an empty ledger. */
  public InMemoryLedger() {}

  /**
   * Appends a record or a later state of a job.
   *
   * @param record the record
   * @throws LedgerException if its id already holds a different record that is not a state of the same job
   */
  @Override
  public synchronized void append(EnergyRecord record) {
    EnergyRecord prior = records.get(record.id());
    if (prior == null) {
      records.put(record.id(), record);
    } else if (!prior.equals(record)) {
      if (!RecordSets.sameJob(prior, record)) {
        throw new LedgerException("record " + record.id() + " (job '" + record.name() + "') conflicts with the "
            + "record of job '" + prior.name() + "' already stored under that id; ids must be unique per job");
      }
      records.put(record.id(), RecordSets.later(prior, record));
    }
  }

  @Override
  public synchronized List<EnergyRecord> records() {
    return List.copyOf(new ArrayList<>(records.values()));
  }

  @Override
  public void close() {}
}
