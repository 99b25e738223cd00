package dev.ergon.plan;

import dev.ergon.EnergyRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Picks when (and, given several regions, where) a job should run so that its expected location-based emissions are
 * lowest, from the job's energy profile and the grid's intensity; and replays a ledger's flexible jobs to say what
 * that would have saved.
 *
 * <h2>What is compared</h2>
 *
 * <p>Starts: the window's earliest time, every step boundary of a region's intensity data after it (every hour for
 * hourly data), and the latest start that still ends by the deadline; only runs that lie wholly inside both the
 * window and the region's data. For each, the expected emissions are the profile's energy per slot times the
 * intensity of the steps the slot overlaps (evenly drawn within a slot): a sum of products, O(slots + steps) per
 * start.
 *
 * <p>The baseline is "start now": the earliest time, in the first region. The best start is the one with the lowest
 * expected emissions; starts within a relative 10⁻⁹ of it count as equal and the tie goes to the first region, then
 * the earliest start, so a flat series gives the baseline and no saving.
 *
 * <h2>Intervals</h2>
 *
 * <p>Each figure has a 95 % interval, ±1.96 combined standard uncertainties (GUM), from two independent parts:
 * the profile's spread between runs (its slots taken as fully correlated: a run that draws more, draws more
 * throughout) and the intensity's relative uncertainty per step ({@link IntensityUncertainty}: a stated assumption
 * per kind, fully correlated within one run). For a saving, the profile part is the difference of the two runs'
 * profile parts (the same job either way), and the intensity parts of the two runs are taken as independent, which
 * overstates them when a common forecast bias would cancel.
 *
 * <h2>What-if over history</h2>
 *
 * <p>{@link #whatIf} takes the records tagged {@value #FLEXIBLE_TAG}{@code =true} (a child of a flexible job is
 * counted in its parent), treats each one's start as "now" and its end plus the slack (or the record's own
 * {@value #SLACK_TAG} tag, ISO-8601 such as {@code PT6H}) as its deadline, and plans it in its own region with its
 * own buckets as the profile (spread: the record's meter uncertainty).
 *
 * <p>Pure: reads no clock, no file and no network. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CarbonAwarePlanner {

  /** The tag that marks a record as a job that could have started later: {@code ergon.flexible=true}. */
  public static final String FLEXIBLE_TAG = "ergon.flexible";

  /** The tag that gives a flexible record its own slack, ISO-8601 ({@code PT6H}); overrides the what-if slack. */
  public static final String SLACK_TAG = "ergon.slack";

  /** How many alternatives a plan lists unless told otherwise. */
  public static final int DEFAULT_ALTERNATIVES = 3;

  private static final double TIE = 1e-9;

  private final IntensityData data;
  private final IntensityUncertainty uncertainty;
  private final int alternatives;

  private CarbonAwarePlanner(IntensityData data, IntensityUncertainty uncertainty, int alternatives) {
    this.data = data;
    this.uncertainty = uncertainty;
    this.alternatives = alternatives;
  }

  /**
   * Returns a planner over intensity data, with the default uncertainties and three alternatives.
   *
   * @param data the grid intensity
   * @return the planner
   */
  public static CarbonAwarePlanner over(IntensityData data) {
    return new CarbonAwarePlanner(Objects.requireNonNull(data, "data"), IntensityUncertainty.DEFAULT,
        DEFAULT_ALTERNATIVES);
  }

  /**
   * Returns a planner with other intensity uncertainties.
   *
   * @param u the relative standard uncertainties by kind
   * @return a new planner
   */
  public CarbonAwarePlanner withUncertainty(IntensityUncertainty u) {
    return new CarbonAwarePlanner(data, Objects.requireNonNull(u, "uncertainty"), alternatives);
  }

  /**
   * Returns a planner that lists another number of alternatives.
   *
   * @param n how many, {@code 0..100}
   * @return a new planner
   * @throws IllegalArgumentException if out of range
   */
  public CarbonAwarePlanner withAlternatives(int n) {
    if (n < 0 || n > 100) {
      throw new IllegalArgumentException("the number of alternatives must be 0..100, got " + n);
    }
    return new CarbonAwarePlanner(data, uncertainty, n);
  }

  /* One compared (region, start): grams, profile sd, intensity sd. */
  private record Eval(int region, long start, double g, double p, double f) {}

  /**
   * Plans a job.
   *
   * @param profile the job
   * @param window when it may run
   * @param regions the zones it may run in, the current one first; empty to use the data's only zone
   * @return the plan
   * @throws IllegalArgumentException if the job is longer than the window, a region has no data, the first region's
   *     data do not cover the baseline run, or no start fits in any region's data
   */
  public Plan plan(JobProfile profile, PlanningWindow window, List<String> regions) {
    List<String> zones = zones(regions);
    long d = profile.durationSeconds();
    long earliest = window.earliest().getEpochSecond();
    long deadline = window.deadline().getEpochSecond();
    if (d > deadline - earliest) {
      throw new IllegalArgumentException("the job takes " + human(d) + " but the window from " + window.earliest()
          + " to " + window.deadline() + " is only " + human(deadline - earliest) + "; move the deadline to "
          + Instant.ofEpochSecond(earliest + d) + " or later");
    }
    List<WindowScan> scans = new ArrayList<>();
    for (String z : zones) {
      Optional<IntensitySeries> s = data.series(z);
      if (s.isEmpty()) {
        throw new IllegalArgumentException("no intensity data for region " + z + "; the data have "
            + (data.isEmpty() ? "no zone" : String.join(", ", data.zones())) + " (give a file with its hours)");
      }
      scans.add(new WindowScan(s.get(), uncertainty));
    }
    WindowScan home = scans.get(0);
    if (!home.covers(earliest, earliest + d)) {
      throw new IllegalArgumentException("the intensity data for " + zones.get(0) + " cover "
          + Instant.ofEpochSecond(home.start()) + " to " + Instant.ofEpochSecond(home.end()) + ", but the baseline "
          + "(starting at the earliest time) runs from " + Instant.ofEpochSecond(earliest) + " to "
          + Instant.ofEpochSecond(earliest + d) + "; give data that cover it");
    }
    List<String> disclosures = new ArrayList<>();
    List<Eval> evals = new ArrayList<>();
    double[] out = new double[3];
    for (int r = 0; r < scans.size(); r++) {
      WindowScan w = scans.get(r);
      long lo = Math.max(earliest, w.start());
      long hi = Math.min(deadline, w.end()) - d;
      if (hi < lo) {
        disclosures.add("Region " + zones.get(r) + " was not compared: its data (" + Instant.ofEpochSecond(w.start())
            + " to " + Instant.ofEpochSecond(w.end()) + ") hold no whole run inside the window.");
        continue;
      }
      if (w.end() < deadline) {
        disclosures.add("The data for " + zones.get(r) + " end at " + Instant.ofEpochSecond(w.end())
            + ", before the deadline: later starts were not compared.");
      }
      if (w.start() > earliest) {
        disclosures.add("The data for " + zones.get(r) + " begin at " + Instant.ofEpochSecond(w.start())
            + ", after the earliest start: earlier starts there were not compared.");
      }
      evaluate(w, profile, r, lo, out, evals);
      long g = w.start() + (Math.floorDiv(lo - w.start(), w.step()) + 1) * w.step();
      for (; g < hi; g += w.step()) {
        evaluate(w, profile, r, g, out, evals);
      }
      if (hi > lo) {
        evaluate(w, profile, r, hi, out, evals);
      }
    }
    Eval baseline = evals.get(0); // region 0, start = earliest: always the first evaluated
    Eval best = best(evals);
    List<Eval> alts = alternatives(evals, best, d);
    disclosures.addAll(0, standardDisclosures(profile, zones.size()));
    List<PlannedStart> altStarts = new ArrayList<>();
    for (Eval a : alts) {
      altStarts.add(start(a, baseline, zones, profile));
    }
    return new Plan(start(best, baseline, zones, profile), start(baseline, baseline, zones, profile), altStarts,
        profile, evals.size(), disclosures);
  }

  private static void evaluate(WindowScan w, JobProfile profile, int region, long start, double[] out,
      List<Eval> evals) {
    w.evaluate(profile, start, out);
    evals.add(new Eval(region, start, out[0], out[1], out[2]));
  }

  private List<String> zones(List<String> regions) {
    if (!regions.isEmpty()) {
      Set<String> seen = new HashSet<>();
      for (String r : regions) {
        if (!seen.add(r)) {
          throw new IllegalArgumentException("region " + r + " is given twice");
        }
      }
      return List.copyOf(regions);
    }
    if (data.zones().size() == 1) {
      return data.zones();
    }
    throw new IllegalArgumentException(data.isEmpty() ? "no intensity data: give a file of hourly intensities"
        : "the data hold several zones (" + String.join(", ", data.zones()) + "): say which region the job runs "
            + "in (the first --region), and any it could move to");
  }

  /* Lowest grams; within TIE of it, the first region, then the earliest start. */
  private static Eval best(List<Eval> evals) {
    double min = Double.POSITIVE_INFINITY;
    for (Eval e : evals) {
      min = Math.min(min, e.g());
    }
    double limit = min + TIE * Math.max(Math.abs(min), Double.MIN_NORMAL);
    Eval best = null;
    for (Eval e : evals) {
      if (e.g() <= limit && (best == null || e.region() < best.region()
          || (e.region() == best.region() && e.start() < best.start()))) {
        best = e;
      }
    }
    return Objects.requireNonNull(best);
  }

  /* The next-best runs, none overlapping in time one already chosen in the same region. */
  private List<Eval> alternatives(List<Eval> evals, Eval best, long d) {
    List<Eval> sorted = new ArrayList<>(evals);
    sorted.sort((a, b) -> a.g() != b.g() ? Double.compare(a.g(), b.g())
        : a.region() != b.region() ? Integer.compare(a.region(), b.region()) : Long.compare(a.start(), b.start()));
    List<Eval> chosen = new ArrayList<>();
    chosen.add(best);
    for (Eval e : sorted) {
      if (chosen.size() > alternatives) {
        break;
      }
      boolean overlaps = false;
      for (Eval c : chosen) {
        if (c.region() == e.region() && e.start() < c.start() + d && c.start() < e.start() + d) {
          overlaps = true;
          break;
        }
      }
      if (!overlaps) {
        chosen.add(e);
      }
    }
    return List.copyOf(chosen.subList(1, chosen.size()));
  }

  private static PlannedStart start(Eval e, Eval baseline, List<String> zones, JobProfile profile) {
    double sd = Math.hypot(e.p(), e.f());
    Co2eInterval expected = Co2eInterval.of(e.g() / 1000, sd / 1000, true);
    Co2eInterval saving;
    if (e.region() == baseline.region() && e.start() == baseline.start()) {
      saving = Co2eInterval.ZERO;
    } else {
      double sp = Math.abs(baseline.p() - e.p());
      double sf = Math.hypot(baseline.f(), e.f());
      saving = Co2eInterval.of((baseline.g() - e.g()) / 1000, Math.hypot(sp, sf) / 1000, false);
    }
    double kwh = profile.totalKwh();
    return new PlannedStart(zones.get(e.region()), Instant.ofEpochSecond(e.start()),
        Instant.ofEpochSecond(e.start() + profile.durationSeconds()), expected, saving, kwh > 0 ? e.g() / kwh : 0);
  }

  private List<String> standardDisclosures(JobProfile profile, int regions) {
    List<String> d = new ArrayList<>();
    d.add("Expected emissions are location-based: the profile's energy per slot times the grid's average "
        + "intensity in the hours it overlaps. What a shift changes on the grid (the marginal generator) can differ "
        + "from the average.");
    d.add(String.format(Locale.US, "95 %% intervals are ±1.96 combined standard uncertainties of two independent "
        + "parts: the profile's spread between runs (slots fully correlated) and the intensity's relative "
        + "uncertainty, assumed %.0f %% for actual and %.0f %% for forecast hours (fully correlated within a run; "
        + "independent between the two runs of a saving).", uncertainty.actual() * 100,
        uncertainty.forecast() * 100));
    if (profile.totalSpreadKwh() == 0) {
      d.add("The profile has no spread (given directly, or one run): the intervals hold the intensity's "
          + "uncertainty only.");
    }
    d.add("Starts compared: the earliest time, each step boundary of the intensity data, and the latest start that "
        + "ends by the deadline.");
    if (regions > 1) {
      d.add("Moving a job to another region changes its location-based figure, not what the grids emit in total: "
          + "the cleaner power it draws there is power someone else there does not draw.");
    }
    return d;
  }

  private static String human(long seconds) {
    Duration d = Duration.ofSeconds(seconds);
    return d.toString().substring(2).toLowerCase(Locale.ROOT).replace("h", " h ").replace("m", " min ")
        .replace("s", " s").strip();
  }

  /**
   * One job of a what-if replay: what it emitted as it ran, and the best start within its slack.
   *
   * @param id the record's id
   * @param name the job's name
   * @param region the zone
   * @param actual the run as it happened (its saving is zero)
   * @param best the best start within the slack
   */
  public record WhatIfJob(String id, String name, String region, PlannedStart actual, PlannedStart best) {}

  /**
   * The what-if figures of one job name, or of all jobs.
   *
   * @param jobs how many jobs
   * @param actual what they emitted as they ran (at the data's intensities), kg CO2e
   * @param saving what the best starts would have saved, kg CO2e
   */
  public record WhatIfLine(int jobs, Co2eInterval actual, Co2eInterval saving) {}

  /**
   * What starting flexible jobs at the best time within their slack would have saved.
   *
   * @param slack the slack given (records may carry their own)
   * @param total all jobs planned
   * @param byName the same per job name
   * @param jobs each job planned, in record order
   * @param skipped records tagged flexible that could not be planned, each with the reason
   * @param disclosures what the figures rest on
   */
  public record WhatIf(Duration slack, WhatIfLine total, SortedMap<String, WhatIfLine> byName, List<WhatIfJob> jobs,
      List<String> skipped, List<String> disclosures) {
    /** Copies the collections. */
    public WhatIf {
      byName = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(byName));
      jobs = List.copyOf(jobs);
      skipped = List.copyOf(skipped);
      disclosures = List.copyOf(disclosures);
    }
  }

  /**
   * Replays the flexible records of a ledger (see the class description).
   *
   * @param records the ledger's records (all of them; the flexible ones are picked here)
   * @param slack how much later each job could have finished, {@code >= 0}
   * @param defaultRegion the region of records that have none, or null to skip them
   * @return the figures, total and per job name
   * @throws IllegalArgumentException if the slack is negative
   */
  public WhatIf whatIf(Collection<EnergyRecord> records, Duration slack, @Nullable String defaultRegion) {
    if (slack.isNegative()) {
      throw new IllegalArgumentException("the slack must be >= 0, got " + slack);
    }
    Set<String> flexibleIds = new HashSet<>();
    for (EnergyRecord r : records) {
      if (isFlexible(r)) {
        flexibleIds.add(r.id());
      }
    }
    List<WhatIfJob> jobs = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    double[] total = new double[4];
    SortedMap<String, double[]> byName = new TreeMap<>();
    SortedMap<String, Integer> counts = new TreeMap<>();
    CarbonAwarePlanner single = withAlternatives(0);
    for (EnergyRecord r : records) {
      if (!flexibleIds.contains(r.id())) {
        continue;
      }
      String parent = r.parentId();
      if (parent != null && flexibleIds.contains(parent)) {
        continue;
      }
      String region = r.region() != null ? r.region() : defaultRegion;
      if (region == null) {
        skipped.add(r.id() + " (" + r.name() + "): no region; give a default region");
        continue;
      }
      Duration own;
      try {
        own = r.tags().get(SLACK_TAG).map(Duration::parse).orElse(slack);
      } catch (java.time.format.DateTimeParseException e) {
        skipped.add(r.id() + " (" + r.name() + "): tag " + SLACK_TAG + "=" + r.tags().get(SLACK_TAG).orElse("")
            + " is not an ISO-8601 duration such as PT6H");
        continue;
      }
      if (!r.end().isAfter(r.start()) || r.total().toKilowattHours() == 0) {
        skipped.add(r.id() + " (" + r.name() + "): no energy or no length");
        continue;
      }
      JobProfile p = profileOf(r);
      Instant start = Instant.ofEpochSecond(r.start().getEpochSecond());
      PlanningWindow w = new PlanningWindow(start, start.plusSeconds(p.durationSeconds()).plus(own));
      Plan plan;
      try {
        plan = single.plan(p, w, List.of(region));
      } catch (IllegalArgumentException e) {
        skipped.add(r.id() + " (" + r.name() + "): " + e.getMessage());
        continue;
      }
      jobs.add(new WhatIfJob(r.id(), r.name(), region, plan.baseline(), plan.best()));
      double[] line = byName.computeIfAbsent(r.name(), n -> new double[4]);
      counts.merge(r.name(), 1, Integer::sum);
      add(total, plan);
      add(line, plan);
    }
    SortedMap<String, WhatIfLine> lines = new TreeMap<>();
    for (var e : byName.entrySet()) {
      lines.put(e.getKey(), line(counts.getOrDefault(e.getKey(), 0), e.getValue()));
    }
    List<String> disclosures = List.of(
        "Flexible jobs are the records tagged " + FLEXIBLE_TAG + "=true (a flexible job's children count in it); "
            + "each could have started from its recorded start until its end plus the slack (" + slack
            + ", or its own " + SLACK_TAG + " tag).",
        "Each job's profile is its own buckets; its spread is the record's meter uncertainty. Jobs are taken as "
            + "independent when their uncertainties are combined.",
        "Figures use the intensity data given, for the hours the jobs ran and could have run; a record whose hours "
            + "the data do not cover is skipped and listed.");
    return new WhatIf(slack, line(jobs.size(), total), lines, jobs, skipped, disclosures);
  }

  /** Tells whether a record is tagged {@value #FLEXIBLE_TAG}{@code =true}. */
  static boolean isFlexible(EnergyRecord r) {
    return r.tags().get(FLEXIBLE_TAG).map(v -> v.trim().equalsIgnoreCase("true")).orElse(false);
  }

  private static JobProfile profileOf(EnergyRecord r) {
    JobProfile p = JobProfile.fromRecords(List.of(r), Duration.ofHours(1));
    double total = r.total().toJoules();
    double rel = total > 0 ? r.totalUncertaintyJoules() / total : 0;
    if (!(rel > 0 && Double.isFinite(rel))) {
      return p;
    }
    double[] sd = new double[p.slotCount()];
    for (int i = 0; i < sd.length; i++) {
      sd[i] = p.energyKwh(i) * rel;
    }
    return JobProfile.of(p.duration(), p.slot(), p.kwh(), sd);
  }

  /* value, variance of actual, saving value, variance of saving; sd recovered from the interval's upper end. */
  private static void add(double[] acc, Plan plan) {
    Co2eInterval a = plan.baseline().expected();
    Co2eInterval s = plan.best().saving();
    double sa = (a.upper() - a.value()) / Co2eInterval.K95;
    double ss = (s.upper() - s.value()) / Co2eInterval.K95;
    acc[0] += a.value();
    acc[1] += sa * sa;
    acc[2] += s.value();
    acc[3] += ss * ss;
  }

  private static WhatIfLine line(int jobs, double[] acc) {
    return new WhatIfLine(jobs, Co2eInterval.of(acc[0], Math.sqrt(acc[1]), true),
        Co2eInterval.of(acc[2], Math.sqrt(acc[3]), false));
  }
}
