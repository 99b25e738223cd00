package dev.ergon.benchmarks.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Renders JMH results as the Markdown tables published in the README: each benchmark's time per operation with its
 * 99.9 % error, operations per second per thread, the ratio to the floor (one raw powercap counter read with
 * {@code pread}, {@code RawCounterReadBenchmark.preadParse}), and the allocation per operation when
 * {@code -prof gc} ran; then the sampler's CPU share, and the workload's slowdown inside a job.
 *
 * <p>{@code java -cp benchmarks.jar dev.ergon.benchmarks.report.ResultsTable results.json [sampler.json]} prints
 * the Markdown to standard output.
 *
 * <p>Stateless and thread-safe.
 */
public final class ResultsTable {

  /** The benchmark whose time is the unit of the ratio column. */
  static final String FLOOR = "dev.ergon.benchmarks.RawCounterReadBenchmark.preadParse";

  private static final String FLOOR_CLASS = "dev.ergon.benchmarks.RawCounterReadBenchmark.";

  private static final String PACKAGE = "dev.ergon.benchmarks.";
  private static final String WORKLOAD = "dev.ergon.benchmarks.WorkloadBenchmark.cpuBound";

  private ResultsTable() {}

  /**
   * Prints the tables.
   *
   * @param args the JMH JSON file, then optionally the JSON written by {@code SamplerCpuShare --out}
   * @throws IOException if a file cannot be read or is malformed
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      throw new IllegalArgumentException("usage: ResultsTable <jmh-results.json> [<sampler.json>]");
    }
    List<JmhResult> results;
    try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
      results = JmhResult.readAll(in);
    }
    Object sampler = null;
    if (args.length == 2) {
      try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
        sampler = JsonTree.read(in);
      }
    }
    System.out.print(render(results, sampler));
  }

  /**
   * Renders the tables.
   *
   * @param results the JMH results
   * @param sampler the sampler figures as read from {@code SamplerCpuShare}'s JSON, or {@code null}
   * @return the Markdown
   */
  static String render(List<JmhResult> results, @Nullable Object sampler) {
    StringBuilder md = new StringBuilder();
    double floor = Double.NaN;
    for (JmhResult r : results) {
      if (r.benchmark().equals(FLOOR)) {
        floor = r.nanosPerOp();
      }
    }
    md.append("| Benchmark | Params | Threads | Time per op | ± (99.9 %) | Ops/s per thread | × floor | Alloc per op |\n");
    md.append("|---|---|--:|--:|--:|--:|--:|--:|\n");
    List<JmhResult> ordered = new ArrayList<>(results);
    ordered.sort(Comparator.comparing((JmhResult r) -> !r.benchmark().startsWith(FLOOR_CLASS))); // the floor first
    for (JmhResult r : ordered) {
      double ns = r.nanosPerOp();
      md.append("| ").append(name(r.benchmark()))
          .append(" | ").append(params(r.params()))
          .append(" | ").append(r.threads())
          .append(" | ").append(time(ns))
          .append(" | ").append(Double.isNaN(r.error()) ? "–" : time(r.errorNanosPerOp()))
          .append(" | ").append(rate(1e9 / ns))
          .append(" | ").append(Double.isNaN(floor) ? "–" : ratio(ns / floor))
          .append(" | ").append(Double.isNaN(r.allocBytesPerOp()) ? "–"
              : String.format(Locale.US, "%,.0f B", r.allocBytesPerOp()))
          .append(" |\n");
    }
    String slowdown = workloadSlowdown(results);
    if (slowdown != null) {
      md.append('\n').append(slowdown).append('\n');
    }
    for (JmhResult r : results) {
      String records = r.params().get("records");
      if (records != null) {
        double n = Double.parseDouble(records);
        double seconds = r.nanosPerOp() / 1e9;
        md.append('\n').append(String.format(Locale.US, "%s (%s) over %,.0f records: %s per report, %,.0f records/s",
            name(r.benchmark()), params(r.params()), n, time(r.nanosPerOp()), n / seconds));
        if (!Double.isNaN(r.allocBytesPerOp())) {
          md.append(String.format(Locale.US, ", %,.0f B allocated per record", r.allocBytesPerOp() / n));
        }
        md.append(".\n");
      }
    }
    if (sampler instanceof List<?> shares && !shares.isEmpty()) {
      md.append("\n| Sampler period | Window | Ticks | Sampler CPU | CPU share of one core | CPU per tick |\n");
      md.append("|--:|--:|--:|--:|--:|--:|\n");
      for (Object s : shares) {
        double period = JsonTree.number(s, "periodNanos");
        double wall = JsonTree.number(s, "wallNanos");
        double ticks = JsonTree.number(s, "ticks");
        double cpu = JsonTree.number(s, "cpuNanos");
        md.append("| ").append(time(period))
            .append(" | ").append(time(wall))
            .append(" | ").append(String.format(Locale.US, "%.0f", ticks))
            .append(" | ").append(time(cpu))
            .append(" | ").append(String.format(Locale.US, "%.4f %%", 100 * JsonTree.number(s, "cpuShare")))
            .append(" | ").append(ticks > 0 ? time(cpu / ticks) : "–")
            .append(" |\n");
      }
    }
    return md.toString();
  }

  /** The CPU-bound workload's time inside a job relative to no monitor at all, with the combined error. */
  private static @Nullable String workloadSlowdown(List<JmhResult> results) {
    JmhResult bare = null;
    JmhResult inside = null;
    for (JmhResult r : results) {
      if (r.benchmark().equals(WORKLOAD)) {
        if ("false".equals(r.params().get("insideJob"))) {
          bare = r;
        } else if ("true".equals(r.params().get("insideJob"))) {
          inside = r;
        }
      }
    }
    if (bare == null || inside == null) {
      return null;
    }
    double b = bare.nanosPerOp();
    double i = inside.nanosPerOp();
    double e = Math.hypot(nanOrZero(bare.errorNanosPerOp()), nanOrZero(inside.errorNanosPerOp()));
    String verdict = Math.abs(i - b) <= e ? "within the error" : "outside the error";
    return String.format(Locale.US,
        "CPU-bound workload inside an open job: %+.2f %% ± %.2f %% (99.9 %%) against no monitor, %s.",
        100 * (i - b) / b, 100 * e / b, verdict);
  }

  private static double nanOrZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  private static String name(String benchmark) {
    return benchmark.startsWith(PACKAGE) ? benchmark.substring(PACKAGE.length()) : benchmark;
  }

  private static String params(Map<String, String> params) {
    if (params.isEmpty()) {
      return "";
    }
    StringJoiner j = new StringJoiner(", ");
    params.forEach((k, v) -> j.add(k + "=" + v));
    return j.toString();
  }

  /**
   * Formats a time with a unit that keeps 3 or 4 significant figures.
   *
   * @param nanos the time in ns
   * @return e.g. {@code 812 ns}, {@code 3.41 µs}, {@code 1.20 ms}
   */
  static String time(double nanos) {
    if (Double.isNaN(nanos)) {
      return "–";
    }
    double abs = Math.abs(nanos);
    if (abs < 1e3) {
      return String.format(Locale.US, abs < 10 ? "%.2f ns" : abs < 100 ? "%.1f ns" : "%.0f ns", nanos);
    }
    List<String> units = new ArrayList<>(List.of("µs", "ms", "s"));
    double v = nanos / 1e3;
    String unit = units.remove(0);
    while (Math.abs(v) >= 1e3 && !units.isEmpty()) {
      v /= 1e3;
      unit = units.remove(0);
    }
    double a = Math.abs(v);
    return String.format(Locale.US, a < 10 ? "%.2f %s" : a < 100 ? "%.1f %s" : "%.0f %s", v, unit);
  }

  /**
   * Formats a rate.
   *
   * @param perSecond operations per second
   * @return e.g. {@code 1,032,445} or, below 10, {@code 0.131}
   */
  static String rate(double perSecond) {
    return String.format(Locale.US, perSecond < 10 ? "%.3g" : "%,.0f", perSecond);
  }

  /**
   * Formats a ratio.
   *
   * @param ratio the multiple of the floor
   * @return e.g. {@code 1.00×}, {@code 12.3×}, {@code 140×}
   */
  static String ratio(double ratio) {
    return String.format(Locale.US, ratio < 10 ? "%.2f×" : ratio < 100 ? "%.1f×" : "%,.0f×", ratio);
  }
}
