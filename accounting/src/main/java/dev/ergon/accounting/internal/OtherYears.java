package dev.ergon.accounting.internal;

import dev.ergon.accounting.factors.EmissionFactor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.IdentityHashMap;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The years of consumption that got a factor of another year, per factor, for the disclosure: collected per factor
 * instance (no label made per cell), then grouped by the factors' labels.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe; one per calculation.
 */
final class OtherYears {
  private final IdentityHashMap<EmissionFactor, TreeSet<Integer>> years = new IdentityHashMap<>();

  /**
   * Notes that consumption in an hour got this factor of another year.
   *
   * @param factor the factor used
   * @param hour the hour of the consumption (UTC)
   */
  void add(EmissionFactor factor, Instant hour) {
    TreeSet<Integer> s = years.computeIfAbsent(factor, f -> new TreeSet<>());
    int year = LocalDate.ofEpochDay(Math.floorDiv(hour.getEpochSecond(), 86_400L)).getYear();
    // Cells come in hour order per place, so the year is mostly the last one noted.
    if (s.isEmpty() || s.last() != year) {
      s.add(year);
    }
  }

  /**
   * Returns the years by factor label.
   *
   * @return label to years, sorted
   */
  SortedMap<String, SortedSet<Integer>> byLabel() {
    SortedMap<String, SortedSet<Integer>> out = new TreeMap<>();
    years.forEach((f, y) -> out.computeIfAbsent(f.label(), k -> new TreeSet<>()).addAll(y));
    return out;
  }
}
