package dev.ergon.cli.internal;

import dev.ergon.Configuration;
import dev.ergon.EnergyMonitor;
import dev.ergon.MeterStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ergon meters [--json]}: lists every meter provider found, whether it can measure here, its channels, and for
 * each one that cannot, the reason and the remedy.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one instance per command line.
 */
@Command(
    name = "meters",
    sortOptions = false,
    description = {
        "Lists every meter found, whether it can measure on this machine, its channels (how each knows its energy, "
            + "and how uncertain it is), and for each meter that cannot, why and what to do about it.",
        ""})
public final class MetersCommand implements Callable<Integer> {

  @Mixin GlobalOptions global = new GlobalOptions();

  @Mixin MeterOptions meterOptions = new MeterOptions();

  @Option(names = "--json", description = "Print the list as JSON.")
  boolean json;

  @Spec CommandSpec spec = CommandSpec.create();

  /** Creates the command; picocli fills in its options. */
  public MetersCommand() {}

  @Override
  public Integer call() {
    global.applyLogging();
    meterOptions.checkNames(spec.commandLine());
    Configuration config = meterOptions.applyTo(Configuration.fromEnvironment());
    List<MeterStatus> statuses;
    try (EnergyMonitor monitor = EnergyMonitor.builder()
        .configuration(config)
        .noLedger()
        .withoutSamplerThread()
        .build()) {
      statuses = monitor.meterStatus();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      MeterStatusWriter.json(statuses, out);
    } else {
      MeterStatusWriter.text(statuses, out);
    }
    out.flush();
    return 0;
  }
}
