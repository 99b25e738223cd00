package dev.ergon.cli.internal;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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
    description = {ErgonCommand.DESCRIPTION, ""},
    synopsisSubcommandLabel = "COMMAND",
    // The subcommands are added in commandLine(...), not listed here: see SUBCOMMANDS.
    footer = {"", ErgonCommand.FOOTER})
public final class ErgonCommand implements Callable<Integer> {

  /* The texts of the usage, in constants because MeasureModel builds the same model without these annotations. */
  static final String DESCRIPTION = "Meters the energy of commands and turns it into Scope 2 emissions.";
  static final String FOOTER = "Run 'ergon help COMMAND' for a command's options.";

  @Mixin GlobalOptions global = new GlobalOptions();

  @Spec CommandSpec spec = CommandSpec.create();

  /**
   * The subcommands by name, in the order the usage lists them ({@code help} follows). Building a subcommand's model
   * takes picocli tens of milliseconds of reflection in a fresh JVM, so a command line that names one gets only that
   * one (see {@link #commandLine(PrintWriter, PrintWriter, String...)}); each name must be its class's
   * {@code @Command} name.
   */
  static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("measure", MeasureCommand::new);
    m.put("meters", MetersCommand::new);
    m.put("report", ReportCommand::new);
    m.put("plan", PlanCommand::new);
    m.put("compare", CompareCommand::new);
    m.put("ledger", LedgerCommand::new);
    return m;
  }

  /** Creates the command; picocli fills in its options. */
  public ErgonCommand() {}

  /**
   * Returns a command line for {@code ergon} with every subcommand.
   *
   * @param out where results go
   * @param err where errors and usage go
   * @return a command line ready to {@link CommandLine#execute}
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, new String[0]);
  }

  /**
   * Returns a command line for {@code ergon} with its error handlers, writing to these streams, for these arguments:
   * when the first argument names a subcommand, only that subcommand is built (start-up time: the others' models
   * would be built by reflection and never used), and {@code measure}'s model is built by {@link MeasureModel}
   * without reading annotations at all; otherwise all of them and {@code help}.
   *
   * @param out where results go (summaries of {@code meters} and {@code report}, JSON)
   * @param err where errors, usage errors, progress and the {@code measure} summary go
   * @param args the arguments the command line will execute
   * @return a command line ready to {@link CommandLine#execute}
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
    // measure, the command whose start-up is measured with it, gets a model built without reading annotations.
    CommandLine cl = args.length > 0 && args[0].equals("measure")
        ? MeasureModel.commandLine(new ErgonCommand(), new MeasureCommand())
        : annotated(args);
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

  /**
   * Returns the command line that picocli builds from the annotations, without streams or handlers: with only the
   * subcommand that the first argument names, else with all of them and {@code help}.
   *
   * @param args the arguments the command line will execute
   * @return the command line
   */
  static CommandLine annotated(String... args) {
    CommandLine cl = new CommandLine(new ErgonCommand());
    Supplier<Object> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
    if (named != null) {
      cl.addSubcommand(named.get());
    } else {
      for (Supplier<Object> s : SUBCOMMANDS.values()) {
        cl.addSubcommand(s.get());
      }
      cl.addSubcommand(new HelpCommand());
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
