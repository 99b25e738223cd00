package dev.ergon.meter.estimate;

import dev.ergon.Configuration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A fake machine for tests: {@code proc/}, {@code cgroup/} and {@code sys/} trees under a temporary folder, with the
 * files the estimate meter reads, written the way Linux writes them.
 */
final class FakeMachine {
  final Path proc;
  final Path cgroup;
  final Path sys;
  private final Map<String, String> settings = new HashMap<>();
  private int cpus;

  FakeMachine(Path root) {
    this.proc = root.resolve("proc");
    this.cgroup = root.resolve("cgroup");
    this.sys = root.resolve("sys");
    try {
      Files.createDirectories(proc.resolve("self"));
      Files.createDirectories(cgroup);
      Files.createDirectories(sys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    settings.put(EstimateProfile.PROC_ROOT, proc.toString());
    settings.put(EstimateProfile.CGROUP_ROOT, cgroup.toString());
    settings.put(EstimateProfile.SYS_ROOT, sys.toString());
    write(proc.resolve("self/cgroup"), "0::/\n");
    meminfo(16L << 20, 12L << 20);
  }

  /** Adds a setting to the configuration. */
  FakeMachine set(String key, String value) {
    settings.put(key, value);
    return this;
  }

  Configuration config() {
    return Configuration.of(settings);
  }

  /** Writes an x86 /proc/cpuinfo: processors spread evenly over packages. */
  FakeMachine x86(String vendor, String modelName, int family, int model, int stepping, int processors,
      int packages, boolean hypervisor) {
    StringBuilder s = new StringBuilder();
    int perPackage = processors / packages;
    for (int i = 0; i < processors; i++) {
      s.append("processor\t: ").append(i).append('\n')
          .append("vendor_id\t: ").append(vendor).append('\n')
          .append("cpu family\t: ").append(family).append('\n')
          .append("model\t\t: ").append(model).append('\n')
          .append("model name\t: ").append(modelName).append('\n')
          .append("stepping\t: ").append(stepping).append('\n')
          .append("physical id\t: ").append(i / perPackage).append('\n')
          .append("siblings\t: ").append(perPackage).append('\n')
          .append("flags\t\t: fpu vme de pse tsc msr pae").append(hypervisor ? " hypervisor" : "")
          .append(" lahf_lm\n\n");
    }
    write(proc.resolve("cpuinfo"), s.toString());
    this.cpus = processors;
    return this;
  }

  /** Writes /proc/cpuinfo as given, with a number of CPUs for /proc/stat. */
  FakeMachine cpuinfo(String text, int processors) {
    write(proc.resolve("cpuinfo"), text);
    this.cpus = processors;
    return this;
  }

  /**
   * Writes /proc/stat with cumulative jiffies for the whole machine, split evenly over the CPUs: busy is put in
   * user, idle in idle; nothing else.
   */
  FakeMachine stat(long busy, long idle) {
    StringBuilder s = new StringBuilder();
    s.append("cpu  ").append(busy).append(" 0 0 ").append(idle).append(" 0 0 0 0 0 0\n");
    for (int i = 0; i < cpus; i++) {
      s.append("cpu").append(i).append(' ').append(busy / cpus).append(" 0 0 ").append(idle / cpus)
          .append(" 0 0 0 0 0 0\n");
    }
    s.append("intr 1 0 0\nctxt 100\nbtime 1700000000\nprocesses 10\nprocs_running 1\nprocs_blocked 0\n");
    write(proc.resolve("stat"), s.toString());
    return this;
  }

  /** Writes /proc/stat with explicit per-CPU lines (busy, idle each), and their sum as the total line. */
  FakeMachine statPerCpu(long[] busy, long[] idle) {
    long b = 0;
    long d = 0;
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < busy.length; i++) {
      b += busy[i];
      d += idle[i];
      lines.append("cpu").append(i).append(' ').append(busy[i]).append(" 0 0 ").append(idle[i])
          .append(" 0 0 0 0 0 0\n");
    }
    write(proc.resolve("stat"), "cpu  " + b + " 0 0 " + d + " 0 0 0 0 0 0\n" + lines + "ctxt 1\n");
    return this;
  }

  FakeMachine meminfo(long totalKb, long availableKb) {
    write(proc.resolve("meminfo"), "MemTotal:       " + totalKb + " kB\nMemFree:        " + availableKb / 2
        + " kB\nMemAvailable:   " + availableKb + " kB\nBuffers:           1000 kB\nCached:          2000 kB\n");
    return this;
  }

  /** Makes this a cgroup v2 machine with the process in a group. */
  FakeMachine cgroupV2(String group) {
    write(cgroup.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
    write(proc.resolve("self/cgroup"), "0::" + group + "\n");
    try {
      Files.createDirectories(cgroup.resolve(group.substring(1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Writes a file under the cgroup root, e.g. {@code ("docker/abc/cpu.max", "150000 100000")}. */
  FakeMachine cgroupFile(String relative, String content) {
    write(cgroup.resolve(relative), content + "\n");
    return this;
  }

  FakeMachine dmi(String file, String content) {
    write(sys.resolve("class/dmi/id").resolve(file), content + "\n");
    return this;
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
