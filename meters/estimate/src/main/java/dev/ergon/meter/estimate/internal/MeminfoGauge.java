package dev.ergon.meter.estimate.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's memory in use from {@code /proc/meminfo}: {@code MemTotal − MemAvailable} (the kernel's estimate of
 * memory that cannot be handed out without swapping; kernels before 3.14 lack {@code MemAvailable}, and then
 * {@code MemFree + Buffers + Cached} stands in for it).
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public final class MeminfoGauge implements MemoryGauge {
  private final Path file;
  private final long totalBytes;

  private MeminfoGauge(Path file, long totalBytes) {
    this.file = file;
    this.totalBytes = totalBytes;
  }

  /**
   * Opens the gauge, reading the installed memory once.
   *
   * @param file the {@code /proc/meminfo} file
   * @return the gauge
   * @throws IOException if unreadable or without {@code MemTotal}
   */
  public static MeminfoGauge open(Path file) throws IOException {
    long[] v = read(file);
    return new MeminfoGauge(file, v[0]);
  }

  /**
   * Reads total and in-use memory.
   *
   * @param file the file
   * @return {total bytes, in-use bytes}
   * @throws IOException if unreadable or malformed
   */
  static long[] read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    long total = -1;
    long available = -1;
    long free = 0;
    long buffers = 0;
    long cached = 0;
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon);
      if (!key.equals("MemTotal") && !key.equals("MemAvailable") && !key.equals("MemFree")
          && !key.equals("Buffers") && !key.equals("Cached")) {
        continue;
      }
      String[] f = line.substring(colon + 1).strip().split("\\s+");
      long bytes;
      try {
        long n = Long.parseLong(f[0]);
        bytes = f.length > 1 && f[1].equalsIgnoreCase("kB") ? Math.multiplyExact(n, 1024L) : n;
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IOException(file + ": malformed line '" + line.strip() + "'", e);
      }
      switch (key) {
        case "MemTotal" -> total = bytes;
        case "MemAvailable" -> available = bytes;
        case "MemFree" -> free = bytes;
        case "Buffers" -> buffers = bytes;
        default -> cached = bytes;
      }
    }
    if (total <= 0) {
      throw new IOException(file + ": no MemTotal line");
    }
    long avail = available >= 0 ? available : free + buffers + cached;
    return new long[] {total, Math.max(0, Math.min(total, total - avail))};
  }

  @Override
  public long bytesInUse() throws IOException {
    return read(file)[1];
  }

  @Override
  public long capacityBytes() {
    return totalBytes;
  }

  @Override
  public String description() {
    return "memory in use = MemTotal − MemAvailable from " + file;
  }
}
