package dev.ergon.benchmarks;

import dev.ergon.Configuration;
import dev.ergon.benchmarks.fixture.FakePowercapTree;
import dev.ergon.benchmarks.fixture.ScratchDirectory;
import dev.ergon.meter.estimate.EstimateMeterProvider;
import dev.ergon.meter.nvml.NvmlMeterProvider;
import dev.ergon.meter.powercap.PowercapMeterProvider;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterContext;
import dev.ergon.spi.MeterProvider;
import dev.ergon.spi.ReadingBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One read of every channel of a real meter, through the SPI exactly as the sampler calls it:
 * <ul>
 *   <li>{@code powercap}: a fake two-socket tree on tmpfs, packages and DRAM, four {@code energy_uj} files (the
 *       meter opens, reads and closes each, so that a vanished zone fails instead of answering stale);</li>
 *   <li>{@code nvml}: the NVML meter bound with JNA to the fake {@code libnvidia-ml.so.1} of the NVML module's tests,
 *       two GPUs with energy counters. The fake re-reads its control file and appends to its call log on every
 *       call, so this figure is an upper bound of JNA plus Ergon's side, not a real driver's cost. The library's path
 *       comes from the system property {@value #FAKE_NVML_PROPERTY} ({@code run.sh} builds it with gcc);</li>
 *   <li>{@code estimate}: the model meter on this machine's real {@code /proc} (CPU time and memory use).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MeterReadBenchmark {

  /** System property naming the fake {@code libnvidia-ml.so.1} to copy and load. */
  public static final String FAKE_NVML_PROPERTY = "ergon.bench.fake-nvml";

  /** The meter: {@code powercap}, {@code nvml} or {@code estimate}. */
  @Param({"powercap", "nvml", "estimate"})
  public String meter = "powercap";

  private ScratchDirectory dir;
  private Meter open;
  private ReadingBuffer buffer;
  private long nanoTime;

  /**
   * Writes the meter's fixture and opens it.
   *
   * @throws IOException if a fixture cannot be written
   */
  @Setup
  @Initializer
  public void setUp() throws IOException {
    dir = ScratchDirectory.inMemory("ergon-bench-meter");
    Map<String, String> settings = new HashMap<>();
    MeterProvider provider = switch (meter) {
      case "powercap" -> {
        settings.put("ergon.powercap.root", FakePowercapTree.twoSocketsWithDram(dir.path()).toString());
        yield new PowercapMeterProvider();
      }
      case "nvml" -> {
        settings.put("ergon.nvml.library", fakeNvml(dir.path()).toString());
        yield new NvmlMeterProvider();
      }
      case "estimate" -> new EstimateMeterProvider();
      default -> throw new IllegalArgumentException("unknown meter '" + meter + "'; use powercap, nvml or estimate");
    };
    open = provider.open(MeterContext.of(Configuration.of(settings)));
    buffer = new ReadingBuffer(open.channels().size());
    nanoTime = System.nanoTime();
  }

  /** Copies the fake library next to its control file: two Hopper GPUs at a constant 300 W, with energy counters. */
  private static Path fakeNvml(Path dir) throws IOException {
    String built = System.getProperty(FAKE_NVML_PROPERTY);
    if (built == null || !Files.isRegularFile(Path.of(built))) {
      throw new IllegalStateException("the nvml case needs the fake libnvidia-ml.so.1: build it with "
          + "'sh meters/nvml/src/test/c/build-fake-nvml.sh benchmarks/target/fake-nvml' and pass -D"
          + FAKE_NVML_PROPERTY + "=benchmarks/target/fake-nvml/full/libnvidia-ml.so.1 (run.sh does both), "
          + "or leave it out with -p meter=powercap,estimate");
    }
    Path lib = dir.resolve("libnvidia-ml.so.1");
    Files.copy(Path.of(built), lib, StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(dir.resolve("fake-nvml.control"),
        "gpus = 2\ngpu.0.power = 0:300000\ngpu.1.power = 0:300000\n", StandardCharsets.US_ASCII);
    return lib;
  }

  /**
   * Closes the meter and deletes the fixture.
   *
   * @throws IOException if the fixture cannot be deleted
   */
  @TearDown
  public void tearDown() throws IOException {
    open.close();
    dir.close();
  }

  /**
   * Reads every channel once.
   *
   * @return the buffer, filled
   */
  @Benchmark
  public ReadingBuffer read() {
    nanoTime += 1_000_000; // a reading time 1 ms after the last, for meters that integrate power
    buffer.reset(nanoTime);
    open.read(buffer);
    return buffer;
  }
}
