package dev.ergon.meter.estimate.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Utilisation of a CPU quota: the change in the group's CPU time over the wall time elapsed times the quota's vCPUs.
 * In a container whose CPU limit is a quota, {@code /proc/stat} shows the host, so the group's own counter is the
 * measure of how busy its share was.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe.
 */
public final class CgroupUsageGauge implements UtilisationGauge {
  private final Cgroups cgroups;
  private final Path file;
  private final double vcpus;
  private long lastUsage = -1;
  private long lastNanos;

  /**
   * Creates a gauge.
   *
   * @param cgroups the groups
   * @param file the usage file ({@link Cgroups#cpuUsageFile()})
   * @param vcpus the quota in CPUs, {@code > 0}
   */
  public CgroupUsageGauge(Cgroups cgroups, Path file, double vcpus) {
    this.cgroups = cgroups;
    this.file = file;
    this.vcpus = vcpus;
  }

  @Override
  public double sample(long nanoTime) throws IOException {
    long usage = cgroups.cpuUsageNanos(file);
    double u = Double.NaN;
    if (lastUsage >= 0 && nanoTime > lastNanos && usage >= lastUsage) {
      u = PowerCurve.clamp((usage - lastUsage) / ((nanoTime - lastNanos) * vcpus));
    }
    if (lastUsage < 0 || nanoTime > lastNanos) {
      lastUsage = usage;
      lastNanos = nanoTime;
    }
    return u;
  }

  @Override
  public String description() {
    return "measured from " + file + " deltas (the cgroup's CPU time over elapsed time × " + vcpus + " quota vCPUs)";
  }
}
