package dev.ergon.meter.estimate.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The data tables shipped with this module, each loaded on first use and then kept: the TDP table (about 4 900
 * rows) is read only when no microarchitecture matches, and then only the rows that can match the CPU's name.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe.
 */
public final class ShippedData {
  private @Nullable CoefficientTable coefficients;
  private final Map<String, Optional<TdpTable.Match>> tdps = new HashMap<>();
  private @Nullable GpuCatalog gpus;
  private @Nullable CloudInstances instances;

  /** Creates a holder; nothing is loaded yet. */
  public ShippedData() {}

  /**
   * Returns the CCF CPU coefficients.
   *
   * @return the table
   */
  public synchronized CoefficientTable coefficients() {
    CoefficientTable t = coefficients;
    if (t == null) {
      t = CoefficientTable.load();
      coefficients = t;
    }
    return t;
  }

  /**
   * Looks up the TDP of a CPU model in the shipped table, reading only the rows that can answer for that name
   * ({@link TdpTable#forModel}); the answer is kept for the next lookup of the same name.
   *
   * @param modelName the name as {@code /proc/cpuinfo} prints it
   * @return the match, or empty if none or ambiguous
   */
  public synchronized Optional<TdpTable.Match> tdp(String modelName) {
    Optional<TdpTable.Match> m = tdps.get(modelName);
    if (m == null) {
      m = TdpTable.forModel(modelName).find(modelName);
      tdps.put(modelName, m);
    }
    return m;
  }

  /**
   * Returns the GPU catalogue.
   *
   * @return the catalogue
   */
  public synchronized GpuCatalog gpus() {
    GpuCatalog g = gpus;
    if (g == null) {
      g = GpuCatalog.load();
      gpus = g;
    }
    return g;
  }

  /**
   * Returns the cloud instance types.
   *
   * @return the table
   */
  public synchronized CloudInstances instances() {
    CloudInstances i = instances;
    if (i == null) {
      i = CloudInstances.load();
      instances = i;
    }
    return i;
  }
}
