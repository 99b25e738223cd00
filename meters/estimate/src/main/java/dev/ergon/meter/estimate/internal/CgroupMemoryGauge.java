package dev.ergon.meter.estimate.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A control group's memory in use ({@link Cgroups#memoryInUseBytes}), for a container whose CPUs are modelled as
 * its quota or CPU set rather than the host.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public final class CgroupMemoryGauge implements MemoryGauge {
  private final Cgroups cgroups;
  private final Path dir;
  private final long capacity;

  /**
   * Creates a gauge.
   *
   * @param cgroups the groups
   * @param dir the memory controller directory
   * @param capacity the group's limit, or the machine's memory when unlimited, in bytes, {@code > 0}
   */
  public CgroupMemoryGauge(Cgroups cgroups, Path dir, long capacity) {
    this.cgroups = cgroups;
    this.dir = dir;
    this.capacity = capacity;
  }

  @Override
  public long bytesInUse() throws IOException {
    return cgroups.memoryInUseBytes(dir);
  }

  @Override
  public long capacityBytes() {
    return capacity;
  }

  @Override
  public String description() {
    return "memory in use = the cgroup's usage minus inactive file cache, from " + dir;
  }
}
