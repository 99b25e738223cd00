package dev.ergon.cli.internal;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Charges a measured command with its processes' share of the machine's CPU time over the whole run
 * ({@code ergon measure --attribution process}).
 *
 * <p>The monitor measures the machine ({@link Attribution#MACHINE}); this turns that record into one under
 * {@link Attribution#PROCESS} where each channel's energy is {@code measured × share}, rounded to the µJ, with
 * {@code share = Δ(CPU time of the command's processes) / Δ(busy CPU time of the machine)}, clamped to [0, 1].
 * Core's own process attribution measures the JVM that runs Ergon, which for {@code measure} is not the command;
 * here the command's CPU time is that of the reaped children ({@link CpuTimeSample}), known once it has exited. The
 * share is one ratio for the whole run (not per sampling interval), so it is exact when the command's share of the
 * CPU is steady and an approximation otherwise; the record's channel notes say so. The time buckets are scaled by
 * the same share with largest-remainder rounding, so they still sum exactly to the total.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
final class ProcessAttribution {
  private ProcessAttribution() {}

  /**
   * Returns the record charged with the command's share.
   *
   * @param machine the record measured under {@link Attribution#MACHINE}
   * @param before CPU times when the command started
   * @param after CPU times after it exited and was reaped
   * @return the record under {@link Attribution#PROCESS}
   */
  static EnergyRecord apply(EnergyRecord machine, CpuTimeSample before, CpuTimeSample after) {
    long children = Math.max(0, after.childrenNanos() - before.childrenNanos());
    long busy = Math.max(0, after.machineBusyNanos() - before.machineBusyNanos());
    double share = busy > 0 ? Math.min(1.0, (double) children / busy) : 0.0;
    String note = String.format(Locale.US, "process attribution: the command's processes used %.1f %% of the "
        + "machine's busy CPU time (%d ms of %d ms, whole run, 10 ms resolution)", share * 100,
        children / 1_000_000, busy / 1_000_000);
    List<ChannelEnergy> channels = new ArrayList<>();
    Energy total = Energy.ZERO;
    for (ChannelEnergy c : machine.channels()) {
      Energy e = c.energy().multipliedBy(share);
      total = total.plus(e);
      List<String> notes = new ArrayList<>(c.notes());
      notes.add(note);
      channels.add(new ChannelEnergy(c.channel(), c.meter(), c.kind(), c.device(), c.method(),
          c.relativeUncertainty(), e, c.measured(), c.droppedIntervals(), notes));
    }
    List<BucketEnergy> buckets = scale(machine.buckets(), total);
    return new EnergyRecord(machine.id(), machine.parentId(), machine.name(), machine.tags(), machine.host(),
        machine.region(), machine.start(), machine.end(), machine.units(), Attribution.PROCESS, channels, buckets,
        machine.status(), machine.problems());
  }

  /** Distributes {@code total} over the buckets in proportion to their energy (largest remainder). */
  static List<BucketEnergy> scale(List<BucketEnergy> buckets, Energy total) {
    if (buckets.isEmpty() || total.isZero()) {
      return List.of();
    }
    long target = total.toMicrojoulesExact();
    double sum = 0;
    for (BucketEnergy b : buckets) {
      sum += b.energy().toMicrojoulesExact();
    }
    int n = buckets.size();
    long[] parts = new long[n];
    double[] remainders = new double[n];
    long assigned = 0;
    for (int i = 0; i < n; i++) {
      double exact = sum > 0 ? target * (buckets.get(i).energy().toMicrojoulesExact() / sum) : (double) target / n;
      parts[i] = (long) Math.floor(exact);
      remainders[i] = exact - parts[i];
      assigned += parts[i];
    }
    for (long left = target - assigned; left > 0; left--) {
      int best = 0;
      for (int i = 1; i < n; i++) {
        if (remainders[i] > remainders[best]) {
          best = i;
        }
      }
      parts[best]++;
      remainders[best] = -1;
    }
    for (long over = assigned - target; over > 0; over--) { // floating point can overshoot by a µJ
      for (int i = n - 1; i >= 0; i--) {
        if (parts[i] > 0) {
          parts[i]--;
          break;
        }
      }
    }
    List<BucketEnergy> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (parts[i] > 0) {
        BucketEnergy b = buckets.get(i);
        out.add(new BucketEnergy(b.start(), b.end(), Energy.ofMicrojoules(parts[i])));
      }
    }
    return out;
  }
}
