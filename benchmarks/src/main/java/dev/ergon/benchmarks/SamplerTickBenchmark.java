package dev.ergon.benchmarks;

import dev.ergon.EnergyMonitor;
import dev.ergon.Job;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One sampler tick ({@link EnergyMonitor#sample()}): read every meter, unwrap the counters, charge the interval to
 * the open jobs. The sampler thread does this once per period; its CPU share is this cost divided by the period
 * (measured directly by {@link SamplerCpuShare}). No sampler thread runs here, so ticks come only from the
 * benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SamplerTickBenchmark {

  /** How many top-level jobs are open while ticking. */
  @Param({"0", "1"})
  public int openJobs;

  private EnergyMonitor monitor;
  private @Nullable Job job;

  /** Starts the monitor without its sampler thread and opens the jobs. */
  @Setup(Level.Trial)
  @Initializer
  public void setUp() {
    monitor = Monitors.fixture().withoutSamplerThread().build();
    job = openJobs > 0 ? monitor.start("open") : null;
  }

  /** Closes the job and the monitor. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (job != null) {
      job.close();
    }
    monitor.close();
  }

  /** One tick. */
  @Benchmark
  public void sample() {
    monitor.sample();
  }
}
