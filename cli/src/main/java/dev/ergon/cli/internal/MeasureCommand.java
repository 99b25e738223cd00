package dev.ergon.cli.internal;

import dev.ergon.Attribution;
import dev.ergon.Configuration;
import dev.ergon.EnergyMonitor;
import dev.ergon.EnergyRecord;
import dev.ergon.Job;
import dev.ergon.Tags;
import dev.ergon.accounting.PueUse;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.ledger.LedgerException;
import dev.ergon.ledger.RecordJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ergon measure [options] -- COMMAND [ARGS...]}: runs a command as a child process, meters the machine while
 * it runs, prints a summary on stderr and appends the record to the ledger.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one instance per command line.
 */
@Command(
    name = "measure",
    sortOptions = false,
    description = {MeasureCommand.DESCRIPTION_1, "", MeasureCommand.DESCRIPTION_2, ""},
    footer = {"", MeasureCommand.FOOTER_1, MeasureCommand.FOOTER_2})
public final class MeasureCommand implements Callable<Integer> {

  /*
   * The texts of the usage, in constants because MeasureModel builds the same model without reading these
   * annotations (start-up time); MeasureModelTest checks that the two are the same.
   */
  static final String DESCRIPTION_1 = "Runs COMMAND, meters the energy while it runs, prints a summary on stderr and "
      + "appends the record to the ledger. COMMAND's stdin, stdout and stderr are passed through and its exit code "
      + "is ergon's.";
  static final String DESCRIPTION_2 = "With no configuration it uses every meter found (RAPL counters, NVIDIA GPUs, "
      + "and a model for what they miss) and says which figures are estimated. Ctrl-C or SIGTERM is passed to COMMAND "
      + "and the record, marked partial, is still written.";
  static final String FOOTER_1 = "Settings may also come from system properties (-Dergon.region=DE) or the "
      + "environment (ERGON_REGION=DE); an option wins.";
  static final String FOOTER_2 = "Exit codes: COMMAND's own; 1 for an error of ergon; 2 for a usage error; 126 or 127 "
      + "if COMMAND cannot be run or is not found.";
  static final String NAME_DESCRIPTION = "The job's name in the record (default: COMMAND's file name).";
  static final String TAG_DESCRIPTION = "A tag on the record, e.g. --tag model=bert (repeatable).";
  static final String LEDGER_DESCRIPTION = "The ledger to append to (default: ERGON_LEDGER, else "
      + "$XDG_DATA_HOME/ergon/ledger.jsonl, else ~/.local/share/ergon/ledger.jsonl).";
  static final String NO_LEDGER_DESCRIPTION = "Do not save the record.";
  static final String REGION_DESCRIPTION = "The grid region the machine draws from, e.g. DE, FR, US-CAL-CISO "
      + "(default: ERGON_REGION, else the world average).";
  static final String PUE_DESCRIPTION = "Power usage effectiveness of the data centre, >= 1, for the emissions shown "
      + "(default: ERGON_PUE, else 1); at most 5.";
  static final String ATTRIBUTION_DESCRIPTION = "machine (default): charge all of the machine's energy while COMMAND "
      + "runs, the honest choice on a machine doing nothing else; process: charge COMMAND's share of the machine's "
      + "CPU time.";
  static final String INTERVAL_DESCRIPTION = "The longest sampling period, e.g. 100ms, 1s (default 1s; meters may "
      + "shorten it).";
  static final String JSON_DESCRIPTION = "Print only the record, as JSON, on stdout; COMMAND's stdout goes to stderr.";
  static final String COMMAND_DESCRIPTION = "The command to run, and its arguments.";

  /** The configuration key of the grid region. */
  static final String KEY_REGION = "ergon.region";
  /** The largest PUE accepted, as text: accounting's bound. */
  private static final String MAX_PUE = Long.toString(Math.round(PueUse.MAX_PUE));

  /** The longest sampling period accepted. */
  private static final Duration MAX_INTERVAL = Duration.ofHours(1);

  /** The configuration key of the PUE. */
  static final String KEY_PUE = "ergon.pue";

  @Mixin GlobalOptions global = new GlobalOptions();

  @Option(names = "--name", paramLabel = "NAME", description = NAME_DESCRIPTION)
  @Nullable String name;

  @Option(names = "--tag", paramLabel = "KEY=VALUE", description = TAG_DESCRIPTION)
  Map<String, String> tags = new LinkedHashMap<>();

  @Option(names = "--ledger", paramLabel = "FILE", description = LEDGER_DESCRIPTION)
  @Nullable Path ledger;

  @Option(names = "--no-ledger", description = NO_LEDGER_DESCRIPTION)
  boolean noLedger;

  @Option(names = "--region", paramLabel = "ZONE", description = REGION_DESCRIPTION)
  @Nullable String region;

  @Option(names = "--pue", paramLabel = "X", description = PUE_DESCRIPTION)
  @Nullable Double pue;

  @Option(names = "--attribution", paramLabel = "POLICY", description = ATTRIBUTION_DESCRIPTION)
  AttributionChoice attribution = AttributionChoice.MACHINE;

  @Mixin MeterOptions meterOptions = new MeterOptions();

  @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
      description = INTERVAL_DESCRIPTION)
  @Nullable Duration interval;

  @Option(names = "--json", description = JSON_DESCRIPTION)
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "COMMAND", description = COMMAND_DESCRIPTION)
  List<String> command = new ArrayList<>();

  @Spec CommandSpec spec = CommandSpec.create();

  /** Creates the command; picocli fills in its options. */
  public MeasureCommand() {}

  /** The attribution policies {@code measure} offers. */
  enum AttributionChoice {
    MACHINE,
    PROCESS
  }

  @Override
  public Integer call() {
    global.applyLogging();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Tags jobTags = tags();
    meterOptions.checkNames(spec.commandLine());
    Configuration config = configuration();
    double facilityFactor = pue(config);
    String zone = config.get(KEY_REGION).orElse(null);
    String program = command.get(0);
    CommandResolver.resolve(program, System.getenv("PATH"), Path.of("").toAbsolutePath());
    String jobName = name != null ? name : fileName(program);
    if (jobName.isBlank()) {
      throw new ParameterException(spec.commandLine(), "the job name must not be blank; give --name NAME");
    }

    String configured = ledger != null ? ledger.toString() : config.get(EnergyMonitor.KEY_LEDGER).orElse("");
    if (!noLedger && dev.ergon.ledger.LedgerProvider.isUrl(configured)) {
      throw new CommandFailure("ergon measure saves to a ledger file, and the ledger is a database URL ("
          + (ledger != null ? "--ledger" : config.source(EnergyMonitor.KEY_LEDGER)) + "); pass --ledger FILE and "
          + "replay it with 'ergon ledger sync --from FILE --to URL', or --no-ledger");
    }
    Path ledgerPath = noLedger ? null : ledger != null ? ledger
        : config.getPath(EnergyMonitor.KEY_LEDGER).orElseGet(EnergyMonitor::defaultLedgerPath);
    JsonLinesLedger store = ledgerPath == null ? null : JsonLinesLedger.open(ledgerPath, config);
    try {
      if (store != null) {
        for (String problem : store.problems()) {
          err.println("ergon: warning: ledger " + problem);
        }
      }
      EnergyMonitor monitor = EnergyMonitor.builder()
          .configuration(config)
          .attribution(Attribution.MACHINE)
          .noLedger()
          .shutdownHook(false) // MeasureRun's own hook forwards the signal to the command, then closes the monitor
          .build();
      if (global.verbose()) {
        long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        err.println(String.format(Locale.US, "ergon: first meter reading %d ms after the JVM started; "
            + "sampling every %s", sinceStart, monitor.samplingPeriod()));
      }
      // After the first reading, so that parsing the factors does not delay it; the command runs meanwhile. --json
      // prints no emissions, so without a region to check the factors are not read at all.
      FactorLoad factors = json && zone == null ? null : FactorLoad.bundled();
      CpuTimeSample before;
      try {
        if (zone != null) {
          checkRegion(zone, java.util.Objects.requireNonNull(factors).get(), config);
        }
        before = attribution == AttributionChoice.PROCESS ? CpuTimeSample.read(Path.of("/proc")) : null;
      } catch (RuntimeException e) {
        monitor.close();
        throw e;
      }
      Job job = monitor.start(jobName, jobTags);
      SelfCost self = SelfCost.start();
      ProgressLine progress = Terminal.isInteractive() ? new ProgressLine(job, err) : null;
      JsonLinesLedger saveTo = store;
      MeasureRun run = new MeasureRun(monitor, job, progress, err,
          o -> publish(o, before, self, saveTo, monitor, out, err, factors, facilityFactor, zone != null));
      // Signals are handled before the child starts, so none can orphan it or lose the record.
      Thread hook = new Thread(run::onShutdown, "ergon-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      int code;
      SignalTrap trap = SignalTrap.install(run::onSignal);
      try {
        boolean started;
        try {
          started = run.start(() -> ChildCommand.start(command, json));
        } catch (IOException e) {
          removeHook(hook);
          monitor.close(); // the record of a command that never ran is not saved
          throw new CommandFailure("cannot run " + program + ": " + e.getMessage(), CommandFailure.CANNOT_EXECUTE,
              e);
        }
        if (started && progress != null) {
          progress.start();
        }
        code = run.awaitExit();
      } finally {
        trap.close();
      }
      removeHook(hook);
      return code;
    } finally {
      if (store != null) {
        store.close();
      }
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down; the hook finds the run ended.
    }
  }

  private int publish(MeasureRun.Outcome outcome, @Nullable CpuTimeSample before, SelfCost self,
      @Nullable JsonLinesLedger store, EnergyMonitor monitor, PrintWriter out, PrintWriter err, @Nullable FactorLoad factors,
      double facilityFactor, boolean regionConfigured) {
    EnergyRecord record = outcome.record();
    if (before != null) {
      record = ProcessAttribution.apply(record, before, CpuTimeSample.read(Path.of("/proc")));
    }
    SelfCost.Result selfCost = self.end(record.attribution());
    if (selfCost != null) {
      record = record.withSelfCpu(selfCost.cpu());
    }
    String saveError = null;
    if (store != null) {
      try {
        store.append(record);
      } catch (LedgerException | IllegalStateException e) {
        saveError = e.getMessage();
      }
    }
    if (json) {
      out.println(new RecordJson().toJson(record));
      out.flush();
    } else {
      List<String> emissions;
      try {
        emissions = factors == null ? List.of()
            : MeasureEmissions.lines(record, factors.get(), facilityFactor, regionConfigured);
      } catch (RuntimeException e) {
        emissions = List.of("emissions: not computed: " + e.getMessage());
      }
      MeasureSummary.write(err, record, outcome.exitCode(), outcome.interrupted(), monitor.meterStatus(),
          emissions, saveError == null && store != null ? store.path() : null, saveError,
          selfCost == null ? null : selfCost.note(), global.verbose());
    }
    if (saveError != null) {
      if (json) { // otherwise the summary has said it
        err.println("ergon: the record was not saved: " + saveError);
        err.flush();
      }
      return outcome.exitCode() != 0 ? outcome.exitCode() : CommandFailure.ERROR;
    }
    return outcome.exitCode();
  }

  /** Fails, before the command runs, if the region is unknown to the factors (the world would stand in for it). */
  private void checkRegion(String zone, EmissionFactors factors, Configuration config) {
    String problem = MeasureEmissions.checkRegion(zone, factors, Instant.now());
    if (problem != null) {
      if (region != null) {
        throw new ParameterException(spec.commandLine(), "--region: " + problem);
      }
      throw new CommandFailure(problem + " (from " + config.source(KEY_REGION) + ")");
    }
  }

  private Tags tags() {
    try {
      return Tags.of(tags);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--tag: " + e.getMessage());
    }
  }

  private Configuration configuration() {
    Configuration c = meterOptions.applyTo(Configuration.fromEnvironment());
    if (region != null) {
      c = c.with(KEY_REGION, region);
    }
    Duration i = interval;
    if (i != null) {
      if (i.compareTo(MAX_INTERVAL) > 0) {
        throw new ParameterException(spec.commandLine(), "--interval " + i.toString().substring(2).toLowerCase(
            java.util.Locale.ROOT) + " is above 1h; use 10ms to 1h (default 1s)");
      }
      if (i.compareTo(Duration.ofMillis(10)) < 0) {
        throw new ParameterException(spec.commandLine(), "--interval " + i.toString().substring(2).toLowerCase(
            java.util.Locale.ROOT) + " is below 10 ms, where the sampler's own reads disturb the measurement; "
            + "use 10ms or more (default 1s)");
      }
      c = c.with(EnergyMonitor.KEY_SAMPLING_PERIOD, i.toString());
    }
    return c;
  }

  private double pue(Configuration config) {
    double x;
    if (pue != null) {
      x = pue;
      if (!(x >= 1.0 && x <= PueUse.MAX_PUE)) {
        throw new ParameterException(spec.commandLine(), "--pue must be a number >= 1 and <= " + MAX_PUE
            + " (facility energy / IT energy), got " + pue + "; pass the site's PUE, e.g. --pue 1.2");
      }
      return x;
    }
    x = config.getDouble(KEY_PUE).orElse(1.0);
    if (!(x >= 1.0 && x <= PueUse.MAX_PUE)) {
      throw new CommandFailure("PUE must be >= 1 and <= " + MAX_PUE + " (facility energy / IT energy), got " + x
          + " from " + config.source(KEY_PUE) + "; set " + KEY_PUE + " (ERGON_PUE) to the site's PUE, e.g. 1.2");
    }
    return x;
  }

  private static String fileName(String program) {
    Path p = Path.of(program).getFileName();
    return p == null ? program : p.toString();
  }
}
