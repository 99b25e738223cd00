package dev.ergon.accounting.internal;

import dev.ergon.ChannelEnergy;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.accounting.ReportingPeriod;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What the HTML report draws from the records themselves and the Scope 2 report does not carry: IT energy and
 * functional units per group (a tag's value) per time step, with the energy's standard uncertainty, and the energy
 * per channel method (counter, integrated power, model).
 *
 * <p>Rules, as the Scope 2 calculation counts records: the same id counts once; a record whose parent (or an
 * ancestor) is among the records is not counted, its energy being inside the top-level record's, so nested jobs
 * count in the group of their top-level job; a record's energy is split into UTC hours ({@link HourSplit}) and
 * hours outside the reporting period are left out. Energies are IT-level, before PUE. A record's functional units
 * are spread over its hours in proportion to its energy (all in its first hour when it has none). A record's
 * relative standard uncertainty applies to all its hours (one meter, one calibration); different records are
 * independent, as in {@link GumBudget}.
 *
 * <p>This class is internal and is hence not for public use. Immutable after construction; thread-safe.
 */
public final class RecordBreakdown {

  /** The step of the time axis of the group series, chosen from the span of the data. */
  public enum Step {
    /** UTC days ({@code 2026-03-15}): spans up to 62 days. */
    DAY,
    /** ISO weeks starting Monday, UTC ({@code 2026-W11}): spans up to two years. */
    WEEK,
    /** UTC months ({@code 2026-03}): longer spans. */
    MONTH;

    /**
     * Returns the start of the step holding an instant.
     *
     * @param t the instant
     * @return the step's start, UTC
     */
    public Instant startOf(Instant t) {
      LocalDate d = LocalDate.ofInstant(t, ZoneOffset.UTC);
      LocalDate s = switch (this) {
        case DAY -> d;
        case WEEK -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        case MONTH -> d.withDayOfMonth(1);
      };
      return s.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /**
     * Returns the label of the step starting at an instant.
     *
     * @param start the step's start
     * @return e.g. {@code 2026-03-15}, {@code 2026-W11} or {@code 2026-03}
     */
    public String label(Instant start) {
      LocalDate d = LocalDate.ofInstant(start, ZoneOffset.UTC);
      return switch (this) {
        case DAY -> d.toString();
        case WEEK -> String.format(Locale.US, "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR),
            d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        case MONTH -> d.toString().substring(0, 7);
      };
    }
  }

  /**
   * One group's figures in one time step.
   *
   * @param stepStart the step's start (UTC)
   * @param itKwh IT energy before PUE, kWh
   * @param uKwh its standard uncertainty, kWh
   * @param units functional units (fractional where a record's units are spread over steps)
   */
  public record Point(Instant stepStart, double itKwh, double uKwh, double units) {}

  private static final double MICROJOULES_PER_KWH = 3.6e12;

  private final @Nullable String groupKey;
  private final Step step;
  private final SortedMap<String, List<Point>> groups;
  private final Map<Method, Double> byMethodKwh;
  private final int counted;

  private RecordBreakdown(@Nullable String groupKey, Step step, SortedMap<String, List<Point>> groups,
      Map<Method, Double> byMethodKwh, int counted) {
    this.groupKey = groupKey;
    this.step = step;
    this.groups = groups;
    this.byMethodKwh = byMethodKwh;
    this.counted = counted;
  }

  /**
   * Computes the breakdown.
   *
   * @param records the records the report was calculated from, in any order
   * @param period the report's period
   * @param groupKey the tag to group by, several separated by commas ({@code model,version}: one group per
   *     combination of values, named by the values joined with {@code " / "}), or {@code null} for one group named
   *     {@code all}
   * @return the breakdown
   */
  public static RecordBreakdown of(Collection<EnergyRecord> records, ReportingPeriod period,
      @Nullable String groupKey) {
    Map<String, EnergyRecord> byId = new LinkedHashMap<>();
    for (EnergyRecord r : records) {
      byId.putIfAbsent(r.id(), r);
    }
    List<EnergyRecord> counted = new ArrayList<>();
    for (EnergyRecord r : byId.values()) {
      if (!hasGivenAncestor(r, byId)) {
        counted.add(r);
      }
    }
    counted.sort((a, b) -> a.id().compareTo(b.id()));
    List<NavigableMap<Instant, BigInteger>> splits = new ArrayList<>();
    Instant first = null;
    Instant last = null;
    for (EnergyRecord r : counted) {
      NavigableMap<Instant, BigInteger> s = new TreeMap<>(HourSplit.split(r));
      s.keySet().removeIf(h -> !period.contains(h));
      splits.add(s);
      if (!s.isEmpty()) {
        first = first == null || s.firstKey().isBefore(first) ? s.firstKey() : first;
        last = last == null || s.lastKey().isAfter(last) ? s.lastKey() : last;
      }
    }
    long days = first == null || last == null ? 0 : ChronoUnit.DAYS.between(first, last);
    Step step = days <= 62 ? Step.DAY : days <= 731 ? Step.WEEK : Step.MONTH;

    Map<String, SortedMap<Instant, double[]>> acc = new TreeMap<>();
    Map<Method, Double> methods = new EnumMap<>(Method.class);
    for (int i = 0; i < counted.size(); i++) {
      EnergyRecord r = counted.get(i);
      NavigableMap<Instant, BigInteger> s = splits.get(i);
      String group = groupKey == null ? "all" : groupOf(r, groupKey);
      SortedMap<Instant, double[]> series = acc.computeIfAbsent(group, g -> new TreeMap<>());
      double total = 0;
      for (BigInteger e : s.values()) {
        total += e.doubleValue();
      }
      double recordTotal = r.total().toJoules() * 1e6;
      double relative = recordTotal == 0 ? 0 : r.totalUncertaintyJoules() * 1e6 / recordTotal;
      Map<Instant, double[]> perStep = new TreeMap<>();
      for (Map.Entry<Instant, BigInteger> e : s.entrySet()) {
        double[] v = perStep.computeIfAbsent(step.startOf(e.getKey()), k -> new double[2]);
        double micro = e.getValue().doubleValue();
        v[0] += micro;
        v[1] += total == 0 ? 0 : r.units() * micro / total;
      }
      if (total == 0 && r.units() > 0 && period.contains(r.start())) {
        perStep.computeIfAbsent(step.startOf(r.start()), k -> new double[2])[1] += r.units();
      }
      for (Map.Entry<Instant, double[]> e : perStep.entrySet()) {
        double[] v = series.computeIfAbsent(e.getKey(), k -> new double[3]);
        double kwh = e.getValue()[0] / MICROJOULES_PER_KWH;
        v[0] += kwh;
        v[1] += (relative * kwh) * (relative * kwh);
        v[2] += e.getValue()[1];
      }
      double channels = 0;
      for (ChannelEnergy c : r.channels()) {
        channels += c.energy().toJoules();
      }
      if (channels > 0) {
        for (ChannelEnergy c : r.channels()) {
          methods.merge(c.method(), total / MICROJOULES_PER_KWH * c.energy().toJoules() / channels, Double::sum);
        }
      }
    }
    SortedMap<String, List<Point>> groups = new TreeMap<>();
    for (Map.Entry<String, SortedMap<Instant, double[]>> g : acc.entrySet()) {
      List<Point> points = new ArrayList<>();
      for (Map.Entry<Instant, double[]> e : g.getValue().entrySet()) {
        double[] v = e.getValue();
        points.add(new Point(e.getKey(), v[0], Math.sqrt(v[1]), v[2]));
      }
      groups.put(g.getKey(), List.copyOf(points));
    }
    return new RecordBreakdown(groupKey, step, Collections.unmodifiableSortedMap(groups),
        Collections.unmodifiableMap(methods), counted.size());
  }

  /* A record whose parent is among the records is inside it (the engine walks the same chain and stops there). */
  private static boolean hasGivenAncestor(EnergyRecord r, Map<String, EnergyRecord> byId) {
    String parent = r.parentId();
    return parent != null && byId.containsKey(parent);
  }

  /**
   * Returns the group a record falls in: its values of the keys, joined with {@code " / "}, a missing value read as
   * {@code (none)}; {@code (none)} alone when the record has none of the keys.
   *
   * @param r the record
   * @param groupKey one tag key, or several separated by commas
   * @return the group's name
   */
  static String groupOf(EnergyRecord r, String groupKey) {
    List<String> values = new ArrayList<>();
    boolean any = false;
    for (String key : groupKey.split(",", -1)) {
      java.util.Optional<String> v = r.tags().get(key.strip());
      any |= v.isPresent();
      values.add(v.orElse("(none)"));
    }
    return any ? String.join(" / ", values) : "(none)";
  }

  /**
   * Returns the tag the groups are values of.
   *
   * @return the key, or {@code null} for one group {@code all}
   */
  public @Nullable String groupKey() {
    return groupKey;
  }

  /**
   * Returns the time step of the series.
   *
   * @return the step
   */
  public Step step() {
    return step;
  }

  /**
   * Returns the series per group: the steps with energy or units, in time order.
   *
   * @return group value (or {@code (none)}) to points, sorted by group
   */
  public SortedMap<String, List<Point>> groups() {
    return groups;
  }

  /**
   * Returns the in-period IT energy per channel method, kWh: each record's energy shared among its channels'
   * methods in proportion to the channels' energies.
   *
   * @return method to kWh; methods with no channel absent
   */
  public Map<Method, Double> byMethodKwh() {
    return byMethodKwh;
  }

  /**
   * Returns how many records were counted.
   *
   * @return records after de-duplication and leaving out nested ones
   */
  public int counted() {
    return counted;
  }
}
