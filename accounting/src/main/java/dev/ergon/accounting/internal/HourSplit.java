package dev.ergon.accounting.internal;

import dev.ergon.BucketEnergy;
import dev.ergon.EnergyRecord;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Splits a record's energy into UTC hours, exactly: the parts sum to the record's total to the microjoule.
 *
 * <p>A bucket inside one hour goes to that hour. A bucket that spans hours (a record made with buckets longer than
 * an hour, or not aligned) is split in proportion to the time it overlaps each hour, rounding down, and the last
 * hour gets the remainder. A record without buckets is treated as one bucket from its start to its end, i.e. at
 * constant power (the caller discloses this).
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class HourSplit {
  private HourSplit() {}

  /**
   * Splits a record.
   *
   * @param r the record
   * @return hour start to energy in µJ; zero-energy hours omitted
   */
  public static NavigableMap<Instant, BigInteger> split(EnergyRecord r) {
    TreeMap<Instant, BigInteger> out = new TreeMap<>();
    List<BucketEnergy> buckets = r.buckets();
    if (buckets.isEmpty()) {
      BigInteger total = r.total().toBigMicrojoules();
      if (total.signum() > 0) {
        Instant end = r.end().isAfter(r.start()) ? r.end() : r.start().plusNanos(1);
        add(out, r.start(), end, total);
      }
      return out;
    }
    for (BucketEnergy b : buckets) {
      add(out, b.start(), b.end(), b.energy().toBigMicrojoules());
    }
    out.values().removeIf(v -> v.signum() == 0);
    return out;
  }

  /**
   * Tells whether a record's energy had to be spread over its duration because it has no buckets and spans more
   * than one UTC hour.
   *
   * @param r the record
   * @return true if spread by assumption
   */
  public static boolean spreadByAssumption(EnergyRecord r) {
    return r.buckets().isEmpty() && !r.total().isZero()
        && !r.start().truncatedTo(ChronoUnit.HOURS).equals(lastInstant(r).truncatedTo(ChronoUnit.HOURS));
  }

  private static Instant lastInstant(EnergyRecord r) {
    return r.end().isAfter(r.start()) ? r.end().minusNanos(1) : r.start();
  }

  private static void add(Map<Instant, BigInteger> out, Instant start, Instant end, BigInteger energy) {
    Instant firstHour = start.truncatedTo(ChronoUnit.HOURS);
    Instant lastHour = end.minusNanos(1).truncatedTo(ChronoUnit.HOURS);
    if (firstHour.equals(lastHour)) {
      out.merge(firstHour, energy, BigInteger::add);
      return;
    }
    BigInteger totalNanos = nanos(start, end);
    BigInteger given = BigInteger.ZERO;
    for (Instant h = firstHour; !h.isAfter(lastHour); h = h.plus(1, ChronoUnit.HOURS)) {
      BigInteger part;
      if (h.equals(lastHour)) {
        part = energy.subtract(given);
      } else {
        Instant from = h.isBefore(start) ? start : h;
        Instant to = h.plus(1, ChronoUnit.HOURS);
        part = energy.multiply(nanos(from, to)).divide(totalNanos);
      }
      given = given.add(part);
      out.merge(h, part, BigInteger::add);
    }
  }

  private static BigInteger nanos(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    return BigInteger.valueOf(d.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
        .add(BigInteger.valueOf(d.getNano()));
  }
}
