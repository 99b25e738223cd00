package dev.ergon.meter.amdsmi;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ergon.Configuration;
import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.Meter;
import dev.ergon.spi.ReadingBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A copy of the fake {@code libamd_smi.so} (built by Maven from {@code src/test/c/fake_amdsmi.c}) in a test's own
 * directory, with its control file and call log next to it.
 *
 * <p>Each copy is a separate file, so the dynamic linker loads it separately and its state (the init count, the
 * per-GPU call counters) starts fresh in every test. The fake re-reads the control file on every call.
 */
public final class FakeAmdSmi {

  /** The builds of the fake. */
  public enum Variant {
    /** The AMD SMI calls Ergon makes. */
    FULL("full"),
    /** A shared library without AMD SMI's symbols. */
    NOT_AMDSMI("none");

    private final String directory;

    Variant(String directory) {
      this.directory = directory;
    }
  }

  private final Path directory;
  private final Path library;
  private final Map<String, String> settings = new LinkedHashMap<>();

  private FakeAmdSmi(Path directory, Path library) {
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
  public static FakeAmdSmi install(Path directory, Variant variant) {
    String built = System.getProperty("ergon.test.fake-amdsmi");
    if (built == null) {
      fail("system property ergon.test.fake-amdsmi is not set: run the tests through Maven, which compiles the fake"
          + " libamd_smi.so with gcc (src/test/c/build-fake-amdsmi.sh) and sets it");
    }
    Path source = Path.of(built, variant.directory, "libamd_smi.so");
    if (!Files.isRegularFile(source)) {
      fail("fake AMD SMI library " + source + " is missing: run 'mvn -pl meters/amdsmi generate-test-resources'");
    }
    try {
      Path library = directory.resolve("libamd_smi.so");
      Files.copy(source, library, StandardCopyOption.REPLACE_EXISTING);
      FakeAmdSmi fake = new FakeAmdSmi(directory, library);
      fake.write();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sets a control key (see {@code fake_amdsmi.c}) and rewrites the control file atomically.
   *
   * @param key e.g. {@code gpus} or {@code gpu.0.power}
   * @param value its value
   * @return this
   */
  public FakeAmdSmi set(String key, Object value) {
    settings.put(key, String.valueOf(value));
    write();
    return this;
  }

  /**
   * Sets the fake's manual clock.
   *
   * @param nanos the time the fake sees, in ns
   * @return this
   */
  public FakeAmdSmi clock(long nanos) {
    return set("clock_ns", nanos);
  }

  /**
   * Returns the library file.
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
    return Configuration.of(Map.of(AmdSmiMeterProvider.LIBRARY_KEY, library.toString()));
  }

  /**
   * Counts the calls of one symbol.
   *
   * @param symbol e.g. {@code amdsmi_shut_down}
   * @return how many times it was called
   */
  public long calls(String symbol) {
    Path log = directory.resolve("fake-amdsmi.calls");
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
      return lines.stream().filter(l -> l.equals(symbol) || l.startsWith(symbol + " ")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sets the fake's clock and reads the meter at the same time.
   *
   * @param meter the meter
   * @param millis the time in ms
   * @return the filled buffer
   */
  public ReadingBuffer readAt(Meter meter, long millis) {
    long nanos = millis * 1_000_000L;
    clock(nanos);
    ReadingBuffer buffer = new ReadingBuffer(meter.channels().size());
    buffer.reset(nanos);
    meter.read(buffer);
    return buffer;
  }

  /**
   * Returns a channel's fault, failing if it has none.
   *
   * @param buffer the buffer
   * @param channel the index
   * @return the fault
   */
  public static ChannelFault fault(ReadingBuffer buffer, int channel) {
    return Objects.requireNonNull(buffer.fault(channel), "channel " + channel + " has no fault");
  }

  private void write() {
    StringBuilder text = new StringBuilder("# written by FakeAmdSmi\n");
    settings.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
    try {
      Path tmp = directory.resolve("fake-amdsmi.control.tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, directory.resolve("fake-amdsmi.control"), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
