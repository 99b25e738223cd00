package dev.ergon.meter.powercap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fake sysfs powercap tree laid out as the kernel does: real directories under {@code sys/devices/virtual/powercap}
 * (control type, zone, subzone), and {@code sys/class/powercap} holding relative symbolic links to every control
 * type and every zone. Each zone has a {@code device} link to its parent and a {@code subsystem} link back to the
 * class directory (so a walk that followed every link would loop), and the files {@code name},
 * {@code energy_uj} (mode 0600, as the kernel makes it for a resettable zone: readable by root only),
 * {@code max_energy_range_uj}, {@code enabled} and, on Intel, a constraint.
 *
 * <p>A fixture for the meter's real code path. Counters are rewritten in place, so a test must not read them from
 * another thread while it writes (the monitors in these tests run without a sampler thread). The counter wraps at
 * exactly {@code max_energy_range_uj}, which is what core's unwrapping assumes (the real counter's modulus is one
 * energy unit, 15 to 61 µJ, larger).
 */
public final class FakePowercap {

  /** Intel package and psys range, µJ (ESU 14). */
  public static final long INTEL_RANGE = 262_143_328_850L;
  /** Intel server DRAM range, µJ (15.3 µJ unit). */
  public static final long SERVER_DRAM_RANGE = 65_712_999_613L;
  /** AMD range, µJ (ESU 16). */
  public static final long AMD_RANGE = 65_532_610_987L;

  private final Path classDir;
  private final Path devicesDir;
  private final Map<String, Long> raw = new HashMap<>();
  private final Map<String, Long> range = new HashMap<>();

  /**
   * Creates an empty tree (both directories exist, no control type).
   *
   * @param base a temporary directory
   */
  public FakePowercap(Path base) {
    this.classDir = base.resolve("sys/class/powercap");
    this.devicesDir = base.resolve("sys/devices/virtual/powercap");
    try {
      Files.createDirectories(classDir);
      Files.createDirectories(devicesDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns {@code sys/class/powercap}, the meter's root. */
  public Path root() {
    return classDir;
  }

  /** Returns {@code sys/devices/virtual/powercap}, the hierarchical view. */
  public Path devicesRoot() {
    return devicesDir;
  }

  /**
   * A laptop: package-0 with core, uncore and dram subzones, a top-level psys, and the same package-0 through
   * intel-rapl-mmio.
   */
  public static FakePowercap laptop(Path base) {
    return new FakePowercap(base)
        .zone("intel-rapl:0", "package-0", INTEL_RANGE)
        .zone("intel-rapl:0:0", "core", INTEL_RANGE)
        .zone("intel-rapl:0:1", "uncore", INTEL_RANGE)
        .zone("intel-rapl:0:2", "dram", INTEL_RANGE)
        .zone("intel-rapl:1", "psys", INTEL_RANGE)
        .zone("intel-rapl-mmio:0", "package-0", INTEL_RANGE);
  }

  /** A two-socket Intel server: package-0 and package-1, each with its dram subzone at index 0. */
  public static FakePowercap twoSocketServer(Path base) {
    return new FakePowercap(base)
        .zone("intel-rapl:0", "package-0", INTEL_RANGE)
        .zone("intel-rapl:0:0", "dram", SERVER_DRAM_RANGE)
        .zone("intel-rapl:1", "package-1", INTEL_RANGE)
        .zone("intel-rapl:1:0", "dram", SERVER_DRAM_RANGE);
  }

  /** A two-socket AMD EPYC: packages under intel-rapl, each with a core subzone; no dram, no psys. */
  public static FakePowercap amdEpyc(Path base) {
    return new FakePowercap(base)
        .amdZone("intel-rapl:0", "package-0")
        .amdZone("intel-rapl:0:0", "core")
        .amdZone("intel-rapl:1", "package-1")
        .amdZone("intel-rapl:1:0", "core");
  }

  /**
   * Adds a zone with Intel-style files (a long-term constraint).
   *
   * @param kernelName e.g. {@code intel-rapl:0:2}; the parent must exist for a subzone
   * @param name the content of {@code name}
   * @param rangeMicrojoules the content of {@code max_energy_range_uj}
   * @return this
   */
  public FakePowercap zone(String kernelName, String name, long rangeMicrojoules) {
    Path dir = createZone(kernelName, name);
    write(dir.resolve("max_energy_range_uj"), Long.toString(rangeMicrojoules), "r--r--r--");
    write(dir.resolve("constraint_0_name"), "long_term", "r--r--r--");
    write(dir.resolve("constraint_0_power_limit_uw"), "45000000", "rw-r--r--");
    range.put(kernelName, rangeMicrojoules);
    set(kernelName, 0);
    return this;
  }

  /** Adds a zone as AMD registers it: counters only, no constraints, AMD's range. */
  public FakePowercap amdZone(String kernelName, String name) {
    Path dir = createZone(kernelName, name);
    write(dir.resolve("max_energy_range_uj"), Long.toString(AMD_RANGE), "r--r--r--");
    range.put(kernelName, AMD_RANGE);
    set(kernelName, 0);
    return this;
  }

  /** Adds a zone with no energy counter (as {@code dtpm} zones have). */
  public FakePowercap zoneWithoutCounter(String kernelName, String name) {
    createZone(kernelName, name);
    return this;
  }

  /**
   * Sets a zone's raw counter.
   *
   * @param kernelName the zone
   * @param microjoules the raw value written to {@code energy_uj}
   */
  public void set(String kernelName, long microjoules) {
    raw.put(kernelName, microjoules);
    write(zoneDir(kernelName).resolve("energy_uj"), Long.toString(microjoules), "rw-------");
  }

  /**
   * Spends energy in a zone: the counter advances and wraps to zero at its range.
   *
   * @param kernelName the zone
   * @param microjoules the energy spent, µJ, {@code >= 0}
   */
  public void add(String kernelName, long microjoules) {
    long max = known(range, kernelName);
    long next = (known(raw, kernelName) % max + microjoules % max) % max;
    set(kernelName, next);
  }

  /** Returns a zone's raw counter. */
  public long raw(String kernelName) {
    return known(raw, kernelName);
  }

  private static long known(Map<String, Long> values, String kernelName) {
    Long v = values.get(kernelName);
    if (v == null) {
      throw new IllegalArgumentException("no zone " + kernelName + " with a counter in this fake tree");
    }
    return v;
  }

  /** Writes a file of a zone (e.g. a malformed {@code energy_uj}). */
  public void writeFile(String kernelName, String file, String content) {
    write(zoneDir(kernelName).resolve(file), content, "r--r--r--");
  }

  /** Deletes a zone's directory and its class link, as when its driver is unloaded. */
  public void remove(String kernelName) {
    try {
      deleteTree(zoneDir(kernelName));
      Files.deleteIfExists(classDir.resolve(kernelName));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the path the meter reads: {@code sys/class/powercap/<zone>/energy_uj}. */
  public Path energyFile(String kernelName) {
    return classDir.resolve(kernelName).resolve("energy_uj");
  }

  /** Returns the real directory of a zone under {@code sys/devices/virtual/powercap}. */
  public Path zoneDir(String kernelName) {
    String[] parts = kernelName.split(":");
    Path dir = devicesDir.resolve(parts[0]);
    StringBuilder name = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      name.append(':').append(parts[i]);
      dir = dir.resolve(name.toString());
    }
    return dir;
  }

  private Path createZone(String kernelName, String name) {
    try {
      String type = kernelName.substring(0, kernelName.indexOf(':'));
      Path typeDir = devicesDir.resolve(type);
      if (!Files.exists(typeDir)) {
        Files.createDirectories(typeDir);
        write(typeDir.resolve("enabled"), "1", "rw-r--r--");
        Files.createSymbolicLink(typeDir.resolve("subsystem"), typeDir.relativize(classDir));
        Files.createSymbolicLink(classDir.resolve(type), classDir.relativize(typeDir));
      }
      Path dir = zoneDir(kernelName);
      Files.createDirectory(dir);
      write(dir.resolve("name"), name, "r--r--r--");
      write(dir.resolve("enabled"), "1", "rw-r--r--");
      Path parent = dir.getParent();
      Files.createSymbolicLink(dir.resolve("device"), dir.relativize(parent));
      Files.createSymbolicLink(dir.resolve("subsystem"), dir.relativize(classDir));
      Files.createSymbolicLink(classDir.resolve(kernelName), classDir.relativize(dir));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String content, String mode) {
    try {
      Files.writeString(file, content + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
