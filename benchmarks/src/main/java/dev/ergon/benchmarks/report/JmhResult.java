package dev.ergon.benchmarks.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One benchmark's result from a JMH JSON file ({@code -rf json}), reduced to what the table shows.
 *
 * <p>Immutable and thread-safe.
 *
 * @param benchmark the fully qualified benchmark method, e.g. {@code dev.ergon.benchmarks.JobBenchmark.openClose1Thread}
 * @param mode JMH's mode: {@code avgt}, {@code thrpt}, {@code sample}, {@code ss}
 * @param threads the number of benchmark threads
 * @param params the {@code @Param} values, in JMH's order
 * @param score the primary score, in {@code unit}
 * @param error the half-width of the 99.9 % confidence interval, in {@code unit}; NaN if JMH gave none
 * @param unit the score's unit, e.g. {@code ns/op} or {@code ops/s}
 * @param allocBytesPerOp bytes allocated per operation ({@code -prof gc}'s {@code gc.alloc.rate.norm}); NaN if not
 *     measured
 */
record JmhResult(String benchmark, String mode, int threads, Map<String, String> params, double score,
    double error, String unit, double allocBytesPerOp) {

  /** Copies the map. */
  JmhResult {
    Objects.requireNonNull(benchmark, "benchmark");
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /**
   * Reads every result of a JMH JSON file.
   *
   * @param in the file's content; not closed
   * @return the results in file order
   * @throws IOException if the content is not a JMH JSON result array
   */
  static List<JmhResult> readAll(InputStream in) throws IOException {
    Object root = JsonTree.read(in);
    if (!(root instanceof List<?> list)) {
      throw new IOException("not a JMH JSON result file: the top level is not an array");
    }
    List<JmhResult> out = new ArrayList<>();
    for (Object o : list) {
      Object primary = JsonTree.get(o, "primaryMetric");
      if (primary == null) {
        throw new IOException("not a JMH JSON result: no primaryMetric in " + JsonTree.text(o, "benchmark"));
      }
      Map<String, String> params = new LinkedHashMap<>();
      if (JsonTree.get(o, "params") instanceof Map<?, ?> p) {
        for (Map.Entry<?, ?> e : p.entrySet()) {
          params.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
      }
      double alloc = Double.NaN;
      Object secondary = JsonTree.get(o, "secondaryMetrics");
      Object norm = secondary == null ? null : JsonTree.get(secondary, "gc.alloc.rate.norm");
      if (norm != null) {
        alloc = JsonTree.number(norm, "score");
      }
      double threads = JsonTree.number(o, "threads");
      out.add(new JmhResult(JsonTree.text(o, "benchmark"), JsonTree.text(o, "mode"),
          Double.isNaN(threads) ? 1 : (int) threads, params, JsonTree.number(primary, "score"),
          JsonTree.number(primary, "scoreError"), JsonTree.text(primary, "scoreUnit"), alloc));
    }
    return out;
  }

  /**
   * Returns the time one operation takes on one thread.
   *
   * @return nanoseconds per operation
   * @throws IllegalArgumentException if the unit is neither a time per operation nor operations per time
   */
  double nanosPerOp() {
    if (unit.endsWith("/op")) {
      return score * nanosPer(unit.substring(0, unit.length() - 3));
    }
    if (unit.startsWith("ops/")) {
      return nanosPer(unit.substring(4)) / score;
    }
    throw new IllegalArgumentException(benchmark + ": unit '" + unit + "' is not a time per op or ops per time");
  }

  /**
   * Returns the error as nanoseconds per operation.
   *
   * @return the half-width in ns/op; NaN if JMH gave none
   */
  double errorNanosPerOp() {
    return score == 0 ? Double.NaN : nanosPerOp() * error / score;
  }

  private double nanosPer(String timeUnit) {
    return switch (timeUnit) {
      case "ns" -> 1;
      case "us" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "min" -> 60e9;
      default -> throw new IllegalArgumentException(benchmark + ": unknown time unit '" + timeUnit + "'");
    };
  }
}
