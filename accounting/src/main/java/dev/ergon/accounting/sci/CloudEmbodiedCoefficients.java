package dev.ergon.accounting.sci;

import dev.ergon.Co2e;
import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.internal.BundledData;
import dev.ergon.accounting.internal.CsvTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Cloud Carbon Footprint's embodied-emission coefficients per cloud instance type (AWS, Google Cloud, Azure): the
 * total embodied emissions of the server behind an instance, by the Teads method (a base server of 1000 kgCO₂e
 * plus additional memory, storage, CPUs and GPUs).
 *
 * <p>Bundled unchanged from {@code cloud-carbon-coefficients} (commit {@code dda7621}), Apache-2.0. The files do
 * not hold vCPU counts, so the caller gives the instance's vCPUs and those of the largest instance of its family,
 * as CCF's method does.
 *
 * <p>Immutable and thread-safe. Read from the jar by {@link #bundled()}.
 *
 * @since 0.1
 */
public final class CloudEmbodiedCoefficients {

  private static final String COMMIT = "dda7621f8ab227dcb45096af6ccc2227aaf92b3e";

  private final Map<String, List<Row>> byType;

  private record Row(String microarchitecture, double totalKg, String origin) {}

  private CloudEmbodiedCoefficients(Map<String, List<Row>> byType) {
    this.byType = Map.copyOf(byType);
  }

  /**
   * Reads the bundled coefficients.
   *
   * @return the coefficients for AWS, Google Cloud and Azure
   */
  public static CloudEmbodiedCoefficients bundled() {
    Map<String, List<Row>> m = new HashMap<>();
    for (String provider : new String[] {"aws", "gcp", "azure"}) {
      String file = "ccf/coefficients-" + provider + "-embodied.csv";
      String source = BundledData.sourceName(file);
      Set<String> optional = provider.equals("aws") ? Set.of() : Set.of("family", "microarchitecture");
      CsvTable table = CsvTable.parse(source, BundledData.read(file),
          Set.of("", "type", "additional_memory", "additional_storage", "additional_cpus", "additional_gpus",
              "total"), optional);
      for (CsvTable.Row row : table.rows()) {
        String micro = row.optional("microarchitecture");
        m.computeIfAbsent(key(provider, row.required("type")), k -> new ArrayList<>())
            .add(new Row(micro == null ? "" : micro, row.nonNegative("total", "total embodied kgCO2e"),
                source + ":" + row.line()));
      }
    }
    return new CloudEmbodiedCoefficients(m);
  }

  /**
   * Returns the data set the coefficients come from.
   *
   * @return the data set
   */
  public static DataSet dataSet() {
    return new DataSet("ccf-embodied-coefficients", "cloud-carbon-coefficients@" + COMMIT,
        "Cloud Carbon Footprint embodied emissions per cloud instance type (kgCO2e, Teads method: base server 1000 "
            + "kgCO2e plus additional memory, storage, CPUs and GPUs)",
        "Apache-2.0", "Cloud Carbon Footprint (https://www.cloudcarbonfootprint.org), Thoughtworks, Apache-2.0");
  }

  private static String key(String provider, String type) {
    return provider.toLowerCase(Locale.ROOT) + ":" + type.trim().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns an instance's total embodied emissions (TE).
   *
   * @param provider {@code aws}, {@code gcp} or {@code azure}
   * @param instanceType the instance type, e.g. {@code m5.xlarge}, {@code n2-standard-8}, {@code D4 v3}
   * @param microarchitecture the microarchitecture when the provider lists the type several times with different
   *     totals (Google Cloud, Azure), or {@code null}
   * @return TE
   * @throws IllegalArgumentException if the type is unknown, or ambiguous without a microarchitecture
   */
  public Co2e total(String provider, String instanceType, @Nullable String microarchitecture) {
    List<Row> rows = byType.get(key(provider, instanceType));
    if (rows == null) {
      throw new IllegalArgumentException("no embodied coefficient for " + provider + " instance type '" + instanceType
          + "' in Cloud Carbon Footprint's data; give the embodied emissions directly");
    }
    List<Row> chosen = new ArrayList<>();
    for (Row r : rows) {
      if (microarchitecture == null || r.microarchitecture.equalsIgnoreCase(microarchitecture)) {
        chosen.add(r);
      }
    }
    TreeSet<Double> totals = new TreeSet<>();
    TreeSet<String> micros = new TreeSet<>();
    for (Row r : chosen) {
      totals.add(r.totalKg);
      micros.add(r.microarchitecture);
    }
    if (totals.isEmpty()) {
      throw new IllegalArgumentException(provider + " " + instanceType + " has no microarchitecture '"
          + microarchitecture + "'");
    }
    if (totals.size() > 1) {
      throw new IllegalArgumentException(provider + " " + instanceType + " has different embodied totals by "
          + "microarchitecture (" + String.join(", ", micros) + "); name one");
    }
    return Co2e.ofKilograms(totals.first());
  }

  /**
   * Returns the embodied emissions of a cloud instance as Cloud Carbon Footprint computes them: TE from the
   * coefficients, a lifespan of 4 years ({@link EmbodiedEmissions#CCF_LIFESPAN}), and resources as the instance's
   * vCPUs over those of the largest instance in its family.
   *
   * @param provider {@code aws}, {@code gcp} or {@code azure}
   * @param instanceType the instance type
   * @param microarchitecture see {@link #total}, or {@code null}
   * @param vcpus the instance's vCPUs
   * @param familyMaxVcpus the vCPUs of the largest instance of its family
   * @return the embodied emissions
   * @throws IllegalArgumentException if the type is unknown or ambiguous, or the vCPU counts are invalid
   */
  public EmbodiedEmissions instance(String provider, String instanceType, @Nullable String microarchitecture,
      int vcpus, int familyMaxVcpus) {
    return new EmbodiedEmissions(total(provider, instanceType, microarchitecture), EmbodiedEmissions.CCF_LIFESPAN,
        vcpus, familyMaxVcpus, OptionalDouble.empty(),
        "Cloud Carbon Footprint embodied coefficients, " + provider + " " + instanceType + " (" + vcpus + " of "
            + familyMaxVcpus + " vCPUs, 4-year lifespan)", dataSet());
  }
}
