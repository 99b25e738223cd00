package dev.ergon.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Makes globally unique, time-ordered record ids: UUID version 7 (RFC 9562), 48 bits of Unix milliseconds,
 * then a 12-bit counter within the millisecond and 62 random bits.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe.
 */
public final class RecordIds {
  private final SplittableRandom random;
  private long lastMillis = -1;
  private int sequence;

  /**
   * Creates a generator seeded once from the operating system's random source ({@code /dev/urandom}, else
   * {@link SecureRandom}); later ids cost no system call (62 random bits per id from a 64-bit-seeded generator, plus
   * the millisecond and a counter, keep ids unique across hosts in practice: a collision needs two generators with
   * the same seed in the same millisecond).
   */
  public RecordIds() {
    this(seed());
  }

  /*
   * Eight bytes of /dev/urandom, which is what SecureRandom's default (NativePRNG) reads on Linux and macOS, without
   * setting up the security providers first (about 10 ms of CPU in a fresh JVM, on the start-up path of
   * `ergon measure`); SecureRandom where there is no such file.
   */
  private static long seed() {
    try (InputStream in = Files.newInputStream(Path.of("/dev/urandom"))) {
      byte[] b = in.readNBytes(Long.BYTES);
      if (b.length == Long.BYTES) {
        long seed = 0;
        for (byte x : b) {
          seed = seed << 8 | (x & 0xFF);
        }
        return seed;
      }
    } catch (IOException | InvalidPathException | UnsupportedOperationException e) {
      // no /dev/urandom (Windows): the platform's SecureRandom below
    }
    return new SecureRandom().nextLong();
  }

  /**
   * Creates a generator with a given seed (for reproducible tests).
   *
   * @param seed the seed of the random part
   */
  public RecordIds(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * Returns a new id for a moment.
   *
   * @param epochMillis the wall-clock time in ms since the epoch
   * @return the canonical lower-case UUID text
   */
  public synchronized String next(long epochMillis) {
    long ms = Math.max(epochMillis, lastMillis);
    if (ms == lastMillis) {
      sequence++;
      if (sequence > 0xFFF) {
        ms++;
        sequence = 0;
      }
    } else {
      sequence = random.nextInt(0x400);
    }
    lastMillis = ms;
    long msb = (ms & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | sequence;
    long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }
}
