package dev.ergon.meter.estimate.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * Decides how many vCPUs the CPU model covers and where their utilisation is measured.
 *
 * <p>The vCPUs are the tightest of: the logical CPUs of the machine ({@code /proc/cpuinfo}, else the {@code cpuN}
 * lines of {@code /proc/stat}, else the JVM's available processors), the cgroup's CPU set, and the cgroup's CPU
 * quota. A configured count replaces the number but not the choice of gauge. The gauge follows the limit that
 * binds: a quota is measured by the group's own CPU time, a CPU set by the {@code /proc/stat} lines of its CPUs, the
 * whole machine by the {@code /proc/stat} total, and, without {@code /proc/stat}, by the JVM.
 *
 * <p>This class is internal and is hence not for public use. Stateless and thread-safe.
 */
public final class VcpuDetector {

  /** Which limit set the vCPU count. */
  public enum Source {
    /** {@code ergon.estimate.vcpus} or the profile. */
    CONFIGURED,
    /** The cgroup CPU bandwidth quota. */
    CGROUP_QUOTA,
    /** The cgroup CPU set. */
    CGROUP_CPUSET,
    /** The machine's logical CPUs. */
    MACHINE
  }

  /**
   * The result.
   *
   * @param count the vCPUs modelled, {@code > 0}
   * @param source which limit set it
   * @param detail where the figure comes from, for the notes, e.g. {@code cgroup cpu.max quota 150000/100000
   *     (/sys/fs/cgroup/cpu.max)}
   * @param container true when a cgroup limit binds (quota or CPU set): the "machine" modelled is the container
   * @param gauge where utilisation is measured
   */
  public record Vcpus(double count, Source source, String detail, boolean container, UtilisationGauge gauge) {}

  /**
   * The host's logical CPUs: the most that any of its views shows.
   *
   * @param count the logical CPUs, {@code >= 1}
   * @param evidence which file said so, for messages
   */
  public record HostCpus(int count, String evidence) {}

  private final Path procRoot;
  private final Cgroups cgroups;

  /**
   * Creates a detector.
   *
   * @param procRoot the proc root
   * @param cgroups this process's groups
   */
  public VcpuDetector(Path procRoot, Cgroups cgroups) {
    this.procRoot = procRoot;
    this.cgroups = cgroups;
  }

  /**
   * Detects the vCPUs.
   *
   * @param cpu what {@code /proc/cpuinfo} says (its {@code logicalCpus} may be 0 when absent)
   * @param configured the configured count, if any
   * @return the vCPUs and their gauge
   */
  public Vcpus detect(CpuInfo cpu, OptionalDouble configured) {
    Path stat = procRoot.resolve("stat");
    boolean haveStat = Files.isReadable(stat);
    double logical;
    String logicalDetail;
    if (cpu.logicalCpus() > 0) {
      logical = cpu.logicalCpus();
      logicalDetail = "/proc/cpuinfo (" + cpu.logicalCpus() + " processor entries in "
          + procRoot.resolve("cpuinfo") + ")";
    } else if (haveStat && statCpuLines(stat) > 0) {
      logical = statCpuLines(stat);
      logicalDetail = "/proc/stat (" + (int) logical + " cpuN lines in " + stat + ")";
    } else {
      logical = Runtime.getRuntime().availableProcessors();
      logicalDetail = "the JVM's available processors (no /proc/cpuinfo or /proc/stat under " + procRoot + ")";
    }
    double count = logical;
    Source source = Source.MACHINE;
    String detail = logicalDetail;
    UtilisationGauge gauge = haveStat ? new ProcStatGauge(stat, null) : new JvmLoadGauge();
    boolean container = false;

    Cgroups.CpuSet set = cgroups.cpuset().orElse(null);
    if (set != null && set.cpus().cardinality() < count && haveStat) {
      count = set.cpus().cardinality();
      source = Source.CGROUP_CPUSET;
      detail = "cgroup cpuset (" + set.file() + ": " + toList(set.cpus()) + ")";
      gauge = new ProcStatGauge(stat, set.cpus());
      container = true;
    }
    Cgroups.Quota quota = cgroups.quota().orElse(null);
    if (quota != null && quota.vcpus() < count) {
      count = quota.vcpus();
      source = Source.CGROUP_QUOTA;
      detail = "cgroup " + (cgroups.unified() ? "cpu.max" : "cpu.cfs_quota_us") + " quota ("
          + quota.file() + ": " + format(quota.vcpus()) + " CPUs)";
      Path usage = cgroups.cpuUsageFile().orElse(null);
      container = true;
      if (usage != null) {
        gauge = new CgroupUsageGauge(cgroups, usage, quota.vcpus());
      } else {
        detail += "; the cgroup's CPU usage file is missing, so utilisation is the machine's";
      }
    }
    if (configured.isPresent()) {
      detail = "configured ergon.estimate.vcpus (detected: " + format(count) + " from " + detail + ")";
      count = configured.getAsDouble();
      source = Source.CONFIGURED;
    }
    return new Vcpus(count, source, detail, container, gauge);
  }

  /**
   * Counts the host's logical CPUs: the most of {@code <sys>/devices/system/cpu/online} (the host's view even in a
   * container), {@code /proc/cpuinfo}'s processor entries and the per-CPU lines of {@code /proc/stat}. Only when
   * none can be read, the JVM's available processors (a container's view, which may be smaller).
   *
   * @param procRoot the proc root
   * @param sysRoot the sys root
   * @param cpu what {@code /proc/cpuinfo} says
   * @return the count and where it came from
   */
  public static HostCpus hostCpus(Path procRoot, Path sysRoot, CpuInfo cpu) {
    int best = 0;
    String evidence = "";
    Path online = sysRoot.resolve("devices/system/cpu/online");
    try {
      String list = Files.readString(online, StandardCharsets.US_ASCII).strip();
      BitSet set = Cgroups.parseCpuList(list);
      if (set != null && set.cardinality() > best) {
        best = set.cardinality();
        evidence = online + ": " + list;
      }
    } catch (IOException | RuntimeException e) {
      // not readable here: the other views remain
    }
    if (cpu.logicalCpus() > best) {
      best = cpu.logicalCpus();
      evidence = cpu.logicalCpus() + " processor entries in " + procRoot.resolve("cpuinfo");
    }
    Path stat = procRoot.resolve("stat");
    int lines = Files.isReadable(stat) ? statCpuLines(stat) : 0;
    if (lines > best) {
      best = lines;
      evidence = lines + " cpuN lines in " + stat;
    }
    if (best == 0) {
      best = Runtime.getRuntime().availableProcessors();
      evidence = "the JVM's available processors (no " + online + ", " + procRoot.resolve("cpuinfo") + " or " + stat
          + ")";
    }
    return new HostCpus(best, evidence);
  }

  private static int statCpuLines(Path stat) {
    try {
      int n = 0;
      for (String line : Files.readAllLines(stat, StandardCharsets.US_ASCII)) {
        if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
          n++;
        }
      }
      return n;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  static String toList(@Nullable BitSet cpus) {
    if (cpus == null) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    for (int i = cpus.nextSetBit(0); i >= 0; ) {
      int end = cpus.nextClearBit(i) - 1;
      s.append(s.length() == 0 ? "" : ",").append(i);
      if (end > i) {
        s.append('-').append(end);
      }
      i = cpus.nextSetBit(end + 1);
    }
    return s.toString();
  }

  /**
   * Formats a figure to at most four significant digits without trailing zeros: {@code 2}, {@code 1.5},
   * {@code 0.45}.
   *
   * @param v the count
   * @return the text
   */
  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
