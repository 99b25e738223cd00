package dev.ergon.accounting.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 helpers for data-set versions and report input digests.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class Digests {
  private Digests() {}

  /**
   * Returns a new SHA-256 digest.
   *
   * @return the digest
   */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /**
   * Returns the SHA-256 of bytes.
   *
   * @param bytes the bytes
   * @return lower-case hex
   */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  /**
   * Returns the SHA-256 of a string's UTF-8 bytes.
   *
   * @param text the text
   * @return lower-case hex
   */
  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }
}
