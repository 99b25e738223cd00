package dev.ergon.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ergon.EnergyMonitor;
import dev.ergon.benchmarks.fixture.ConstantPowerMeterProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Measures the sampler thread's CPU share directly: a monitor with the constant-power fixture runs idle (no job
 * open) for a window, and the sampler thread's CPU time ({@link ThreadMXBean#getThreadCpuTime}) is divided by the
 * wall time. Measured at the default period (1 s; the target is below 0.1 % of one core) and at 10 ms, where enough
 * ticks happen to give a stable cost per tick.
 *
 * <p>{@code java -cp benchmarks.jar dev.ergon.benchmarks.SamplerCpuShare [--seconds 10] [--out sampler.json]}
 * prints one line per period and, with {@code --out}, writes the figures as JSON.
 *
 * <p>Not thread-safe; each call to {@link #measure} builds and closes its own monitor.
 */
public final class SamplerCpuShare {

  private static final String SAMPLER_PREFIX = "ergon-sampler-";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  /**
   * The sampler's cost over one window.
   *
   * @param period the sampling period in force
   * @param wallNanos the window's wall time, ns
   * @param ticks how many times the sampler read the meter in the window
   * @param cpuNanos the sampler thread's CPU time in the window, ns
   */
  public record Share(Duration period, long wallNanos, long ticks, long cpuNanos) {
    /**
     * Returns the CPU share of one core.
     *
     * @return CPU time over wall time, a fraction (0.001 is 0.1 %)
     */
    public double cpuShare() {
      return wallNanos > 0 ? (double) cpuNanos / wallNanos : 0.0;
    }

    /**
     * Returns the CPU time per tick.
     *
     * @return ns per tick, or NaN if no tick happened
     */
    public double cpuNanosPerTick() {
      return ticks > 0 ? (double) cpuNanos / ticks : Double.NaN;
    }
  }

  /** Creates the measurement. */
  public SamplerCpuShare() {}

  /**
   * Runs a monitor idle for a window and measures its sampler.
   *
   * @param period the sampling period, or {@code null} for the default
   * @param window how long to measure
   * @return the figures
   * @throws IllegalStateException if thread CPU time is not supported or no sampler thread is found
   * @throws InterruptedException if interrupted while waiting
   */
  public Share measure(@Nullable Duration period, Duration window) throws InterruptedException {
    if (!threads.isThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure thread CPU time (ThreadMXBean); no figure possible");
    }
    ConstantPowerMeterProvider provider = new ConstantPowerMeterProvider();
    EnergyMonitor.Builder builder = Monitors.fixture(provider);
    if (period != null) {
      builder.samplingPeriod(period);
    }
    try (EnergyMonitor monitor = builder.build()) {
      Thread sampler = findSampler();
      long reads0 = provider.reads();
      long cpu0 = threads.getThreadCpuTime(sampler.getId());
      long wall0 = System.nanoTime();
      Thread.sleep(window.toMillis());
      long cpu1 = threads.getThreadCpuTime(sampler.getId());
      long wall1 = System.nanoTime();
      long reads1 = provider.reads();
      if (cpu0 < 0 || cpu1 < 0) {
        throw new IllegalStateException("sampler thread " + sampler.getName() + " ended during the measurement");
      }
      return new Share(monitor.samplingPeriod(), wall1 - wall0, reads1 - reads0, cpu1 - cpu0);
    }
  }

  /** The live sampler thread with the highest number (monitors are measured one at a time). */
  private static Thread findSampler() {
    Thread best = null;
    long bestNumber = -1;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String name = t.getName();
      if (t.isAlive() && name.startsWith(SAMPLER_PREFIX)) {
        long n = Long.parseLong(name.substring(SAMPLER_PREFIX.length()));
        if (n > bestNumber) {
          bestNumber = n;
          best = t;
        }
      }
    }
    if (best == null) {
      throw new IllegalStateException("no thread named " + SAMPLER_PREFIX + "N is running; did the monitor start "
          + "its sampler?");
    }
    return best;
  }

  /**
   * Measures at the default period and at 10 ms.
   *
   * @param args {@code [--seconds N] [--out FILE]}
   * @throws Exception if the measurement or writing fails
   */
  public static void main(String[] args) throws Exception {
    double seconds = 10;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Double.parseDouble(value(args, ++i));
        case "--out" -> out = Path.of(value(args, ++i));
        default -> throw new IllegalArgumentException("unknown argument '" + args[i]
            + "'; usage: SamplerCpuShare [--seconds N] [--out FILE]");
      }
    }
    Duration window = Duration.ofMillis(Math.round(seconds * 1000));
    SamplerCpuShare m = new SamplerCpuShare();
    List<Share> shares = new ArrayList<>();
    shares.add(m.measure(null, window));
    shares.add(m.measure(Duration.ofMillis(10), window));
    PrintStream stdout = System.out;
    for (Share s : shares) {
      stdout.println(String.format(Locale.US, "sampler period %s: %d ticks in %.1f s, CPU %.3f ms, share %.5f %%"
              + " of one core, %.1f µs per tick", s.period(), s.ticks(), s.wallNanos() / 1e9, s.cpuNanos() / 1e6,
          s.cpuShare() * 100, s.cpuNanosPerTick() / 1e3));
    }
    if (out != null) {
      try (OutputStream os = Files.newOutputStream(out)) {
        write(shares, os);
      }
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  /**
   * Writes the figures as a JSON array.
   *
   * @param shares the figures
   * @param os where to write; not closed
   * @throws IOException if writing fails
   */
  static void write(List<Share> shares, OutputStream os) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(os)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartArray();
      for (Share s : shares) {
        g.writeStartObject();
        g.writeNumberField("periodNanos", s.period().toNanos());
        g.writeNumberField("wallNanos", s.wallNanos());
        g.writeNumberField("ticks", s.ticks());
        g.writeNumberField("cpuNanos", s.cpuNanos());
        g.writeNumberField("cpuShare", s.cpuShare());
        g.writeNumberField("cpuNanosPerTick", s.ticks() > 0 ? s.cpuNanosPerTick() : 0.0);
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }
}
