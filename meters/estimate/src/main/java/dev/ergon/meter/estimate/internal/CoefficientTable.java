package dev.ergon.meter.estimate.internal;

import dev.ergon.meter.estimate.CloudProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Cloud Carbon Footprint CPU coefficients shipped with this module: per-vCPU min/max watts by microarchitecture
 * ({@code cpu-microarchitectures.csv}), the clouds' averages for unknown microarchitectures
 * ({@code cpu-provider-averages.csv}), and a global figure for unknown CPUs outside a known cloud.
 *
 * <p>The global figure applies CCF's own rule for a group that contains Ivy or Sandy Bridge (the median, not the
 * mean, since those two are outliers) to the whole table: the median of the min and the median of the max watts
 * over every row, each taken on its own.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public final class CoefficientTable {
  private static final Map<String, String> ALIASES = Map.of(
      "naples", "epyc1stgen",
      "rome", "epyc2ndgen",
      "milan", "epyc3rdgen",
      "skylake", "skylake",
      "graviton", "graviton2",
      "neoversen1", "graviton2");

  private final Map<String, Microarchitecture> byKey;
  private final Map<CloudProvider, Microarchitecture> providerAverages;
  private final Microarchitecture global;

  CoefficientTable(List<Microarchitecture> rows, Map<CloudProvider, Microarchitecture> providerAverages) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("the coefficient table has no rows");
    }
    Map<String, Microarchitecture> m = new LinkedHashMap<>();
    for (Microarchitecture r : rows) {
      m.put(key(r.name()), r);
    }
    this.byKey = m;
    this.providerAverages = new EnumMap<>(providerAverages);
    double[] mins = rows.stream().mapToDouble(Microarchitecture::minWattsPerVcpu).toArray();
    double[] maxs = rows.stream().mapToDouble(Microarchitecture::maxWattsPerVcpu).toArray();
    this.global = new Microarchitecture("global median of " + rows.size() + " microarchitectures",
        median(mins), median(maxs));
  }

  /**
   * Loads the shipped tables.
   *
   * @return the table
   * @throws java.io.UncheckedIOException if a resource is missing
   * @throws IllegalStateException if a resource is malformed, naming the file and line
   */
  public static CoefficientTable load() {
    List<Microarchitecture> rows = new ArrayList<>();
    for (CsvRows.Row row : CsvRows.resource("cpu-microarchitectures.csv")) {
      rows.add(new Microarchitecture(
          field(row, 0, "cpu-microarchitectures.csv"),
          number(row, 1, "cpu-microarchitectures.csv"),
          number(row, 2, "cpu-microarchitectures.csv")));
    }
    Map<CloudProvider, Microarchitecture> averages = new EnumMap<>(CloudProvider.class);
    for (CsvRows.Row row : CsvRows.resource("cpu-provider-averages.csv")) {
      String cloud = field(row, 0, "cpu-provider-averages.csv");
      CloudProvider p = CloudProvider.valueOf(cloud.toUpperCase(Locale.ROOT));
      averages.put(p, new Microarchitecture(
          cloud + " " + field(row, 1, "cpu-provider-averages.csv"),
          number(row, 2, "cpu-provider-averages.csv"),
          number(row, 3, "cpu-provider-averages.csv")));
    }
    return new CoefficientTable(rows, averages);
  }

  private static String field(CsvRows.Row row, int index, String file) {
    if (index >= row.fields().size() || row.fields().get(index).isBlank()) {
      throw new IllegalStateException(file + ":" + row.line() + ": missing field " + (index + 1));
    }
    return row.fields().get(index).strip();
  }

  private static double number(CsvRows.Row row, int index, String file) {
    String v = field(row, index, file);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(file + ":" + row.line() + ": field " + (index + 1) + " '" + v
          + "' is not a number", e);
    }
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /**
   * Returns a microarchitecture by name, ignoring case, spaces and punctuation ({@code sky lake} = {@code Skylake});
   * also accepts the code names Naples, Rome, Milan and Neoverse N1.
   *
   * @param name the name
   * @return the coefficients, if the table has them
   */
  public Optional<Microarchitecture> find(String name) {
    String k = key(name);
    return Optional.ofNullable(byKey.get(ALIASES.getOrDefault(k, k)));
  }

  /**
   * Returns the average a cloud applies to instances of unknown microarchitecture.
   *
   * @param provider the cloud
   * @return the coefficients, if published
   */
  public Optional<Microarchitecture> providerAverage(CloudProvider provider) {
    return Optional.ofNullable(providerAverages.get(provider));
  }

  /**
   * Returns the global figure for an unknown CPU outside a known cloud.
   *
   * @return the median coefficients
   */
  public Microarchitecture global() {
    return global;
  }

  /**
   * Returns the names of the microarchitectures in the table, for messages.
   *
   * @return the names, in table order
   */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    byKey.values().forEach(m -> names.add(m.name()));
    return names;
  }
}
