package dev.ergon.benchmarks;

import dev.ergon.EnergyMonitor;
import dev.ergon.Tags;
import dev.ergon.Workload;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
 * {@link Workload#addUnits} from 1, 2 and 8 request threads at once on one shared workload, with the sampler
 * running at its default period. The target (issue #14): uncontended at most 20 ns per call, and the time per call
 * does not grow with threads (it is a {@code LongAdder} behind a volatile read).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WorkloadUnitsBenchmark {

  private @Nullable EnergyMonitor monitor;
  private @Nullable Workload workload;

  /** Starts the monitor and opens the workload. */
  @Setup(Level.Trial)
  public void setUp() {
    EnergyMonitor m = Monitors.fixture().build();
    monitor = m;
    workload = m.workload("predict", Tags.of("model", "ranker", "version", "3"));
  }

  /** Closes the workload and the monitor. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (workload != null) {
      workload.close();
    }
    if (monitor != null) {
      monitor.close();
    }
  }

  private Workload workload() {
    Workload w = workload;
    if (w == null) {
      throw new IllegalStateException("not set up");
    }
    return w;
  }

  /** One thread counts one unit. */
  @Benchmark
  @Threads(1)
  public void addUnits1() {
    workload().addUnits(1);
  }

  /** Two threads count one unit each. */
  @Benchmark
  @Threads(2)
  public void addUnits2() {
    workload().addUnits(1);
  }

  /** Eight threads count one unit each. */
  @Benchmark
  @Threads(8)
  public void addUnits8() {
    workload().addUnits(1);
  }
}
