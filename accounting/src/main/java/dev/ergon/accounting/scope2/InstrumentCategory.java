package dev.ergon.accounting.scope2;

/**
 * The rungs of the market-based hierarchy that contractual instruments occupy (GHG Protocol Scope 2 Guidance,
 * Table 6.3), in order of precedence.
 *
 * @since 0.1
 */
public enum InstrumentCategory {
  /** Rung 1: energy attribute certificates (RECs, GOs, REGOs, I-RECs, ...). */
  CERTIFICATE,
  /** Rung 2: direct contracts (PPAs, on-site generation, direct lines) for which no certificates exist. */
  CONTRACT,
  /** Rung 3: a supplier- or product-specific emission rate. */
  SUPPLIER
}
