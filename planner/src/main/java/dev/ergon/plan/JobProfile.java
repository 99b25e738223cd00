package dev.ergon.plan;

import dev.ergon.BucketEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a job draws over its length: its duration and the energy of each slot of it (the first slot starting when the
 * job starts), with the spread between runs.
 *
 * <p>Within a slot the energy is taken as drawn evenly. The last slot may be shorter than the others (a 90-minute job
 * in 1-hour slots has slots of 60 and 30 minutes).
 *
 * <h2>From the ledger ({@link #fromRecords})</h2>
 *
 * <p>The duration is the median of the runs' durations. Each run's energy over time comes from its UTC buckets
 * (each bucket's energy spread evenly over the part of the bucket the run covered); its shape is stretched or
 * squeezed to the median duration (the run's first 10 % of time onto the profile's first 10 %), then cut into slots.
 * A slot's energy is the mean over runs, and its spread the sample standard deviation over runs (0 for one run).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class JobProfile {
  private final long durationSeconds;
  private final long slotSeconds;
  private final double[] kwh;
  private final double[] sdKwh;
  private final int runs;

  private JobProfile(long durationSeconds, long slotSeconds, double[] kwh, double[] sdKwh, int runs) {
    this.durationSeconds = durationSeconds;
    this.slotSeconds = slotSeconds;
    this.kwh = kwh;
    this.sdKwh = sdKwh;
    this.runs = runs;
  }

  /**
   * Returns a job that draws its energy evenly over its duration, with no spread ({@code --duration 6h --energy
   * 40kWh}).
   *
   * @param duration the job's length, whole seconds, {@code > 0}
   * @param energy the energy it draws in all
   * @return the profile (one slot)
   * @throws IllegalArgumentException if the duration is not positive or not whole seconds
   */
  public static JobProfile flat(Duration duration, Energy energy) {
    return flat(duration, energy, 0);
  }

  /**
   * Returns a job that draws its energy evenly over its duration, with a relative spread.
   *
   * @param duration the job's length, whole seconds, {@code > 0}
   * @param energy the energy it draws in all
   * @param relativeSpread the standard deviation of its energy between runs, as a fraction of it, {@code >= 0}
   * @return the profile (one slot)
   * @throws IllegalArgumentException if the duration is not positive or not whole seconds, or the spread negative
   */
  public static JobProfile flat(Duration duration, Energy energy, double relativeSpread) {
    long d = seconds(duration);
    if (!(relativeSpread >= 0 && Double.isFinite(relativeSpread))) {
      throw new IllegalArgumentException("the relative spread must be a finite fraction >= 0, got " + relativeSpread);
    }
    double e = energy.toKilowattHours();
    return new JobProfile(d, d, new double[] {e}, new double[] {e * relativeSpread}, 1);
  }

  /**
   * Returns a profile from the energy of each slot.
   *
   * @param duration the job's length, whole seconds, {@code > 0}; {@code (n - 1) × slot < duration <= n × slot}
   * @param slot the slot length, whole seconds, {@code > 0}
   * @param kwh the energy of each slot, kWh, each finite and {@code >= 0}
   * @param sdKwh the standard deviation of each slot's energy between runs, kWh, each finite and {@code >= 0}
   * @return the profile
   * @throws IllegalArgumentException if the lengths do not fit the duration or a value is negative or not finite
   */
  public static JobProfile of(Duration duration, Duration slot, double[] kwh, double[] sdKwh) {
    long d = seconds(duration);
    long s = seconds(slot);
    int n = (int) ((d + s - 1) / s);
    if (kwh.length != n || sdKwh.length != n) {
      throw new IllegalArgumentException("a job of " + duration + " in slots of " + slot + " has " + n
          + " slots; got " + kwh.length + " energies and " + sdKwh.length + " spreads");
    }
    for (int i = 0; i < n; i++) {
      if (!(kwh[i] >= 0 && Double.isFinite(kwh[i]) && sdKwh[i] >= 0 && Double.isFinite(sdKwh[i]))) {
        throw new IllegalArgumentException("slot " + i + ": energy " + kwh[i] + " kWh and spread " + sdKwh[i]
            + " kWh must be finite and >= 0");
      }
    }
    return new JobProfile(d, s, kwh.clone(), sdKwh.clone(), 1);
  }

  /**
   * Returns the profile of past runs of a job (see the class description).
   *
   * @param records the runs; those of zero length are left out
   * @param slot the slot length, whole seconds, {@code > 0} (an hour matches the records' buckets)
   * @return the profile
   * @throws IllegalArgumentException if no record has a positive length
   */
  public static JobProfile fromRecords(Collection<EnergyRecord> records, Duration slot) {
    long s = seconds(slot);
    List<EnergyRecord> runs = new ArrayList<>();
    for (EnergyRecord r : records) {
      if (r.end().isAfter(r.start())) {
        runs.add(r);
      }
    }
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no run to build a profile from (" + records.size() + " records, none "
          + "longer than zero); choose records of jobs that ran, or give --duration and --energy");
    }
    long[] durations = new long[runs.size()];
    for (int i = 0; i < durations.length; i++) {
      durations[i] = Math.max(1, Duration.between(runs.get(i).start(), runs.get(i).end()).toSeconds());
    }
    Arrays.sort(durations);
    int mid = durations.length / 2;
    long d = durations.length % 2 == 1 ? durations[mid] : (durations[mid - 1] + durations[mid]) / 2;
    int n = (int) ((d + s - 1) / s);
    double[][] perRun = new double[runs.size()][];
    for (int i = 0; i < runs.size(); i++) {
      perRun[i] = shape(runs.get(i), d, s, n);
    }
    double[] mean = new double[n];
    double[] sd = new double[n];
    for (int j = 0; j < n; j++) {
      double sum = 0;
      for (double[] r : perRun) {
        sum += r[j];
      }
      mean[j] = sum / perRun.length;
      if (perRun.length > 1) {
        double sq = 0;
        for (double[] r : perRun) {
          sq += (r[j] - mean[j]) * (r[j] - mean[j]);
        }
        sd[j] = Math.sqrt(sq / (perRun.length - 1));
      }
    }
    return new JobProfile(d, s, mean, sd, runs.size());
  }

  /*
   * One run's energy in the n slots of a profile of length d: its buckets' energy, each spread evenly over the part
   * of the bucket inside the run, mapped onto [0, 1) of the run's length, then onto the slots.
   */
  private static double[] shape(EnergyRecord r, long d, long slot, int n) {
    double[] out = new double[n];
    long start = r.start().getEpochSecond();
    double len = Math.max(1e-9, (r.end().toEpochMilli() - r.start().toEpochMilli()) / 1000.0);
    List<BucketEnergy> buckets = r.buckets();
    if (buckets.isEmpty()) {
      spread(out, 0, 1, r.total().toKilowattHours(), d, slot);
      return out;
    }
    for (BucketEnergy b : buckets) {
      double a = Math.max(0, (b.start().toEpochMilli() / 1000.0 - start) / len);
      double z = Math.min(1, (b.end().toEpochMilli() / 1000.0 - start) / len);
      double e = b.energy().toKilowattHours();
      if (z <= a) {
        double u = Math.min(Math.max(a, 0), 1);
        spread(out, u, u, e, d, slot);
      } else {
        spread(out, a, z, e, d, slot);
      }
    }
    return out;
  }

  /* Adds energy e spread evenly over normalised [a, z) to the slots (a point when a == z). */
  private static void spread(double[] out, double a, double z, double e, long d, long slot) {
    double from = a * d;
    double to = z * d;
    if (to <= from) {
      int j = (int) Math.min(out.length - 1, Math.max(0, (long) Math.floor(from / slot)));
      out[j] += e;
      return;
    }
    for (int j = (int) Math.max(0, Math.floor(from / slot)); j < out.length; j++) {
      double s0 = (double) j * slot;
      double s1 = Math.min((double) (j + 1) * slot, (double) d);
      if (s0 >= to) {
        break;
      }
      double ov = Math.min(s1, to) - Math.max(s0, from);
      if (ov > 0) {
        out[j] += e * ov / (to - from);
      }
    }
  }

  private static long seconds(Duration d) {
    Objects.requireNonNull(d, "duration");
    if (d.isNegative() || d.isZero() || d.toNanosPart() != 0) {
      throw new IllegalArgumentException("a job length or slot must be a positive whole number of seconds, got "
          + d);
    }
    return d.toSeconds();
  }

  /**
   * Returns the job's length.
   *
   * @return the duration, whole seconds
   */
  public Duration duration() {
    return Duration.ofSeconds(durationSeconds);
  }

  /**
   * Returns the slot length.
   *
   * @return the slot, whole seconds
   */
  public Duration slot() {
    return Duration.ofSeconds(slotSeconds);
  }

  /**
   * Returns how many slots the profile has.
   *
   * @return the count, {@code >= 1}
   */
  public int slotCount() {
    return kwh.length;
  }

  /**
   * Returns a slot's mean energy.
   *
   * @param slot the slot, {@code 0 <= slot < slotCount()}
   * @return kWh
   */
  public double energyKwh(int slot) {
    return kwh[slot];
  }

  /**
   * Returns a slot's spread between runs.
   *
   * @param slot the slot, {@code 0 <= slot < slotCount()}
   * @return the standard deviation, kWh
   */
  public double spreadKwh(int slot) {
    return sdKwh[slot];
  }

  /**
   * Returns the job's energy in all.
   *
   * @return kWh, the sum of the slots' mean energies
   */
  public double totalKwh() {
    double t = 0;
    for (double e : kwh) {
      t += e;
    }
    return t;
  }

  /**
   * Returns the spread of the job's total energy, taking the slots' deviations as fully correlated (a run that
   * draws more draws more throughout).
   *
   * @return the standard deviation, kWh
   */
  public double totalSpreadKwh() {
    double t = 0;
    for (double e : sdKwh) {
      t += e;
    }
    return t;
  }

  /**
   * Returns how many runs the profile was built from.
   *
   * @return the count; 1 for a profile given directly
   */
  public int runs() {
    return runs;
  }

  long durationSeconds() {
    return durationSeconds;
  }

  long slotSeconds() {
    return slotSeconds;
  }

  double[] kwh() {
    return kwh;
  }

  double[] sdKwh() {
    return sdKwh;
  }

  /** Returns e.g. {@code 6 h, 40.000 kWh ± 2.000 kWh (12 runs)}. */
  @Override
  public String toString() {
    return String.format(java.util.Locale.US, "%s, %.3f kWh ± %.3f kWh (%d run%s)", duration(), totalKwh(),
        totalSpreadKwh(), runs, runs == 1 ? "" : "s");
  }
}
