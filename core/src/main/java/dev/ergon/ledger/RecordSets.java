package dev.ergon.ledger;

import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Merges records from several ledgers (processes, hosts) by id, keeping the latest state of each job.
 *
 * <p>A running job appends checkpoints (status {@link RecordStatus#OPEN}) under its own id, then its final record
 * under the same id. Merging keeps, per id: a record that is not open over any open one; among open ones, the
 * one with the later end. Identical copies collapse. Two records with one id are <em>checkpoints of the same
 * job</em> when name, parent id, tags, host, start and attribution agree and at least one is open (or a dangling
 * job already closed by {@link #closeDangling}); any other pair with one id is a conflicting duplicate, which is
 * never resolved silently.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class RecordSets {

  /** The problem written into a record whose job never closed: its latest state was a checkpoint. */
  public static final String DANGLING = "process ended without closing";

  private RecordSets() {}

  /**
   * Returns the union of record collections by id, the latest state of each id, sorted by id (ids are
   * time-ordered). Merging a ledger with itself, or in any order, gives the same result. Open checkpoints are
   * returned as they are; apply {@link #closeDangling(List)} before accounting.
   *
   * @param sources the record collections
   * @return the merged records, each id once
   * @throws IllegalArgumentException if two records share an id but are neither equal nor checkpoints of the
   *     same job, naming the id and both jobs
   */
  public static List<EnergyRecord> union(Collection<? extends Collection<EnergyRecord>> sources) {
    TreeMap<String, EnergyRecord> byId = new TreeMap<>();
    for (Collection<EnergyRecord> source : sources) {
      for (EnergyRecord r : source) {
        EnergyRecord prior = byId.get(r.id());
        if (prior == null) {
          byId.put(r.id(), r);
        } else if (!prior.equals(r)) {
          if (!sameJob(prior, r)) {
            throw new IllegalArgumentException("two different records share id " + r.id() + " (jobs '"
                + prior.name() + "' and '" + r.name() + "', not checkpoints of one job); one ledger was edited "
                + "by hand or an id was reused");
          }
          byId.put(r.id(), later(prior, r));
        }
      }
    }
    return new ArrayList<>(byId.values());
  }

  /**
   * Tells whether two different records with one id are states of one job: the same name, parent id, tags,
   * host, start and attribution, and at least one of them a checkpoint ({@link RecordStatus#OPEN}) or a dangling
   * job closed by {@link #closeDangling}.
   *
   * @param a a record
   * @param b a record with the same id
   * @return true if one may supersede the other
   */
  public static boolean sameJob(EnergyRecord a, EnergyRecord b) {
    return a.id().equals(b.id()) && (provisional(a) || provisional(b)) && a.name().equals(b.name())
        && Objects.equals(a.parentId(), b.parentId()) && a.tags().equals(b.tags()) && a.host().equals(b.host())
        && a.start().equals(b.start()) && a.attribution() == b.attribution();
  }

  /**
   * Returns the later state of one job: a final record beats a checkpoint; of two checkpoints, the later end
   * wins (the second argument on a tie).
   *
   * @param a a state
   * @param b another state of the same job ({@link #sameJob})
   * @return the one to keep
   */
  public static EnergyRecord later(EnergyRecord a, EnergyRecord b) {
    boolean pa = provisional(a);
    boolean pb = provisional(b);
    if (pa != pb) {
      return pa ? b : a;
    }
    return a.end().isAfter(b.end()) ? a : b;
  }

  /** A checkpoint, or a checkpoint already closed by {@link #closeDangling}: a later state may replace it. */
  private static boolean provisional(EnergyRecord r) {
    return r.status() == RecordStatus.OPEN
        || (r.status() == RecordStatus.PARTIAL && r.problems().contains(DANGLING));
  }

  /**
   * Turns a record whose latest state is a checkpoint into a {@link RecordStatus#PARTIAL} one with the problem
   * {@value #DANGLING}: its energy up to the last checkpoint counts once. Other records are returned as they are.
   *
   * @param r a record
   * @return the record to account for
   */
  public static EnergyRecord closeDangling(EnergyRecord r) {
    if (r.status() != RecordStatus.OPEN) {
      return r;
    }
    List<String> problems = new ArrayList<>(r.problems());
    problems.add(DANGLING);
    return new EnergyRecord(r.id(), r.parentId(), r.name(), r.tags(), r.host(), r.region(), r.start(), r.end(),
        r.units(), r.attribution(), r.channels(), r.buckets(), RecordStatus.PARTIAL, problems, null,
        r.selfCpu());
  }

  /**
   * Applies {@link #closeDangling(EnergyRecord)} to each record.
   *
   * @param records the latest states, e.g. from {@link #union}
   * @return a new list, same order
   */
  public static List<EnergyRecord> closeDangling(List<EnergyRecord> records) {
    List<EnergyRecord> out = new ArrayList<>(records.size());
    for (EnergyRecord r : records) {
      out.add(closeDangling(r));
    }
    return out;
  }
}
