package dev.ergon.benchmarks;

import dev.ergon.EnergyMonitor;
import dev.ergon.Job;
import dev.ergon.Tags;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Opening and closing a job, the cost a user pays per metered scope: a fresh read of every meter on open and on
 * close, attribution, and the record. The sampler thread runs at its default period, as in production; the meter
 * is the constant-power fixture (three channels), so the figure is Ergon's own cost. Run with {@code -prof gc} for
 * the allocation per job (the target: the record and nothing more).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JobBenchmark {

  private static final Tags TAGS = Tags.of("model", "bert-base");

  private EnergyMonitor monitor;

  /** Starts the monitor and its sampler. */
  @Setup(Level.Trial)
  @Initializer
  public void setUp() {
    monitor = Monitors.fixture().build();
  }

  /** Closes the monitor. */
  @TearDown(Level.Trial)
  public void tearDown() {
    monitor.close();
  }

  /**
   * Opens and closes a top-level job from one thread.
   *
   * @return the closed job, with its record
   */
  @Benchmark
  @Threads(1)
  public Job openClose1Thread() {
    return openClose();
  }

  /**
   * Opens and closes top-level jobs from 2 threads at once (each thread's time per job).
   *
   * @return the closed job, with its record
   */
  @Benchmark
  @Threads(2)
  public Job openClose2Threads() {
    return openClose();
  }

  /**
   * Opens and closes top-level jobs from 8 threads at once (each thread's time per job).
   *
   * @return the closed job, with its record
   */
  @Benchmark
  @Threads(8)
  public Job openClose8Threads() {
    return openClose();
  }

  private Job openClose() {
    Job job = monitor.start("bench", TAGS);
    job.close();
    return job;
  }

  /**
   * Opens and closes a job nested in an open parent (the parent is re-opened every iteration).
   *
   * @param parent the calling thread's open parent job
   * @return the closed child, with its record
   */
  @Benchmark
  @Threads(1)
  public Job nestedOpenClose(ParentJob parent) {
    Job child = parent.job.start("child", TAGS);
    child.close();
    return child;
  }

  /** A parent job open for the length of one iteration, per thread. */
  @State(Scope.Thread)
  public static class ParentJob {
    Job job;

    /**
     * Opens the parent.
     *
     * @param bench the benchmark, whose monitor to use
     */
    @Setup(Level.Iteration)
    @Initializer
    public void open(JobBenchmark bench) {
      job = bench.monitor.start("parent", TAGS);
    }

    /** Closes the parent. */
    @TearDown(Level.Iteration)
    public void close() {
      job.close();
    }
  }
}
