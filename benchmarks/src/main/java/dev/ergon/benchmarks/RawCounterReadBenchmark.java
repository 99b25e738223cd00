package dev.ergon.benchmarks;

import dev.ergon.benchmarks.fixture.CounterFileReader;
import dev.ergon.benchmarks.fixture.ScratchDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The physical floor: reading one powercap {@code energy_uj} file (a fake one on tmpfs), the cheapest correct way
 * ({@link #preadParse}) and the naive way ({@link #readStringParse}). Every other figure is published as a multiple
 * of {@code preadParse}.
 *
 * <p>On real hardware a sysfs read also runs the driver's {@code rdmsr} (on another CPU when the package's MSR is
 * read cross-core), so the true floor there is higher; this one is the system-call and parsing part Java controls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RawCounterReadBenchmark {

  /** A realistic package counter: about 3.5 h at 10 W, below RAPL's 262 143 328 850 µJ range. */
  static final String COUNTER_TEXT = "123456789012\n";

  private ScratchDirectory dir;
  private Path file;
  private CounterFileReader reader;

  /**
   * Writes the fake counter file and opens the reader.
   *
   * @throws IOException if the fixture cannot be written
   */
  @Setup
  @Initializer
  public void setUp() throws IOException {
    dir = ScratchDirectory.inMemory("ergon-bench-raw");
    file = dir.path().resolve("energy_uj");
    Files.writeString(file, COUNTER_TEXT, StandardCharsets.US_ASCII);
    reader = new CounterFileReader(file);
  }

  /**
   * Closes the reader and deletes the fixture.
   *
   * @throws IOException if the fixture cannot be deleted
   */
  @TearDown
  public void tearDown() throws IOException {
    reader.close();
    dir.close();
  }

  /**
   * One {@code pread} on a kept descriptor into a reused direct buffer, parsed by hand.
   *
   * @return the counter, µJ
   * @throws IOException never, with the fixture intact
   */
  @Benchmark
  public long preadParse() throws IOException {
    return reader.read();
  }

  /**
   * {@code Long.parseLong(Files.readString(path).strip())} each time: open, read, close, decode, strip, parse.
   *
   * @return the counter, µJ
   * @throws IOException never, with the fixture intact
   */
  @Benchmark
  public long readStringParse() throws IOException {
    return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
  }
}
