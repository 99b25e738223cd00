package dev.ergon.ledger;

import dev.ergon.EnergyRecord;
import java.util.List;

/**
 * An append-only store of energy records.
 *
 * <p>A job's id may be appended more than once: its checkpoints (status {@link dev.ergon.RecordStatus#OPEN}),
 * then its final record. Appending never reads or deduplicates what is stored; readers keep the latest state per
 * id ({@link RecordSets}), so replaying or merging never double counts. Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface Ledger extends AutoCloseable {

  /**
   * Appends a record. When this returns, the record is acknowledged: durable as far as the implementation's
   * policy promises (for {@link JsonLinesLedger}, see {@link SyncPolicy}).
   *
   * @param record the record, or a later state (checkpoint or final record) of a job already appended
   * @throws LedgerException if it cannot be stored, with the reason; nothing already stored is lost
   */
  void append(EnergyRecord record);

  /**
   * Forces records appended so far to durable storage (for buffered or asynchronous policies); the monitor's
   * shutdown hook calls it. Does nothing by default.
   *
   * @throws LedgerException if they cannot be made durable
   */
  default void flush() {}

  /**
   * Returns the latest state of every record. An in-memory ledger returns what it holds; a file ledger reads its
   * file (see the implementation).
   *
   * @return an immutable snapshot, one record per id
   */
  List<EnergyRecord> records();

  /** Flushes and releases resources. Idempotent. */
  @Override
  void close();
}
