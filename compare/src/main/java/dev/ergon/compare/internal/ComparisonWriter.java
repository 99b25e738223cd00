package dev.ergon.compare.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ergon.compare.Comparison;
import dev.ergon.compare.Estimate;
import dev.ergon.compare.GroupSummary;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Writes a comparison as text or JSON.
 *
 * <p>This class is internal and is hence not for public use. Stateless and thread-safe.
 */
public final class ComparisonWriter {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private ComparisonWriter() {}

  /** Writes the JSON object, then a newline. */
  public static void json(Comparison c, Writer out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("unit", c.unit());
      group(g, "a", c.a());
      group(g, "b", c.b());
      g.writeFieldName("difference");
      estimate(g, c.difference());
      g.writeFieldName("ratio");
      estimate(g, c.ratio());
      g.writeNumberField("p_value", c.pValue());
      g.writeBooleanField("significant", c.isSignificant());
      g.writeStringField("interval_method", c.method().name().toLowerCase(Locale.ROOT));
      g.writeNumberField("effect", c.effect());
      Long needed = c.runsNeeded();
      if (needed == null) {
        g.writeNullField("runs_needed");
      } else {
        g.writeNumberField("runs_needed", needed.longValue());
      }
      g.writeNumberField("resamples", c.settings().resamples());
      g.writeNumberField("seed", c.settings().seed());
      g.writeArrayFieldStart("warnings");
      for (String w : c.warnings()) {
        g.writeString(w);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write(System.lineSeparator());
    out.flush();
  }

  private static void group(JsonGenerator g, String name, GroupSummary s) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("label", s.label());
    g.writeStringField("selection", s.selection());
    g.writeNumberField("runs", s.runs());
    g.writeFieldName("per_unit");
    estimate(g, s.perUnit());
    g.writeNumberField("standard_deviation", s.standardDeviation());
    if (Double.isNaN(s.skewness())) {
      g.writeNullField("skewness");
    } else {
      g.writeNumberField("skewness", s.skewness());
    }
    g.writeEndObject();
  }

  private static void estimate(JsonGenerator g, @Nullable Estimate e) throws IOException {
    if (e == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeNumberField("value", e.value());
    g.writeNumberField("lower", e.lower());
    g.writeNumberField("upper", e.upper());
    g.writeEndObject();
  }

  /** Writes aligned text. */
  public static void text(Comparison c, Writer out) throws IOException {
    String n = System.lineSeparator();
    StringBuilder s = new StringBuilder();
    s.append("Energy (").append(c.unit()).append("): mean of the runs with 95 % intervals (")
        .append(method(c)).append(')').append(n);
    for (GroupSummary g : new GroupSummary[] {c.a(), c.b()}) {
      s.append(String.format(Locale.US, "  %-5s %4d runs  %s  sd %s   %s%n", g.label(), g.runs(),
          estimate(g.perUnit()), num(g.standardDeviation()), g.selection()));
    }
    s.append(String.format(Locale.US, "  B − A            %s%n", estimate(c.difference())));
    Estimate r = c.ratio();
    if (r != null) {
      s.append(String.format(Locale.US, "  B / A            %s  (%+.1f %%)%n", estimate(r), (r.value() - 1) * 100));
    }
    s.append(String.format(Locale.US, "  p-value %s (Welch's t, two-sided): %s at α = 0.05%n", num(c.pValue()),
        c.isSignificant() ? "significant" : "not significant"));
    Long needed = c.runsNeeded();
    if (needed != null) {
      s.append(String.format(Locale.US, "  runs needed per side to detect a %s %% difference (80 %% power, "
          + "α = 0.05): %s%n", num(c.effect() * 100), needed == Long.MAX_VALUE ? "too many" : needed.toString()));
    }
    for (String w : c.warnings()) {
      s.append("warning: ").append(w).append(n);
    }
    out.write(s.toString());
    out.flush();
  }

  private static String method(dev.ergon.compare.Comparison c) {
    return switch (c.method()) {
      case WELCH -> "Welch's t";
      case BOOTSTRAP_BCA -> "bootstrap BCa, " + c.settings().resamples() + " resamples, seed " + c.settings().seed();
      case WELCH_BOOTSTRAP_HULL -> "hull of Welch's t and bootstrap BCa, " + c.settings().resamples()
          + " resamples, seed " + c.settings().seed();
    };
  }

  private static String estimate(Estimate e) {
    return String.format(Locale.US, "%10s [%s, %s]", num(e.value()), num(e.lower()), num(e.upper()));
  }

  /** Four significant digits, plain where readable. */
  static String num(double x) {
    if (x == 0 || (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6)) {
      return String.format(Locale.US, "%.4g", x).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
    return String.format(Locale.US, "%.3e", x);
  }
}
