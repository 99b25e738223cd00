package dev.ergon.meter.estimate.internal;

/**
 * Which step of the CPU lookup answered, from the most specific to the least, with the relative standard
 * uncertainty (1σ) each carries and why.
 *
 * <p>The figures are a judgement, stated so that reports carry an honest interval: published comparisons find
 * coefficient and TDP tools off by up to 40 % against a wall meter (Fischer 2025, arXiv 2509.22092, on CodeCarbon
 * and the ML CO2 calculator), and CCF's own coefficients are point estimates without intervals.
 *
 * <p>This enum is internal and is hence not for public use.
 */
public enum CpuRung {
  /** The CPU's microarchitecture has Cloud Carbon Footprint coefficients. */
  MICROARCHITECTURE("microarchitecture match", 0.30,
      "CCF min/max watts are SPECpower averages over many servers of one microarchitecture; spreading a server's "
          + "power evenly over its vCPUs ignores turbo, memory-bound load and other tenants; coefficient tools err "
          + "by up to 40 % against wall meters (Fischer 2025, arXiv 2509.22092)"),
  /**
   * The cloud instance type is known (configured, or from AWS's DMI product name) and Cloud Carbon Footprint lists
   * one microarchitecture with coefficients for it.
   */
  INSTANCE_TYPE("cloud instance type", 0.30,
      "the instance type names the microarchitecture as CCF's instance tables list it, and its CCF min/max watts are "
          + "SPECpower averages over many servers of that microarchitecture; spreading a server's power evenly over "
          + "its vCPUs ignores turbo, memory-bound load and other tenants; coefficient tools err by up to 40 % "
          + "against wall meters (Fischer 2025, arXiv 2509.22092)"),
  /** The CPU model's TDP is known and drives the Teads curve. */
  TDP("TDP match", 0.35,
      "TDP is a thermal rating, not a measured power; the Teads curve (0.12/0.32/0.75/1.02 × TDP at 0/10/50/100 % "
          + "load) is an average over servers and is interpolated linearly here; the per-thread share of a package "
          + "ignores uncore power"),
  /**
   * The CPU's generation is known from its CPUID or Arm part, but CCF publishes no coefficients for it: the nearest
   * published generation of the same line stands in.
   */
  GENERATION("CPU generation by CPUID, nearest published coefficients", 0.40,
      "the generation is identified exactly, but CCF has no SPECpower-based coefficients for it; the latest earlier "
          + "generation of the same server line stands in, and newer generations draw more per core at full load "
          + "and less per unit of work, which the wider interval covers (the median over all generations would be "
          + "±50 %)"),
  /** The cloud is known but not the microarchitecture: the cloud's average coefficients. */
  PROVIDER_AVERAGE("provider average", 0.45,
      "the microarchitecture is unknown; the cloud's average spans microarchitectures from 0.45 to 3.04 W (min) "
          + "and 1.69 to 8.58 W (max) per vCPU"),
  /** Nothing is known: the median coefficients over every microarchitecture. */
  GLOBAL_AVERAGE("global average", 0.50,
      "neither the CPU nor the cloud is known; the median over all CCF microarchitectures stands in, whose "
          + "coefficients span 0.45 to 3.04 W (min) and 1.69 to 8.58 W (max) per vCPU");

  private final String label;
  private final double uncertainty;
  private final String basis;

  CpuRung(String label, double uncertainty, String basis) {
    this.label = label;
    this.uncertainty = uncertainty;
    this.basis = basis;
  }

  /**
   * Returns the rung's name in records.
   *
   * @return e.g. {@code microarchitecture match}
   */
  public String label() {
    return label;
  }

  /**
   * Returns the relative standard uncertainty of energy from this rung.
   *
   * @return the 1σ fraction
   */
  public double uncertainty() {
    return uncertainty;
  }

  /**
   * Returns why the uncertainty is what it is.
   *
   * @return the basis, one sentence
   */
  public String basis() {
    return basis;
  }
}
