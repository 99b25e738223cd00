package dev.ergon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A powercap directory as the kernel lays it out, built in a test directory: {@code <root>/intel-rapl:0/} with
 * {@code name}, {@code energy_uj} (mode 0400, root only, as since Linux 5.10) and {@code max_energy_range_uj}. It is
 * a fixture for the real powercap meter, pointed at it with {@code --powercap-root}.
 */
final class FakePowercapTree {

  /** The range of an Intel package counter, µJ (SPECS A.2). */
  static final long INTEL_RANGE = 262_143_328_850L;

  private final Path root;

  private FakePowercapTree(Path root) {
    this.root = root;
  }

  /**
   * Builds a tree with one package zone whose counter reads {@code start}.
   *
   * @param root the directory to build in
   * @param start the initial counter value, µJ
   * @return the tree
   */
  static FakePowercapTree withPackage(Path root, long start) throws IOException {
    Path zone = Files.createDirectories(root.resolve("intel-rapl:0"));
    Files.writeString(zone.resolve("name"), "package-0\n");
    Files.writeString(zone.resolve("max_energy_range_uj"), INTEL_RANGE + "\n");
    Files.writeString(zone.resolve("energy_uj"), start + "\n");
    Files.setPosixFilePermissions(zone.resolve("energy_uj"), PosixFilePermissions.fromString("r--------"));
    Files.setPosixFilePermissions(zone, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new FakePowercapTree(root);
  }

  Path root() {
    return root;
  }

  Path counter() {
    return root.resolve("intel-rapl:0").resolve("energy_uj");
  }
}
