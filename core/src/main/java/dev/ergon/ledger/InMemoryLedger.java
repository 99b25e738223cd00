package dev.ergon.ledger;

import dev.ergon.EnergyRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A ledger held in memory, for tests and for tools that embed the accounting engine.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class InMemoryLedger implements Ledger {
  private final List<EnergyRecord> records = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();

  /** Creates an empty ledger. */
  public InMemoryLedger() {}

  @Override
  public synchronized void append(EnergyRecord record) {
    if (ids.add(record.id())) {
      records.add(record);
    }
  }

  @Override
  public synchronized List<EnergyRecord> records() {
    return List.copyOf(records);
  }

  @Override
  public void close() {}
}
