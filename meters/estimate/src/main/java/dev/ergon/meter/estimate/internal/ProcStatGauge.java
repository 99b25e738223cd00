package dev.ergon.meter.estimate.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.jspecify.annotations.Nullable;

/**
 * Machine utilisation from {@code /proc/stat}: the change in busy jiffies over the change in all jiffies, for all
 * CPUs (the {@code cpu} line) or for a CPU set (the {@code cpuN} lines of its members).
 *
 * <p>Busy is user + nice + system + irq + softirq (guest time is already inside user); all is busy + idle + iowait
 * + steal, so time the hypervisor gave to other guests counts as not busy.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe.
 */
public final class ProcStatGauge implements UtilisationGauge {
  private final Path file;
  private final @Nullable BitSet cpus;
  private long lastBusy = -1;
  private long lastTotal = -1;

  /**
   * Creates a gauge.
   *
   * @param file the {@code /proc/stat} file
   * @param cpus the CPUs to count, or null for all (the aggregate {@code cpu} line)
   */
  public ProcStatGauge(Path file, @Nullable BitSet cpus) {
    this.file = file;
    this.cpus = cpus == null ? null : (BitSet) cpus.clone();
  }

  @Override
  public double sample(long nanoTime) throws IOException {
    long[] now = read();
    long busy = now[0];
    long total = now[1];
    double u = Double.NaN;
    if (lastTotal >= 0 && total > lastTotal && busy >= lastBusy) {
      u = PowerCurve.clamp((double) (busy - lastBusy) / (total - lastTotal));
    }
    if (lastTotal < 0 || total != lastTotal) {
      lastBusy = busy;
      lastTotal = total;
    }
    return u;
  }

  /**
   * Reads the busy and total jiffies.
   *
   * @return {busy, total}
   * @throws IOException if unreadable or without the lines needed
   */
  long[] read() throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    long busy = 0;
    long total = 0;
    int found = 0;
    for (String line : text.split("\n")) {
      if (!line.startsWith("cpu")) {
        continue;
      }
      int space = line.indexOf(' ');
      if (space < 0) {
        continue;
      }
      String name = line.substring(0, space);
      boolean aggregate = name.equals("cpu");
      if (cpus == null ? !aggregate : aggregate || !cpus.get(cpuNumber(name))) {
        continue;
      }
      String[] f = line.substring(space).strip().split("\\s+");
      if (f.length < 4) {
        throw new IOException(file + ": line '" + name + "' has " + f.length + " fields, expected at least 4");
      }
      try {
        long[] v = new long[8];
        for (int i = 0; i < Math.min(8, f.length); i++) {
          v[i] = Long.parseLong(f[i]);
        }
        long b = v[0] + v[1] + v[2] + v[5] + v[6];
        busy += b;
        total += b + v[3] + v[4] + v[7];
      } catch (NumberFormatException e) {
        throw new IOException(file + ": line '" + name + "' is malformed", e);
      }
      found++;
    }
    if (found == 0) {
      throw new IOException(file + ": no " + (cpus == null ? "'cpu' line" : "lines for CPUs " + cpus));
    }
    return new long[] {busy, total};
  }

  private static int cpuNumber(String name) {
    try {
      return Integer.parseInt(name.substring(3));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE; // a line that is not cpuN: never a member
    }
  }

  @Override
  public String description() {
    return "measured from " + file + " deltas (busy = user+nice+system+irq+softirq over all incl. idle, iowait, "
        + "steal), " + (cpus == null ? "all CPUs" : "CPUs " + cpus + " of the cgroup cpuset");
  }
}
