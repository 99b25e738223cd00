package dev.ergon.cli.internal;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code ergon} command: its subcommands, the standard help and version options, and the error
 * handling every subcommand shares.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one instance per command line.
 */
@Command(
    name = "ergon",
    mixinStandardHelpOptions = true,
    // --help and --version reach every subcommand: `ergon report --help` prints its usage and exits 0.
    scope = ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description = {"Meters the energy of commands and turns it into Scope 2 emissions.", ""},
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {MeasureCommand.class, MetersCommand.class, ReportCommand.class, PlanCommand.class,
        CompareCommand.class, LedgerCommand.class,
        HelpCommand.class},
    footer = {"", "Run 'ergon help COMMAND' for a command's options."})
public final class ErgonCommand implements Callable<Integer> {

  @Mixin GlobalOptions global = new GlobalOptions();

  @Spec CommandSpec spec = CommandSpec.create();

  /** Creates the command; picocli fills in its options. */
  public ErgonCommand() {}

  /**
   * Returns a command line for {@code ergon} with its error handlers, writing to these streams.
   *
   * @param out where results go (summaries of {@code meters} and {@code report}, JSON)
   * @param err where errors, usage errors, progress and the {@code measure} summary go
   * @return a command line ready to {@link CommandLine#execute}
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new ErgonCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(new FailureHandler());
    cl.setParameterExceptionHandler(new UsageErrorHandler());
    // Everything from COMMAND on belongs to the command: `ergon measure ls -l` needs no `--`.
    CommandLine measure = cl.getSubcommands().get("measure");
    if (measure != null) {
      measure.setStopAtPositional(true);
    }
    return cl;
  }

  /** Without a subcommand: the usage on stderr, and the usage-error exit code. */
  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    err.println("ergon: a command is required");
    spec.commandLine().usage(err);
    err.flush();
    return spec.exitCodeOnInvalidInput();
  }
}
