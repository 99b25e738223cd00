package dev.ergon.internal;

import dev.ergon.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The open workloads' extra state: their hourly segments (one record per time bucket, the workload as parent) and
 * idle detection (units still, energy growing).
 *
 * <p>A segment is the part of a workload between two consecutive reading boundaries that straddle a bucket
 * boundary: its energy per channel and per bucket, and its units, are the differences of the workload's account
 * between the two boundaries, so a workload's segments sum exactly to the workload's own record. Segment records
 * carry the tag {@value #SEGMENT_TAG}; accounting counts top-level records only, so they are never counted twice.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: every method runs under the
 * sampler's reading lock.
 */
public final class Workloads {

  /** Tag key that marks a segment record; its value is the bucket length (ISO-8601, e.g. {@code PT1H}). */
  public static final String SEGMENT_TAG = "ergon.segment";
  /** Tag key set to {@code true} on a segment record during which the workload was idle. */
  public static final String IDLE_TAG = "ergon.idle";

  /** A workload that turned idle at a reading. */
  public record Idle(Object owner, long idleNanos, long energySinceLastUnitMicrojoules) {}

  private final long bucketMillis;
  private final String bucketText;
  private final RecordIds ids;
  private final List<State> open = new ArrayList<>();

  /**
   * Creates an empty set.
   *
   * @param bucketMillis the bucket length, ms
   * @param ids where segment ids come from
   */
  public Workloads(long bucketMillis, RecordIds ids) {
    this.bucketMillis = bucketMillis;
    this.bucketText = java.time.Duration.ofMillis(bucketMillis).toString();
    this.ids = ids;
  }

  private static final class State {
    final JobAccount account;
    final Object owner;
    final long idleAfterNanos;
    Instant segStart;
    long segBucket;
    long[] energy0;
    long[] children0;
    long[] measured0;
    int[] dropped0;
    SortedMap<Long, Long> buckets0;
    long units0;
    long lastUnits;
    long lastUnitNanos;
    long energyAtLastUnit;
    boolean idle;
    boolean idleInSegment;

    State(JobAccount account, Object owner, long idleAfterNanos, Instant at, long nowNanos, long bucketMillis) {
      this.account = account;
      this.owner = owner;
      this.idleAfterNanos = idleAfterNanos;
      this.segStart = at;
      this.segBucket = Math.floorDiv(at.toEpochMilli(), bucketMillis);
      this.energy0 = account.energy.clone();
      this.children0 = account.children.clone();
      this.measured0 = account.measured.clone();
      this.dropped0 = account.dropped.clone();
      this.buckets0 = account.buckets();
      this.units0 = rolledUnits(account);
      this.lastUnits = units0;
      this.lastUnitNanos = nowNanos;
      this.energyAtLastUnit = sum(account.energy);
    }
  }

  /**
   * Starts tracking a workload that has just opened.
   *
   * @param account its account
   * @param owner the user's handle, handed back in {@link Idle}
   * @param idleAfterNanos how long units may stand still before it is idle, ns; 0 for never
   * @param at the opening boundary
   * @param nowNanos its monotonic time, ns
   */
  public void open(JobAccount account, Object owner, long idleAfterNanos, Instant at, long nowNanos) {
    open.add(new State(account, owner, idleAfterNanos, at, nowNanos, bucketMillis));
  }

  /**
   * Updates every open workload after a reading: closes segments whose bucket has ended, detects idleness.
   *
   * @param to the reading's boundary
   * @param toNanos its monotonic time, ns
   * @param segments receives the segments closed
   * @param idle receives the workloads that turned idle
   */
  public void afterInterval(Instant to, long toNanos, List<JobSnapshot> segments, List<Idle> idle) {
    for (State s : open) {
      if (s.account.isClosed()) {
        continue;
      }
      long units = rolledUnits(s.account);
      long energy = sum(s.account.energy);
      if (units != s.lastUnits) {
        s.lastUnits = units;
        s.lastUnitNanos = toNanos;
        s.energyAtLastUnit = energy;
        s.idle = false;
      } else if (s.idleAfterNanos > 0 && energy > s.energyAtLastUnit
          && toNanos - s.lastUnitNanos >= s.idleAfterNanos) {
        s.idleInSegment = true;
        if (!s.idle) {
          s.idle = true;
          idle.add(new Idle(s.owner, toNanos - s.lastUnitNanos, energy - s.energyAtLastUnit));
        }
      }
      if (Math.floorDiv(to.toEpochMilli(), bucketMillis) > s.segBucket) {
        segments.add(segment(s, to));
      }
    }
  }

  /**
   * Stops tracking a workload that has closed, and returns its last segment.
   *
   * @param account the closed account
   * @param at the closing boundary
   * @return the last segment, or null if the account is no workload or the segment is empty in time
   */
  public @Nullable JobSnapshot closed(JobAccount account, Instant at) {
    for (int i = 0; i < open.size(); i++) {
      State s = open.get(i);
      if (s.account == account) {
        open.remove(i);
        return at.isAfter(s.segStart) ? segment(s, at) : null;
      }
    }
    return null;
  }

  /**
   * Tells whether an account is an open workload's.
   *
   * @param account the account
   * @return true for a workload
   */
  public boolean isWorkload(JobAccount account) {
    return find(account) != null;
  }

  /**
   * Tells whether a workload is idle now.
   *
   * @param account the account
   * @return true if idle (false for a job that is no workload)
   */
  public boolean isIdle(JobAccount account) {
    State s = find(account);
    return s != null && s.idle;
  }

  private @Nullable State find(JobAccount account) {
    for (State s : open) {
      if (s.account == account) {
        return s;
      }
    }
    return null;
  }

  private JobSnapshot segment(State s, Instant end) {
    JobAccount a = s.account;
    int n = a.energy.length;
    long[] energy = new long[n];
    long[] children = new long[n];
    long[] measured = new long[n];
    int[] dropped = new int[n];
    for (int i = 0; i < n; i++) {
      energy[i] = a.energy[i] - s.energy0[i];
      children[i] = a.children[i] - s.children0[i];
      measured[i] = a.measured[i] - s.measured0[i];
      dropped[i] = a.dropped[i] - s.dropped0[i];
    }
    SortedMap<Long, Long> now = a.buckets();
    TreeMap<Long, Long> buckets = new TreeMap<>();
    for (var e : now.entrySet()) {
      long d = e.getValue() - s.buckets0.getOrDefault(e.getKey(), 0L);
      if (d != 0) {
        buckets.put(e.getKey(), d);
      }
    }
    long units = rolledUnits(a);
    Tags tags = a.tags.with(SEGMENT_TAG, bucketText);
    if (s.idleInSegment) {
      tags = tags.with(IDLE_TAG, "true");
    }
    JobSnapshot seg = new JobSnapshot(ids.next(s.segStart.toEpochMilli()), a.id, a.name, tags, s.segStart, end,
        energy, children, measured, dropped, buckets, List.of(), units - s.units0, null, false);
    s.segStart = end;
    s.segBucket = Math.floorDiv(end.toEpochMilli(), bucketMillis);
    s.energy0 = a.energy.clone();
    s.children0 = a.children.clone();
    s.measured0 = a.measured.clone();
    s.dropped0 = a.dropped.clone();
    s.buckets0 = now;
    s.units0 = units;
    s.idleInSegment = s.idle;
    return seg;
  }

  /**
   * Returns the units of a job and all its descendants now, capped at {@link Long#MAX_VALUE}.
   *
   * @param account the account
   * @return the count
   */
  public static long rolledUnits(JobAccount account) {
    try {
      long u = account.rolledUnits();
      return u < 0 ? Long.MAX_VALUE : u;
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static long sum(long[] values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }
}
