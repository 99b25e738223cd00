package dev.ergon.accounting.internal;

import dev.ergon.CarbonIntensity;
import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.InvalidDataException;
import dev.ergon.accounting.factors.EmissionFactor;
import dev.ergon.accounting.factors.FactorKind;
import dev.ergon.accounting.factors.FactorPeriod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads a user's emission-factor table (CSV); see {@link dev.ergon.accounting.factors.EmissionFactors} for the
 * columns.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class FactorTableReader {

  /** A table read: its data set and its factors, in file order. */
  public record Table(DataSet dataSet, List<EmissionFactor> factors) {}

  private static final Set<String> REQUIRED = Set.of("zone", "period", "kind", "intensity", "unit");
  private static final Set<String> OPTIONAL = Set.of("uncertainty", "source");

  private FactorTableReader() {}

  /**
   * Reads a factor table.
   *
   * @param csv the file
   * @return the table
   * @throws InvalidDataException if a row is malformed, a unit unknown, an intensity negative or NaN, or two rows
   *     overlap (same zone, kind and period)
   */
  public static Table read(Path csv) {
    String name = String.valueOf(csv.getFileName());
    List<EmissionFactor> factors = new ArrayList<>();
    // Streamed: one row at a time; the factors kept share their zone, source and data-set strings.
    Map<FactorKey, Long> seen = new HashMap<>();
    Map<String, String> strings = new HashMap<>();
    CsvTable.Summary summary = CsvTable.stream(csv, REQUIRED, OPTIONAL, row -> {
      EmissionFactor f = parseRow(row, name, strings);
      Long first = seen.putIfAbsent(new FactorKey(f.zone(), f.kind(), f.period()), row.line());
      if (first != null) {
        throw row.error("overlaps line " + first + ": zone " + f.zone() + ", kind " + f.kind().tableName()
            + ", period " + f.period() + " is given twice; keep one value per zone, kind and period");
      }
      factors.add(f);
    });
    DataSet dataSet = new DataSet(name, "sha256:" + summary.sha256(),
        "Emission factor table loaded from " + csv, "user-supplied", "");
    return new Table(dataSet, factors);
  }

  /* Identifies a factor's slot: two rows with the same key overlap. */
  private record FactorKey(String zone, FactorKind kind, FactorPeriod period) {}

  private static EmissionFactor parseRow(CsvTable.Row row, String dataSetName, Map<String, String> strings) {
    String zone = strings.computeIfAbsent(row.required("zone"), z -> z);
    FactorPeriod period;
    try {
      period = FactorPeriod.parse(row.required("period"));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw row.error("column 'period': " + e.getMessage());
    }
    PhysicalBounds.checkYear(row, "period", period.start());
    String kindText = row.required("kind");
    FactorKind kind = FactorKind.parse(kindText).orElseThrow(() -> row.error("unknown kind '" + kindText
        + "'; use location, residual_mix, supplier or marginal"));
    String unitText = row.required("unit");
    IntensityUnit unit = IntensityUnit.parse(unitText).orElseThrow(() -> row.error("unknown unit '" + unitText
        + "'; use one of " + IntensityUnit.ACCEPTED));
    String valueText = row.required("intensity");
    double value = row.parseDouble(valueText, "intensity");
    if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
      throw row.error("intensity '" + valueText + "' must be a finite number >= 0 " + unit.symbol());
    }
    CarbonIntensity intensity = intensity(row, "intensity", value, unit);
    OptionalDouble uncertainty = parseUncertainty(row);
    String source = row.optional("source");
    try {
      return new EmissionFactor(zone, period, kind, intensity, uncertainty,
          strings.computeIfAbsent(source == null ? dataSetName : source, k -> k), dataSetName,
          row.source() + ":" + row.line());
    } catch (IllegalArgumentException e) {
      throw row.error(String.valueOf(e.getMessage()));
    }
  }

  /**
   * Converts a rate to an intensity after checking it against the physical bounds, in the file's unit first (so an
   * overflow never happens) and in g/kWh after.
   *
   * @param row the row
   * @param column the column
   * @param value the number as written, finite and {@code >= 0}
   * @param unit its unit
   * @return the intensity
   * @throws dev.ergon.accounting.InvalidDataException if above {@link PhysicalBounds#MAX_INTENSITY_G_PER_KWH}
   */
  static CarbonIntensity intensity(CsvTable.Row row, String column, double value, IntensityUnit unit) {
    double g = unit.toIntensity(Math.min(value, 1e12)).toGramsPerKilowattHour();
    if (value > 1e12 || g > PhysicalBounds.MAX_INTENSITY_G_PER_KWH) {
      throw row.error(column + " '" + row.values().get(column) + "' " + unit.symbol() + " is "
          + (value > 1e12 ? "far" : String.format(java.util.Locale.US, "%.6g g/kWh,", g))
          + " above the physical bound of " + (int) PhysicalBounds.MAX_INTENSITY_G_PER_KWH + " g/kWh; check the "
          + "number and its unit");
    }
    return unit.toIntensity(value);
  }

  /**
   * Parses the {@code uncertainty} column: a relative standard uncertainty written as a fraction ({@code 0.05}) or
   * a percentage ({@code 5%}).
   *
   * @param row the row
   * @return the fraction, or empty when blank
   * @throws InvalidDataException if negative, NaN, or a bare number above 1 (write {@code 5%} or {@code 0.05})
   */
  static OptionalDouble parseUncertainty(CsvTable.Row row) {
    String text = row.optional("uncertainty");
    if (text == null) {
      return OptionalDouble.empty();
    }
    boolean percent = text.endsWith("%");
    String number = percent ? text.substring(0, text.length() - 1).trim() : text;
    double v = row.parseDouble(number, "uncertainty");
    if (!Double.isFinite(v) || v < 0) {
      throw row.error("uncertainty '" + text + "' must be a finite number >= 0");
    }
    if (percent && v > 100) {
      throw row.error("uncertainty '" + text + "' is above 100 %; write the relative standard uncertainty, e.g. 5%");
    }
    if (!percent && v > 1) {
      throw row.error("uncertainty '" + text + "' is a fraction above 1 (over 100 %); write 0.05 or 5% for five "
          + "percent");
    }
    return OptionalDouble.of(percent ? v / 100 : v);
  }
}
