package dev.ergon.ledger;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When a file ledger forces appended records to disk ({@code fsync}), and so what a crash can lose.
 *
 * <table>
 * <caption>The three modes</caption>
 * <tr><th>mode</th><th>{@code append} returns</th><th>process killed</th><th>power failure / OS crash</th></tr>
 * <tr><td>{@code record}</td><td>after its own write and {@code fsync}</td><td>nothing acknowledged lost</td>
 *     <td>nothing acknowledged lost</td></tr>
 * <tr><td>{@code group}</td><td>after an {@code fsync} that covers it; appends waiting at the same time share one
 *     write and one {@code fsync}</td><td>nothing acknowledged lost</td><td>nothing acknowledged lost</td></tr>
 * <tr><td>{@code async:<period>}</td><td>once its line is written to the operating system (no
 *     {@code fsync}); a background thread forces the file every {@code period}, and on {@code flush()} and
 *     {@code close()}</td><td>nothing acknowledged lost</td><td>at most the records acknowledged in the last
 *     {@code period}</td></tr>
 * </table>
 *
 * <p>Configured with {@code ergon.ledger.sync} ({@link #parse}). Immutable and thread-safe.
 *
 * @param mode the mode
 * @param period for {@link Mode#ASYNC}, the longest time between syncs (positive); {@link Duration#ZERO} otherwise
 * @since 0.1
 */
public record SyncPolicy(Mode mode, Duration period) {

  /** Every append returns only after its own {@code fsync}. */
  public static final SyncPolicy RECORD = new SyncPolicy(Mode.RECORD, Duration.ZERO);

  /** Every append returns after an {@code fsync} covering it, shared with concurrent appends. The default. */
  public static final SyncPolicy GROUP = new SyncPolicy(Mode.GROUP, Duration.ZERO);

  /**
   * Every append returns only once its record is on disk; the name kept from 0.1, now the same as
   * {@link #GROUP}, which gives the same promise and shares the {@code fsync} of concurrent appends.
   */
  public static final SyncPolicy PER_RECORD = GROUP;

  /** How appends reach the disk. */
  public enum Mode {
    /** One write and one {@code fsync} per record, in turn. */
    RECORD,
    /** Group commit: concurrent appends share one write and one {@code fsync}. */
    GROUP,
    /** Written at once, forced by a background thread at most one period later. */
    ASYNC
  }

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if an async period is not positive, or another mode has a period
   */
  public SyncPolicy {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(period, "period");
    if (mode == Mode.ASYNC && (period.isNegative() || period.isZero())) {
      throw new IllegalArgumentException("async sync period must be positive, got " + period);
    }
    if (mode != Mode.ASYNC && !period.isZero()) {
      throw new IllegalArgumentException("only async sync takes a period, got " + mode + " with " + period);
    }
  }

  /**
   * Returns the async mode: appends return once written; the file is forced at least every {@code period}.
   *
   * @param period the longest time between syncs, positive
   * @return the policy
   * @throws IllegalArgumentException if the period is not positive
   */
  public static SyncPolicy async(Duration period) {
    return new SyncPolicy(Mode.ASYNC, period);
  }

  /**
   * Returns the async mode, under its 0.1 name.
   *
   * @param maxDelay the longest time between syncs, positive; zero gives {@link #GROUP}
   * @return the policy
   * @deprecated use {@link #async(Duration)}
   */
  @Deprecated
  public static SyncPolicy grouped(Duration maxDelay) {
    return maxDelay.isZero() ? GROUP : async(maxDelay);
  }

  /**
   * Parses the configuration form: {@code record}, {@code group} or {@code async:<period>} with a period such as
   * {@code 100ms}, {@code 2s}, {@code 1m} or ISO {@code PT0.1S}.
   *
   * @param text the text, case-insensitive
   * @return the policy
   * @throws IllegalArgumentException if malformed, saying the allowed forms
   */
  public static SyncPolicy parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("record")) {
      return RECORD;
    }
    if (t.equals("group")) {
      return GROUP;
    }
    if (t.startsWith("async:")) {
      Duration d = parsePeriod(t.substring("async:".length()));
      if (d != null && !d.isZero()) {
        return async(d);
      }
    }
    throw new IllegalArgumentException("bad sync mode '" + text + "'; expected " + FORMS);
  }

  /** The allowed forms, for messages. */
  static final String FORMS = "record, group or async:<period> (e.g. async:100ms, async:1s)";

  private static @Nullable Duration parsePeriod(String s) {
    try {
      if (s.startsWith("p")) {
        Duration d = Duration.parse(s.toUpperCase(Locale.ROOT));
        return d.isNegative() ? null : d;
      }
      int i = 0;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (i == 0 || i > 12) {
        return null;
      }
      long n = Long.parseLong(s.substring(0, i));
      return switch (s.substring(i)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> null;
      };
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return mode == Mode.ASYNC ? "async:" + period.toMillis() + "ms" : mode.name().toLowerCase(Locale.ROOT);
  }
}
