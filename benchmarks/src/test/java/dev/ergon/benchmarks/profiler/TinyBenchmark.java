package dev.ergon.benchmarks.profiler;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** A tiny benchmark for the profiler test: a few hundred nanoseconds of arithmetic. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TinyBenchmark {

  private long x = 1;

  /**
   * Steps an LCG 256 times.
   *
   * @return the state
   */
  @Benchmark
  public long spin() {
    long v = x;
    for (int i = 0; i < 256; i++) {
      v = v * 6364136223846793005L + 1442695040888963407L;
    }
    x = v;
    return v;
  }
}
