package dev.ergon.plan;

import dev.ergon.accounting.InvalidDataException;
import dev.ergon.accounting.factors.EmissionFactor;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.factors.FactorKind;
import dev.ergon.accounting.factors.FactorPeriod;
import dev.ergon.plan.internal.CarbonAwareJsonReader;
import dev.ergon.plan.internal.IntensityCsvReader;
import dev.ergon.plan.internal.IntensityRow;
import dev.ergon.plan.internal.SeriesAssembler;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Hourly (or finer) grid carbon intensity for one or more zones, one gap-free {@link IntensitySeries} per zone.
 *
 * <h2>Files ({@link #read})</h2>
 *
 * <ul>
 *   <li>Ergon's CSV: header {@code zone,start,end,g_per_kwh,kind}; {@code start} and {@code end} ISO-8601 with an
 *       offset ({@code 2026-03-01T00:00Z}); {@code g_per_kwh} gCO2e/kWh; {@code kind} {@code actual} or
 *       {@code forecast}.</li>
 *   <li>Electricity Maps' hourly (or 5-minute) CSV export from its data portal, either header generation
 *       ({@code Datetime (UTC),Country,Zone Name,Zone Id,Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity
 *       gCO₂eq/kWh (LCA),...} or {@code ...,Zone id,...,Carbon intensity gCO₂eq/kWh (Life cycle),...}); the zone is
 *       the {@code Zone Id}; the life-cycle column by default, the direct one on request; rows marked estimated count
 *       as forecasts.</li>
 *   <li>The Carbon Aware SDK's emissions JSON ({@code .json}): EmissionsData {@code location,time,rating,duration}
 *       (actual) or forecasts with {@code forecastData} (forecast).</li>
 * </ul>
 *
 * <p>Rows of one zone may come from several files. Per zone, every row must have the same length and follow the
 * previous one without a gap or an overlap; otherwise the load fails with an {@link InvalidDataException} naming the
 * file, the line and the missing or doubled hours. Nothing is read from the network.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class IntensityData {

  private final SortedMap<String, IntensitySeries> series;

  private IntensityData(SortedMap<String, IntensitySeries> series) {
    this.series = Collections.unmodifiableSortedMap(new TreeMap<>(series));
  }

  /**
   * Returns data over the given series.
   *
   * @param series one series per zone
   * @return the data
   * @throws IllegalArgumentException if two series have the same zone
   */
  public static IntensityData of(Collection<IntensitySeries> series) {
    SortedMap<String, IntensitySeries> m = new TreeMap<>();
    for (IntensitySeries s : series) {
      if (m.put(s.zone(), s) != null) {
        throw new IllegalArgumentException("two intensity series for zone " + s.zone() + "; give one");
      }
    }
    return new IntensityData(m);
  }

  /**
   * Reads intensity files: {@code .json} as Carbon Aware SDK JSON, anything else as CSV (Ergon's or Electricity
   * Maps', told by the header).
   *
   * @param files the files
   * @param directIntensity for Electricity Maps files: true for the direct (combustion-only) intensity, false for
   *     the life-cycle one (Electricity Maps' default, as in the bundled yearly factors)
   * @return the data
   * @throws InvalidDataException naming the file, the line and the fix: a malformed row, a gap, an overlap, steps of
   *     different lengths in one zone
   */
  public static IntensityData read(List<Path> files, boolean directIntensity) {
    SeriesAssembler a = new SeriesAssembler();
    for (Path f : files) {
      if (f.getFileName() != null && f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
        CarbonAwareJsonReader.read(f, a);
      } else {
        IntensityCsvReader.read(f, directIntensity, a);
      }
    }
    return new IntensityData(a.build());
  }

  /**
   * Returns the hourly location-based factors of a factor set as series (Ergon's factor tables may carry hourly
   * rows, {@code period} {@code 2026-03-14T05:00Z}); zones with only monthly or yearly factors are left out, as
   * they cannot tell one hour from another. The bundled set has no hourly factors today.
   *
   * @param factors the factor set
   * @return the hourly series, possibly empty
   * @throws InvalidDataException if a zone's hourly factors have gaps
   */
  public static IntensityData hourlyOf(EmissionFactors factors) {
    SeriesAssembler a = new SeriesAssembler();
    for (EmissionFactor f : factors.factors()) {
      if (f.kind() == FactorKind.LOCATION && f.period().granularity() == FactorPeriod.Granularity.HOUR) {
        long s = f.period().start().getEpochSecond();
        a.add(new IntensityRow(f.zone(), s, s + 3600, f.intensity().toGramsPerKilowattHour(), IntensityKind.ACTUAL,
            f.origin(), 0));
      }
    }
    return new IntensityData(a.build());
  }

  /**
   * Returns this data with another's zones added; a zone in both is taken from this one.
   *
   * @param fallback the data to fall back on
   * @return the combined data
   */
  public IntensityData orElse(IntensityData fallback) {
    SortedMap<String, IntensitySeries> m = new TreeMap<>(fallback.series);
    m.putAll(series);
    return new IntensityData(m);
  }

  /**
   * Returns the zones that have a series.
   *
   * @return the zone names, sorted
   */
  public List<String> zones() {
    return List.copyOf(series.keySet());
  }

  /**
   * Returns a zone's series.
   *
   * @param zone the zone, as the data name it
   * @return the series, or empty
   */
  public Optional<IntensitySeries> series(String zone) {
    return Optional.ofNullable(series.get(zone));
  }

  /**
   * Tells whether there is no series.
   *
   * @return true if empty
   */
  public boolean isEmpty() {
    return series.isEmpty();
  }
}
