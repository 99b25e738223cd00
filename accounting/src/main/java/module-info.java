/**
 * Ergon accounting: emission factors, GHG Protocol Scope 2 (location- and market-based, dual reported) and the
 * Software Carbon Intensity (ISO/IEC 21031), computed from energy records as a pure function of their inputs.
 *
 * <p>{@code dev.ergon.accounting.internal} is not exported.
 */
module dev.ergon.accounting {
  requires transitive dev.ergon.core;
  requires static transitive org.jspecify;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.csv;

  exports dev.ergon.accounting;
  exports dev.ergon.accounting.cells;
  exports dev.ergon.accounting.factors;
  exports dev.ergon.accounting.scope2;
  exports dev.ergon.accounting.sci;
}
