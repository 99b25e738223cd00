/**
 * Ergon core: quantities, the Meter SPI, the monitor with its sampler, jobs, records and the ledger.
 *
 * <p>{@code dev.ergon.internal} is not exported.
 */
module dev.ergon.core {
  requires static transitive org.jspecify;
  requires org.slf4j;
  requires com.fasterxml.jackson.core;
  requires jdk.management;

  exports dev.ergon;
  exports dev.ergon.spi;
  exports dev.ergon.spi.support;
  exports dev.ergon.ledger;

  uses dev.ergon.spi.MeterProvider;
  uses dev.ergon.ledger.LedgerProvider;
}
