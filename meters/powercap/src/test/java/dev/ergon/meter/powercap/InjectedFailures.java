package dev.ergon.meter.powercap;

import dev.ergon.meter.powercap.internal.AttributeReader;
import dev.ergon.meter.powercap.internal.SysfsAttributeReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real attribute reader, with failures injected for chosen files: a test runs as root, and root reads a
 * mode-0400 file, so a permission failure must be injected (or the probe run as another user).
 */
final class InjectedFailures implements AttributeReader {

  private final SysfsAttributeReader real = new SysfsAttributeReader();
  private final Map<String, IOException> failures = new ConcurrentHashMap<>();
  private final AtomicInteger reads = new AtomicInteger();

  /**
   * Makes every read of one file of one zone throw.
   *
   * @param kernelName the zone, e.g. {@code intel-rapl:0}
   * @param file the attribute, e.g. {@code energy_uj}
   * @param failure what to throw
   * @return this
   */
  InjectedFailures fail(String kernelName, String file, IOException failure) {
    failures.put(kernelName + "/" + file, failure);
    return this;
  }

  /** Returns how many reads of {@code energy_uj} reached the file system. */
  int energyReads() {
    return reads.get();
  }

  @Override
  public long readLong(Path file) throws IOException {
    check(file);
    if (file.getFileName().toString().equals("energy_uj")) {
      reads.incrementAndGet();
    }
    return real.readLong(file);
  }

  @Override
  public String readLine(Path file) throws IOException {
    check(file);
    return real.readLine(file);
  }

  private void check(Path file) throws IOException {
    Path zone = file.getParent();
    IOException e = zone == null ? null : failures.get(zone.getFileName() + "/" + file.getFileName());
    if (e != null) {
      throw e;
    }
  }
}
