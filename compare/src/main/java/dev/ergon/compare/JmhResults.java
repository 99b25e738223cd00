package dev.ergon.compare;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Reads one side's runs from a JMH result file ({@code -rf json}) written with Ergon's energy profiler
 * ({@code -prof dev.ergon.jmh.EnergyProfiler}): each measurement iteration's {@code ergon.energy.norm}
 * (µJ per operation) is a run, converted to joules per {@link Basis} operations.
 *
 * <p>Which benchmark: {@code benchmark:NAME} (the full name, or its end after a dot, e.g. {@code Infer.int8}) and
 * {@code param:KEY=VALUE}, joined with commas; with no selector the file must hold exactly one benchmark with
 * energy figures.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.2
 */
public final class JmhResults {
  /** The profiler's per-operation energy metric, in µJ/op. */
  public static final String METRIC = "ergon.energy.norm";

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private JmhResults() {}

  /**
   * Reads one side's runs.
   *
   * @param label {@code A} or {@code B}
   * @param file the JMH JSON result file
   * @param selector which benchmark, or null when the file holds one
   * @param per the figures are per this many operations, {@code >= 1}
   * @return the group: one value per measurement iteration, in joules per {@code per} operations
   * @throws IllegalArgumentException if the file is unreadable or not JMH JSON (naming file:line), if no benchmark
   *     or several match (listing those found), or if the benchmark has no {@value #METRIC} (run it with the
   *     profiler)
   */
  public static RunGroup read(String label, Path file, @Nullable String selector, long per) {
    List<Bench> benches = parse(file);
    List<Bench> withEnergy = new ArrayList<>();
    for (Bench b : benches) {
      if (b.raw != null) {
        withEnergy.add(b);
      }
    }
    if (withEnergy.isEmpty()) {
      throw new IllegalArgumentException(file + ": no benchmark has " + METRIC + " (" + benches.size()
          + " benchmark" + (benches.size() == 1 ? "" : "s") + " read); run JMH with -prof "
          + "dev.ergon.jmh.EnergyProfiler and -rf json");
    }
    List<Bench> chosen = new ArrayList<>();
    for (Bench b : withEnergy) {
      if (selector == null || matches(b, selector)) {
        chosen.add(b);
      }
    }
    if (chosen.size() != 1) {
      List<String> names = new ArrayList<>();
      for (Bench b : withEnergy) {
        names.add(b.describe());
      }
      throw new IllegalArgumentException(file + ": " + (chosen.isEmpty() ? "no benchmark matches" : chosen.size()
          + " benchmarks match") + (selector == null ? " (no selector given)" : " '" + selector + "'")
          + "; choose one with benchmark:NAME and param:KEY=VALUE; found: " + String.join("; ", names));
    }
    Bench b = chosen.get(0);
    List<List<Double>> raw = b.raw;
    List<Double> values = new ArrayList<>();
    for (List<Double> fork : raw == null ? List.<List<Double>>of() : raw) {
      for (double microPerOp : fork) {
        values.add(microPerOp * 1e-6 * per);
      }
    }
    List<String> notes = new ArrayList<>();
    if (raw != null && raw.size() == 1 && values.size() > 1) {
      notes.add(label + ": " + values.size() + " iterations of one fork: iterations in one JVM are not independent "
          + "runs, so the intervals may be too narrow; run JMH with -f 2 or more");
    }
    Set<String> methods = new TreeSet<>();
    if (b.method != null) {
      methods.add(b.method);
    }
    return new RunGroup(label, file.getFileName() + ": " + b.describe(), Basis.perUnits(per, "op"), values,
        new TreeSet<>(methods), new TreeSet<>(), new TreeSet<>(), notes);
  }

  private static boolean matches(Bench b, String selector) {
    for (String part : selector.split(",", -1)) {
      String c = part.strip();
      if (c.startsWith("benchmark:") && c.length() > "benchmark:".length()) {
        String name = c.substring("benchmark:".length());
        if (!b.name.equals(name) && !b.name.endsWith("." + name)) {
          return false;
        }
      } else if (c.startsWith("param:") && c.indexOf('=') > "param:".length()) {
        int eq = c.indexOf('=');
        if (!c.substring(eq + 1).equals(b.params.get(c.substring("param:".length(), eq)))) {
          return false;
        }
      } else {
        throw new IllegalArgumentException("bad benchmark selector condition '" + c + "' in '" + selector + "': use "
            + "benchmark:NAME or param:KEY=VALUE, joined with commas (e.g. benchmark:Infer.run,param:dtype=int8)");
      }
    }
    return true;
  }

  /* One benchmark entry: its name, parameters and the energy metric's raw data per fork. */
  private static final class Bench {
    String name = "";
    final SortedMap<String, String> params = new TreeMap<>();
    @Nullable List<List<Double>> raw;
    @Nullable String method;

    String describe() {
      if (params.isEmpty()) {
        return name;
      }
      StringBuilder s = new StringBuilder(name).append(" (");
      boolean first = true;
      for (Map.Entry<String, String> e : params.entrySet()) {
        s.append(first ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
        first = false;
      }
      return s.append(')').toString();
    }
  }

  private static List<Bench> parse(Path file) {
    try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
      try {
        List<Bench> out = new ArrayList<>();
        expect(p, p.nextToken(), JsonToken.START_ARRAY, file, "an array of benchmark results");
        while (p.nextToken() == JsonToken.START_OBJECT) {
          out.add(bench(p, file));
        }
        expect(p, p.currentToken(), JsonToken.END_ARRAY, file, "the end of the results array");
        return out;
      } catch (IOException | RuntimeException e) {
        if (e instanceof IllegalArgumentException iae) {
          throw iae;
        }
        throw new IllegalArgumentException(file + ":" + p.currentLocation().getLineNr() + ": not a JMH JSON result "
            + "file (" + e.getMessage() + "); write one with -rf json", e);
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such file: " + file + "; check the path", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage() + "; check the path and "
          + "permissions", e);
    }
  }

  private static void expect(JsonParser p, @Nullable JsonToken t, JsonToken want, Path file, String what) {
    if (t != want) {
      throw new IllegalArgumentException(file + ":" + p.currentLocation().getLineNr() + ": expected " + what
          + ", found " + (t == null ? "the end of the file" : t.asString() == null ? t.name() : t.asString())
          + "; is this JMH's -rf json output?");
    }
  }

  private static Bench bench(JsonParser p, Path file) throws IOException {
    Bench b = new Bench();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if ("benchmark".equals(field) && v == JsonToken.VALUE_STRING) {
        b.name = p.getText();
      } else if ("params".equals(field) && v == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          b.params.put(key, p.getText());
        }
      } else if ("secondaryMetrics".equals(field) && v == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String metric = p.currentName();
          expect(p, p.nextToken(), JsonToken.START_OBJECT, file, "the metric " + metric + "'s object");
          if (METRIC.equals(metric)) {
            metric(p, b, file);
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
    return b;
  }

  private static void metric(JsonParser p, Bench b, Path file) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if ("scoreUnit".equals(field) && v == JsonToken.VALUE_STRING) {
        String unit = p.getText();
        int open = unit.indexOf('(');
        int close = unit.lastIndexOf(')');
        if (!unit.startsWith("uJ/op")) {
          throw new IllegalArgumentException(file + ":" + p.currentLocation().getLineNr() + ": " + METRIC
              + " is in '" + unit + "', expected uJ/op; was the file written by Ergon's energy profiler?");
        }
        b.method = open >= 0 && close > open ? unit.substring(open + 1, close).toLowerCase(Locale.ROOT) : null;
      } else if ("rawData".equals(field) && v == JsonToken.START_ARRAY) {
        List<List<Double>> forks = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_ARRAY) {
          List<Double> it = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (!p.currentToken().isNumeric()) {
              throw new IllegalArgumentException(file + ":" + p.currentLocation().getLineNr() + ": " + METRIC
                  + " rawData holds '" + p.getText() + "', expected numbers");
            }
            it.add(p.getDoubleValue());
          }
          forks.add(it);
        }
        b.raw = forks;
      } else {
        p.skipChildren();
      }
    }
  }
}
