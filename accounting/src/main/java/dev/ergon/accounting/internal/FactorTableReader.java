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
    CsvTable table = CsvTable.read(csv, REQUIRED, OPTIONAL);
    String name = String.valueOf(csv.getFileName());
    DataSet dataSet = new DataSet(name, "sha256:" + table.sha256(),
        "Emission factor table loaded from " + csv, "user-supplied", "");
    List<EmissionFactor> factors = new ArrayList<>();
    Map<String, Long> seen = new HashMap<>();
    for (CsvTable.Row row : table.rows()) {
      EmissionFactor f = parseRow(row, name);
      String key = f.zone() + "|" + f.kind() + "|" + f.period().granularity() + "|" + f.period().start();
      Long first = seen.putIfAbsent(key, row.line());
      if (first != null) {
        throw row.error("overlaps line " + first + ": zone " + f.zone() + ", kind " + f.kind().tableName()
            + ", period " + f.period() + " is given twice; keep one value per zone, kind and period");
      }
      factors.add(f);
    }
    return new Table(dataSet, factors);
  }

  private static EmissionFactor parseRow(CsvTable.Row row, String dataSetName) {
    String zone = row.required("zone");
    FactorPeriod period;
    try {
      period = FactorPeriod.parse(row.required("period"));
    } catch (IllegalArgumentException e) {
      throw row.error(String.valueOf(e.getMessage()));
    }
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
    CarbonIntensity intensity = unit.toIntensity(value);
    OptionalDouble uncertainty = parseUncertainty(row);
    String source = row.optional("source");
    try {
      return new EmissionFactor(zone, period, kind, intensity, uncertainty,
          source == null ? dataSetName : source, dataSetName, row.source() + ":" + row.line());
    } catch (IllegalArgumentException e) {
      throw row.error(String.valueOf(e.getMessage()));
    }
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
    if (!percent && v > 1) {
      throw row.error("uncertainty '" + text + "' is a fraction above 1 (over 100 %); write 0.05 or 5% for five "
          + "percent");
    }
    return OptionalDouble.of(percent ? v / 100 : v);
  }
}
