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
 * A CPU-bound workload (100 000 steps of a 64-bit linear congruential generator, about 0.1 ms) with no monitor at
 * all, and inside a job that stays open for the whole iteration while the sampler runs at its default period. The
 * target: the two are equal within the error.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WorkloadBenchmark {

  /** Steps of the generator per operation. */
  static final int STEPS = 100_000;

  /** Whether a job is open (with a running monitor) around the workload. */
  @Param({"false", "true"})
  public boolean insideJob;

  private @Nullable EnergyMonitor monitor;
  private @Nullable Job job;
  private long seed = 42;

  /** Starts the monitor when the workload runs inside a job. */
  @Setup(Level.Trial)
  public void setUp() {
    monitor = insideJob ? Monitors.fixture().build() : null;
  }

  /** Opens the job for the iteration. */
  @Setup(Level.Iteration)
  public void openJob() {
    EnergyMonitor m = monitor;
    job = m != null ? m.start("workload") : null;
  }

  /** Closes the job. */
  @TearDown(Level.Iteration)
  public void closeJob() {
    if (job != null) {
      job.close();
    }
  }

  /** Closes the monitor. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (monitor != null) {
      monitor.close();
    }
  }

  /**
   * Runs the workload once.
   *
   * @return a value that depends on every step
   */
  @Benchmark
  public long cpuBound() {
    seed = work(seed);
    return seed;
  }

  /**
   * Runs the workload: Knuth's MMIX LCG, folded into an accumulator so no step can be skipped.
   *
   * @param start the starting state
   * @return the folded result
   */
  static long work(long start) {
    long x = start;
    long acc = 0;
    for (int i = 0; i < STEPS; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
      acc ^= x >>> 29;
    }
    return acc ^ x;
  }
}
