package dev.ergon.compare;

import dev.ergon.ChannelEnergy;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One side of a comparison: the figure of each run (joules per {@link Basis}), and what the runs were measured with,
 * so that a comparison can warn when the two sides mix instruments.
 *
 * <p>Immutable and thread-safe.
 *
 * @param label the side's label, {@code A} or {@code B}
 * @param selection what was selected, e.g. {@code tag:variant=fp32} or {@code bench.json: Infer.int8}
 * @param basis what each value is per
 * @param values each run's figure, in joules per {@code basis}; finite and {@code >= 0}
 * @param methods how the energy was known, e.g. {@code counter}, {@code model}, {@code integrated_power}, or for
 *     JMH results {@code measured}, {@code estimated}
 * @param hosts the hosts the runs ran on (empty when unknown)
 * @param devices the devices metered, e.g. {@code package-0}, a GPU's UUID (empty when unknown)
 * @param notes what was left out and why, for the comparison's warnings
 * @since 0.2
 */
public record RunGroup(
    String label,
    String selection,
    Basis basis,
    List<Double> values,
    SortedSet<String> methods,
    SortedSet<String> hosts,
    SortedSet<String> devices,
    List<String> notes) {

  /** Validates the values and copies the collections. */
  public RunGroup {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(basis, "basis");
    values = List.copyOf(values);
    for (double v : values) {
      if (!Double.isFinite(v) || v < 0) {
        throw new IllegalArgumentException(label + " (" + selection + "): run figure " + v + " is not a finite "
            + "energy >= 0");
      }
    }
    methods = Collections.unmodifiableSortedSet(new TreeSet<>(methods));
    hosts = Collections.unmodifiableSortedSet(new TreeSet<>(hosts));
    devices = Collections.unmodifiableSortedSet(new TreeSet<>(devices));
    notes = List.copyOf(notes);
  }

  /**
   * Returns the number of runs.
   *
   * @return the count of values
   */
  public int runs() {
    return values.size();
  }

  /**
   * Selects one side's runs from ledger records: each selected record with status {@code complete} is a run. A
   * selected record inside another selected record (by parent id) is part of that run, not a run of its own;
   * records not complete (partial, failed, no meter) are left out and counted in {@link #notes()}.
   *
   * @param label {@code A} or {@code B}
   * @param records the records of one or more ledgers, merged by id
   * @param selector which records
   * @param basis per units or per run
   * @return the group
   * @throws IllegalArgumentException if, per units, a selected run has no units, naming the count and the fix
   */
  public static RunGroup ofRecords(String label, Collection<EnergyRecord> records, RecordSelector selector,
      Basis basis) {
    Map<String, EnergyRecord> byId = new HashMap<>();
    for (EnergyRecord r : records) {
      byId.put(r.id(), r);
    }
    Set<String> selected = new HashSet<>();
    for (EnergyRecord r : records) {
      if (selector.matches(r)) {
        selected.add(r.id());
      }
    }
    List<Double> values = new ArrayList<>();
    SortedSet<String> methods = new TreeSet<>();
    SortedSet<String> hosts = new TreeSet<>();
    SortedSet<String> devices = new TreeSet<>();
    SortedMap<String, Integer> leftOut = new TreeMap<>();
    List<EnergyRecord> runs = new ArrayList<>();
    int nested = 0;
    for (EnergyRecord r : records) {
      if (!selected.contains(r.id())) {
        continue;
      }
      if (hasSelectedAncestor(r, byId, selected)) {
        nested++;
        continue;
      }
      if (r.status() != RecordStatus.COMPLETE) {
        leftOut.merge(r.status().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        continue;
      }
      runs.add(r);
    }
    runs.sort((x, y) -> x.id().compareTo(y.id()));
    int withoutUnits = 0;
    for (EnergyRecord r : runs) {
      if (!basis.perRun() && r.units() == 0) {
        withoutUnits++;
      }
    }
    if (withoutUnits > 0) {
      throw new IllegalArgumentException("per-unit figures need units: " + withoutUnits + " of " + runs.size()
          + " runs of " + label + " (" + selector + ") counted none; count them in the job (job.addUnits(n)), or "
          + "compare each run's whole energy (per run)");
    }
    for (EnergyRecord r : runs) {
      double joules = r.total().toJoules();
      values.add(basis.perRun() ? joules : joules * basis.per() / r.units());
      hosts.add(r.host());
      for (ChannelEnergy c : r.channels()) {
        methods.add(c.method().name().toLowerCase(Locale.ROOT));
        devices.add(c.device());
      }
    }
    List<String> notes = new ArrayList<>();
    if (!leftOut.isEmpty()) {
      StringBuilder s = new StringBuilder();
      int total = 0;
      for (Map.Entry<String, Integer> e : leftOut.entrySet()) {
        s.append(s.length() == 0 ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey());
        total += e.getValue();
      }
      notes.add(label + ": " + total + " selected record" + (total == 1 ? "" : "s") + " left out, not complete ("
          + s + ")");
    }
    if (nested > 0) {
      notes.add(label + ": " + nested + " selected record" + (nested == 1 ? " is" : "s are") + " nested in another "
          + "selected record and counted as part of it");
    }
    return new RunGroup(label, selector.toString(), basis, values, methods, hosts, devices, notes);
  }

  private static boolean hasSelectedAncestor(EnergyRecord r, Map<String, EnergyRecord> byId, Set<String> selected) {
    Set<String> seen = new HashSet<>();
    String parent = r.parentId();
    while (parent != null && seen.add(parent)) {
      if (selected.contains(parent)) {
        return true;
      }
      EnergyRecord p = byId.get(parent);
      parent = p == null ? null : p.parentId();
    }
    return false;
  }
}
