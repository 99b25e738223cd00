package dev.ergon.accounting.cells;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The sums in one cell, all exact integers, so that adding cells in any order or grouping gives the same values.
 *
 * <p>Immutable and thread-safe.
 *
 * @param energy the energy in the cell before PUE, µJ (each record's part of the hour, from
 *     {@code HourSplit}: buckets cut at hour boundaries in proportion to time, rounding down, the last hour the rest)
 * @param modelled the part of {@code energy} that models estimated, µJ: per record and hour,
 *     {@code energy × (µJ of MODEL channels) / (record total µJ)}, rounded half up
 * @param partial the part of {@code energy} from records that are not whole (status {@code partial}, {@code open},
 *     or {@code failed} with a problem), µJ; records without a meter are not counted here
 * @param variance {@code Σ a²} over the records with energy in the cell, µJ², where
 *     {@code a = Math.round(u × e)}, {@code e} the record's energy in the cell (µJ, as a double) and {@code u} the
 *     record's relative standard uncertainty ({@code record.totalUncertaintyJoules() / record.total().toJoules()},
 *     0 for a record with no energy), both IEEE doubles
 * @since 0.2
 */
public record CellEnergy(long energy, long modelled, long partial, BigInteger variance) {

  /** No energy. */
  public static final CellEnergy ZERO = new CellEnergy(0, 0, 0, BigInteger.ZERO);

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if a value is negative or a part exceeds {@code energy}
   */
  public CellEnergy {
    Objects.requireNonNull(variance, "variance");
    if (energy < 0 || modelled < 0 || partial < 0 || variance.signum() < 0) {
      throw new IllegalArgumentException("negative cell value: energy " + energy + " µJ, modelled " + modelled
          + " µJ, partial " + partial + " µJ, variance " + variance + " µJ²");
    }
    if (modelled > energy || partial > energy) {
      throw new IllegalArgumentException("a cell's modelled (" + modelled + " µJ) and partial (" + partial
          + " µJ) energy are parts of its energy (" + energy + " µJ) and cannot exceed it");
    }
  }

  /**
   * Adds two cells' sums.
   *
   * @param o the other
   * @return the sum
   * @throws ArithmeticException if an energy passes {@link Long#MAX_VALUE} µJ (about 2.56 GWh in one cell)
   */
  public CellEnergy plus(CellEnergy o) {
    return new CellEnergy(Math.addExact(energy, o.energy), Math.addExact(modelled, o.modelled),
        Math.addExact(partial, o.partial), variance.add(o.variance));
  }
}
