package dev.ergon.cli.internal;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.PueUse;
import dev.ergon.accounting.ReportFormat;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.cells.ConsumptionCells;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.sci.CloudEmbodiedCoefficients;
import dev.ergon.accounting.sci.EmbodiedEmissions;
import dev.ergon.accounting.sci.Sci;
import dev.ergon.accounting.sci.SciCalculator;
import dev.ergon.accounting.sci.SciIntensity;
import dev.ergon.accounting.sci.SciReport;
import dev.ergon.accounting.scope2.Instruments;
import dev.ergon.accounting.scope2.Matching;
import dev.ergon.accounting.scope2.Offsets;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.scope2.Scope2Calculator;
import dev.ergon.accounting.scope2.Scope2Line;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.compare.EmissionsDecomposition;
import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.ledger.LedgerReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ergon report --ledger FILE... [options]}: the dual GHG Protocol Scope 2 report (location-based and
 * market-based, side by side) of the records in one or more ledgers, merged by id, and with {@code --sci} the
 * Software Carbon Intensity.
 *
 * <p>The figures come from the accounting engine ({@link Scope2}, {@link Sci}) and are written by its writers
 * ({@link ReportFormat}); this command reads the inputs, names any bad one (file and line), and passes the options.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one instance per command line.
 */
@Command(
    name = "report",
    sortOptions = false,
    description = {
        "Prints the dual Scope 2 report (location-based and market-based, each with its 95 %% interval, the factors "
            + "used and the disclosures) of the records in the ledgers, merged by id; with --sci, also the Software "
            + "Carbon Intensity.",
        ""},
    footer = {
        "",
        "Factor, instrument and offset files are CSV; their columns are listed in the Ergon accounting "
            + "documentation (EmissionFactors, Instruments, Offsets).",
        "--from and --to take a year (2026), a month (2026-03), a day (2026-03-15) or a UTC hour "
            + "(2026-03-15T10:00Z); --to includes the year, month or day it names.",
        "With --sci: text prints both reports; JSON prints {\"scope2\": ..., \"sci\": ...}; CSV prints the Scope 2 "
            + "table, an empty line, then the SCI table."})
public final class ReportCommand implements Callable<Integer> {

  @Mixin GlobalOptions global = new GlobalOptions();

  @Option(names = "--ledger", paramLabel = "FILE", required = true, arity = "1..*",
      description = "A ledger to read: a file, a directory (every *.jsonl in it, rotated parts included), a "
          + "quoted glob such as 'ledgers/*.jsonl', or a database URL jdbc:postgresql://host/db (credentials from "
          + "ERGON_LEDGER_USER and ERGON_LEDGER_PASSWORD) (repeatable; all are merged by record id, latest state "
          + "of each job).")
  List<String> ledgers = new ArrayList<>();

  @Option(names = "--lenient", description = "Skip bad ledger lines and conflicting duplicate ids (each is named on "
      + "stderr) instead of failing.")
  boolean lenient;

  @Option(names = "--no-pushdown", description = "With one database ledger: read its records into this JVM and "
      + "aggregate them here, instead of aggregating cells in the database (slower; the input digest is then the "
      + "records' digest, as from a file, instead of the cells' digest).")
  boolean noPushdown;

  @Option(names = "--factors", paramLabel = "FILE",
      description = "An emission-factor table (CSV) that takes precedence over the bundled factors.")
  @Nullable Path factors;

  @Option(names = "--instruments", paramLabel = "FILE",
      description = "Contractual instruments (CSV): certificates, PPAs, supplier rates, for the market-based method.")
  @Nullable Path instruments;

  @Option(names = "--hourly-generation", paramLabel = "FILE",
      description = "Hourly generation of the instruments (CSV), for --matching hourly.")
  @Nullable Path hourlyGeneration;

  @Option(names = "--entity", paramLabel = "NAME",
      description = "The reporting entity instruments must have been retired for (required with --instruments).")
  @Nullable String entity;

  @Option(names = "--offsets", paramLabel = "FILE",
      description = "Offsets (CSV), listed beside the inventory and never subtracted from it.")
  @Nullable Path offsets;

  @Option(names = "--pue", paramLabel = "X",
      description = "Power usage effectiveness, 1..5, applied once to IT-level energy (default: 1, disclosed).")
  @Nullable Double pue;

  @Option(names = "--region", paramLabel = "ZONE",
      description = "The region of records that have none (default: the world average, disclosed).")
  @Nullable String region;

  @Option(names = "--from", paramLabel = "T", description = "The start of the reporting period (UTC).")
  @Nullable String from;

  @Option(names = "--to", paramLabel = "T", description = "The end of the reporting period (UTC).")
  @Nullable String to;

  @Option(names = "--group-by", paramLabel = "TAG[,TAG...]",
      description = "Break the totals down by these tags only (default: by every tag found); the HTML report's "
          + "series are per combination of their values (model,version).")
  @Nullable String groupBy;

  @Option(names = "--matching", paramLabel = "MODE",
      description = "How instruments are matched to consumption: annual (default) or hourly.")
  Matching matching = Matching.ANNUAL;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, csv or html (one "
      + "self-contained page with charts and their tables; no script, nothing fetched).")
  ReportFormat format = ReportFormat.TEXT;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE (replaced whole, only once "
      + "it is complete) instead of standard output.")
  @Nullable Path outFile;

  @Option(names = "--sci", description = "Also compute the Software Carbon Intensity (ISO/IEC 21031).")
  boolean sci;

  @Option(names = "--functional-unit", paramLabel = "NAME",
      description = "The functional unit, counted in the records' units (default: unit): the SCI's and, with "
          + "--format html, the energy per unit's.")
  @Nullable String functionalUnit;

  @Option(names = "--per", paramLabel = "N",
      description = "Score the SCI per N functional units, e.g. --functional-unit prediction --per 1000 "
          + "(default: 1; with --format html the energy per unit is given per N, default 1000).")
  @Nullable Long per;

  @Option(names = "--embodied-kg", paramLabel = "X",
      description = "The SCI's embodied emissions: the hardware's total life-cycle emissions, kgCO2e (with "
          + "--lifespan-years).")
  @Nullable Double embodiedKg;

  @Option(names = "--lifespan-years", paramLabel = "Y",
      description = "The hardware's expected lifespan in years, for --embodied-kg.")
  @Nullable Double lifespanYears;

  @Option(names = "--instance", paramLabel = "PROVIDER:TYPE",
      description = "The SCI's embodied emissions from Cloud Carbon Footprint's bundled coefficients, e.g. "
          + "aws:m5.xlarge or gcp:n2-standard-8 (4-year lifespan; with --vcpus).")
  @Nullable String instance;

  @Option(names = "--vcpus", paramLabel = "N/M",
      description = "The share of the hardware the jobs reserved: N vCPUs of M (for --instance: the instance's "
          + "vCPUs and those of the largest instance of its family; for --embodied-kg the default is the whole "
          + "machine).")
  @Nullable String vcpus;

  @Option(names = "--sci-intensity", paramLabel = "KIND",
      description = "The grid intensity of the SCI: average (default) or marginal.")
  SciIntensity sciIntensity = SciIntensity.AVERAGE;

  @Mixin ComparePeriodOptions comparePeriod = new ComparePeriodOptions();

  @Spec CommandSpec spec = CommandSpec.create();

  /** Creates the command; picocli fills in its options. */
  public ReportCommand() {}

  @Override
  public Integer call() {
    global.applyLogging();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ReportingPeriod period = period();
    if (pue != null && !(pue >= 1.0 && pue <= PueUse.MAX_PUE)) {
      throw new ParameterException(spec.commandLine(), "--pue must be a number >= 1 and <= "
          + Math.round(PueUse.MAX_PUE) + " (facility energy / IT energy), got " + pue
          + "; pass the site's PUE, e.g. --pue 1.2");
    }
    if (instruments != null && (entity == null || entity.isBlank())) {
      throw new ParameterException(spec.commandLine(), "--instruments needs --entity NAME: instruments count only "
          + "when retired for the reporting entity (Scope 2 Quality Criteria)");
    }
    if (hourlyGeneration != null && instruments == null) {
      throw new ParameterException(spec.commandLine(), "--hourly-generation needs --instruments FILE");
    }
    if (matching == Matching.HOURLY && instruments != null && hourlyGeneration == null) {
      throw new ParameterException(spec.commandLine(), "--matching hourly needs --hourly-generation FILE: hourly "
          + "matching covers consumption only in the hours an instrument generated, so it needs their hourly "
          + "generation (or use --matching annual)");
    }
    EmbodiedEmissions embodied = embodied();

    // One database ledger: the cells are aggregated in the database and no record comes into this JVM, unless the
    // HTML page (per-record breakdowns) or the period comparison needs the records themselves, or --no-pushdown.
    boolean pushdown = ledgers.size() == 1 && dev.ergon.ledger.LedgerProvider.isUrl(ledgers.get(0)) && !noPushdown
        && format != ReportFormat.HTML && !comparePeriod.isSet();
    @Nullable ConsumptionCells cells = pushdown ? DatabaseLedgers.cells(spec, ledgers.get(0)) : null;
    List<EnergyRecord> records = cells == null ? readLedgers(err) : List.of();
    boolean none = cells == null ? records.isEmpty() : cells.tally().given() == 0;
    if (none && period == null) {
      throw new CommandFailure("no records in " + ledgers + ": nothing to report; give --from and --to for the "
          + "(empty) report of a period");
    }
    EmissionFactors factorSet = factors == null ? EmissionFactors.bundled() : EmissionFactors.load(existing(factors));
    String zone = region;
    if (zone != null) {
      @Nullable Instant first = cells != null ? cells.tally().earliestStart() : records.isEmpty() ? null
          : records.get(0).start();
      String problem = MeasureEmissions.checkRegion(zone, factorSet, first == null ? Instant.EPOCH : first);
      if (problem != null) {
        throw new ParameterException(spec.commandLine(), "--region: " + problem);
      }
    }

    Scope2Calculator calc = Scope2.calculator(factorSet).matching(matching);
    if (instruments != null) {
      Path hourly = hourlyGeneration;
      calc = calc.instruments(hourly == null ? Instruments.load(existing(instruments))
          : Instruments.load(existing(instruments), existing(hourly)));
    }
    if (entity != null) {
      calc = calc.reportingEntity(entity);
    }
    if (offsets != null) {
      calc = calc.offsets(Offsets.load(existing(offsets)));
    }
    if (pue != null) {
      calc = calc.pue(pue);
    }
    if (zone != null) {
      calc = calc.defaultRegion(zone);
    }
    if (period != null) {
      calc = calc.reportingPeriod(period);
    }
    Scope2Report report = groupedBy(cells != null ? calc.calculate(cells) : calc.calculate(records));
    EmissionsDecomposition decomposition = cells != null ? null
        : comparePeriod.decompose(spec, calc, report, records);

    SciReport sciReport = null;
    if (sci) {
      SciCalculator s = Sci.calculator(factorSet).intensity(sciIntensity);
      if (pue != null) {
        s = s.pue(pue);
      }
      if (zone != null) {
        s = s.defaultRegion(zone);
      }
      if (period != null) {
        s = s.reportingPeriod(period);
      }
      if (functionalUnit != null || per != null) {
        s = s.functionalUnit(functionalUnit == null ? "unit" : functionalUnit, per == null ? 1 : per);
      }
      if (embodied != null) {
        s = s.embodied(embodied);
      }
      sciReport = cells != null ? s.calculate(cells) : s.calculate(records);
    }
    if (outFile == null) {
      write(report, sciReport, records, decomposition, out);
    } else {
      writeFile(outFile, report, sciReport, records, decomposition);
    }
    return 0;
  }

  /* Writes the report to a temporary file beside the target, then moves it over the target: never half a file. */
  private void writeFile(Path file, Scope2Report report, @Nullable SciReport sciReport, List<EnergyRecord> records,
      @Nullable EmissionsDecomposition decomposition) {
    Path target = file.toAbsolutePath();
    Path parent = target.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new CommandFailure("--out " + file + ": the directory " + parent + " does not exist; create it or "
          + "give another path");
    }
    if (Files.isDirectory(target)) {
      throw new CommandFailure("--out " + file + " is a directory; give a file name, e.g. " + file.resolve(
          "report." + format.name().toLowerCase(java.util.Locale.ROOT)));
    }
    Path tmp = null;
    try {
      // Not Files.createTempFile: its file is private (0600); a report gets the usual permissions (umask).
      tmp = parent.resolve(".ergon-report-" + ProcessHandle.current().pid() + "-" + target.getFileName() + ".tmp");
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(tmp, java.nio.charset.StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
          java.nio.file.StandardOpenOption.WRITE))) {
        write(report, sciReport, records, decomposition, w);
        if (w.checkError()) {
          throw new IOException("writing " + tmp + " failed");
        }
      }
      try {
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new CommandFailure("--out " + file + ": cannot write the report (" + e.getMessage() + "); check the "
          + "path and the free space");
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // the move took it, or it cannot be removed; nothing else to do
        }
      }
    }
  }

  /** The largest lifespan and total embodied emissions accepted: beyond them the input is surely a typo. */
  private static final double MAX_LIFESPAN_YEARS = 100;

  private static final double MAX_EMBODIED_KG = 1e9;

  /* The SCI options, checked together: usage errors name the option; null when no embodied option is given. */
  private @Nullable EmbodiedEmissions embodied() {
    String p = per == null ? null : Long.toString(per);
    if (per != null && per < 1) {
      throw new ParameterException(spec.commandLine(), "--per must be a whole number >= 1, got " + p);
    }
    boolean any = embodiedKg != null || lifespanYears != null || instance != null || vcpus != null;
    if (any && !sci) {
      throw new ParameterException(spec.commandLine(), "--embodied-kg, --lifespan-years, --instance and --vcpus are "
          + "SCI options: add --sci");
    }
    if ((functionalUnit != null || per != null) && !sci && format != ReportFormat.HTML) {
      throw new ParameterException(spec.commandLine(), "--functional-unit and --per are options of the SCI and of "
          + "the HTML report: add --sci or --format html");
    }
    if (!any) {
      return null;
    }
    if (instance != null && (embodiedKg != null || lifespanYears != null)) {
      throw new ParameterException(spec.commandLine(), "give either --instance or --embodied-kg with "
          + "--lifespan-years, not both");
    }
    double[] share = vcpus == null ? null : share(vcpus);
    if (instance != null) {
      String text = instance;
      int colon = text.indexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        throw new ParameterException(spec.commandLine(), "--instance must be PROVIDER:TYPE, e.g. aws:m5.xlarge, "
            + "gcp:n2-standard-8 or azure:D4 v3; got '" + text + "'");
      }
      if (share == null) {
        throw new ParameterException(spec.commandLine(), "--instance needs --vcpus N/M (the instance's vCPUs and "
            + "those of the largest instance of its family, e.g. --vcpus 4/96): the share of the server it "
            + "reserves");
      }
      try {
        return CloudEmbodiedCoefficients.bundled().instance(text.substring(0, colon).trim().toLowerCase(
            java.util.Locale.ROOT), text.substring(colon + 1).trim(), null, (int) share[0], (int) share[1]);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--instance: " + e.getMessage());
      }
    }
    Double kg = embodiedKg;
    Double years = lifespanYears;
    if (kg == null || years == null) {
      throw new ParameterException(spec.commandLine(), "--embodied-kg and --lifespan-years go together: the "
          + "hardware's total embodied emissions (kgCO2e) and its expected lifespan (years)");
    }
    if (!(kg > 0 && kg <= MAX_EMBODIED_KG)) {
      throw new ParameterException(spec.commandLine(), "--embodied-kg must be a number > 0 and <= 1e9 (kgCO2e "
          + "of one piece of hardware), got " + kg);
    }
    if (!(years > 0 && years <= MAX_LIFESPAN_YEARS)) {
      throw new ParameterException(spec.commandLine(), "--lifespan-years must be a number > 0 and <= 100, got "
          + years);
    }
    java.time.Duration lifespan = java.time.Duration.ofSeconds(Math.round(years * 365.25 * 86_400));
    double[] s = share == null ? new double[] {1, 1} : share;
    return EmbodiedEmissions.of(dev.ergon.Co2e.ofKilograms(kg), lifespan, s[0], s[1],
        "given on the command line: " + kg + " kgCO2e over " + years + " years, " + fmt(s[0]) + " of "
            + fmt(s[1]) + " resources reserved");
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private double[] share(String text) {
    String[] parts = text.split("/", -1);
    try {
      if (parts.length == 2) {
        int n = Integer.parseInt(parts[0].trim());
        int m = Integer.parseInt(parts[1].trim());
        if (n >= 1 && m >= n && m <= 100_000) {
          return new double[] {n, m};
        }
      }
    } catch (NumberFormatException e) {
      // falls through to the usage error
    }
    throw new ParameterException(spec.commandLine(), "--vcpus must be N/M with 1 <= N <= M (vCPUs reserved of "
        + "the machine's total), e.g. --vcpus 4/96; got '" + text + "'");
  }

  private @Nullable ReportingPeriod period() {
    String f = from;
    String t = to;
    if (f == null && t == null) {
      return null;
    }
    if (f == null || t == null) {
      throw new ParameterException(spec.commandLine(), "give both --from and --to (e.g. --from 2026 --to 2026 for "
          + "the year 2026), or neither for the whole years the records cover");
    }
    try {
      Instant start = PeriodBound.from(f);
      Instant end = PeriodBound.to(t);
      if (!end.isAfter(start)) {
        throw new ParameterException(spec.commandLine(), "--to " + t + " ends at " + end + ", not after --from "
            + f + " (" + start + ")");
      }
      return new ReportingPeriod(start, end);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--from/--to: " + e.getMessage());
    }
  }

  private List<EnergyRecord> readLedgers(PrintWriter err) {
    // All files are merged before jobs left open are closed, so a checkpoint in one ledger and the final record
    // in another count once.
    Set<Path> files = new LinkedHashSet<>();
    List<String> databases = new ArrayList<>();
    for (String ledger : ledgers) {
      if (dev.ergon.ledger.LedgerProvider.isUrl(ledger)) {
        databases.add(ledger);
        continue;
      }
      if (!isGlob(ledger)) {
        if (!Files.exists(Path.of(ledger))) {
          throw new CommandFailure("no such file: " + ledger + "; check the path");
        }
      }
      files.addAll(LedgerReader.files(ledger));
    }
    JsonLinesLedger.ReadResult r = files.isEmpty() ? new JsonLinesLedger.ReadResult(List.of(), List.of())
        : LedgerReader.read(files, !lenient);
    for (String problem : r.problems()) {
      err.println("ergon: warning: skipped " + problem);
    }
    err.flush();
    if (databases.isEmpty()) {
      return r.records();
    }
    List<List<EnergyRecord>> sources = new ArrayList<>();
    if (!files.isEmpty()) {
      sources.add(r.records());
    }
    for (String url : databases) {
      sources.add(DatabaseLedgers.read(spec, url));
    }
    if (sources.size() == 1) {
      return sources.get(0);
    }
    try {
      return dev.ergon.ledger.RecordSets.closeDangling(dev.ergon.ledger.RecordSets.union(sources));
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage() + "; the ledgers disagree about that id");
    }
  }

  private static boolean isGlob(String spec) {
    return spec.contains("*") || spec.contains("?") || spec.contains("[") || spec.contains("{");
  }

  /** Checks an input file exists, so that its absence is named with the option that gave it. */
  private static Path existing(Path file) {
    if (!Files.exists(file)) {
      throw new CommandFailure("no such file: " + file + "; check the path");
    }
    if (Files.isDirectory(file)) {
      throw new CommandFailure(file + " is a directory, not a file");
    }
    return file;
  }

  /**
   * Keeps only the breakdowns by the {@code --group-by} tags (one, or several separated by commas), after checking
   * that some record has each.
   */
  private Scope2Report groupedBy(Scope2Report r) {
    String keys = groupBy;
    if (keys == null) {
      return r;
    }
    SortedMap<String, List<Scope2Line>> only = new TreeMap<>();
    for (String k : keys.split(",", -1)) {
      String key = k.strip();
      if (key.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "--group-by " + keys
            + ": a tag key is empty; give one tag (model) or several separated by commas (model,version)");
      }
      List<Scope2Line> lines = r.byTag(key);
      if (lines.isEmpty()) {
        throw new CommandFailure("--group-by " + keys + ": no record counted in the report has the tag '" + key
            + "'; tags found: " + (r.byTag().isEmpty() ? "none" : String.join(", ", r.byTag().keySet())));
      }
      only.put(key, lines);
    }
    return new Scope2Report(r.matching(), r.period(), r.reportingEntity(), r.locationBased(), r.marketBased(),
        r.consumption(), r.byZone(), r.byMonth(), only, r.cells(), r.factors(), r.instruments(), r.coverage(),
        r.offsets(), r.disclosures(), r.dataSets(), r.inputDigest(), r.options());
  }

  private void write(Scope2Report report, @Nullable SciReport sciReport, List<EnergyRecord> records,
      @Nullable EmissionsDecomposition decomposition, PrintWriter out) {
    if (decomposition != null && format != ReportFormat.HTML) {
      PeriodChange.write(spec, format, report, sciReport, decomposition, out);
      return;
    }
    try {
      if (format == ReportFormat.HTML) {
        dev.ergon.accounting.HtmlReport page = dev.ergon.accounting.HtmlReport.of(report).records(records)
            .functionalUnit(functionalUnit == null ? "unit" : functionalUnit, per == null ? 1000 : per);
        String key = groupBy;
        if (key != null) {
          page = page.groupBy(key);
        }
        if (sciReport != null) {
          page = page.sci(sciReport);
        }
        if (decomposition != null) {
          page = page.section(PeriodChange.section(decomposition));
        }
        page.write(out);
      } else if (sciReport == null) {
        format.write(report, out);
      } else {
        switch (format) {
          case JSON -> {
            out.print("{\"scope2\": ");
            out.print(format.toString(report).strip());
            out.print(", \"sci\": ");
            out.print(format.toString(sciReport).strip());
            out.println("}");
          }
          case CSV, TEXT, HTML -> {
            format.write(report, out);
            out.println();
            format.write(sciReport, out);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
    }
    out.flush();
  }
}
