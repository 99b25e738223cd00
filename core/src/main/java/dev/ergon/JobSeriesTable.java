package dev.ergon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Per-job series for metric exporters (job name plus allow-listed tag values): closed jobs' energy and units kept as
 * running totals fed by {@link #closed}, open jobs' live figures from {@link EnergyMonitor#snapshot()} added at each
 * read, and every value held monotonic, as a counter must be. Shared by {@code ergon-micrometer} and
 * {@code ergon-opentelemetry}, and usable by any other exporter.
 *
 * <p>Bounded: at most {@code maxSeries} keys; later keys fall into one overflow key whose name and values are all
 * {@value #OTHER}. Thread-safe.
 *
 * @since 0.2
 */
public final class JobSeriesTable {

  /** Name and tag values of the overflow series. */
  public static final String OTHER = "_other";
  /** Value of an allow-listed tag that a job does not have. */
  public static final String NONE = "none";

  /**
   * A series: a job name and its allow-listed tag values, in allow-list order.
   *
   * @param name the job name, or {@value #OTHER} for the overflow series
   * @param values the tag values, {@value #NONE} where a job lacks the tag
   */
  public record Key(String name, List<String> values) {}

  /**
   * One series' figures.
   *
   * @param joules energy of the series' jobs, closed and open, J; never decreasing
   * @param units functional units of the series' jobs; never decreasing
   * @param idle whether an open workload of the series is idle
   */
  public record Values(double joules, long units, boolean idle) {}

  private final List<String> tagKeys;
  private final int maxSeries;
  private final long ttlNanos;
  private final Supplier<MonitorSnapshot> snapshots;
  private final Consumer<Key> onNewKey;
  private final ConcurrentHashMap<Key, Boolean> keys = new ConcurrentHashMap<>();
  private final Key other;
  /** Closed jobs' totals per key: µJ and units. Guarded by {@code this}. */
  private final Map<Key, long[]> closed = new HashMap<>();
  /** Last values handed out per key: µJ and units. Guarded by {@code this}. */
  private final Map<Key, long[]> reported = new HashMap<>();
  private Map<Key, Values> current = Map.of();
  private long computedAt = Long.MIN_VALUE;
  private boolean computedOnce;

  /**
   * Creates a table.
   *
   * @param tagKeys the allow-listed tag keys, in order
   * @param maxSeries the most keys before the overflow key, {@code >= 1}
   * @param ttlNanos how long computed values are reused, ns
   * @param snapshots the monitor's live view, e.g. {@code monitor::snapshot}
   * @param onNewKey called once per key when it is registered (outside the table's lock)
   */
  public JobSeriesTable(List<String> tagKeys, int maxSeries, long ttlNanos, Supplier<MonitorSnapshot> snapshots,
      Consumer<Key> onNewKey) {
    this.tagKeys = List.copyOf(tagKeys);
    this.maxSeries = maxSeries;
    this.ttlNanos = ttlNanos;
    this.snapshots = snapshots;
    this.onNewKey = onNewKey;
    List<String> o = new ArrayList<>();
    for (int i = 0; i < tagKeys.size(); i++) {
      o.add(OTHER);
    }
    this.other = new Key(OTHER, List.copyOf(o));
  }

  /**
   * Returns the allow-listed tag keys.
   *
   * @return an immutable list
   */
  public List<String> tagKeys() {
    return tagKeys;
  }

  private Key rawKey(String name, Tags tags) {
    List<String> values = new ArrayList<>(tagKeys.size());
    for (String k : tagKeys) {
      values.add(tags.get(k).orElse(NONE));
    }
    return new Key(name, values);
  }

  /**
   * Returns the registered key of a job (its own, or the overflow key), or null if none is registered yet.
   *
   * @param name the job name
   * @param tags the job's tags
   * @return the key, or null
   */
  public @org.jspecify.annotations.Nullable Key lookup(String name, Tags tags) {
    Key key = rawKey(name, tags);
    if (keys.containsKey(key)) {
      return key;
    }
    return keys.size() >= maxSeries && keys.containsKey(other) ? other : null;
  }

  /**
   * Returns the key of a job, registering it when new, or the overflow key when full.
   *
   * @param name the job name
   * @param tags the job's tags
   * @return the key
   */
  public Key keyOf(String name, Tags tags) {
    Key key = rawKey(name, tags);
    if (keys.containsKey(key)) {
      return key;
    }
    synchronized (this) {
      if (keys.containsKey(key)) {
        return key;
      }
      if (keys.size() >= maxSeries) {
        key = other;
        if (keys.containsKey(key)) {
          return key;
        }
      }
      keys.put(key, Boolean.TRUE);
    }
    onNewKey.accept(key);
    return key;
  }

  /**
   * Adds a final record of a job (checkpoints and workload segments are skipped: the final record holds them).
   *
   * @param r the record, e.g. from {@link MonitorListener#onRecord}
   */
  public void closed(EnergyRecord r) {
    if (r.status() == RecordStatus.OPEN || r.tags().get("ergon.segment").isPresent()) {
      return;
    }
    Key key = keyOf(r.name(), r.tags());
    synchronized (this) {
      long[] t = closed.computeIfAbsent(key, k -> new long[2]);
      t[0] = saturatedAdd(t[0], r.total().toMicrojoulesExact());
      t[1] = saturatedAdd(t[1], r.units());
    }
  }

  /**
   * Returns the figures of one series, recomputed when older than the time to live.
   *
   * @param key the series
   * @return its figures; zeros for a key with no jobs
   */
  public Values get(Key key) {
    Values v = values().get(key);
    return v != null ? v : new Values(0, 0, false);
  }

  /**
   * Returns the figures of every series, recomputed when older than the time to live.
   *
   * @return key to figures
   */
  public synchronized Map<Key, Values> values() {
    long now = System.nanoTime();
    if (computedOnce && now - computedAt < ttlNanos) {
      return current;
    }
    // Closed totals first, then the open jobs: a job that closes in between is missing from both for one read
    // (the monotonic hold below covers it), never counted twice.
    Map<Key, long[]> sums = new HashMap<>();
    closed.forEach((k, t) -> sums.put(k, t.clone()));
    MonitorSnapshot snap = snapshots.get();
    Map<Key, Boolean> idle = new HashMap<>();
    for (MonitorSnapshot.JobState j : snap.jobs()) {
      Key k = lookup(j.name(), j.tags());
      if (k == null) {
        continue; // started before the binder saw it and not yet registered: registered by the next bind or record
      }
      long[] t = sums.computeIfAbsent(k, x -> new long[2]);
      t[0] = saturatedAdd(t[0], j.energy().toMicrojoulesExact());
      t[1] = saturatedAdd(t[1], j.units());
      if (j.idle()) {
        idle.put(k, Boolean.TRUE);
      }
    }
    Map<Key, Values> out = new HashMap<>();
    for (Key k : keys.keySet()) {
      long[] t = sums.getOrDefault(k, new long[2]);
      long[] last = reported.computeIfAbsent(k, x -> new long[2]);
      last[0] = Math.max(last[0], t[0]);
      last[1] = Math.max(last[1], t[1]);
      out.put(k, new Values(last[0] / 1e6, last[1], idle.containsKey(k)));
    }
    current = out;
    computedAt = now;
    computedOnce = true;
    return out;
  }

  /**
   * Returns the registered keys.
   *
   * @return a copy
   */
  public List<Key> keys() {
    return List.copyOf(keys.keySet());
  }

  /**
   * Returns how many keys are registered.
   *
   * @return the count, at most {@code maxSeries}
   */
  public int size() {
    return keys.size();
  }

  private static long saturatedAdd(long a, long b) {
    long s = a + b;
    return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
  }
}
