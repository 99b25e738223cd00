package dev.ergon.accounting.internal;

import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.ChannelKind;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.Tags;
import dev.ergon.accounting.EnergyLevel;
import dev.ergon.accounting.cells.CellEnergy;
import dev.ergon.accounting.cells.CellKey;
import dev.ergon.accounting.cells.ConsumptionCells;
import dev.ergon.accounting.cells.RecordTally;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/*
 * One pass over the records into cells. Design: the records are sorted by id once (a linear merge for a ledger
 * already in id order, as time-ordered UUIDs are), which gives de-duplication (adjacent equal ids) and the parent
 * look-up (binary search) without a map of every record. Each counted record's energy is split into UTC hours; the
 * common record (buckets inside one hour each, energy within a long) takes a path that allocates nothing but its
 * first visit of a cell: the cell accumulators are found through a small cache of the last cells used, then a hash
 * map. Records with nested records among the input hand their energy down the tree (ConsumptionRules in
 * accounting/README.md) on a slower, exact BigInteger path. Everything summed is an integer, so the result does not
 * depend on the order of the records.
 */

/**
 * Aggregates energy records into {@link ConsumptionCells}.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe; one aggregation per instance.
 */
public final class CellAggregator {
  private static final long HOUR = 3600;
  private static final Comparator<EnergyRecord> BY_ID = Comparator.comparing(EnergyRecord::id);
  private static final int CACHE = 8;
  private static final int NOTED_CHANNELS = 8;

  private final HashMap<CellKey, Acc> cells = new HashMap<>();
  private final Acc[] recent = new Acc[CACHE];
  private int recentNext;
  private final TreeMap<dev.ergon.accounting.cells.CellPair, BigInteger> pairs = new TreeMap<>();
  private final Map<String, String> regions = new HashMap<>();
  private final Map<String, RunSpans> runs = new HashMap<>();
  private final Map<String, EnumMap<ChannelKind, EnumSet<Method>>> channels = new HashMap<>();
  /* The channels last noted in the map above, by position in a record. */
  private final @Nullable String[] notedChannels = new String[NOTED_CHANNELS];
  private final @Nullable ChannelKind[] notedKinds = new ChannelKind[NOTED_CHANNELS];
  private final @Nullable Method[] notedMethods = new Method[NOTED_CHANNELS];
  private String lastName = "";
  private String lastHost = "";
  private String lastAttribution = "";
  private @Nullable RunSpans lastRuns;
  /* Room for the first host's spans: one per record given (a ledger is mostly one host's), so they never grow. */
  private int firstHostCapacity = 64;
  private final TreeSet<String> tagKeys = new TreeSet<>();
  private final TreeSet<String> names = new TreeSet<>();
  private final TreeSet<String> hosts = new TreeSet<>();
  private final TreeSet<String> attributions = new TreeSet<>();
  private long duplicates;
  private long nested;
  private long complete;
  private long partial;
  private long noMeter;
  private long orphans;
  private long spread;
  private long facilityLevel;
  private long withoutRegion;
  private long units;
  private long unmeteredUnits;
  private @Nullable Instant earliest;
  private @Nullable Instant latest;
  /* Per record scratch: hours (epoch seconds) and µJ. */
  private long[] hours = new long[8];
  private long[] micros = new long[8];

  private CellAggregator() {}

  /**
   * Aggregates records.
   *
   * @param records the records, in any order
   * @return the cells
   * @throws IllegalArgumentException as {@link ConsumptionCells#of}
   */
  public static ConsumptionCells aggregate(Collection<EnergyRecord> records) {
    return new CellAggregator().run(records);
  }

  private ConsumptionCells run(Collection<EnergyRecord> records) {
    EnergyRecord[] sorted = records.toArray(new EnergyRecord[0]);
    firstHostCapacity = (int) Math.min(Math.max(64L, 2L * sorted.length), Integer.MAX_VALUE - 8);
    Arrays.sort(sorted, BY_ID);
    int n = 0;
    boolean anyParent = false;
    Tags lastTags = Tags.empty();
    for (EnergyRecord r : sorted) {
      if (n > 0 && sorted[n - 1].id().equals(r.id())) {
        if (!sorted[n - 1].equals(r)) {
          throw new IllegalArgumentException("two different records have the id " + r.id() + "; ids must be unique "
              + "(merge ledgers by id, do not edit records)");
        }
        duplicates++;
        continue;
      }
      sorted[n++] = r;
      anyParent |= r.parentId() != null;
      if (!r.tags().equals(lastTags)) {
        lastTags = r.tags();
        tagKeys.addAll(lastTags.asMap().keySet());
      }
    }
    EnergyRecord[] unique = n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    Map<String, List<EnergyRecord>> children = anyParent ? children(unique) : Map.of();
    for (EnergyRecord r : unique) {
      if (anyParent && hasGivenAncestor(r, unique)) {
        nested++;
        continue;
      }
      if (r.parentId() != null) {
        orphans++;
      }
      count(r, children);
    }
    return build(records.size());
  }

  private void count(EnergyRecord r, Map<String, List<EnergyRecord>> children) {
    boolean whole = switch (r.status()) {
      case COMPLETE -> true;
      case FAILED -> r.problems().isEmpty();
      case PARTIAL, OPEN, NO_METER -> false;
    };
    boolean meter = r.status() != dev.ergon.RecordStatus.NO_METER;
    if (!meter) {
      noMeter++;
      unmeteredUnits = Math.addExact(unmeteredUnits, r.units());
    } else {
      units = Math.addExact(units, r.units());
      if (whole) {
        complete++;
      } else {
        partial++;
      }
    }
    EnergyLevel level = EnergyLevel.of(r);
    if (level == EnergyLevel.FACILITY) {
      facilityLevel++;
    }
    if (HourSplit.spreadByAssumption(r)) {
      spread++;
    }
    String region = region(r);
    if (region == null) {
      withoutRegion++;
    }
    earliest = earliest == null || r.start().isBefore(earliest) ? r.start() : earliest;
    latest = latest == null || r.end().isAfter(latest) ? r.end() : latest;
    if (!r.name().equals(lastName)) {
      lastName = r.name();
      names.add(lastName);
    }
    if (!r.host().equals(lastHost)) {
      lastHost = r.host();
      hosts.add(lastHost);
    }
    if (!r.attribution().name().equals(lastAttribution)) {
      lastAttribution = r.attribution().name();
      attributions.add(lastAttribution);
    }
    long total = 0;
    long model = 0;
    double uncertaintySquares = 0;
    boolean big = false;
    List<ChannelEnergy> recordChannels = r.channels();
    for (int ci = 0, cn = recordChannels.size(); ci < cn; ci++) {
      ChannelEnergy c = recordChannels.get(ci);
      noteChannel(ci, c);
      long e;
      try {
        e = c.energy().toMicrojoulesExact();
        total = Math.addExact(total, e);
      } catch (ArithmeticException tooLarge) {
        big = true;
        continue;
      }
      if (c.method() == Method.MODEL) {
        model += e;
      }
      double u = c.relativeUncertainty() * c.energy().toJoules();
      uncertaintySquares += u * u;
    }
    if (big) {
      throw new ArithmeticException("record " + r.id() + ": its energy " + r.total() + " passes 2^63 µJ (2.56 GWh), "
          + "more than one cell can hold; split the record");
    }
    // As r.total().toJoules() and r.totalUncertaintyJoules() compute them (whole joules + µJ / 1e6), bit for bit.
    long wholeJoules = total / 1_000_000;
    double totalJoules = wholeJoules + (int) (total % 1_000_000) / 1e6;
    double relative = total == 0 ? 0 : Math.sqrt(uncertaintySquares) / totalJoules;
    addRun(r);
    List<EnergyRecord> kids = children.get(r.id());
    if (kids == null) {
      int m = split(r);
      if (m == 1) {
        Acc a = acc(region, hours[0], r.host(), r.tags(), level);
        add(a, micros[0], model, total, whole, meter, relative);
        return;
      }
      Acc[] atoms = new Acc[m];
      long[] amounts = new long[m];
      for (int i = 0; i < m; i++) {
        atoms[i] = acc(region, hours[i], r.host(), r.tags(), level);
        amounts[i] = micros[i];
        add(atoms[i], micros[i], model, total, whole, meter, relative);
      }
      pairs(atoms, amounts, relative);
      return;
    }
    // A job tree: per hour, the counted record's energy handed down to its nested records' own energy.
    LinkedHashMap<Acc, long[]> atoms = new LinkedHashMap<>();
    Map<String, NavigableMap<Instant, BigInteger>> splits = new HashMap<>();
    for (Map.Entry<Instant, BigInteger> e : HourSplit.split(r).entrySet()) {
      List<Object[]> parts = new ArrayList<>();
      handDown(r, e.getKey(), e.getValue(), children, splits, parts);
      long hour = e.getKey().getEpochSecond();
      for (Object[] p : parts) {
        Acc a = acc(region, hour, r.host(), (Tags) p[0], level);
        long micro = cellMicros(r, (BigInteger) p[1]);
        atoms.computeIfAbsent(a, k -> new long[1])[0] += micro;
      }
    }
    Acc[] as = new Acc[atoms.size()];
    long[] amounts = new long[as.length];
    int i = 0;
    for (Map.Entry<Acc, long[]> e : atoms.entrySet()) {
      as[i] = e.getKey();
      amounts[i] = e.getValue()[0];
      add(as[i], amounts[i], model, total, whole, meter, relative);
      i++;
    }
    pairs(as, amounts, relative);
  }

  /* Notes a channel's name, kind and method, unless the record before had the same at this position. */
  private void noteChannel(int position, ChannelEnergy c) {
    if (position < NOTED_CHANNELS && c.kind() == notedKinds[position] && c.method() == notedMethods[position]
        && c.channel().equals(notedChannels[position])) {
      return;
    }
    channels.computeIfAbsent(c.channel(), k -> new EnumMap<>(ChannelKind.class))
        .computeIfAbsent(c.kind(), k -> EnumSet.noneOf(Method.class)).add(c.method());
    if (position < NOTED_CHANNELS) {
      notedChannels[position] = c.channel();
      notedKinds[position] = c.kind();
      notedMethods[position] = c.method();
    }
  }

  private static long cellMicros(EnergyRecord r, BigInteger micro) {
    if (micro.bitLength() >= Long.SIZE) {
      throw new ArithmeticException("record " + r.id() + ": " + micro + " µJ in one hour passes 2^63 µJ (2.56 GWh), "
          + "more than one cell can hold");
    }
    return micro.longValue();
  }

  /* Adds a record's energy in one cell: energy, its modelled and partial parts, and its variance term. */
  private static void add(Acc a, long micro, long model, long total, boolean whole, boolean meter,
      double relative) {
    a.energy = Math.addExact(a.energy, micro);
    if (model > 0 && micro > 0) {
      a.modelled = Math.addExact(a.modelled, share(micro, model, total));
    }
    if (!whole && meter) {
      a.partial = Math.addExact(a.partial, micro);
    }
    long u = Math.round(relative * micro);
    if (u != 0) {
      a.addSquare(u, u);
    }
  }

  /* micro × model / total, rounded half up; exact. */
  static long share(long micro, long model, long total) {
    if (model == total) {
      return micro;
    }
    long hi = Math.multiplyHigh(micro, model);
    long lo = micro * model;
    if (hi == 0 && lo >= 0 && lo <= Long.MAX_VALUE / 2) {
      return (2 * lo + total) / (2 * total);
    }
    BigInteger p = BigInteger.valueOf(micro).multiply(BigInteger.valueOf(model)).shiftLeft(1)
        .add(BigInteger.valueOf(total));
    return p.divide(BigInteger.valueOf(total).shiftLeft(1)).longValueExact();
  }

  /* Covariance terms between a record's different cells. */
  private void pairs(Acc[] atoms, long[] amounts, double relative) {
    for (int i = 0; i < atoms.length; i++) {
      long ui = Math.round(relative * amounts[i]);
      if (ui == 0) {
        continue;
      }
      for (int j = i + 1; j < atoms.length; j++) {
        long uj = Math.round(relative * amounts[j]);
        if (uj == 0) {
          continue;
        }
        CellKey a = atoms[i].key;
        CellKey b = atoms[j].key;
        dev.ergon.accounting.cells.CellPair p = a.compareTo(b) < 0 ? new dev.ergon.accounting.cells.CellPair(a, b)
            : new dev.ergon.accounting.cells.CellPair(b, a);
        pairs.merge(p, BigInteger.valueOf(ui).multiply(BigInteger.valueOf(uj)), BigInteger::add);
      }
    }
  }

  /*
   * Splits the record into UTC hours into hours[]/micros[] (sorted, zero hours dropped), returning how many. Buckets
   * inside one hour each take a path without allocation; anything else goes through HourSplit.
   */
  private int split(EnergyRecord r) {
    List<BucketEnergy> buckets = r.buckets();
    int m = 0;
    boolean simple = true;
    if (buckets.isEmpty()) {
      long e = r.total().toMicrojoulesExact();
      if (e == 0) {
        return 0;
      }
      Instant end = r.end().isAfter(r.start()) ? r.end() : r.start().plusNanos(1);
      long h0 = hourOf(r.start());
      if (h0 == hourOf(end.minusNanos(1))) {
        hours[0] = h0;
        micros[0] = e;
        return 1;
      }
      simple = false;
    } else {
      for (BucketEnergy b : buckets) {
        long h0 = hourOf(b.start());
        long e;
        try {
          e = b.energy().toMicrojoulesExact();
        } catch (ArithmeticException tooLarge) {
          simple = false;
          break;
        }
        if (h0 != lastHourOf(b.end())) {
          simple = false;
          break;
        }
        int k = m - 1;
        while (k >= 0 && hours[k] > h0) {
          k--;
        }
        if (k >= 0 && hours[k] == h0) {
          micros[k] = Math.addExact(micros[k], e);
        } else {
          ensure(m + 1);
          System.arraycopy(hours, k + 1, hours, k + 2, m - k - 1);
          System.arraycopy(micros, k + 1, micros, k + 2, m - k - 1);
          hours[k + 1] = h0;
          micros[k + 1] = e;
          m++;
        }
      }
    }
    if (!simple) {
      m = 0;
      for (Map.Entry<Instant, BigInteger> e : HourSplit.split(r).entrySet()) {
        ensure(m + 1);
        hours[m] = e.getKey().getEpochSecond();
        micros[m] = cellMicros(r, e.getValue());
        m++;
      }
      return m;
    }
    int k = 0;
    for (int i = 0; i < m; i++) {
      if (micros[i] != 0) {
        hours[k] = hours[i];
        micros[k] = micros[i];
        k++;
      }
    }
    return k;
  }

  private void ensure(int size) {
    if (size > hours.length) {
      hours = Arrays.copyOf(hours, size * 2);
      micros = Arrays.copyOf(micros, size * 2);
    }
  }

  private static long hourOf(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), HOUR) * HOUR;
  }

  /* The hour of the last nanosecond before t, without making an Instant. */
  private static long lastHourOf(Instant t) {
    long s = t.getNano() == 0 ? t.getEpochSecond() - 1 : t.getEpochSecond();
    return Math.floorDiv(s, HOUR) * HOUR;
  }

  private @Nullable String region(EnergyRecord r) {
    String region = r.region();
    if (region == null) {
      return null;
    }
    String known = regions.get(region);
    if (known != null) {
      return known;
    }
    try {
      String normalized = ZoneIds.normalize(region);
      regions.put(region, normalized);
      return normalized;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("record " + r.id() + ": " + e.getMessage(), e);
    }
  }

  private Acc acc(@Nullable String region, long hour, String host, Tags tags, EnergyLevel level) {
    for (Acc a : recent) {
      if (a != null && a.hour == hour && a.level == level && a.tags.equals(tags) && a.host.equals(host)
          && java.util.Objects.equals(a.region, region)) {
        return a;
      }
    }
    CellKey key = new CellKey(region, Instant.ofEpochSecond(hour), host, tags, level);
    Acc a = cells.get(key);
    if (a == null) {
      a = new Acc(key, region, hour, host, tags, level);
      cells.put(key, a);
    }
    recent[recentNext] = a;
    recentNext = (recentNext + 1) % CACHE;
    return a;
  }

  private void addRun(EnergyRecord r) {
    if (!r.end().isAfter(r.start())) {
      return;
    }
    RunSpans spans = lastRuns;
    if (spans == null || !spans.host.equals(r.host())) {
      spans = runs.computeIfAbsent(r.host(), h -> new RunSpans(h, runs.isEmpty() ? firstHostCapacity : 64));
      lastRuns = spans;
    }
    spans.add(nanos(r.start()), nanos(r.end()));
  }

  private static long nanos(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("time " + t + " is outside the years 1678-2261 that Ergon's accounting "
          + "handles", e);
    }
  }

  private ConsumptionCells build(int given) {
    ConsumptionCells.Builder b = ConsumptionCells.builder();
    for (Acc a : cells.values()) {
      b.add(a.key, new CellEnergy(a.energy, a.modelled, a.partial, a.variance()));
    }
    pairs.forEach((p, v) -> b.addCovariance(p.first(), p.second(), v));
    TreeSet<String> channelNames = new TreeSet<>();
    channels.forEach((c, kinds) -> kinds.forEach((kind, methods) -> methods.forEach(m -> channelNames.add(c + " ("
        + kind + ", " + m + ")"))));
    long counted = complete + partial + noMeter;
    b.addTally(new RecordTally(given, duplicates, nested, counted, complete, partial, noMeter, orphans, spread,
        facilityLevel, withoutRegion, units, unmeteredUnits, earliest, latest, tagKeys, names, hosts, channelNames,
        attributions));
    runs.forEach((h, spans) -> b.addRuns(h, spans.a, spans.size));
    return b.build();
  }

  private static Map<String, List<EnergyRecord>> children(EnergyRecord[] unique) {
    Map<String, List<EnergyRecord>> children = new HashMap<>();
    for (EnergyRecord r : unique) {
      String parent = r.parentId();
      if (parent != null && find(unique, parent) != null) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(r);
      }
    }
    return children; // each list in id order, as the records are
  }

  private static @Nullable EnergyRecord find(EnergyRecord[] unique, String id) {
    int lo = 0;
    int hi = unique.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = unique[mid].id().compareTo(id);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return unique[mid];
      }
    }
    return null;
  }

  /* True if an ancestor of the record is among the records; refuses a cycle of parent ids. */
  private static boolean hasGivenAncestor(EnergyRecord r, EnergyRecord[] unique) {
    String parent = r.parentId();
    if (parent == null) {
      return false;
    }
    Set<String> seen = new HashSet<>();
    seen.add(r.id());
    boolean given = false;
    while (parent != null) {
      if (!seen.add(parent)) {
        throw new IllegalArgumentException("record " + r.id() + ": its parent ids form a cycle through " + parent
            + "; records from a ledger never do, so the input is corrupt");
      }
      EnergyRecord p = find(unique, parent);
      if (p == null) {
        break;
      }
      given = true;
      parent = p.parentId();
    }
    return given;
  }

  /*
   * Per UTC hour a counted record's energy is handed down the tree of the records given: each child (by id) takes
   * its own hour's energy, never more than what is left of its parent's, and each record keeps the rest as its own.
   */
  private static void handDown(EnergyRecord node, Instant hour, BigInteger amount,
      Map<String, List<EnergyRecord>> children, Map<String, NavigableMap<Instant, BigInteger>> splits,
      List<Object[]> out) {
    BigInteger left = amount;
    for (EnergyRecord c : children.getOrDefault(node.id(), List.of())) {
      BigInteger want = splits.computeIfAbsent(c.id(), k -> HourSplit.split(c)).getOrDefault(hour, BigInteger.ZERO);
      BigInteger give = want.min(left);
      if (give.signum() > 0) {
        left = left.subtract(give);
        handDown(c, hour, give, children, splits, out);
      }
    }
    out.add(new Object[] {node.tags(), left});
  }

  /* One host's run spans as epoch nanoseconds; a span starting inside the last one extends it. */
  private static final class RunSpans {
    final String host;
    long[] a;
    int size;

    RunSpans(String host, int capacity) {
      this.host = host;
      this.a = new long[capacity];
    }

    void add(long s, long e) {
      if (size >= 2 && s >= a[size - 2] && s <= a[size - 1]) {
        a[size - 1] = Math.max(a[size - 1], e);
        return;
      }
      if (size + 2 > a.length) {
        a = Arrays.copyOf(a, a.length * 2);
      }
      a[size++] = s;
      a[size++] = e;
    }
  }

  /* One cell being summed; the variance Σ a² in 128 bits (hi, lo). */
  private static final class Acc {
    final CellKey key;
    final @Nullable String region;
    final long hour;
    final String host;
    final Tags tags;
    final EnergyLevel level;
    long energy;
    long modelled;
    long partial;
    long varHi;
    long varLo;

    Acc(CellKey key, @Nullable String region, long hour, String host, Tags tags, EnergyLevel level) {
      this.key = key;
      this.region = region;
      this.hour = hour;
      this.host = host;
      this.tags = tags;
      this.level = level;
    }

    void addSquare(long a, long b) {
      long hi = Math.multiplyHigh(a, b);
      long lo = a * b;
      long sum = varLo + lo;
      varHi += hi + (Long.compareUnsigned(sum, varLo) < 0 ? 1 : 0);
      varLo = sum;
    }

    BigInteger variance() {
      if (varHi == 0 && varLo >= 0) {
        return BigInteger.valueOf(varLo);
      }
      // The 128 bits as an unsigned big-endian magnitude: one BigInteger, not four.
      byte[] magnitude = new byte[16];
      for (int i = 0; i < 8; i++) {
        magnitude[i] = (byte) (varHi >>> (56 - 8 * i));
        magnitude[8 + i] = (byte) (varLo >>> (56 - 8 * i));
      }
      return new BigInteger(1, magnitude);
    }
  }
}
