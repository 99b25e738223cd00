package dev.ergon.meter.estimate.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * This process's control groups, read from {@code <proc>/self/cgroup} and a cgroup file system root: the CPU quota,
 * the CPU set, the CPU usage counter and the memory use of the group, for cgroup v2 (unified) and v1.
 *
 * <p>A group's directory is the root joined with the path {@code /proc/self/cgroup} names; when that directory does
 * not exist (a container whose cgroup namespace shows {@code /} or whose mount is its own group), the root of the
 * hierarchy is the group. Quotas are the smallest over the group and its ancestors up to the root, as the kernel
 * applies them.
 *
 * <p>This class is internal and is hence not for public use. Immutable; reads files on every call.
 */
public final class Cgroups {

  /**
   * A CPU bandwidth limit.
   *
   * @param vcpus quota ÷ period, in CPUs (may be fractional)
   * @param file the file that set it, e.g. {@code /sys/fs/cgroup/cpu.max}
   */
  public record Quota(double vcpus, Path file) {}

  /**
   * The CPUs a group may run on.
   *
   * @param cpus the CPU numbers
   * @param file the file that lists them
   */
  public record CpuSet(BitSet cpus, Path file) {}

  private final boolean unified;
  private final @Nullable Path cpuDir;
  private final @Nullable Path cpuMount;
  private final @Nullable Path cpuacctDir;
  private final @Nullable Path cpusetDir;
  private final @Nullable Path memoryDir;

  private Cgroups(boolean unified, @Nullable Path cpuDir, @Nullable Path cpuMount, @Nullable Path cpuacctDir,
      @Nullable Path cpusetDir, @Nullable Path memoryDir) {
    this.unified = unified;
    this.cpuDir = cpuDir;
    this.cpuMount = cpuMount;
    this.cpuacctDir = cpuacctDir;
    this.cpusetDir = cpusetDir;
    this.memoryDir = memoryDir;
  }

  /**
   * Finds this process's groups.
   *
   * @param procRoot the proc file system root, normally {@code /proc}
   * @param cgroupRoot the cgroup file system root, normally {@code /sys/fs/cgroup}
   * @return the groups; every accessor answers empty where nothing is mounted or readable
   */
  public static Cgroups detect(Path procRoot, Path cgroupRoot) {
    Map<String, String> paths = new HashMap<>();
    try {
      for (String line : Files.readAllLines(procRoot.resolve("self/cgroup"), StandardCharsets.UTF_8)) {
        String[] f = line.split(":", 3);
        if (f.length == 3) {
          if (f[1].isEmpty()) {
            paths.put("", f[2]);
          }
          for (String controller : f[1].split(",")) {
            if (!controller.isEmpty()) {
              paths.put(controller, f[2]);
              paths.put("mount:" + controller, f[1]);
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc/self/cgroup: the root groups answer
    }
    if (Files.isRegularFile(cgroupRoot.resolve("cgroup.controllers"))) {
      Path dir = group(cgroupRoot, paths.getOrDefault("", "/"));
      return new Cgroups(true, dir, cgroupRoot, dir, dir, dir);
    }
    Path cpuMount = mount(cgroupRoot, "cpu", paths);
    return new Cgroups(false,
        cpuMount == null ? null : group(cpuMount, paths.getOrDefault("cpu", "/")),
        cpuMount,
        v1Dir(cgroupRoot, "cpuacct", paths),
        v1Dir(cgroupRoot, "cpuset", paths),
        v1Dir(cgroupRoot, "memory", paths));
  }

  private static @Nullable Path mount(Path root, String controller, Map<String, String> paths) {
    Path direct = root.resolve(controller);
    if (Files.isDirectory(direct)) {
      return direct;
    }
    String joined = paths.get("mount:" + controller);
    if (joined != null && Files.isDirectory(root.resolve(joined))) {
      return root.resolve(joined);
    }
    return null;
  }

  private static @Nullable Path v1Dir(Path root, String controller, Map<String, String> paths) {
    Path mount = mount(root, controller, paths);
    return mount == null ? null : group(mount, paths.getOrDefault(controller, "/"));
  }

  private static Path group(Path mount, String path) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    if (relative.isEmpty()) {
      return mount;
    }
    Path dir = mount.resolve(relative).normalize();
    return dir.startsWith(mount) && Files.isDirectory(dir) ? dir : mount;
  }

  /**
   * Tells whether the hierarchy is cgroup v2.
   *
   * @return true for the unified hierarchy
   */
  public boolean unified() {
    return unified;
  }

  /**
   * Returns the CPU bandwidth limit of this process's group: {@code cpu.max} (v2) or {@code cpu.cfs_quota_us} ÷
   * {@code cpu.cfs_period_us} (v1), the smallest along the path to the root.
   *
   * @return the limit, or empty when unlimited or unreadable
   */
  public Optional<Quota> quota() {
    if (cpuDir == null || cpuMount == null) {
      return Optional.empty();
    }
    Quota best = null;
    for (Path dir = cpuDir; dir != null && dir.startsWith(cpuMount); dir = dir.getParent()) {
      Quota q = unified ? quotaV2(dir) : quotaV1(dir);
      if (q != null && (best == null || q.vcpus() < best.vcpus())) {
        best = q;
      }
    }
    return Optional.ofNullable(best);
  }

  private static @Nullable Quota quotaV2(Path dir) {
    Path file = dir.resolve("cpu.max");
    String text = readOrNull(file);
    if (text == null) {
      return null;
    }
    String[] f = text.strip().split("\\s+");
    if (f.length < 1 || f[0].equals("max")) {
      return null;
    }
    try {
      long quota = Long.parseLong(f[0]);
      long period = f.length > 1 ? Long.parseLong(f[1]) : 100_000L;
      return quota > 0 && period > 0 ? new Quota((double) quota / period, file) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static @Nullable Quota quotaV1(Path dir) {
    Path file = dir.resolve("cpu.cfs_quota_us");
    String quota = readOrNull(file);
    String period = readOrNull(dir.resolve("cpu.cfs_period_us"));
    if (quota == null || period == null) {
      return null;
    }
    try {
      long q = Long.parseLong(quota.strip());
      long p = Long.parseLong(period.strip());
      return q > 0 && p > 0 ? new Quota((double) q / p, file) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Returns the CPUs this process's group may run on: {@code cpuset.cpus.effective} (v2) or
   * {@code cpuset.effective_cpus} / {@code cpuset.cpus} (v1).
   *
   * @return the set, or empty when unreadable
   */
  public Optional<CpuSet> cpuset() {
    if (cpusetDir == null) {
      return Optional.empty();
    }
    String[] names = unified ? new String[] {"cpuset.cpus.effective"}
        : new String[] {"cpuset.effective_cpus", "cpuset.cpus"};
    for (String name : names) {
      Path file = cpusetDir.resolve(name);
      String text = readOrNull(file);
      if (text != null && !text.isBlank()) {
        BitSet cpus = parseCpuList(text.strip());
        if (cpus != null && !cpus.isEmpty()) {
          return Optional.of(new CpuSet(cpus, file));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Parses a kernel CPU list such as {@code 0-3,8,10-11}.
   *
   * @param list the text
   * @return the CPUs, or null if malformed
   */
  static @Nullable BitSet parseCpuList(String list) {
    BitSet set = new BitSet();
    try {
      for (String part : list.split(",")) {
        String p = part.strip();
        if (p.isEmpty()) {
          continue;
        }
        int dash = p.indexOf('-');
        int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
        int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
        if (from < 0 || to < from || to > 65_535) {
          return null;
        }
        set.set(from, to + 1);
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return set;
  }

  /**
   * Returns the file counting the group's CPU time: {@code cpu.stat} (v2, {@code usage_usec}) or
   * {@code cpuacct.usage} (v1, ns).
   *
   * @return the file, if it exists
   */
  public Optional<Path> cpuUsageFile() {
    Path dir = unified ? cpuDir : cpuacctDir;
    if (dir == null) {
      return Optional.empty();
    }
    Path file = dir.resolve(unified ? "cpu.stat" : "cpuacct.usage");
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /**
   * Reads the group's CPU time from {@link #cpuUsageFile()}.
   *
   * @param file the file
   * @return the CPU time used so far, in ns
   * @throws IOException if unreadable or malformed, naming the file
   */
  public long cpuUsageNanos(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    try {
      if (!unified) {
        return Long.parseLong(text.strip());
      }
      for (String line : text.split("\n")) {
        if (line.startsWith("usage_usec ")) {
          return Math.multiplyExact(Long.parseLong(line.substring(11).strip()), 1000L);
        }
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IOException(file + ": malformed CPU usage '" + text.strip() + "'", e);
    }
    throw new IOException(file + ": no usage_usec line");
  }

  /**
   * Returns the directory of the group's memory controller.
   *
   * @return the directory, if mounted
   */
  public Optional<Path> memoryDir() {
    return Optional.ofNullable(memoryDir).filter(Files::isDirectory);
  }

  /**
   * Reads the group's memory in use: {@code memory.current} minus {@code inactive_file} from {@code memory.stat}
   * (v2), or {@code memory.usage_in_bytes} minus {@code total_inactive_file} (v1); page cache the kernel can drop
   * at once is not counted as in use, as {@code docker stats} does.
   *
   * @param dir the memory controller directory
   * @return bytes in use
   * @throws IOException if unreadable or malformed, naming the file
   */
  public long memoryInUseBytes(Path dir) throws IOException {
    Path usageFile = dir.resolve(unified ? "memory.current" : "memory.usage_in_bytes");
    String usage = Files.readString(usageFile, StandardCharsets.US_ASCII).strip();
    long bytes;
    try {
      bytes = Long.parseLong(usage);
    } catch (NumberFormatException e) {
      throw new IOException(usageFile + ": malformed memory usage '" + usage + "'", e);
    }
    String stat = readOrNull(dir.resolve("memory.stat"));
    String key = unified ? "inactive_file " : "total_inactive_file ";
    if (stat != null) {
      for (String line : stat.split("\n")) {
        if (line.startsWith(key)) {
          try {
            bytes -= Long.parseLong(line.substring(key.length()).strip());
          } catch (NumberFormatException e) {
            // keep the whole usage: the stat line is unusable
          }
        }
      }
    }
    return Math.max(0, bytes);
  }

  /**
   * Reads the group's memory limit: {@code memory.max} (v2) or {@code memory.limit_in_bytes} (v1).
   *
   * @param dir the memory controller directory
   * @return the limit in bytes, or empty when unlimited or unreadable
   */
  public Optional<Long> memoryLimitBytes(Path dir) {
    String text = readOrNull(dir.resolve(unified ? "memory.max" : "memory.limit_in_bytes"));
    if (text == null || text.strip().equals("max")) {
      return Optional.empty();
    }
    try {
      long v = Long.parseLong(text.strip());
      // v1 reports "no limit" as a huge page-aligned number near Long.MAX_VALUE
      return v > 0 && v < (1L << 62) ? Optional.of(v) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static @Nullable String readOrNull(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
