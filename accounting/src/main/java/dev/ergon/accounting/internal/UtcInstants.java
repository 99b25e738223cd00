package dev.ergon.accounting.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses UTC instants as data files write them: ISO-8601 with a {@code Z}, seconds optional
 * ({@code 2026-06-01T12:00Z} or {@code 2026-06-01T12:00:00Z}).
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class UtcInstants {
  private UtcInstants() {}

  /**
   * Parses an instant.
   *
   * @param text the text
   * @return the instant
   * @throws DateTimeParseException if malformed or not in UTC ({@code Z})
   */
  public static Instant parse(String text) {
    String t = text.trim();
    OffsetDateTime odt = OffsetDateTime.parse(t);
    if (!odt.getOffset().equals(ZoneOffset.UTC) || !t.endsWith("Z")) {
      throw new DateTimeParseException("not in UTC; write the time in UTC with a Z", t, 0);
    }
    return odt.toInstant();
  }
}
