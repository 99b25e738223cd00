package dev.ergon.accounting.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

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
  private final MessageDigest digest;
  private byte[] buffer = new byte[512];
  private int size;

  /**
   * Creates a writer.
   *
   * @param digest the digest to feed
   */
  CanonicalFieldWriter(MessageDigest digest) {
    this.digest = digest;
  }

  /**
   * Writes a text field.
   *
   * @param text the field
   * @return this writer
   */
  CanonicalFieldWriter field(String text) {
    int n = text.length();
    digits(n);
    put((byte) ':');
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        utf8(text, i);
        break;
      }
      put((byte) c);
    }
    put((byte) '|');
    return this;
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
    digits(digitCount(value));
    put((byte) ':');
    digits(value);
    put((byte) '|');
    return this;
  }

  /** Ends the line and feeds it to the digest. */
  void endLine() {
    put((byte) '\n');
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

  private void digits(long value) {
    int n = digitCount(value);
    ensure(n);
    long v = value;
    for (int i = size + n - 1; i >= size; i--) {
      buffer[i] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    size += n;
  }

  private static int digitCount(long value) {
    int n = 1;
    for (long v = value; v >= 10; v /= 10) {
      n++;
    }
    return n;
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
