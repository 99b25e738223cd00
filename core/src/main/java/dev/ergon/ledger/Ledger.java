package dev.ergon.ledger;

import dev.ergon.EnergyRecord;
import java.util.List;

/**
 * An append-only store of energy records.
 *
 * <p>Appending a record whose id is already present is a no-op, so replaying or merging never double counts.
 * Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface Ledger extends AutoCloseable {

  /**
   * Appends a record. When this returns, the record is acknowledged: durable as far as the implementation's
   * policy promises (for the JSON Lines file store with per-record sync, on disk).
   *
   * @param record the record
   * @throws LedgerException if it cannot be stored; nothing already stored is lost
   */
  void append(EnergyRecord record);

  /**
   * Returns every record, in append order.
   *
   * @return an immutable snapshot
   */
  List<EnergyRecord> records();

  /**
   * Forces records appended so far to durable storage, where the implementation buffers them (an asynchronous
   * sync mode). The monitor calls it when it closes and from its shutdown hook. By default does nothing.
   *
   * @throws LedgerException if they cannot be stored
   */
  default void flush() {}

  /** Flushes and releases resources. Idempotent. */
  @Override
  void close();
}
