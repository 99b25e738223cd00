package dev.ergon.spi;

import dev.ergon.UnavailableReason;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a probe: available, or unavailable with a reason and a remedy a person can follow.
 *
 * <p>Immutable and thread-safe.
 *
 * @param available whether a meter can be opened
 * @param reason why not, when unavailable; {@code null} when available
 * @param detail what was found, in one line (e.g. "2 zones: package-0, dram under /sys/class/powercap")
 * @param remedy what to do about it when unavailable, possibly several lines; empty when available
 * @since 0.1
 */
public record Availability(
    boolean available, @Nullable UnavailableReason reason, String detail, String remedy) {

  /**
   * Validates that an unavailable answer has a reason and an available one has none.
   *
   * @throws IllegalArgumentException if not
   */
  public Availability {
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(remedy, "remedy");
    if (available != (reason == null)) {
      throw new IllegalArgumentException("an unavailable probe needs a reason, an available one none");
    }
  }

  /**
   * Returns an available answer.
   *
   * @param detail what was found
   * @return the answer
   */
  public static Availability available(String detail) {
    return new Availability(true, null, detail, "");
  }

  /**
   * Returns an unavailable answer.
   *
   * @param reason why
   * @param detail what was found or failed, naming the path or library
   * @param remedy what a person can do
   * @return the answer
   */
  public static Availability unavailable(UnavailableReason reason, String detail, String remedy) {
    return new Availability(false, reason, detail, remedy);
  }

  /**
   * Returns the answer as a person reads it: {@code available: 2 zones: package-0, dram} or
   * {@code unavailable (PERMISSION_DENIED): cannot read …; remedy: sudo chmod …}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    if (available) {
      return "available: " + detail;
    }
    return "unavailable (" + reason + "): " + detail + (remedy.isEmpty() ? "" : "; remedy: " + remedy);
  }
}
