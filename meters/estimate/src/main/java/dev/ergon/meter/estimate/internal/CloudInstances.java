package dev.ergon.meter.estimate.internal;

import dev.ergon.meter.estimate.CloudProvider;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Cloud instance types with their vCPUs and CPU microarchitectures, from Cloud Carbon Footprint's coefficient data
 * set ({@code cloud-instances.csv}, about 1 100 types of AWS, Google Cloud and Azure as of May 2023).
 *
 * <p>Names are matched without regard to case; an Azure name may be given as the API writes it
 * ({@code Standard_D2s_v3}) or as CCF does ({@code D2s v3}).
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public final class CloudInstances {

  /**
   * One instance type.
   *
   * @param provider the cloud
   * @param type the instance type as CCF names it, e.g. {@code m5.large}, {@code n2-standard-4}, {@code D2s v3}
   * @param vcpus its vCPUs, {@code > 0}
   * @param microarchitectures the CPU microarchitectures CCF lists for it (several for some Google Cloud types);
   *     empty when CCF does not know
   * @param cpu the CPU model CCF names (AWS only), or empty
   * @param line the line in {@code cloud-instances.csv}, for provenance
   */
  public record Instance(CloudProvider provider, String type, double vcpus, List<String> microarchitectures,
      String cpu, int line) {

    /** Copies the list. */
    public Instance {
      microarchitectures = List.copyOf(microarchitectures);
    }

    /**
     * Returns where the row comes from, for notes.
     *
     * @return e.g. {@code CCF aws-instances.csv via cloud-instances.csv line 312}
     */
    public String source() {
      return "Cloud Carbon Footprint " + provider.key() + "-instances.csv (cloud-instances.csv line " + line + ")";
    }
  }

  private final Map<String, Instance> byKey;

  private CloudInstances(Map<String, Instance> byKey) {
    this.byKey = Map.copyOf(byKey);
  }

  /**
   * Loads the shipped table.
   *
   * @return the table
   * @throws java.io.UncheckedIOException if the resource is missing (a damaged jar)
   * @throws IllegalStateException if a row is malformed (a damaged jar), naming the line
   */
  public static CloudInstances load() {
    Map<String, Instance> map = new HashMap<>();
    for (CsvRows.Row row : CsvRows.resource("cloud-instances.csv")) {
      List<String> f = row.fields();
      if (f.size() != 5) {
        throw new IllegalStateException("cloud-instances.csv:" + row.line() + ": expected 5 fields, found "
            + f.size() + "; the jar is damaged, reinstall ergon-meter-estimate");
      }
      CloudProvider provider = CloudProvider.valueOf(f.get(0).toUpperCase(Locale.ROOT));
      double vcpus;
      try {
        vcpus = Double.parseDouble(f.get(2));
      } catch (NumberFormatException e) {
        vcpus = -1;
      }
      if (!(vcpus > 0) || vcpus > 1024) {
        throw new IllegalStateException("cloud-instances.csv:" + row.line() + ": vCPUs must be in (0, 1024], found '"
            + f.get(2) + "'; the jar is damaged, reinstall ergon-meter-estimate");
      }
      List<String> archs = f.get(3).isBlank() ? List.of() : Arrays.stream(f.get(3).split(";"))
          .map(String::strip).filter(s -> !s.isEmpty()).toList();
      Instance i = new Instance(provider, f.get(1), vcpus, archs, f.get(4), row.line());
      map.put(key(provider, f.get(1)), i);
    }
    return new CloudInstances(map);
  }

  /**
   * Looks an instance type up.
   *
   * @param provider the cloud
   * @param type the instance type, e.g. {@code m5.large}, {@code Standard_D2s_v3}
   * @return the row, if CCF lists the type
   */
  public Optional<Instance> find(CloudProvider provider, String type) {
    return Optional.ofNullable(byKey.get(key(provider, type)));
  }

  /**
   * Returns how many types the table holds.
   *
   * @return the count
   */
  public int size() {
    return byKey.size();
  }

  private static String key(CloudProvider provider, String type) {
    String t = type.strip().toLowerCase(Locale.ROOT);
    if (provider == CloudProvider.AZURE) {
      if (t.startsWith("standard_")) {
        t = t.substring("standard_".length());
      } else if (t.startsWith("basic_")) {
        t = t.substring("basic_".length());
      }
      t = t.replace('_', ' ');
    }
    return provider.key() + ":" + t;
  }
}
