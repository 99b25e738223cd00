package dev.ergon.cli.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.ledger.LedgerReader;
import dev.ergon.plan.CarbonAwarePlanner;
import dev.ergon.plan.Co2eInterval;
import dev.ergon.plan.IntensityData;
import dev.ergon.plan.IntensityUncertainty;
import dev.ergon.plan.JobProfile;
import dev.ergon.plan.Plan;
import dev.ergon.plan.PlannedStart;
import dev.ergon.plan.PlanningWindow;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ergon plan}: when (and where) a job should run so that its expected emissions are lowest, from its profile
 * (the ledger's past runs, or a duration and an energy) and hourly grid intensity files; with {@code --what-if},
 * what the ledger's flexible jobs would have saved.
 *
 * <p>The figures come from {@link CarbonAwarePlanner}; this command reads the inputs and writes the answer. Usage
 * errors (a missing or contradictory option, a window the job does not fit) exit 2; a bad file exits 1 naming the
 * file and line.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one instance per command line.
 */
@Command(
    name = "plan",
    sortOptions = false,
    description = {
        "Picks the start (and region) with the lowest expected emissions for a job, from its measured profile and "
            + "hourly grid intensity, with the saving against starting now (95 %% intervals); with --what-if, what "
            + "starting the ledger's flexible jobs at their best time would have saved.",
        ""},
    footer = {
        "",
        "Intensity files: Ergon CSV (zone,start,end,g_per_kwh,kind with kind actual|forecast), an Electricity Maps "
            + "hourly CSV export, or Carbon Aware SDK emissions JSON (.json). Never read from the network.",
        "Times: ISO-8601 with an offset (2026-03-29T01:30Z) or local (2026-03-29T03:30) with --zone; all "
            + "arithmetic is in UTC.",
        "Flexible jobs for --what-if are records tagged " + CarbonAwarePlanner.FLEXIBLE_TAG + "=true; a record's "
            + CarbonAwarePlanner.SLACK_TAG + " tag (e.g. PT6H) overrides --slack."})
public final class PlanCommand implements Callable<Integer> {

  @Mixin GlobalOptions global = new GlobalOptions();

  @Option(names = "--intensity", paramLabel = "FILE", arity = "1..*",
      description = "Grid intensity for the window (repeatable; files of one zone are joined, gaps and overlaps "
          + "refused).")
  List<Path> intensity = new ArrayList<>();

  @Option(names = "--direct",
      description = "For Electricity Maps files: plan on the direct (combustion) intensity instead of life-cycle.")
  boolean direct;

  @Option(names = "--region", paramLabel = "ZONE", arity = "1..*",
      description = "Where the job runs now (first), and where else it could run (repeatable). Default: the data's "
          + "only zone.")
  List<String> regions = new ArrayList<>();

  @Option(names = "--ledger", paramLabel = "FILE", arity = "1..*",
      description = "Ledgers whose past runs give the job's profile (with --name/--tag), or, with --what-if, the jobs "
          + "to replay.")
  List<Path> ledgers = new ArrayList<>();

  @Option(names = "--name", paramLabel = "NAME", description = "Profile from the complete records of this job name.")
  @Nullable String name;

  @Option(names = "--tag", paramLabel = "KEY=VALUE", arity = "1..*",
      description = "Profile from the complete records with this tag (repeatable: all must match).")
  Map<String, String> tags = new java.util.LinkedHashMap<>();

  @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
      description = "The job's length, e.g. 6h or 90m (with --energy, instead of a ledger profile).")
  @Nullable Duration duration;

  @Option(names = "--energy", paramLabel = "E", description = "The job's energy, e.g. 40kWh, 500Wh or 3.6MJ.")
  @Nullable String energy;

  @Option(names = "--earliest", paramLabel = "T", description = "The earliest start (default: now).")
  @Nullable String earliest;

  @Option(names = "--deadline", paramLabel = "T", description = "The time the job must end by.")
  @Nullable String deadline;

  @Option(names = "--zone", paramLabel = "TZ",
      description = "The time zone of local times in --earliest/--deadline, and of the times shown, e.g. "
          + "Europe/Berlin.")
  @Nullable String zone;

  @Option(names = "--alternatives", paramLabel = "N", description = "How many next-best windows to list (default: 3).")
  int alternatives = CarbonAwarePlanner.DEFAULT_ALTERNATIVES;

  @Option(names = "--forecast-uncertainty", paramLabel = "U",
      description = "Relative standard uncertainty of forecast hours, a fraction (default: 0.15).")
  double forecastUncertainty = IntensityUncertainty.DEFAULT.forecast();

  @Option(names = "--actual-uncertainty", paramLabel = "U",
      description = "Relative standard uncertainty of actual hours, a fraction (default: 0.05).")
  double actualUncertainty = IntensityUncertainty.DEFAULT.actual();

  @Option(names = "--what-if", description = "Replay the ledger's flexible jobs: what would starting each at its "
      + "best time within --slack have saved, in total and per job name.")
  boolean whatIf;

  @Option(names = "--slack", paramLabel = "D", converter = DurationConverter.class,
      description = "With --what-if: how much later each job could have finished, e.g. 12h.")
  @Nullable Duration slack;

  @Option(names = "--json", description = "Write JSON instead of text.")
  boolean json;

  @Spec CommandSpec spec = CommandSpec.create();

  private final Clock clock;

  /** Creates the command; picocli fills in its options. */
  public PlanCommand() {
    this(Clock.systemUTC());
  }

  PlanCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    global.applyLogging();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    IntensityUncertainty u;
    try {
      u = new IntensityUncertainty(actualUncertainty, forecastUncertainty);
    } catch (IllegalArgumentException e) {
      throw usage("--actual-uncertainty/--forecast-uncertainty: " + e.getMessage());
    }
    if (alternatives < 0 || alternatives > 100) {
      throw usage("--alternatives must be 0..100, got " + alternatives);
    }
    ZoneId tz = zone();
    IntensityData data = intensity();
    CarbonAwarePlanner planner = CarbonAwarePlanner.over(data).withUncertainty(u).withAlternatives(alternatives);
    if (whatIf) {
      return whatIf(planner, out, err);
    }
    if (slack != null) {
      throw usage("--slack goes with --what-if");
    }
    JobProfile profile = profile(err);
    PlanningWindow window = window(tz);
    Plan plan;
    try {
      plan = planner.plan(profile, window, regions);
    } catch (IllegalArgumentException e) {
      throw usage(String.valueOf(e.getMessage()));
    }
    if (json) {
      writeJson(plan, out);
    } else {
      writeText(plan, tz, out);
    }
    out.flush();
    return 0;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private @Nullable ZoneId zone() {
    String z = zone;
    if (z == null) {
      return null;
    }
    try {
      return ZoneId.of(z);
    } catch (DateTimeException e) {
      throw usage("--zone '" + z + "' is not a time zone; use a region id such as Europe/Berlin or "
          + "America/New_York");
    }
  }

  private IntensityData intensity() {
    for (Path f : intensity) {
      if (!Files.isRegularFile(f)) {
        throw new CommandFailure("no such file: " + f + "; check the --intensity path");
      }
    }
    IntensityData bundled = IntensityData.hourlyOf(EmissionFactors.bundled());
    IntensityData d = intensity.isEmpty() ? bundled : IntensityData.read(intensity, direct).orElse(bundled);
    if (d.isEmpty()) {
      throw usage("no hourly intensity: the bundled factors are yearly averages, which cannot tell one hour from "
          + "another; give --intensity FILE (Ergon CSV, an Electricity Maps hourly CSV or Carbon Aware SDK JSON)");
    }
    return d;
  }

  private PlanningWindow window(@Nullable ZoneId tz) {
    String dl = deadline;
    if (dl == null) {
      throw usage("--deadline is required: the time the job must end by, e.g. --deadline 2026-03-15T08:00Z");
    }
    Instant from;
    Instant to;
    try {
      from = earliest == null ? clock.instant().truncatedTo(ChronoUnit.SECONDS)
          : PlanningWindow.parseInstant(earliest, tz);
    } catch (IllegalArgumentException e) {
      throw usage("--earliest: " + e.getMessage());
    }
    try {
      to = PlanningWindow.parseInstant(dl, tz);
    } catch (IllegalArgumentException e) {
      throw usage("--deadline: " + e.getMessage());
    }
    if (!from.truncatedTo(ChronoUnit.SECONDS).equals(from) || !to.truncatedTo(ChronoUnit.SECONDS).equals(to)) {
      throw usage("--earliest and --deadline are planned to the second; drop the fraction");
    }
    try {
      return new PlanningWindow(from, to);
    } catch (IllegalArgumentException e) {
      throw usage("--deadline: " + e.getMessage());
    }
  }

  private JobProfile profile(PrintWriter err) {
    boolean direct = duration != null || energy != null;
    boolean fromLedger = name != null || !tags.isEmpty();
    if (direct && fromLedger) {
      throw usage("give the job either as --duration and --energy or as --name/--tag with --ledger, not both");
    }
    if (direct) {
      Duration d = duration;
      String e = energy;
      if (d == null || e == null) {
        throw usage("--duration and --energy go together, e.g. --duration 6h --energy 40kWh");
      }
      return JobProfile.flat(d, energy(e));
    }
    if (!fromLedger) {
      throw usage("say what job to plan: --duration and --energy (e.g. --duration 6h --energy 40kWh), or --name "
          + "and/or --tag with --ledger for the profile of its past runs");
    }
    if (ledgers.isEmpty()) {
      throw usage("--name/--tag need --ledger FILE: the ledger holding the job's past runs");
    }
    List<EnergyRecord> runs = new ArrayList<>();
    for (EnergyRecord r : readLedgers(err)) {
      if (r.status() == RecordStatus.COMPLETE && (name == null || name.equals(r.name())) && matches(r)) {
        runs.add(r);
      }
    }
    if (runs.isEmpty()) {
      throw new CommandFailure("no complete record in " + ledgers + " matches " + (name == null ? ""
          : "--name " + name + " ") + (tags.isEmpty() ? "" : "--tag " + tags) + "; check the name and tags, or give "
          + "--duration and --energy");
    }
    return JobProfile.fromRecords(runs, Duration.ofHours(1));
  }

  private boolean matches(EnergyRecord r) {
    for (Map.Entry<String, String> t : tags.entrySet()) {
      if (!r.tags().get(t.getKey()).map(t.getValue()::equals).orElse(false)) {
        return false;
      }
    }
    return true;
  }

  private static final Pattern ENERGY = Pattern.compile("([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*([kKMG]?[Ww]h|"
      + "[kMG]?J)");

  private Energy energy(String text) {
    Matcher m = ENERGY.matcher(text.strip());
    if (!m.matches()) {
      throw usage("--energy '" + text + "' is not an energy; write e.g. 40kWh, 500Wh, 2MWh or 3.6MJ");
    }
    double v = Double.parseDouble(m.group(1));
    String unit = m.group(2);
    double kwh = switch (unit.toLowerCase(Locale.ROOT)) {
      case "wh" -> v / 1000;
      case "kwh" -> v;
      case "mwh" -> v * 1000;
      case "gwh" -> v * 1e6;
      case "j" -> v / 3.6e6;
      case "kj" -> v / 3.6e3;
      case "mj" -> v / 3.6;
      default -> v * 1000 / 3.6; // GJ
    };
    if (!(kwh > 0) || !Double.isFinite(kwh)) {
      throw usage("--energy must be more than zero, got " + text);
    }
    return Energy.ofKilowattHours(kwh);
  }

  private List<EnergyRecord> readLedgers(PrintWriter err) {
    Set<Path> files = new LinkedHashSet<>();
    for (Path ledger : ledgers) {
      String s = ledger.toString();
      if (!(s.contains("*") || s.contains("?") || s.contains("[") || s.contains("{")) && !Files.exists(ledger)) {
        throw new CommandFailure("no such file: " + ledger + "; check the --ledger path");
      }
      files.addAll(LedgerReader.files(s));
    }
    JsonLinesLedger.ReadResult r = LedgerReader.read(files, true);
    for (String problem : r.problems()) {
      err.println("ergon: warning: skipped " + problem);
    }
    return r.records();
  }

  private int whatIf(CarbonAwarePlanner planner, PrintWriter out, PrintWriter err) {
    Duration s = slack;
    if (s == null) {
      throw usage("--what-if needs --slack D: how much later each job could have finished, e.g. --slack 12h");
    }
    if (ledgers.isEmpty()) {
      throw usage("--what-if needs --ledger FILE: the ledger of the jobs to replay");
    }
    if (duration != null || energy != null || deadline != null || earliest != null) {
      throw usage("--what-if replays the ledger's jobs: --duration, --energy, --earliest and --deadline do not "
          + "apply");
    }
    CarbonAwarePlanner.WhatIf w = planner.whatIf(readLedgers(err), s, regions.isEmpty() ? null : regions.get(0));
    if (json) {
      writeJson(w, out);
    } else {
      out.printf(Locale.US, "What if the flexible jobs (%s=true) had started at their best time within %s of "
          + "slack:%n", CarbonAwarePlanner.FLEXIBLE_TAG, human(s));
      out.printf(Locale.US, "  %d job(s): emitted %s; would have saved %s%n", w.total().jobs(),
          w.total().actual(), w.total().saving());
      for (var e : w.byName().entrySet()) {
        out.printf(Locale.US, "  %s (%d): saved %s%n", e.getKey(), e.getValue().jobs(), e.getValue().saving());
      }
      if (!w.skipped().isEmpty()) {
        out.println("Skipped:");
        for (String sk : w.skipped()) {
          out.println("  " + sk);
        }
      }
      out.println("Notes:");
      for (String d : w.disclosures()) {
        out.println("  - " + d);
      }
    }
    out.flush();
    return 0;
  }

  private static String human(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  private static String local(Instant t, @Nullable ZoneId tz) {
    return tz == null ? t.toString() : t + " (" + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT)
        .format(t.atZone(tz)) + " " + tz + ")";
  }

  private static void writeText(Plan p, @Nullable ZoneId tz, PrintWriter out) {
    PlannedStart b = p.best();
    out.printf(Locale.US, "Best start: %s in %s, ends %s%n", local(b.start(), tz), b.region(), local(b.end(), tz));
    out.printf(Locale.US, "Expected:   %s (mean %.1f g/kWh)%n", b.expected(), b.meanGramsPerKwh());
    if (p.saves()) {
      out.printf(Locale.US, "Saving:     %s against starting now (%s in %s: %s)%n", b.saving(),
          local(p.baseline().start(), tz), p.baseline().region(), p.baseline().expected());
    } else {
      out.printf(Locale.US, "No saving: starting now (%s in %s) is already the best start.%n",
          local(p.baseline().start(), tz), p.baseline().region());
    }
    if (!p.alternatives().isEmpty()) {
      out.println("Next best:");
      for (PlannedStart a : p.alternatives()) {
        out.printf(Locale.US, "  %s in %s: %s, saving %.3f kg%n", local(a.start(), tz), a.region(), a.expected(),
            a.saving().value());
      }
    }
    JobProfile j = p.profile();
    out.printf(Locale.US, "Job: %s, %.3f kWh (spread %.3f kWh, %d run%s); %d starts compared%n",
        human(j.duration()), j.totalKwh(), j.totalSpreadKwh(), j.runs(), j.runs() == 1 ? "" : "s",
        p.startsCompared());
    out.println("Notes:");
    for (String d : p.disclosures()) {
      out.println("  - " + d);
    }
  }

  private static void interval(JsonGenerator g, String field, Co2eInterval i) throws IOException {
    g.writeObjectFieldStart(field);
    g.writeNumberField("value", i.value());
    g.writeNumberField("lower", i.lower());
    g.writeNumberField("upper", i.upper());
    g.writeEndObject();
  }

  private static void start(JsonGenerator g, PlannedStart s) throws IOException {
    g.writeStringField("start", s.start().toString());
    g.writeStringField("end", s.end().toString());
    g.writeStringField("region", s.region());
    interval(g, "expected_kg", s.expected());
    interval(g, "saving_kg", s.saving());
    g.writeNumberField("mean_g_per_kwh", s.meanGramsPerKwh());
  }

  private static void writeJson(Plan p, PrintWriter out) {
    try (JsonGenerator g = new JsonFactory().createGenerator(new NonClosingWriter(out))) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      start(g, p.best());
      g.writeObjectFieldStart("baseline");
      start(g, p.baseline());
      g.writeEndObject();
      g.writeArrayFieldStart("alternatives");
      for (PlannedStart a : p.alternatives()) {
        g.writeStartObject();
        start(g, a);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("profile");
      g.writeNumberField("duration_s", p.profile().duration().toSeconds());
      g.writeNumberField("energy_kwh", p.profile().totalKwh());
      g.writeNumberField("energy_sd_kwh", p.profile().totalSpreadKwh());
      g.writeNumberField("runs", p.profile().runs());
      g.writeEndObject();
      g.writeNumberField("starts_compared", p.startsCompared());
      g.writeBooleanField("saves", p.saves());
      g.writeArrayFieldStart("disclosures");
      for (String d : p.disclosures()) {
        g.writeString(d);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plan: " + e.getMessage(), e);
    }
    out.println();
  }

  private static void writeJson(CarbonAwarePlanner.WhatIf w, PrintWriter out) {
    try (JsonGenerator g = new JsonFactory().createGenerator(new NonClosingWriter(out))) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("slack", w.slack().toString());
      g.writeNumberField("jobs", w.total().jobs());
      interval(g, "actual_kg", w.total().actual());
      interval(g, "saving_kg", w.total().saving());
      g.writeObjectFieldStart("by_name");
      for (var e : w.byName().entrySet()) {
        g.writeObjectFieldStart(e.getKey());
        g.writeNumberField("jobs", e.getValue().jobs());
        interval(g, "actual_kg", e.getValue().actual());
        interval(g, "saving_kg", e.getValue().saving());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeArrayFieldStart("skipped");
      for (String s : w.skipped()) {
        g.writeString(s);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("disclosures");
      for (String d : w.disclosures()) {
        g.writeString(d);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the what-if: " + e.getMessage(), e);
    }
    out.println();
  }

  /* The generator closes its writer; the command's writer must stay open. */
  private static final class NonClosingWriter extends java.io.FilterWriter {
    NonClosingWriter(java.io.Writer w) {
      super(w);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
