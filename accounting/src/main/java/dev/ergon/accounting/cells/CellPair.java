package dev.ergon.accounting.cells;

import java.util.Objects;

/**
 * Two different cells that hold energy of the same counted record (a job over several hours, or a job tree whose
 * nested records have other tags), whose energy errors are therefore correlated.
 *
 * <p>Immutable and thread-safe.
 *
 * @param first the smaller key
 * @param second the larger key
 * @since 0.2
 */
public record CellPair(CellKey first, CellKey second) implements Comparable<CellPair> {

  /**
   * Validates the order.
   *
   * @throws IllegalArgumentException unless {@code first < second}
   */
  public CellPair {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    if (first.compareTo(second) >= 0) {
      throw new IllegalArgumentException("a cell pair's first key must sort before its second: " + first + ", "
          + second);
    }
  }

  @Override
  public int compareTo(CellPair o) {
    int c = first.compareTo(o.first);
    return c != 0 ? c : second.compareTo(o.second);
  }
}
