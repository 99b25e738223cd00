package dev.ergon.benchmarks;

import dev.ergon.plan.CarbonAwarePlanner;
import dev.ergon.plan.IntensityData;
import dev.ergon.plan.IntensityKind;
import dev.ergon.plan.IntensitySeries;
import dev.ergon.plan.JobProfile;
import dev.ergon.plan.Plan;
import dev.ergon.plan.PlanningWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Planning a 24-hour job (24 hourly slots of different energy, with spread) over a 7-day hourly forecast for
 * {@code regions} regions, the window being the whole week: every whole-hour start in every region is compared
 * (145 per region). The target in issue #16 is under 50 ms per plan. One call is one plan; the intensity data and
 * the profile are built once in setup (reading files is not measured).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PlannerBenchmark {

  /** How many regions are compared. */
  @Param({"10"})
  public int regions;

  private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  private CarbonAwarePlanner planner = CarbonAwarePlanner.over(IntensityData.of(List.of()));
  private JobProfile profile = JobProfile.flat(Duration.ofHours(1), dev.ergon.Energy.ofKilowattHours(1));
  private List<String> zones = List.of();
  private PlanningWindow window = new PlanningWindow(START, START.plus(Duration.ofDays(7)));

  /** Builds a daily-cycle series with noise per region and a shaped 24-hour profile. */
  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(16);
    List<IntensitySeries> series = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int r = 0; r < regions; r++) {
      double[] g = new double[7 * 24];
      IntensityKind[] k = new IntensityKind[g.length];
      double base = 100 + 40 * r;
      for (int h = 0; h < g.length; h++) {
        g[h] = base + 0.4 * base * Math.sin(2 * Math.PI * (h + r) / 24) + random.nextDouble(0, 30);
        k[h] = h < 24 ? IntensityKind.ACTUAL : IntensityKind.FORECAST;
      }
      String zone = "Z" + r;
      names.add(zone);
      series.add(IntensitySeries.of(zone, START, Duration.ofHours(1), g, k, "benchmark"));
    }
    double[] kwh = new double[24];
    double[] sd = new double[24];
    for (int j = 0; j < 24; j++) {
      kwh[j] = 1 + random.nextDouble(0, 2);
      sd[j] = 0.1 * kwh[j];
    }
    profile = JobProfile.of(Duration.ofHours(24), Duration.ofHours(1), kwh, sd);
    planner = CarbonAwarePlanner.over(IntensityData.of(series));
    zones = List.copyOf(names);
    window = new PlanningWindow(START, START.plus(Duration.ofDays(7)));
  }

  /**
   * Plans the job over every region and start.
   *
   * @return the plan
   */
  @Benchmark
  public Plan plan() {
    return planner.plan(profile, window, zones);
  }
}
