package dev.ergon.meter.estimate.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Machine utilisation from the JVM ({@code com.sun.management.OperatingSystemMXBean.getCpuLoad()}, the load since
 * its previous call), where {@code /proc/stat} does not exist (macOS, Windows). It does not block.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe.
 */
public final class JvmLoadGauge implements UtilisationGauge {
  private boolean started;

  /** Creates a gauge. */
  public JvmLoadGauge() {}

  /**
   * Tells whether this JVM can report the machine's CPU load.
   *
   * @return true if the platform MXBean is HotSpot's extended one
   */
  public static boolean supported() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean;
  }

  @Override
  public double sample(long nanoTime) {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (!(os instanceof com.sun.management.OperatingSystemMXBean sun)) {
      return Double.NaN;
    }
    double load = sun.getCpuLoad();
    if (!started) {
      started = true;
      return Double.NaN;
    }
    return load < 0 ? Double.NaN : PowerCurve.clamp(load);
  }

  @Override
  public String description() {
    return supported()
        ? "measured by the JVM (OperatingSystemMXBean.getCpuLoad, machine load since the previous read)"
        : "unknown: no /proc/stat and this JVM reports no CPU load, so only idle power is counted";
  }
}
