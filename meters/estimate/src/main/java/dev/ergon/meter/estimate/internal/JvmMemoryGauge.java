package dev.ergon.meter.estimate.internal;

import java.lang.management.ManagementFactory;

/**
 * The machine's memory in use from the JVM (total minus free physical memory), where {@code /proc/meminfo} does
 * not exist. Free memory excludes the page cache, so this counts cache as in use: an upper bound.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public final class JvmMemoryGauge implements MemoryGauge {
  private final com.sun.management.OperatingSystemMXBean os;

  private JvmMemoryGauge(com.sun.management.OperatingSystemMXBean os) {
    this.os = os;
  }

  /**
   * Returns a gauge if this JVM reports physical memory.
   *
   * @return the gauge, or null
   */
  public static @org.jspecify.annotations.Nullable JvmMemoryGauge create() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean sun
        && sun.getTotalMemorySize() > 0) {
      return new JvmMemoryGauge(sun);
    }
    return null;
  }

  @Override
  public long bytesInUse() {
    return Math.max(0, os.getTotalMemorySize() - os.getFreeMemorySize());
  }

  @Override
  public long capacityBytes() {
    return os.getTotalMemorySize();
  }

  @Override
  public String description() {
    return "memory in use = total − free physical memory from the JVM (page cache counted as in use: an upper bound)";
  }
}
