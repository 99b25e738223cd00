package dev.ergon.accounting.cells;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.internal.CellAggregator;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Energy records aggregated into cells (region × UTC hour × group × basis): the first, associative step of every
 * accounting calculation. Cells built from several parts of a ledger and merged with {@link #plus} equal the cells
 * of the whole, and a calculator given them ({@code Scope2Calculator.calculate(ConsumptionCells)},
 * {@code SciCalculator.calculate(ConsumptionCells)}) produces the same report, byte for byte, whatever the parts and
 * the order of merging.
 *
 * <p>What a cell holds is exact: integer µJ and µJ² sums ({@link CellEnergy}), so no sum depends on order. Beside
 * the cells: the covariances of cells that share a record's energy error ({@link CellPair}), the record tally
 * ({@link RecordTally}) and, per host, the union of the counted records' run times (for the SCI's time reserved).
 *
 * <p>Parts must not split what the consumption rules look at together: all copies of one record id, and a job tree
 * (a record and every record nested in it), must be in the same part. A ledger partitioned by the root job's id does
 * this; partitioning by time or host generally does not for long or nested jobs.
 *
 * <p>Factors, PUE, the default region, the reporting period, instruments and uncertainty are not applied here: they
 * are the calculator's options, applied per cell. Immutable and thread-safe.
 *
 * <pre>{@code
 * ConsumptionCells part1 = ConsumptionCells.of(recordsOfShard1);
 * ConsumptionCells part2 = ConsumptionCells.of(recordsOfShard2);
 * Scope2Report report = Scope2.calculator(EmissionFactors.bundled()).pue(1.2).calculate(part1.plus(part2));
 * }</pre>
 *
 * @since 0.2
 */
public final class ConsumptionCells {

  /** No records. */
  public static final ConsumptionCells EMPTY = new ConsumptionCells(new TreeMap<>(), new TreeMap<>(),
      RecordTally.EMPTY, new TreeMap<>());

  private final SortedMap<CellKey, CellEnergy> cells;
  private final SortedMap<CellPair, BigInteger> covariances;
  private final RecordTally tally;
  private final SortedMap<String, long[]> runs;

  private ConsumptionCells(SortedMap<CellKey, CellEnergy> cells, SortedMap<CellPair, BigInteger> covariances,
      RecordTally tally, SortedMap<String, long[]> runs) {
    this.cells = Collections.unmodifiableSortedMap(cells);
    this.covariances = Collections.unmodifiableSortedMap(covariances);
    this.tally = tally;
    this.runs = runs;
  }

  /**
   * Aggregates records in one pass: de-duplicated by id, nested records inside their given ancestor, each counted
   * record's energy split into UTC hours and, for grouping by tag, into its nested records' own energy.
   *
   * @param records the records, in any order
   * @return the cells
   * @throws IllegalArgumentException if two records share an id but differ, a region is malformed, an
   *     {@code energy.level} tag is invalid, or parent ids form a cycle
   */
  public static ConsumptionCells of(Collection<EnergyRecord> records) {
    return CellAggregator.aggregate(records);
  }

  /**
   * Returns a builder, for cells aggregated elsewhere (a database, a cluster).
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Merges two sets of cells from disjoint parts of the records: cell sums and covariances add, tallies add, run
   * times unite. Associative and commutative.
   *
   * @param other cells of another part
   * @return the merged cells
   * @throws ArithmeticException if a cell's energy passes {@link Long#MAX_VALUE} µJ
   */
  public ConsumptionCells plus(ConsumptionCells other) {
    Builder b = new Builder();
    b.addAll(this);
    b.addAll(other);
    return b.build();
  }

  /**
   * Returns the cells, sorted by key.
   *
   * @return key to sums; unmodifiable
   */
  public SortedMap<CellKey, CellEnergy> cells() {
    return cells;
  }

  /**
   * Returns the covariances: for two cells holding energy of the same counted records, {@code Σ a₁·a₂} over those
   * records, µJ², each {@code a} as in {@link CellEnergy#variance()}.
   *
   * @return pair to covariance; unmodifiable
   */
  public SortedMap<CellPair, BigInteger> covariances() {
    return covariances;
  }

  /**
   * Returns the record tally.
   *
   * @return the tally
   */
  public RecordTally tally() {
    return tally;
  }

  /**
   * Returns, per host, the union of the counted records' {@code [start, end)}, as sorted disjoint spans.
   *
   * @return host to spans; a new unmodifiable map
   */
  public SortedMap<String, List<Span>> runs() {
    SortedMap<String, List<Span>> out = new TreeMap<>();
    runs.forEach((h, a) -> {
      List<Span> l = new ArrayList<>(a.length / 2);
      for (int i = 0; i < a.length; i += 2) {
        l.add(new Span(instant(a[i]), instant(a[i + 1])));
      }
      out.put(h, Collections.unmodifiableList(l));
    });
    return Collections.unmodifiableSortedMap(out);
  }

  /**
   * Returns the run times in epoch nanoseconds, for the calculators. The arrays must not be modified.
   *
   * @return host to {@code [start0, end0, start1, end1, ...]}
   */
  SortedMap<String, long[]> runNanos() {
    return runs;
  }

  /**
   * Returns the SHA-256 of the cells' canonical form: the input digest of a report computed from cells.
   *
   * @return {@code sha256:<hex>}
   */
  public String digest() {
    return CellsDigest.of(this);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ConsumptionCells c)) {
      return false;
    }
    if (!cells.equals(c.cells) || !covariances.equals(c.covariances) || !tally.equals(c.tally)
        || !runs.keySet().equals(c.runs.keySet())) {
      return false;
    }
    for (Map.Entry<String, long[]> e : runs.entrySet()) {
      if (!Arrays.equals(e.getValue(), c.runs.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(cells, covariances, tally, runs.keySet());
  }

  @Override
  public String toString() {
    return cells.size() + " cell(s), " + covariances.size() + " covariance(s), " + tally.counted()
        + " record(s) counted";
  }

  static long nanos(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("time " + t + " is outside the years 1678-2261 that run times can hold", e);
    }
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /**
   * A time span {@code [start, end)}.
   *
   * @param start inclusive
   * @param end exclusive, after {@code start}
   * @since 0.2
   */
  public record Span(Instant start, Instant end) {
    /**
     * Validates the span.
     *
     * @throws IllegalArgumentException unless {@code end} is after {@code start}
     */
    public Span {
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("span end " + end + " is not after its start " + start);
      }
    }
  }

  /**
   * Collects cells; equal keys add up. Not thread-safe: one builder per thread, then {@link #plus}.
   *
   * @since 0.2
   */
  public static final class Builder {
    private final TreeMap<CellKey, CellEnergy> cells = new TreeMap<>();
    private final TreeMap<CellPair, BigInteger> covariances = new TreeMap<>();
    private RecordTally tally = RecordTally.EMPTY;
    private final TreeMap<String, RunSet> runs = new TreeMap<>();

    private Builder() {}

    /**
     * Adds a cell's sums to the cell with its key.
     *
     * @param key the key
     * @param energy the sums
     * @return this builder
     * @throws ArithmeticException if the cell's energy passes {@link Long#MAX_VALUE} µJ
     */
    public Builder add(CellKey key, CellEnergy energy) {
      Objects.requireNonNull(energy, "energy");
      cells.merge(Objects.requireNonNull(key, "key"), energy, CellEnergy::plus);
      return this;
    }

    /**
     * Adds a covariance between two different cells.
     *
     * @param a one cell
     * @param b another cell (the order does not matter)
     * @param covariance {@code Σ a₁·a₂}, µJ², {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if {@code a} equals {@code b} (that is the cell's variance) or the value is
     *     negative
     */
    public Builder addCovariance(CellKey a, CellKey b, BigInteger covariance) {
      if (covariance.signum() < 0) {
        throw new IllegalArgumentException("negative covariance " + covariance + " µJ² between " + a + " and " + b);
      }
      CellPair p = a.compareTo(b) < 0 ? new CellPair(a, b) : new CellPair(b, a);
      covariances.merge(p, covariance, BigInteger::add);
      return this;
    }

    /**
     * Adds a record tally.
     *
     * @param t the tally
     * @return this builder
     */
    public Builder addTally(RecordTally t) {
      tally = tally.plus(t);
      return this;
    }

    /**
     * Adds a counted record's run time on a host.
     *
     * @param host the host
     * @param start the record's start
     * @param end the record's end; nothing is added unless it is after {@code start}
     * @return this builder
     * @throws IllegalArgumentException if a time is outside the years 1678-2261
     */
    public Builder addRun(String host, Instant start, Instant end) {
      if (end.isAfter(start)) {
        runs.computeIfAbsent(host, h -> new RunSet()).add(nanos(start), nanos(end));
      }
      return this;
    }

    /**
     * Adds already coalesced runs (from another cells object).
     *
     * @param host the host
     * @param spans {@code [start0, end0, ...]} epoch nanoseconds
     * @return this builder
     */
    Builder addRuns(String host, long[] spans) {
      return addRuns(host, spans, spans.length);
    }

    /**
     * Adds a host's run spans given as epoch nanoseconds, as {@link #addRun} adds one: for tools that keep run
     * times as numbers (and Ergon's own aggregation), without an {@link Instant} per span.
     *
     * @param host the host
     * @param spans {@code [start0, end0, start1, end1, ...]}, epoch nanoseconds, in any order; a span whose end is
     *     not after its start adds nothing
     * @param length how many values of {@code spans} to read, even, {@code <= spans.length}
     * @return this builder
     * @throws IllegalArgumentException if {@code length} is odd, negative or beyond the array
     */
    public Builder addRuns(String host, long[] spans, int length) {
      if (length < 0 || length % 2 != 0 || length > spans.length) {
        throw new IllegalArgumentException("run spans: length " + length + " must be even and within the "
            + spans.length + " values given");
      }
      Objects.requireNonNull(host, "host");
      RunSet s = null;
      for (int i = 0; i < length; i += 2) {
        if (spans[i + 1] > spans[i]) {
          if (s == null) {
            s = runs.computeIfAbsent(host, h -> new RunSet());
            s.reserve(length - i);
          }
          s.add(spans[i], spans[i + 1]);
        }
      }
      return this;
    }

    /**
     * Adds everything of other cells.
     *
     * @param c the cells
     * @return this builder
     */
    public Builder addAll(ConsumptionCells c) {
      c.cells.forEach(this::add);
      c.covariances.forEach((p, v) -> covariances.merge(p, v, BigInteger::add));
      addTally(c.tally);
      c.runs.forEach(this::addRuns);
      return this;
    }

    /**
     * Builds the cells.
     *
     * @return the cells
     */
    public ConsumptionCells build() {
      SortedMap<String, long[]> r = new TreeMap<>();
      runs.forEach((h, s) -> r.put(h, s.coalesced()));
      return new ConsumptionCells(new TreeMap<>(cells), new TreeMap<>(covariances), tally, r);
    }
  }

  /* Spans as pairs of epoch nanoseconds, coalesced (overlapping or touching spans joined) when built. */
  private static final class RunSet {
    private long[] spans = new long[16];
    private int size;

    void add(long start, long end) {
      if (size == spans.length) {
        spans = Arrays.copyOf(spans, size * 2);
      }
      spans[size++] = start;
      spans[size++] = end;
    }

    /* Makes room for more values at once (one copy rather than repeated doubling; at least doubling, so that
       many small additions stay linear). */
    void reserve(int more) {
      if (size + more > spans.length) {
        spans = Arrays.copyOf(spans, Math.max(size + more, spans.length * 2));
      }
    }

    /* True if, in start order, each span starts after the previous one ends (none overlap or touch). */
    private boolean disjoint() {
      for (int i = 2; i < size; i += 2) {
        if (spans[i] <= spans[i - 1]) {
          return false;
        }
      }
      return true;
    }

    long[] coalesced() {
      boolean sorted = true;
      for (int i = 2; i < size && sorted; i += 2) {
        sorted = spans[i - 2] <= spans[i];
      }
      if (sorted) {
        // Already in start order (the usual case: records in time order): the sort below would keep it.
        if (size == spans.length && disjoint()) {
          // Nothing to join and no spare room: this array is the result; an add after build copies it first.
          return spans;
        }
        long[] out = new long[size];
        int k = 0;
        for (int i = 0; i < size; i += 2) {
          if (k > 0 && spans[i] <= out[k - 1]) {
            out[k - 1] = Math.max(out[k - 1], spans[i + 1]);
          } else {
            out[k++] = spans[i];
            out[k++] = spans[i + 1];
          }
        }
        return k == size ? out : Arrays.copyOf(out, k);
      }
      int n = size / 2;
      long[][] pairs = new long[n][];
      for (int i = 0; i < n; i++) {
        pairs[i] = new long[] {spans[2 * i], spans[2 * i + 1]};
      }
      Arrays.sort(pairs, (a, b) -> Long.compare(a[0], b[0]));
      long[] out = new long[size];
      int k = 0;
      for (long[] p : pairs) {
        if (k > 0 && p[0] <= out[k - 1]) {
          out[k - 1] = Math.max(out[k - 1], p[1]);
        } else {
          out[k++] = p[0];
          out[k++] = p[1];
        }
      }
      return Arrays.copyOf(out, k);
    }
  }
}
