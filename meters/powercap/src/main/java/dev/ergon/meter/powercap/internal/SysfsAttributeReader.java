package dev.ergon.meter.powercap.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads powercap attributes the way the kernel writes them: {@code sprintf("%lld\n", value)} or a name and a newline.
 *
 * <p>Each call opens the file, reads at most {@value #MAX_BYTES} bytes and closes it again. Re-opening is what makes
 * a zone that disappears (module unloaded, CPU hot-unplugged) fail with {@link java.nio.file.NoSuchFileException} on
 * the next read instead of answering from a stale descriptor, on any file system. It costs one {@code open} and
 * {@code close} per read: the benchmarks module's {@code MeterReadBenchmark} measured 74 ± 52 µs for the four zones
 * of a fake two-socket tree on tmpfs (about 19 µs and 640 bytes allocated per zone) on a 2-core machine at load 9,
 * where {@code pread} on a kept descriptor ({@code RawCounterReadBenchmark.preadParse}) took 2.2 µs and
 * {@code Files.readString} plus {@code Long.parseLong} 22 µs. At the sampler's one read per zone per second that is
 * well under 0.01 % of a core. The read stops at the first newline, so a sysfs attribute costs one {@code read}
 * call, and numbers are parsed from the bytes with no intermediate string.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it holds no state.
 */
public final class SysfsAttributeReader implements AttributeReader {

  /** The longest attribute read, in bytes: a 64-bit decimal with its newline needs 21. */
  static final int MAX_BYTES = 64;
  private static final java.util.regex.Pattern ZONE_NAME = java.util.regex.Pattern.compile("[a-z0-9_.:-]{1,32}");
  private static final Path SYS = Path.of("/sys");

  /** Creates a reader. */
  public SysfsAttributeReader() {
    // no state
  }

  @Override
  public long readLong(Path file) throws IOException {
    byte[] bytes = new byte[MAX_BYTES + 1];
    int end = read(file, bytes);
    while (end > 0 && isSpace(bytes[end - 1])) {
      end--;
    }
    if (end == 0) {
      throw new IOException(file + ": empty attribute; expected a decimal integer");
    }
    long value = 0;
    for (int i = 0; i < end; i++) {
      int digit = bytes[i] - '0';
      if (digit < 0 || digit > 9) {
        // Never echo the bytes: a link may point at any file (a token, a key); say what was expected and the size.
        throw new IOException(file + ": malformed attribute (" + end + " bytes, byte " + (i + 1)
            + " is not a digit); expected a decimal integer >= 0");
      }
      if (value > (Long.MAX_VALUE - digit) / 10) {
        throw new IOException(file + ": value of " + end + " digits exceeds " + Long.MAX_VALUE);
      }
      value = value * 10 + digit;
    }
    return value;
  }

  @Override
  public String readLine(Path file) throws IOException {
    byte[] bytes = new byte[MAX_BYTES + 1];
    int n = read(file, bytes);
    String line = text(bytes, n);
    if (!ZONE_NAME.matcher(line).matches()) {
      throw new IOException(file + ": not a powercap zone name (" + n + " bytes); expected 1 to 32 of a-z, 0-9, "
          + "'-', '_', ':' or '.'");
    }
    return line;
  }

  /**
   * Reads up to the first newline or the end of the file into {@code bytes}; returns the number of bytes read.
   * A file whose real path leaves both its zone directory and {@code /sys} (a symbolic link planted in the tree) is
   * refused before it is opened: the kernel's own links stay inside {@code /sys/devices}.
   */
  private static int read(Path file, byte[] bytes) throws IOException {
    Path real = file.toRealPath();
    Path parent = file.toAbsolutePath().getParent();
    if (!real.startsWith(SYS) && (parent == null || !real.startsWith(parent.toRealPath()))) {
      throw new IOException(file + ": a link out of the powercap tree (its target is outside /sys and outside its "
          + "zone directory); refused, not read");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (buffer.hasRemaining()) {
        int start = buffer.position();
        if (channel.read(buffer) < 0 || endsLine(bytes, start, buffer.position())) {
          break;
        }
      }
    }
    if (!buffer.hasRemaining()) {
      throw new IOException(file + ": attribute longer than " + MAX_BYTES + " bytes; not a powercap attribute");
    }
    return buffer.position();
  }

  private static boolean endsLine(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        return true;
      }
    }
    return false;
  }

  private static boolean isSpace(byte b) {
    return b == '\n' || b == ' ' || b == '\t' || b == '\r';
  }

  private static String text(byte[] bytes, int length) {
    return new String(bytes, 0, length, StandardCharsets.UTF_8).strip();
  }
}
