package dev.ergon.accounting.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Feeds canonical lines of length-prefixed fields into a {@link MessageDigest}, as UTF-8 bytes, without building
 * the lines as strings.
 *
 * <p>A field {@code f} is written as {@code <f.length()>:<f>|} (the length counts UTF-16 chars, as
 * {@link String#length()} does); {@link #endLine()} writes {@code \n}. The bytes are exactly those of
 * {@code line.getBytes(UTF_8)} for the same line built as a string.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe; used by one digest.
 */
final class CanonicalFieldWriter {
  /* 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years Instant.toString writes as four plain digits. */
  private static final long FIRST_FAST_SECOND = -62_135_596_800L;
  private static final long END_FAST_SECOND = 253_402_300_800L;

  /* Slots of the cache of shared texts' encoded fields: a power of two. */
  private static final int SLOTS = 512;
  /* 10^0 .. 10^18. */
  private static final long[] POWERS = new long[19];

  /* The tens and ones digits of 0..99 as ASCII. */
  private static final byte[] DIGIT_TENS = new byte[100];
  private static final byte[] DIGIT_ONES = new byte[100];

  static {
    long p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = p;
      p *= 10;
    }
    for (int i = 0; i < 100; i++) {
      DIGIT_TENS[i] = (byte) ('0' + i / 10);
      DIGIT_ONES[i] = (byte) ('0' + i % 10);
    }
  }

  private final @Nullable MessageDigest digest;
  private byte[] buffer = new byte[4096];
  private int size;
  /* A direct-mapped cache by identity hash: a text seen once takes its slot, seen again gets its encoded field. */
  private final @Nullable String[] cachedTexts = new String[SLOTS];
  private final byte[] @Nullable [] cachedFields = new byte[SLOTS][];
  /* The date part (YYYY-MM-DDT) of the last instant's day: consecutive instants mostly share a day. */
  private final byte[] datePrefix = new byte[11];
  private long prefixDay = Long.MIN_VALUE;

  /**
   * Creates a writer.
   *
   * @param digest the digest to feed
   */
  CanonicalFieldWriter(MessageDigest digest) {
    this.digest = digest;
  }

  /**
   * Creates a writer that keeps what it writes in its buffer ({@link #takeBuffer}) instead of feeding a digest.
   *
   * @param buffer the buffer to write into, grown as needed
   */
  CanonicalFieldWriter(byte[] buffer) {
    this.digest = null;
    this.buffer = buffer;
  }

  /**
   * Returns the buffer with the lines written since the last take, and writes on into another.
   *
   * @param next the buffer to write into from now on, grown as needed
   * @return the buffer; its first {@link #mark()} bytes (as read before this call) are the lines
   */
  byte[] takeBuffer(byte[] next) {
    byte[] full = buffer;
    buffer = next;
    size = 0;
    return full;
  }

  /**
   * Writes a text field.
   *
   * @param text the field
   * @return this writer
   */
  CanonicalFieldWriter field(String text) {
    int n = text.length();
    // Room for the length, the separators and the text if ASCII; the rest of a non-ASCII text makes its own room.
    ensure(n + 24);
    int at = digitsAt(size, n, digitCount(n));
    byte[] b = buffer;
    b[at++] = ':';
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        size = at;
        utf8(text, i);
        put((byte) '|');
        return this;
      }
      b[at++] = (byte) c;
    }
    b[at++] = '|';
    size = at;
    return this;
  }

  /**
   * Writes a text field that is likely the same instance as in earlier lines (a host, a meter, an enum name): as
   * {@link #field(String)}, the encoded field copied from a cache when the same instance came before.
   *
   * @param text the field
   * @return this writer
   */
  CanonicalFieldWriter sharedField(String text) {
    int slot = System.identityHashCode(text) & (SLOTS - 1);
    // Equal texts encode alike; the same instance (the usual hit) compares in one step.
    if (!text.equals(cachedTexts[slot])) {
      cachedTexts[slot] = text;
      cachedFields[slot] = null;
      return field(text);
    }
    byte[] encoded = cachedFields[slot];
    if (encoded == null) {
      int from = size;
      field(text);
      cachedFields[slot] = Arrays.copyOfRange(buffer, from, size);
      return this;
    }
    return raw(encoded);
  }

  /**
   * Writes bytes as they are (fields encoded earlier, see {@link #since(int)}).
   *
   * @param bytes the bytes
   * @return this writer
   */
  CanonicalFieldWriter raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /**
   * Returns the position in the buffer, for {@link #since(int)} before the line ends.
   *
   * @return the number of bytes buffered
   */
  int mark() {
    return size;
  }

  /**
   * Returns a copy of the bytes written since a mark of the current line.
   *
   * @param mark from {@link #mark()}
   * @return the bytes
   */
  byte[] since(int mark) {
    return Arrays.copyOfRange(buffer, mark, size);
  }

  /**
   * Writes a number field, as {@link Long#toString(long)} would give it.
   *
   * @param value the number
   * @return this writer
   */
  CanonicalFieldWriter field(long value) {
    if (value < 0) {
      return field(Long.toString(value));
    }
    int n = digitCount(value);
    ensure(n + 23);
    size = digitsAt(size, n, digitCount(n));
    buffer[size++] = ':';
    size = digitsAt(size, value, n);
    buffer[size++] = '|';
    return this;
  }

  /**
   * Writes again the bytes written since a mark of the current line (a field equal to the one just written).
   *
   * @param mark from {@link #mark()}, before the field
   * @return this writer
   */
  CanonicalFieldWriter repeat(int mark) {
    int n = size - mark;
    ensure(n);
    System.arraycopy(buffer, mark, buffer, size, n);
    size += n;
    return this;
  }

  /**
   * Writes an instant as {@link Instant#toString()} would give it ({@code 2025-01-01T00:00:00Z}, fraction of 3, 6
   * or 9 digits when not zero), without making the string for years 1 to 9999.
   *
   * @param instant the instant
   * @return this writer
   */
  CanonicalFieldWriter field(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST_FAST_SECOND || seconds >= END_FAST_SECOND) {
      return field(instant.toString());
    }
    int nano = instant.getNano();
    int fraction = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9;
    int length = 20 + (fraction == 0 ? 0 : fraction + 1);
    ensure(length + 4);
    byte[] b = buffer;
    int at = size;
    b[at++] = DIGIT_TENS[length];
    b[at++] = DIGIT_ONES[length];
    b[at++] = ':';
    long days = Math.floorDiv(seconds, 86_400L);
    int secondOfDay = (int) (seconds - days * 86_400L);
    if (days != prefixDay) {
      size = at;
      date(days);
      System.arraycopy(buffer, at, datePrefix, 0, datePrefix.length);
      prefixDay = days;
      b = buffer;
      at = size;
    } else {
      System.arraycopy(datePrefix, 0, b, at, datePrefix.length);
      at += datePrefix.length;
    }
    int hour = secondOfDay / 3600;
    int minute = secondOfDay / 60 - hour * 60;
    int second = secondOfDay % 60;
    b[at++] = DIGIT_TENS[hour];
    b[at++] = DIGIT_ONES[hour];
    b[at++] = ':';
    b[at++] = DIGIT_TENS[minute];
    b[at++] = DIGIT_ONES[minute];
    b[at++] = ':';
    b[at++] = DIGIT_TENS[second];
    b[at++] = DIGIT_ONES[second];
    size = at;
    if (fraction > 0) {
      put((byte) '.');
      padded(nano / (fraction == 3 ? 1_000_000 : fraction == 6 ? 1000 : 1), fraction);
    }
    put((byte) 'Z');
    put((byte) '|');
    return this;
  }

  /* Writes YYYY-MM-DDT of a day (years 1 to 9999). */
  private void date(long days) {
    // Civil date from days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's days_from_civil inverse.
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    padded(year, 4);
    put((byte) '-');
    padded(month, 2);
    put((byte) '-');
    padded(day, 2);
    put((byte) 'T');
  }

  /** Ends the line and feeds it to the digest. */
  void endLine() {
    put((byte) '\n');
    flush();
  }

  /**
   * Ends the line and keeps it in the buffer with the lines before it, feeding the digest in large chunks (the
   * digest sees the same bytes); {@link #flush()} must follow the last line. A writer without a digest keeps every
   * line in its buffer.
   */
  void nextLine() {
    put((byte) '\n');
    if (digest != null && size >= buffer.length / 2) {
      digest.update(buffer, 0, size);
      size = 0;
    }
  }

  /** Feeds the lines ended so far to the digest; call before the digest is read. */
  void flush() {
    if (digest == null) {
      throw new IllegalStateException("this writer keeps its lines: take them with takeBuffer");
    }
    digest.update(buffer, 0, size);
    size = 0;
  }

  /* Writes the rest of a text from a non-ASCII char on, through the JDK's encoder (surrogates included). */
  private void utf8(String text, int from) {
    byte[] bytes = text.substring(from).getBytes(StandardCharsets.UTF_8);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  /* Writes the n digits of a value >= 0 at a position the buffer has room for; returns the position after them. */
  private int digitsAt(int at, long value, int n) {
    if (n <= 9) {
      intDigits(buffer, at + n, (int) value);
      return at + n;
    }
    // Eight digits at a time in int arithmetic (cheaper than long division), from the right.
    long v = value;
    int end = at + n;
    while (end - at > 9) {
      long q = v / 100_000_000L;
      int r = (int) (v - q * 100_000_000L);
      eightDigits(buffer, end, r);
      end -= 8;
      v = q;
    }
    intDigits(buffer, end, (int) v);
    return at + n;
  }

  /* Writes a value >= 0 as its digits ending before position end. */
  private static void intDigits(byte[] b, int end, int value) {
    int v = value;
    int i = end - 1;
    while (v >= 100) {
      int q = v / 100;
      int r = v - q * 100;
      b[i--] = DIGIT_ONES[r];
      b[i--] = DIGIT_TENS[r];
      v = q;
    }
    if (v >= 10) {
      b[i--] = DIGIT_ONES[v];
      b[i] = DIGIT_TENS[v];
    } else {
      b[i] = (byte) ('0' + v);
    }
  }

  /* Writes a value 0..99,999,999 as exactly eight digits ending before position end. */
  private static void eightDigits(byte[] b, int end, int value) {
    int v = value;
    for (int i = end - 1; i > end - 8; i -= 2) {
      int q = v / 100;
      int r = v - q * 100;
      b[i] = DIGIT_ONES[r];
      b[i - 1] = DIGIT_TENS[r];
      v = q;
    }
  }

  private void padded(long value, int width) {
    ensure(width);
    long v = value;
    for (int i = size + width - 1; i >= size; i--) {
      buffer[i] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    size += width;
  }

  /* Digits of a value >= 0: log10 estimated from the bit length, then corrected by one comparison. */
  static int digitCount(long value) {
    int guess = ((64 - Long.numberOfLeadingZeros(value)) * 1233) >>> 12;
    return guess < POWERS.length && value >= POWERS[guess] ? guess + 1 : Math.max(guess, 1);
  }

  private void put(byte b) {
    ensure(1);
    buffer[size++] = b;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
