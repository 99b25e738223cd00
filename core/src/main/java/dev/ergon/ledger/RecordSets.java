package dev.ergon.ledger;

import dev.ergon.EnergyRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * Merges records from several ledgers (processes, hosts) by id.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class RecordSets {
  private RecordSets() {}

  /**
   * Returns the union of record collections by id, sorted by id (ids are time-ordered). Merging a ledger with
   * itself, or in any order, gives the same result.
   *
   * @param sources the record collections
   * @return the merged records, each id once
   * @throws IllegalArgumentException if two records share an id but differ, naming the id
   */
  public static List<EnergyRecord> union(Collection<? extends Collection<EnergyRecord>> sources) {
    TreeMap<String, EnergyRecord> byId = new TreeMap<>();
    for (Collection<EnergyRecord> source : sources) {
      for (EnergyRecord r : source) {
        EnergyRecord prior = byId.putIfAbsent(r.id(), r);
        if (prior != null && !prior.equals(r)) {
          throw new IllegalArgumentException("two different records share id " + r.id()
              + " (jobs '" + prior.name() + "' and '" + r.name() + "'); one ledger was edited by hand");
        }
      }
    }
    return new ArrayList<>(byId.values());
  }
}
