package dev.ergon.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads CPU times from {@code /proc/stat} (machine) and {@code /proc/self/stat} (process), in clock ticks
 * converted at {@code USER_HZ} = 100 (fixed by the Linux ABI for these files), with the JVM's process CPU time
 * as a fallback for the process.
 *
 * <p>Machine busy time is user + nice + system + irq + softirq (idle, iowait and steal excluded; guest time is
 * already inside user). Where {@code /proc/stat} is absent, busy time is taken as the elapsed time times the
 * available processors, which charges idle capacity as well and is documented as the coarser fallback.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe.
 */
public final class ProcCpuTimes implements CpuTimes {
  private static final long NANOS_PER_TICK = 10_000_000L;
  private final Path procRoot;
  private final int processors;
  private long syntheticBusy;

  /**
   * Creates a reader.
   *
   * @param procRoot the proc file system root, normally {@code /proc}
   */
  public ProcCpuTimes(Path procRoot) {
    this.procRoot = procRoot;
    this.processors = Runtime.getRuntime().availableProcessors();
  }

  @Override
  public long processNanos() {
    try {
      String stat = Files.readString(procRoot.resolve("self/stat"), StandardCharsets.US_ASCII);
      // Field 2 (comm) may contain spaces and parentheses: split after the last ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      // After comm: field 3 is f[0]; utime is field 14, stime field 15.
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
      if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
        return sun.getProcessCpuTime();
      }
      return -1;
    }
  }

  @Override
  public long machineBusyNanos(long elapsedNanos) {
    try {
      for (String line : Files.readAllLines(procRoot.resolve("stat"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("cpu ")) {
          String[] f = line.trim().split("\\s+");
          long busy = 0;
          int[] busyFields = {1, 2, 3, 6, 7}; // user nice system irq softirq
          for (int i : busyFields) {
            if (i < f.length) {
              busy += Long.parseLong(f[i]);
            }
          }
          return busy * NANOS_PER_TICK;
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through to the capacity estimate
    }
    syntheticBusy += Math.max(0, elapsedNanos) * processors;
    return syntheticBusy;
  }
}
