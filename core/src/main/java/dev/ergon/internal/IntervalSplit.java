package dev.ergon.internal;

import java.time.Instant;

/**
 * The arithmetic of attribution: how one interval's energy is divided among jobs and among time buckets, exactly,
 * in whole microjoules, never giving out more than there is.
 *
 * <p>This class is internal and is hence not for public use. Stateless and thread-safe.
 */
public final class IntervalSplit {
  private IntervalSplit() {}

  /**
   * Divides a delta among jobs: job {@code r} gets {@code floor(delta × share × weights[r])}.
   *
   * <p>The shares are clamped to {@code [0, 1]} and the weights scaled down if they sum to more than one, so the
   * amounts never sum to more than {@code delta}; what is left is unattributed.
   *
   * @param delta the interval's energy, µJ, {@code >= 0}
   * @param share the fraction of the delta that belongs to this process (1 for the whole machine)
   * @param weights each job's fraction of that share; non-negative
   * @param out the amounts per job, µJ; same length as {@code weights}
   * @return the sum of {@code out}, µJ, {@code <= delta}
   */
  public static long split(long delta, double share, double[] weights, long[] out) {
    double s = Double.isFinite(share) ? Math.min(1.0, Math.max(0.0, share)) : 0.0;
    double sumW = 0;
    for (double w : weights) {
      sumW += Double.isFinite(w) && w > 0 ? w : 0;
    }
    double scale = sumW > 1.0 ? 1.0 / sumW : 1.0;
    long total = 0;
    for (int r = 0; r < weights.length; r++) {
      double w = Double.isFinite(weights[r]) && weights[r] > 0 ? weights[r] * scale : 0;
      long a = (long) Math.floor(delta * s * w);
      a = Math.max(0, Math.min(a, delta - total));
      out[r] = a;
      total += a;
    }
    return total;
  }

  /**
   * Divides an amount over the UTC-aligned buckets that an interval overlaps, in proportion to the overlap.
   *
   * @param amount the energy, µJ, {@code >= 0}
   * @param from the interval's start
   * @param to the interval's end, not before {@code from}
   * @param bucketMillis the bucket length in ms, positive
   * @param sink receives (bucket index = start ms / bucketMillis, µJ) for each bucket with a share; the shares sum
   *     to {@code amount} exactly (the last bucket takes the rounding remainder)
   */
  public static void overBuckets(long amount, Instant from, Instant to, long bucketMillis, BucketSink sink) {
    long a = from.toEpochMilli();
    long b = Math.max(a, to.toEpochMilli());
    long first = Math.floorDiv(a, bucketMillis);
    long last = Math.floorDiv(b, bucketMillis);
    if (first == last || b == a) {
      sink.add(Math.floorDiv(b, bucketMillis), amount);
      return;
    }
    if (b == last * bucketMillis) {
      last--; // an interval ending exactly on a boundary does not touch the next bucket
    }
    long span = b - a;
    long given = 0;
    for (long k = first; k <= last; k++) {
      if (k == last) {
        sink.add(k, amount - given);
        return;
      }
      long end = Math.min(b, (k + 1) * bucketMillis);
      long start = Math.max(a, k * bucketMillis);
      long part = (long) Math.floor((double) amount * (end - start) / span);
      part = Math.min(part, amount - given);
      sink.add(k, part);
      given += part;
    }
  }

  /** Receives bucket shares. */
  @FunctionalInterface
  public interface BucketSink {
    /**
     * Adds energy to a bucket.
     *
     * @param bucket the bucket index (start ms divided by the bucket length)
     * @param microjoules the energy, µJ, {@code >= 0}
     */
    void add(long bucket, long microjoules);
  }
}
