package dev.ergon.meter.powercap.internal;

import dev.ergon.UnavailableReason;
import dev.ergon.meter.powercap.PowercapPolicy;
import dev.ergon.spi.Availability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a powercap root offers under a policy: the channels to read, or why there are none and what to do.
 *
 * <p>A survey walks the root, selects zones, and then reads every selected {@code energy_uj} once: file modes are
 * only a hint (SPECS A.6), so the read itself decides. One unreadable zone makes the whole meter unavailable with
 * {@link UnavailableReason#PERMISSION_DENIED} and the commands that grant access to exactly the zones that failed;
 * a meter that silently left a socket out would under-count, and a zero would be invented.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 *
 * @param availability whether a meter can be opened, with the detail and the remedy
 * @param channels the channels to read when available; empty otherwise
 */
public record Survey(Availability availability, List<ZoneChannel> channels) {

  /** The remedy when there is no powercap tree or no zone with a counter. */
  public static final String NOT_PRESENT_REMEDY =
      "RAPL through powercap exists on bare-metal Linux only: Intel, and AMD since Linux 5.8 (family 19h since "
          + "5.11). Load the driver with 'sudo modprobe intel_rapl_msr'. In a container, mount both "
          + "/sys/class/powercap and /sys/devices/virtual/powercap read-only (container runtimes mask the latter "
          + "by default) and set ergon.powercap.root (ERGON_POWERCAP_ROOT) to the mounted class/powercap. On a "
          + "virtual machine or cloud instance there is no RAPL: use the meter 'estimate'.";

  /** The remedy when the zone links point into a directory that is not mounted. */
  public static final String DANGLING_REMEDY =
      "The entries of /sys/class/powercap are relative links into /sys/devices/virtual/powercap, which is not "
          + "mounted here (container runtimes mask it by default). Mount both and keep their relative places, e.g. "
          + "docker run -v /sys/class/powercap:/host/sys/class/powercap:ro "
          + "-v /sys/devices/virtual/powercap:/host/sys/devices/virtual/powercap:ro ... with "
          + "ERGON_POWERCAP_ROOT=/host/sys/class/powercap.";

  /** Copies the list. */
  public Survey {
    Objects.requireNonNull(availability, "availability");
    channels = List.copyOf(channels);
  }

  /**
   * Surveys a powercap root.
   *
   * @param settings the root, the policy and the plausible power
   * @param reader reads the attribute files
   * @param user the user the JVM runs as, named in the permission remedy
   * @return the survey; never throws for anything found on disk
   */
  public static Survey run(PowercapSettings settings, AttributeReader reader, String user) {
    Path root = settings.root();
    String where = "default".equals(settings.rootSource())
        ? root.toString()
        : root + " (from " + settings.rootSource() + ")";
    if (!Files.isDirectory(root)) {
      return unavailable(UnavailableReason.NOT_PRESENT, "no powercap directory at " + where, NOT_PRESENT_REMEDY);
    }
    ZoneScan scan;
    try {
      scan = ZoneScanner.scan(root, reader);
    } catch (IOException e) {
      boolean denied = AttributeFailure.isPermission(e);
      return unavailable(
          denied ? UnavailableReason.PERMISSION_DENIED : UnavailableReason.IO_ERROR,
          "cannot list the powercap directory " + where + " (" + AttributeFailure.describe(e) + ")",
          "check that " + root + " is the powercap directory and that " + user + " may list it");
    }
    String problems = scan.problems().isEmpty() ? "" : "; problems: " + String.join("; ", scan.problems());
    if (scan.zones().isEmpty()) {
      if (!scan.dangling().isEmpty()) {
        Path first = scan.dangling().get(0);
        return unavailable(UnavailableReason.NOT_PRESENT,
            scan.dangling().size() + " zone links under " + where + " point nowhere (e.g. " + first + " -> "
                + linkTarget(first) + ")" + problems,
            DANGLING_REMEDY);
      }
      String without = scan.withoutCounter().isEmpty()
          ? ""
          : "; zones without a counter: " + String.join(", ", scan.withoutCounter());
      return unavailable(UnavailableReason.NOT_PRESENT,
          "no powercap zone with an energy counter (energy_uj) under " + where + without + problems,
          NOT_PRESENT_REMEDY);
    }
    ZoneSelection selection = ZoneSelector.select(scan.zones(), settings.policy());
    String found = "powercap under " + where + ": " + selection.describe() + problems;
    if (selection.chosen().isEmpty()) {
      return unavailable(UnavailableReason.NOT_SUPPORTED, found, policyRemedy(selection));
    }
    List<Zone> denied = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    Set<Zone> readZero = new HashSet<>();
    boolean allMissing = true;
    for (SelectedZone c : selection.chosen()) {
      Path file = c.zone().energyFile();
      try {
        if (reader.readLong(file) == 0) {
          readZero.add(c.zone());
        }
      } catch (IOException e) {
        if (AttributeFailure.isPermission(e)) {
          denied.add(c.zone());
        } else {
          allMissing &= AttributeFailure.isMissing(e);
          failed.add(file + " (" + AttributeFailure.describe(e) + ")");
        }
      }
    }
    if (!denied.isEmpty()) {
      List<String> files = new ArrayList<>();
      denied.forEach(z -> files.add(z.energyFile().toString()));
      return unavailable(UnavailableReason.PERMISSION_DENIED,
          "permission denied reading " + String.join(", ", files) + " as user " + user + "; " + found,
          PermissionRemedy.text(denied, user));
    }
    if (!failed.isEmpty()) {
      return unavailable(
          allMissing ? UnavailableReason.NOT_PRESENT : UnavailableReason.IO_ERROR,
          "cannot read " + String.join(", ", failed) + "; " + found,
          "the zones may be going away (driver unloading, CPU hot-unplug) or the firmware does not support them; "
              + "probe again, or choose another ergon.powercap.policy");
    }
    List<ZoneChannel> channels = new ArrayList<>();
    for (SelectedZone c : selection.chosen()) {
      channels.add(ZoneChannels.of(c, reader, settings.maxPower(), readZero.contains(c.zone())));
    }
    return new Survey(Availability.available(found), channels);
  }

  private static Survey unavailable(UnavailableReason reason, String detail, String remedy) {
    return new Survey(Availability.unavailable(reason, detail, remedy), List.of());
  }

  private static String policyRemedy(ZoneSelection selection) {
    boolean hasPsys = selection.skipped().stream().anyMatch(k -> k.zone().name().equals("psys"));
    if (selection.policy() == PowercapPolicy.PLATFORM) {
      return "there is no psys zone here; set ergon.powercap.policy=packages-and-dram (the default) to count the "
          + "packages and DRAM";
    }
    return hasPsys
        ? "there is no package zone here; set ergon.powercap.policy=platform to count psys"
        : "there is no package zone here; the zones found are not CPU packages, so use the meter 'estimate'";
  }

  private static String linkTarget(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "?";
    }
  }
}
