package dev.ergon.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When a job may run: it starts no earlier than {@code earliest} and ends no later than {@code deadline}. Both are
 * instants; every computation is in UTC.
 *
 * <p>Immutable and thread-safe.
 *
 * @param earliest the earliest start (also the start of the "start now" baseline)
 * @param deadline the latest end; after {@code earliest}
 * @since 0.1
 */
public record PlanningWindow(Instant earliest, Instant deadline) {

  /**
   * Validates the window.
   *
   * @throws IllegalArgumentException if the deadline is not after the earliest start
   */
  public PlanningWindow {
    Objects.requireNonNull(earliest, "earliest");
    Objects.requireNonNull(deadline, "deadline");
    if (!deadline.isAfter(earliest)) {
      throw new IllegalArgumentException("the deadline " + deadline + " is " + (deadline.equals(earliest)
          ? "the earliest start" : "before the earliest start " + earliest) + "; give a deadline after it");
    }
  }

  /**
   * Returns the window's length.
   *
   * @return deadline minus earliest
   */
  public Duration length() {
    return Duration.between(earliest, deadline);
  }

  /**
   * Reads a time given on the command line: ISO-8601 with an offset ({@code 2026-03-29T01:30Z},
   * {@code 2026-03-29T03:30+02:00}), or a local date-time ({@code 2026-03-29T03:30}) in {@code zone}.
   *
   * <p>A local time that does not exist in the zone (in the hour clocks skip when daylight saving starts) or exists
   * twice (in the hour repeated when it ends) is refused, naming the instants and the offsets to choose from, rather
   * than guessed: an hour's mistake is the mistake the planner is meant to prevent.
   *
   * @param text the text
   * @param zone the zone of a local time, or null when only times with an offset are accepted
   * @return the instant
   * @throws IllegalArgumentException if malformed, local without a zone, missing or ambiguous in the zone
   */
  public static Instant parseInstant(String text, @Nullable ZoneId zone) {
    String t = text.strip();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // not with an offset: a local time
    }
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a time; write ISO-8601 with an offset "
          + "(2026-03-29T01:30Z, 2026-03-29T03:30+02:00) or a local time (2026-03-29T03:30) with a zone", e);
    }
    if (zone == null) {
      throw new IllegalArgumentException("'" + text + "' has no offset; add one (" + t + "Z for UTC) or give the "
          + "zone of local times (e.g. --zone Europe/Berlin)");
    }
    List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
    if (offsets.size() == 1) {
      return local.atOffset(offsets.get(0)).toInstant();
    }
    ZoneOffsetTransition tr = zone.getRules().getTransition(local);
    if (offsets.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' does not exist in " + zone + ": clocks jump from "
          + tr.getDateTimeBefore().toLocalTime() + " to " + tr.getDateTimeAfter().toLocalTime() + " that night ("
          + tr.getInstant() + "); give a time before or after the jump, or an offset");
    }
    throw new IllegalArgumentException("'" + text + "' happens twice in " + zone + ": at " + t + offsets.get(0)
        + " (" + local.atOffset(offsets.get(0)).toInstant() + ") and at " + t + offsets.get(1) + " ("
        + local.atOffset(offsets.get(1)).toInstant() + "), as clocks go back that night; add the offset you mean");
  }
}
