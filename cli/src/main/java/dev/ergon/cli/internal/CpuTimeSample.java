package dev.ergon.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time of this process's reaped children and of the whole machine at one moment, from Linux {@code /proc},
 * for {@code --attribution process}.
 *
 * <p>The children's time is {@code cutime + cstime} of {@code /proc/self/stat} (fields 16 and 17): the CPU time of
 * every child this process has waited for, including the descendants those children waited for. The machine's busy
 * time is {@code user + nice + system + irq + softirq} of the {@code cpu} line of {@code /proc/stat} (idle, iowait
 * and steal excluded; guest time is already inside user), as core's process attribution counts it. Both are in
 * clock ticks of {@code USER_HZ} = 100 (fixed by the Linux ABI for these files), so 10 ms each.
 *
 * <p>This class is internal and is hence not for public use. Immutable.
 *
 * @param childrenNanos CPU time of the reaped children, ns
 * @param machineBusyNanos busy CPU time of all processors, ns
 */
record CpuTimeSample(long childrenNanos, long machineBusyNanos) {

  /** Nanoseconds per clock tick of {@code USER_HZ} = 100. */
  static final long NANOS_PER_TICK = 10_000_000L;

  /**
   * Reads the times now.
   *
   * @param procRoot the proc file system, normally {@code /proc}
   * @return the sample
   * @throws CommandFailure if {@code /proc} cannot be read (not Linux), naming the file and the alternative
   */
  static CpuTimeSample read(Path procRoot) {
    Path self = procRoot.resolve("self").resolve("stat");
    Path stat = procRoot.resolve("stat");
    try {
      return new CpuTimeSample(children(Files.readString(self, StandardCharsets.US_ASCII)),
          machineBusy(Files.readString(stat, StandardCharsets.US_ASCII)));
    } catch (IOException | IllegalArgumentException e) {
      throw new CommandFailure("--attribution process needs Linux CPU times, but reading " + self + " and " + stat
          + " failed (" + e.getMessage() + "); use --attribution machine", CommandFailure.ERROR, e);
    }
  }

  /** Parses {@code cutime + cstime} from the text of {@code /proc/<pid>/stat}. */
  static long children(String selfStat) {
    int close = selfStat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("no ')' after the command name");
    }
    // After "pid (comm) ": f[0] is field 3 (state), so field n is f[n - 3].
    String[] f = selfStat.substring(close + 1).trim().split("\\s+");
    if (f.length < 15) {
      throw new IllegalArgumentException("only " + (f.length + 2) + " fields");
    }
    return Math.multiplyExact(Long.parseLong(f[13]) + Long.parseLong(f[14]), NANOS_PER_TICK);
  }

  /** Parses the machine's busy time from the text of {@code /proc/stat}. */
  static long machineBusy(String procStat) {
    for (String line : procStat.split("\n")) {
      if (line.startsWith("cpu ")) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 8) {
          throw new IllegalArgumentException("the cpu line has only " + f.length + " fields");
        }
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7}) { // user nice system irq softirq
          busy += Long.parseLong(f[i]);
        }
        return Math.multiplyExact(busy, NANOS_PER_TICK);
      }
    }
    throw new IllegalArgumentException("no 'cpu ' line");
  }
}
