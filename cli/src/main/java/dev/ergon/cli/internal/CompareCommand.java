package dev.ergon.cli.internal;

import dev.ergon.EnergyRecord;
import dev.ergon.compare.Basis;
import dev.ergon.compare.CompareFormat;
import dev.ergon.compare.Comparison;
import dev.ergon.compare.ComparisonSettings;
import dev.ergon.compare.JmhResults;
import dev.ergon.compare.RecordSelector;
import dev.ergon.compare.RunGroup;
import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.ledger.LedgerReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ergon compare}: did variant B use less energy per unit than A, beyond noise? Two groups of runs, from
 * ledgers ({@code --ledger} with {@code --a}/{@code --b} selectors) or from JMH energy-profiler results
 * ({@code --jmh-a}/{@code --jmh-b}), compared with Welch's t and a seeded bootstrap BCa ({@link Comparison}).
 *
 * <p>Exit codes: 0 compared; 2 usage errors and refusals (fewer than 2 runs a side, per-unit figures without
 * units); 1 unreadable input.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one instance per command line.
 */
@Command(
    name = "compare",
    sortOptions = false,
    description = {
        "Compares the energy per unit of two groups of runs (A, the baseline, and B): each side's mean with its 95 %% "
            + "interval, the difference B - A and the ratio B / A with theirs, Welch's p-value, and the runs each "
            + "side needs to detect an effect.",
        ""},
    footer = {
        "",
        "Ledger runs: each complete record that --a (or --b) selects is a run. A selector is name:NAME or "
            + "tag:KEY=VALUE, several joined with commas, all of which must hold: --a 'tag:variant=fp32' "
            + "--b 'name:train,tag:variant=int8'.",
        "JMH runs: each measurement iteration's ergon.energy.norm (from -prof dev.ergon.jmh.EnergyProfiler "
            + "-rf json) is a run; --a/--b then choose a benchmark in the file with benchmark:NAME and "
            + "param:KEY=VALUE (not needed when the file holds one). Both files may be the same.",
        "Intervals: Welch's t with 10 or more runs a side; the bootstrap BCa when a side is skewed (|skewness| > 1); "
            + "with fewer than 10 runs, the hull of both. Runs needed: n = (t(0.975) + t(0.80))^2 (sA^2 + sB^2) / "
            + "delta^2 per side, delta = effect x mean(A) (80 %% power, alpha = 0.05).",
        "Exit status: 0 compared; 2 usage error, or refused (fewer than 2 runs a side, no units for per-unit "
            + "figures); 1 unreadable input."})
public final class CompareCommand implements Callable<Integer> {

  @Mixin GlobalOptions global = new GlobalOptions();

  @Option(names = "--ledger", paramLabel = "FILE", arity = "1..*",
      description = "A ledger to read: a file, a directory or a quoted glob (repeatable; merged by record id).")
  List<Path> ledgers = new ArrayList<>();

  @Option(names = "--lenient", description = "Skip bad ledger lines (each is named on stderr) instead of failing.")
  boolean lenient;

  @Option(names = "--jmh-a", paramLabel = "FILE", description = "A's JMH result file (-rf json) instead of ledgers.")
  @Nullable Path jmhA;

  @Option(names = "--jmh-b", paramLabel = "FILE", description = "B's JMH result file (-rf json).")
  @Nullable Path jmhB;

  @Option(names = "--a", paramLabel = "SELECTOR",
      description = "The baseline's runs: tag:KEY=VALUE and/or name:NAME (ledgers), benchmark:NAME and/or "
          + "param:KEY=VALUE (JMH).")
  @Nullable String a;

  @Option(names = "--b", paramLabel = "SELECTOR", description = "The variant's runs, selected as --a.")
  @Nullable String b;

  @Option(names = "--per", paramLabel = "N",
      description = "Energy per N units (the records' units, or a benchmark's operations); default 1.")
  @Nullable Long per;

  @Option(names = "--per-run", description = "Compare each run's whole energy instead (for jobs that count no "
      + "units; ledgers only).")
  boolean perRun;

  @Option(names = "--effect", paramLabel = "PERCENT",
      description = "The difference to size the runs for, as a percentage of A's mean (default: 5%%).")
  String effect = "5%";

  @Option(names = "--resamples", paramLabel = "N", description = "Bootstrap resamples (default: 10000).")
  int resamples = ComparisonSettings.DEFAULT_RESAMPLES;

  @Option(names = "--seed", paramLabel = "N",
      description = "The bootstrap's random seed (default: 17); the same runs and seed give the same output.")
  long seed = ComparisonSettings.DEFAULT_SEED;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Spec CommandSpec spec = CommandSpec.create();

  /** Creates the command; picocli fills in its options. */
  public CompareCommand() {}

  @Override
  public Integer call() {
    global.applyLogging();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean jmh = jmhA != null || jmhB != null;
    if (jmh && !ledgers.isEmpty()) {
      throw usage("give either --ledger (with --a and --b) or --jmh-a and --jmh-b, not both");
    }
    if (!jmh && ledgers.isEmpty()) {
      throw usage("nothing to compare: give --ledger FILE with --a SELECTOR and --b SELECTOR, or --jmh-a FILE and "
          + "--jmh-b FILE");
    }
    Long n = per;
    if (n != null && n < 1) {
      throw usage("--per must be a whole number >= 1, got " + n);
    }
    if (perRun && (n != null || jmh)) {
      throw usage(jmh ? "--per-run is for ledgers; JMH figures are per operation" : "give --per or --per-run, not "
          + "both");
    }
    ComparisonSettings settings;
    try {
      settings = new ComparisonSettings(effect(), resamples, seed);
    } catch (IllegalArgumentException e) {
      throw usage("--effect/--resamples: " + e.getMessage());
    }
    long perUnits = n == null ? 1 : n;

    RunGroup groupA;
    RunGroup groupB;
    if (jmh) {
      Path fa = jmhA;
      Path fb = jmhB;
      if (fa == null || fb == null) {
        throw usage("give both --jmh-a FILE and --jmh-b FILE (they may be the same file, with --a and --b choosing "
            + "the benchmarks)");
      }
      groupA = jmhGroup("A", fa, a, perUnits);
      groupB = jmhGroup("B", fb, b, perUnits);
    } else {
      String sa = a;
      String sb = b;
      if (sa == null || sb == null) {
        throw usage("give --a SELECTOR and --b SELECTOR, e.g. --a 'tag:variant=fp32' --b 'tag:variant=int8'");
      }
      RecordSelector selA = selector("--a", sa);
      RecordSelector selB = selector("--b", sb);
      List<EnergyRecord> records = readLedgers(err);
      Basis basis = perRun ? Basis.ofRuns() : Basis.perUnits(perUnits, "unit");
      groupA = refusable(() -> RunGroup.ofRecords("A", records, selA, basis), " (--per-run)");
      groupB = refusable(() -> RunGroup.ofRecords("B", records, selB, basis), " (--per-run)");
    }
    RunGroup ga = groupA;
    RunGroup gb = groupB;
    Comparison c = refusable(() -> Comparison.of(ga, gb, settings), "");
    try {
      (json ? CompareFormat.JSON : CompareFormat.TEXT).write(c, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the comparison: " + e.getMessage(), e);
    }
    out.flush();
    return 0;
  }

  private double effect() {
    String t = effect.strip();
    if (t.endsWith("%")) {
      try {
        double pct = Double.parseDouble(t.substring(0, t.length() - 1).strip());
        if (pct > 0 && pct <= 1000) {
          return pct / 100;
        }
      } catch (NumberFormatException e) {
        // falls through to the usage error
      }
    }
    throw usage("--effect must be a percentage of A's mean, > 0 and <= 1000, e.g. --effect 5%; got '" + effect
        + "'");
  }

  private RecordSelector selector(String option, String text) {
    try {
      return RecordSelector.parse(text);
    } catch (IllegalArgumentException e) {
      throw usage(option + ": " + e.getMessage());
    }
  }

  private RunGroup jmhGroup(String label, Path file, @Nullable String selector, long perUnits) {
    if (!Files.exists(file)) {
      throw new CommandFailure("no such file: " + file + "; check the path");
    }
    try {
      return JmhResults.read(label, file, selector, perUnits);
    } catch (IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage());
      // A selector that matches nothing or several is the user's to fix (2); an unreadable file is not (1).
      if (m.contains("match") || m.contains("selector")) {
        throw new CommandFailure(m, 2, e);
      }
      throw new CommandFailure(m, CommandFailure.ERROR, e);
    }
  }

  /** A refusal of the library (too few runs, no units) is a usage-level exit (2), with its message. */
  private static <T> T refusable(java.util.function.Supplier<T> s, String perRunHint) {
    try {
      return s.get();
    } catch (IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage());
      throw new CommandFailure(m.endsWith("(per run)") ? m + perRunHint : m, 2, e);
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private List<EnergyRecord> readLedgers(PrintWriter err) {
    Set<Path> files = new LinkedHashSet<>();
    for (Path ledger : ledgers) {
      String s = ledger.toString();
      boolean glob = s.contains("*") || s.contains("?") || s.contains("[") || s.contains("{");
      if (!glob && !Files.exists(ledger)) {
        throw new CommandFailure("no such file: " + ledger + "; check the path");
      }
      files.addAll(LedgerReader.files(s));
    }
    JsonLinesLedger.ReadResult r = LedgerReader.read(files, !lenient);
    for (String problem : r.problems()) {
      err.println("ergon: warning: skipped " + problem);
    }
    err.flush();
    return r.records();
  }
}
