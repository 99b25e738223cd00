package dev.ergon.accounting.scope2;

/**
 * How contractual instruments are matched to consumption in the market-based method.
 *
 * @since 0.1
 */
public enum Matching {
  /**
   * The 2015 Scope 2 Guidance: an instrument generated within the reporting period covers consumption anywhere in
   * that period within its market, up to its volume. Each instrument covers the same fraction of every hour's
   * uncovered consumption in its market (pro rata), so the result does not depend on the order of the records.
   */
  ANNUAL,
  /**
   * The hourly matching proposed in the GHG Protocol's 2025 Scope 2 revision: an instrument's generation in a UTC
   * hour covers consumption in that hour within its market only; generation beyond the hour's consumption is
   * lost, not banked. Certificates and contracts need an hourly generation profile
   * ({@link Instruments#load(java.nio.file.Path, java.nio.file.Path)}); those without one are excluded and listed.
   * Supplier rates need none.
   */
  HOURLY
}
