package dev.ergon.meter.powercap.internal;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One powercap zone that has an energy counter, as found under the powercap root.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 *
 * @param controlType the control type, e.g. {@code intel-rapl}, {@code intel-rapl-mmio}, {@code intel-rapl-tpmi}
 * @param kernelName the kernel's device name, e.g. {@code intel-rapl:0:2}; ids are hexadecimal and unique system-wide
 * @param directory the zone directory as reached from the root (possibly through the kernel's symbolic links)
 * @param name the content of the zone's {@code name} file, e.g. {@code package-0}, {@code dram}, {@code psys}
 * @param parentKernelName the parent zone's kernel name for a subzone, {@code null} for a top-level zone
 * @param parentName the parent zone's {@code name}, {@code null} for a top-level zone or an unreadable name
 */
public record Zone(
    String controlType,
    String kernelName,
    Path directory,
    String name,
    @Nullable String parentKernelName,
    @Nullable String parentName) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a required field is null
   */
  public Zone {
    Objects.requireNonNull(controlType, "controlType");
    Objects.requireNonNull(kernelName, "kernelName");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(name, "name");
  }

  /**
   * Returns the energy counter file.
   *
   * @return {@code <directory>/energy_uj}, in µJ
   */
  public Path energyFile() {
    return directory.resolve("energy_uj");
  }

  /**
   * Returns the counter range file.
   *
   * @return {@code <directory>/max_energy_range_uj}, in µJ
   */
  public Path rangeFile() {
    return directory.resolve("max_energy_range_uj");
  }

  /**
   * Returns a label for messages: the kernel name and the zone name.
   *
   * @return e.g. {@code intel-rapl:0:2 'dram'}
   */
  public String label() {
    return kernelName + " '" + name + "'";
  }
}
