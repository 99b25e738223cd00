package dev.ergon.plan;

import java.util.List;
import java.util.Objects;

/**
 * The planner's answer: the best start (and region), the baseline it is compared with, the next-best distinct
 * windows, and what a reader must know to use the figures.
 *
 * <p>Immutable and thread-safe.
 *
 * @param best the start with the lowest expected emissions; the baseline itself when no start is better
 * @param baseline starting at the window's earliest time in the first region ("start now")
 * @param alternatives the next-best starts, best first, none overlapping the best or each other in the same region
 * @param profile the job profile planned for
 * @param startsCompared how many (region, start) pairs were compared
 * @param disclosures what the figures rest on and leave out, one sentence each
 * @since 0.1
 */
public record Plan(PlannedStart best, PlannedStart baseline, List<PlannedStart> alternatives, JobProfile profile,
    int startsCompared, List<String> disclosures) {

  /** Copies the lists. */
  public Plan {
    Objects.requireNonNull(best, "best");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(profile, "profile");
    alternatives = List.copyOf(alternatives);
    disclosures = List.copyOf(disclosures);
  }

  /**
   * Tells whether moving the job saves anything: false when the best start is the baseline (a flat series, or
   * starting now is already the cleanest).
   *
   * @return true if the best start differs from the baseline and its expected saving is positive
   */
  public boolean saves() {
    return best.saving().value() > 0;
  }
}
