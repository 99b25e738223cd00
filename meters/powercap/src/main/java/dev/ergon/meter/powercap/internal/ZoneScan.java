package dev.ergon.meter.powercap.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * What a walk of a powercap root found.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 *
 * @param zones every zone with an {@code energy_uj} file and a readable {@code name}, ordered by control type and id
 * @param withoutCounter kernel names of zones that have no {@code energy_uj} (e.g. {@code dtpm}); not meters
 * @param dangling zone links that point nowhere (a container that mounted {@code /sys/class/powercap} but not
 *     {@code /sys/devices/virtual/powercap})
 * @param problems zones skipped because a file could not be read, one line each, naming the path
 */
public record ZoneScan(List<Zone> zones, List<String> withoutCounter, List<Path> dangling, List<String> problems) {

  /** Copies the lists. */
  public ZoneScan {
    zones = List.copyOf(zones);
    withoutCounter = List.copyOf(withoutCounter);
    dangling = List.copyOf(dangling);
    problems = List.copyOf(problems);
  }
}
