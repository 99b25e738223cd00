package dev.ergon.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
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

  private static final String PKG0 = "ergon.energy:cpu/package-0 (COUNTER ±5.0%)";
  private static final String PKG1 = "ergon.energy:cpu/package-1 (COUNTER ±5.0%)";
  private static final String DRAM = "ergon.energy:dram/0 (COUNTER ±5.0%)";

  private static RunResult run(String profilerOptions) throws RunnerException {
    Options opts = new OptionsBuilder()
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
    assertEquals("J", energy.getScoreUnit());
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
    assertEquals("uJ/op", norm.getScoreUnit());
    double throughput = run.getPrimaryResult().getScore(); // ops/s
    assertTrue(throughput > 0);
    // ≈ 22 W; more when JMH's thread start and stop outside the timed 0.4 s take long on a loaded machine
    double watts = norm.getScore() * 1e-6 * throughput;
    assertTrue(watts >= 22 * 0.7 && watts <= 22 * 2.5, "µJ/op × ops/s = " + watts + " W");
    assertEquals("uJ/op", get(s, "ergon.energy.norm:dram/0 (COUNTER ±5.0%)").getScoreUnit());

    // uncertainty: 5 % per channel, independent: sqrt(p0² + p1² + d²) × 0.05
    double u = Math.sqrt(p0 * p0 + p1 * p1 + d * d) * 0.05;
    assertEquals(u, get(s, "ergon.energy.u").getScore(), u * 0.01);

    String text = get(s, "ergon.provenance").extendedInfo();
    assertTrue(text.contains("cpu/package-0") && text.contains("constant-power") && text.contains("COUNTER"), text);
    assertTrue(text.contains("synthetic constant-power fixture, not a measurement"), text);
    assertTrue(text.contains("every measurement iteration's record was complete"), text);
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
