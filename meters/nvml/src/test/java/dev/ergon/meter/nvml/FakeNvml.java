package dev.ergon.meter.nvml;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ergon.Configuration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A copy of the fake {@code libnvidia-ml.so.1} (built by Maven from {@code src/test/c/fake_nvml.c}) in a test's own
 * directory, with its control file and call log next to it.
 *
 * <p>Each copy is a separate file, so the dynamic linker loads it separately and its state (NVML's init count, the
 * per-GPU call counters) starts fresh in every test. The fake re-reads the control file on every call.
 */
public final class FakeNvml {

  /** The builds of the fake. */
  public enum Variant {
    /** Versioned ({@code _v2}/{@code _v3}) and legacy symbols, as current drivers export. */
    FULL("full"),
    /** Only the legacy unversioned symbols, as drivers older than the v2 API. */
    V1_ONLY("v1"),
    /** A shared library without NVML's symbols. */
    NOT_NVML("none");

    private final String directory;

    Variant(String directory) {
      this.directory = directory;
    }
  }

  private final Path directory;
  private final Path library;
  private final Map<String, String> settings = new LinkedHashMap<>();

  private FakeNvml(Path directory, Path library) {
    this.directory = directory;
    this.library = library;
  }

  /**
   * Copies a build of the fake into a directory.
   *
   * @param directory a fresh directory (a {@code @TempDir})
   * @param variant which build
   * @return the fake, with an empty control file (no GPU)
   */
  public static FakeNvml install(Path directory, Variant variant) {
    String built = System.getProperty("ergon.test.fake-nvml");
    if (built == null) {
      fail("system property ergon.test.fake-nvml is not set: run the tests through Maven, which compiles the fake"
          + " libnvidia-ml.so.1 with gcc (src/test/c/build-fake-nvml.sh) and sets it");
    }
    Path source = Path.of(built, variant.directory, "libnvidia-ml.so.1");
    if (!Files.isRegularFile(source)) {
      fail("fake NVML library " + source + " is missing: run 'mvn -pl meters/nvml generate-test-resources'");
    }
    try {
      Path library = directory.resolve("libnvidia-ml.so.1");
      Files.copy(source, library, StandardCopyOption.REPLACE_EXISTING);
      FakeNvml fake = new FakeNvml(directory, library);
      fake.write();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sets a control key (see {@code fake_nvml.c}) and rewrites the control file atomically.
   *
   * @param key e.g. {@code gpus} or {@code gpu.0.power}
   * @param value its value
   * @return this
   */
  public FakeNvml set(String key, Object value) {
    settings.put(key, String.valueOf(value));
    write();
    return this;
  }

  /**
   * Removes a control key.
   *
   * @param key the key
   * @return this
   */
  public FakeNvml remove(String key) {
    settings.remove(key);
    write();
    return this;
  }

  /**
   * Sets the fake's manual clock.
   *
   * @param nanos the time the fake sees, in ns (same time base as the power traces' {@code origin_ns})
   * @return this
   */
  public FakeNvml clock(long nanos) {
    return set("clock_ns", nanos);
  }

  /**
   * Returns the library file to point {@code ergon.nvml.library} at.
   *
   * @return the path
   */
  public Path library() {
    return library;
  }

  /**
   * Returns a configuration pointing at this fake and nothing else.
   *
   * @return the configuration
   */
  public Configuration config() {
    return Configuration.of(Map.of(NvmlMeterProvider.LIBRARY_KEY, library.toString()));
  }

  /**
   * Returns the call log: one line per NVML call, {@code <symbol>} or {@code <symbol> <gpu index>}.
   *
   * @return the lines so far
   */
  public List<String> calls() {
    Path log = directory.resolve("fake-nvml.calls");
    try {
      return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Counts the calls of one symbol.
   *
   * @param symbol e.g. {@code nvmlShutdown}
   * @return how many times it was called
   */
  public long calls(String symbol) {
    return calls().stream().filter(l -> l.equals(symbol) || l.startsWith(symbol + " ")).count();
  }

  private void write() {
    StringBuilder text = new StringBuilder("# written by FakeNvml\n");
    settings.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
    try {
      Path tmp = directory.resolve("fake-nvml.control.tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, directory.resolve("fake-nvml.control"), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
