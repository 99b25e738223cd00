/**
 * The {@code ergon} command: measure a command's energy, diagnose meters, report Scope 2.
 *
 * <p>{@code dev.ergon.cli.internal} is not exported; it is opened to picocli, which sets the commands' options by
 * reflection.
 */
module dev.ergon.cli {
  requires dev.ergon.core;
  requires dev.ergon.accounting;
  requires dev.ergon.planner;
  requires dev.ergon.compare;
  requires dev.ergon.ledger.jdbc;
  requires com.fasterxml.jackson.core;
  requires info.picocli;
  requires java.management;
  requires jdk.unsupported; // sun.misc.Signal: which signal ended a run

  uses dev.ergon.spi.MeterProvider;

  exports dev.ergon.cli;

  opens dev.ergon.cli.internal to info.picocli;
}
