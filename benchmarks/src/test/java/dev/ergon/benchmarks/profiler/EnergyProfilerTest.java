package dev.ergon.benchmarks.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import dev.ergon.jmh.EnergyProfiler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link EnergyProfiler} on {@link TinyBenchmark} in this JVM through JMH's Runner, with the constant-power
 * fixture as the only meter (registered for this test in {@code META-INF/services}): three channels at 10 W, 10 W
 * and 2 W, 22 W in all.
 */
class EnergyProfilerTest {

  // Names that depend on the channel only: the same on every machine and run.
  private static final String PKG0 = "ergon.energy.cpu/package-0";
  private static final String PKG1 = "ergon.energy.cpu/package-1";
  private static final String DRAM = "ergon.energy.dram/0";

  private static RunResult run(String profilerOptions) throws RunnerException {
    return run(profilerOptions, null);
  }

  private static RunResult run(String profilerOptions, @Nullable Path json) throws RunnerException {
    ChainedOptionsBuilder builder = new OptionsBuilder();
    if (json != null) {
      builder = builder.resultFormat(ResultFormatType.JSON).result(json.toString());
    }
    Options opts = builder
        .include(TinyBenchmark.class.getName() + ".spin")
        .forks(0)
        .warmupIterations(1)
        .warmupTime(TimeValue.milliseconds(100))
        .measurementIterations(2)
        .measurementTime(TimeValue.milliseconds(400))
        .threads(1)
        .verbosity(VerboseMode.SILENT)
        .addProfiler(EnergyProfiler.class, profilerOptions)
        .build();
    Collection<RunResult> results = new Runner(opts).run();
    assertEquals(1, results.size());
    return results.iterator().next();
  }

  /** JMH's API returns raw {@code Result}s; this gives them a wildcard once. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Map<String, Result<?>> secondary(RunResult run) {
    return (Map) run.getSecondaryResults();
  }

  private static Result<?> get(Map<String, Result<?>> s, String label) {
    return Objects.requireNonNull(s.get(label), () -> "no result " + label + " among " + s.keySet());
  }

  @Test
  void reportsJoulesPerIterationAndPerOperationPerChannelWithProvenance() throws RunnerException {
    RunResult run = run("meters=constant-power");
    Map<String, Result<?>> s = secondary(run);

    Result<?> energy = get(s, "ergon.energy");
    assertEquals("J (measured)", energy.getScoreUnit(), "the total says whether it is measured or estimated");
    assertEquals(0.0, get(s, "ergon.energy.estimated").getScore());
    // 22 W over an iteration of 0.4 s (plus JMH's thread start and stop around it): about 8.8 J.
    assertTrue(energy.getScore() >= 22 * 0.4 * 0.99 && energy.getScore() <= 22 * 0.4 * 2.5,
        "energy per iteration " + energy.getScore());

    Result<?> power = get(s, "ergon.power");
    assertEquals("W", power.getScoreUnit());
    assertEquals(22.0, power.getScore(), 22.0 * 0.01, "mean power of the fixture over the metered window");

    // per channel: 10 W, 10 W, 2 W, so 5 : 5 : 1 and the channels sum to the total
    double p0 = get(s, PKG0).getScore();
    double p1 = get(s, PKG1).getScore();
    double d = get(s, DRAM).getScore();
    assertEquals(p0, p1, p0 * 0.001);
    assertEquals(5.0, p0 / d, 0.01);
    assertEquals(energy.getScore(), p0 + p1 + d, energy.getScore() * 1e-6);
    assertEquals("J", get(s, PKG0).getScoreUnit());

    // per operation: energy per op (µJ) times operations per second is the power (µW)
    Result<?> norm = get(s, "ergon.energy.norm");
    assertEquals("uJ/op (measured)", norm.getScoreUnit());
    double throughput = run.getPrimaryResult().getScore(); // ops/s
    assertTrue(throughput > 0);
    // ≈ 22 W; more when JMH's thread start and stop outside the timed 0.4 s take long on a loaded machine
    double watts = norm.getScore() * 1e-6 * throughput;
    assertTrue(watts >= 22 * 0.7 && watts <= 22 * 2.5, "µJ/op × ops/s = " + watts + " W");
    assertEquals("uJ/op", get(s, "ergon.energy.norm.dram/0").getScoreUnit());
    Result<?> u0 = get(s, "ergon.uncertainty.cpu/package-0");
    assertEquals(5.0, u0.getScore(), 1e-9);
    assertEquals("% (1σ; counter)", u0.getScoreUnit());

    // uncertainty: 5 % per channel, independent: sqrt(p0² + p1² + d²) × 0.05
    double u = Math.sqrt(p0 * p0 + p1 * p1 + d * d) * 0.05;
    assertEquals(u, get(s, "ergon.energy.u").getScore(), u * 0.01);

    Result<?> provenance = get(s, "ergon.provenance");
    assertEquals(0.0, provenance.getScore(), "no problems");
    String text = provenance.extendedInfo();
    assertTrue(text.contains("cpu/package-0") && text.contains("constant-power") && text.contains("COUNTER"), text);
    assertTrue(text.contains("synthetic constant-power fixture, not a measurement"), text);
    assertTrue(text.contains("every measurement iteration's record was complete"), text);
  }

  @Test
  void jsonHasStableNamesAndNumbersOnly(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("result.json");
    run("meters=constant-power", json);
    String text = Files.readString(json);
    // (JMH itself writes "NaN" as the error of a score from fewer than three iterations.)
    int at = text.indexOf("\"ergon.provenance\"");
    assertTrue(at >= 0, text);
    String score = text.substring(text.indexOf("\"score\" : ", at) + 10).split("[,\\s]+", 2)[0];
    assertEquals("0.0", score, "the provenance's score is the number of problems, not NaN: " + text);
    assertTrue(text.contains("\"ergon.energy.cpu/package-0\""), text);
    assertTrue(text.contains("\"ergon.provenance\""), text);
    assertTrue(text.contains("\"J (measured)\""), text);
    assertFalse(text.contains("COUNTER ±"), "no method or uncertainty in a metric name: " + text);
  }

  @Test
  void saysSoWhenNoMeterIsAvailable() throws RunnerException {
    RunResult run = run("meters=no-such-meter");
    Map<String, Result<?>> s = secondary(run);
    assertFalse(s.containsKey("ergon.energy"), s.keySet().toString());
    String text = get(s, "ergon.provenance").extendedInfo();
    assertTrue(text.contains("no energy meter was available"), text);
    assertTrue(text.contains("constant-power not used: DISABLED"), text);
  }

  @Test
  void rejectsMalformedOptionsAtStartup() {
    ProfilerException e = assertThrows(ProfilerException.class, () -> new EnergyProfiler("period"));
    assertTrue(String.valueOf(e.getMessage()).contains("'period' is not key=value"), e.getMessage());
    e = assertThrows(ProfilerException.class, () -> new EnergyProfiler("period=soon"));
    assertTrue(String.valueOf(e.getMessage()).contains("ergon.sampling.period"), e.getMessage());
  }
}
