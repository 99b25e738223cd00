package dev.ergon.accounting.cells;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What the records themselves contribute to a report beside their energy: how many were given, counted and in which
 * state, functional units, and the names the SCI boundary lists. Counts add and sets unite, so tallies merge in any
 * order.
 *
 * <p>Immutable and thread-safe.
 *
 * @param given records given, duplicates included
 * @param duplicates copies of an id already given (same content) that were ignored
 * @param nested records not counted because an ancestor is among the records (their energy is inside it)
 * @param counted records counted (given − duplicates − nested)
 * @param complete counted records whose energy is whole ({@code complete}, or {@code failed} without a problem)
 * @param partial counted records that are not whole ({@code partial}, {@code open}, {@code failed} with a problem)
 * @param noMeter counted records with status {@code no_meter}
 * @param orphans counted records that name a parent not among the records
 * @param spread counted records without buckets whose run spans more than one UTC hour (spread at constant power)
 * @param facilityLevel counted records tagged {@code energy.level=facility}
 * @param withoutRegion counted records that name no region
 * @param units functional units of the counted records that have a meter
 * @param unmeteredUnits functional units of the counted records without a meter
 * @param earliestStart the earliest start of a counted record, or null when none is counted
 * @param latestEnd the latest end of a counted record, or null when none is counted
 * @param tagKeys the tag keys of all records given, counted or nested
 * @param names the names of the counted records
 * @param hosts the hosts of the counted records
 * @param channels the counted records' channels as {@code "<channel> (<KIND>, <METHOD>)"}
 * @param attributions the counted records' attribution policies ({@code Attribution.name()})
 * @since 0.2
 */
public record RecordTally(long given, long duplicates, long nested, long counted, long complete, long partial,
    long noMeter, long orphans, long spread, long facilityLevel, long withoutRegion, long units, long unmeteredUnits,
    @Nullable Instant earliestStart, @Nullable Instant latestEnd, SortedSet<String> tagKeys, SortedSet<String> names,
    SortedSet<String> hosts, SortedSet<String> channels, SortedSet<String> attributions) {

  /** No records. */
  public static final RecordTally EMPTY = new RecordTally(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null,
      new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>());

  /**
   * Validates and copies the fields.
   *
   * @throws IllegalArgumentException if a count is negative or the counts disagree
   */
  public RecordTally {
    long[] counts = {given, duplicates, nested, counted, complete, partial, noMeter, orphans, spread, facilityLevel,
        withoutRegion, units, unmeteredUnits};
    for (long c : counts) {
      if (c < 0) {
        throw new IllegalArgumentException("negative record count in a tally: " + c);
      }
    }
    if (given != duplicates + nested + counted || counted != complete + partial + noMeter) {
      throw new IllegalArgumentException("record tally does not add up: given " + given + " = duplicates "
          + duplicates + " + nested " + nested + " + counted " + counted + ", and counted = complete " + complete
          + " + partial " + partial + " + no meter " + noMeter);
    }
    if ((earliestStart == null) != (latestEnd == null)) {
      throw new IllegalArgumentException("a tally's earliest start and latest end are both set or both null");
    }
    tagKeys = copy(tagKeys);
    names = copy(names);
    hosts = copy(hosts);
    channels = copy(channels);
    attributions = copy(attributions);
  }

  private static SortedSet<String> copy(SortedSet<String> s) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(s)));
  }

  /**
   * Adds two tallies: counts add, sets unite, the earliest start and latest end are kept.
   *
   * @param o the other
   * @return the sum
   * @throws ArithmeticException if a count overflows
   */
  public RecordTally plus(RecordTally o) {
    return new RecordTally(Math.addExact(given, o.given), Math.addExact(duplicates, o.duplicates),
        Math.addExact(nested, o.nested), Math.addExact(counted, o.counted), Math.addExact(complete, o.complete),
        Math.addExact(partial, o.partial), Math.addExact(noMeter, o.noMeter), Math.addExact(orphans, o.orphans),
        Math.addExact(spread, o.spread), Math.addExact(facilityLevel, o.facilityLevel),
        Math.addExact(withoutRegion, o.withoutRegion), Math.addExact(units, o.units),
        Math.addExact(unmeteredUnits, o.unmeteredUnits), min(earliestStart, o.earliestStart),
        max(latestEnd, o.latestEnd), union(tagKeys, o.tagKeys), union(names, o.names), union(hosts, o.hosts),
        union(channels, o.channels), union(attributions, o.attributions));
  }

  private static @Nullable Instant min(@Nullable Instant a, @Nullable Instant b) {
    return a == null ? b : b == null || !b.isBefore(a) ? a : b;
  }

  private static @Nullable Instant max(@Nullable Instant a, @Nullable Instant b) {
    return a == null ? b : b == null || !b.isAfter(a) ? a : b;
  }

  private static SortedSet<String> union(SortedSet<String> a, SortedSet<String> b) {
    SortedSet<String> s = new TreeSet<>(a);
    s.addAll(b);
    return s;
  }
}
