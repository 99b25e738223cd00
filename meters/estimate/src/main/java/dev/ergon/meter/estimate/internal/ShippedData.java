package dev.ergon.meter.estimate.internal;

import org.jspecify.annotations.Nullable;

/**
 * The data tables shipped with this module, each loaded on first use and then kept: the TDP table (about 4 900
 * rows) is read only when no microarchitecture matches.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe.
 */
public final class ShippedData {
  private @Nullable CoefficientTable coefficients;
  private @Nullable TdpTable tdps;
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
   * Returns the CPU TDP table.
   *
   * @return the table
   */
  public synchronized TdpTable tdps() {
    TdpTable t = tdps;
    if (t == null) {
      t = TdpTable.load();
      tdps = t;
    }
    return t;
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
