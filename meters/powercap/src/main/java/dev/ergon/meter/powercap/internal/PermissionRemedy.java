package dev.ergon.meter.powercap.internal;

import java.util.List;

/**
 * Writes the remedy for a root-only {@code energy_uj}: commands a person can paste, for exactly the zones Ergon reads.
 *
 * <p>Since Linux commit 949dd0104c49 ("powercap: restrict energy meter to root access", v5.10, back-ported to the
 * stable 4.4 to 5.9 series and to distribution kernels) {@code energy_uj} has mode 0400 (CVE-2020-8694). The remedy
 * offers, in order: a {@code rapl} group with a udev rule, which survives reboots and zones re-created by a module
 * reload or a CPU hot-plug; the same with sysfsutils' {@code /etc/sysfs.conf}; and {@code chmod}, which lasts until
 * the next reboot. All lines name the kernel's own paths under {@code /sys/class/powercap}: in a container, run them
 * on the host. Ergon never runs any of them: a library does not escalate its own privileges.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
public final class PermissionRemedy {

  /** The group the remedy creates. */
  public static final String GROUP = "rapl";

  private PermissionRemedy() {}

  /**
   * Returns the remedy text.
   *
   * @param zones the zones whose {@code energy_uj} could not be read
   * @param user the user the JVM runs as, who needs read access
   * @return several lines, each command ready to paste
   */
  public static String text(List<Zone> zones, String user) {
    StringBuilder s = new StringBuilder();
    s.append("energy_uj is readable by root only (Linux 5.10 and later, CVE-2020-8694); Ergon never runs sudo. ")
        .append("Grant read access to the ").append(zones.size()).append(zones.size() == 1 ? " zone" : " zones")
        .append(" it reads, on the host, in one of these ways:\n");
    s.append("1. Persistent, least privilege: a '").append(GROUP).append("' group and a udev rule\n")
        .append("   sudo groupadd --system ").append(GROUP).append('\n')
        .append("   sudo usermod -aG ").append(GROUP).append(' ').append(user).append('\n')
        .append("   sudo tee /etc/udev/rules.d/99-ergon-powercap.rules <<'EOF'\n");
    for (Zone z : zones) {
      s.append("   SUBSYSTEM==\"powercap\", KERNEL==\"").append(z.kernelName())
          .append("\", ACTION==\"add\", RUN+=\"/bin/chgrp ").append(GROUP)
          .append(" %S%p/energy_uj\", RUN+=\"/bin/chmod g+r %S%p/energy_uj\"\n");
    }
    s.append("   EOF\n")
        .append("   sudo udevadm control --reload && sudo udevadm trigger --subsystem-match=powercap --action=add\n")
        .append("   then log in again as ").append(user).append(" so the group applies.\n");
    s.append("2. Persistent with sysfsutils instead of udev (same group): add to /etc/sysfs.conf\n");
    for (Zone z : zones) {
      s.append("   mode class/powercap/").append(z.kernelName()).append("/energy_uj = 0440\n")
          .append("   owner class/powercap/").append(z.kernelName()).append("/energy_uj = root:").append(GROUP)
          .append('\n');
    }
    s.append("3. Until the next reboot:\n   sudo chmod a+r");
    for (Zone z : zones) {
      s.append(" /sys/class/powercap/").append(z.kernelName()).append("/energy_uj");
    }
    s.append("\nOr measure without counters: use the meter 'estimate'.");
    return s.toString();
  }
}
