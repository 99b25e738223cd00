package dev.ergon.compare.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ergon.compare.EmissionsDecomposition;
import dev.ergon.compare.PeriodFigures;
import dev.ergon.compare.ZoneChange;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Writes an emissions decomposition as text or JSON. Masses are written as exact decimals of grams (whole
 * micrograms), so the printed parts sum to the printed total.
 *
 * <p>This class is internal and is hence not for public use. Stateless and thread-safe.
 */
public final class DecompositionWriter {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private DecompositionWriter() {}

  /** Grams, exactly, from micrograms. */
  public static BigDecimal grams(long micrograms) {
    return BigDecimal.valueOf(micrograms, 6);
  }

  /** Writes the JSON object, then a newline. */
  public static void json(EmissionsDecomposition d, Writer out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      object(g, d);
    }
    out.write(System.lineSeparator());
    out.flush();
  }

  /**
   * Writes the decomposition as one JSON object into a generator, so that it can be embedded in another object.
   *
   * @param g the generator
   * @param d the decomposition
   * @throws IOException if writing fails
   */
  public static void object(JsonGenerator g, EmissionsDecomposition d) throws IOException {
    g.writeStartObject();
    g.writeStringField("method", EmissionsDecomposition.METHOD);
    g.writeStringField("unit", "gCO2e");
    period(g, "before", d.before());
    period(g, "after", d.after());
    g.writeNumberField("total_g", grams(d.total()));
    g.writeNumberField("activity_g", grams(d.activity()));
    nullableGrams(g, "volume_g", d.volume());
    nullableGrams(g, "efficiency_g", d.efficiency());
    g.writeNumberField("grid_g", grams(d.grid()));
    g.writeNumberField("mix_g", grams(d.mix()));
    g.writeNumberField("intensity_g", grams(d.intensity()));
    g.writeNumberField("rounding_ug", d.rounding());
    g.writeArrayFieldStart("zones");
    for (ZoneChange z : d.zones()) {
      g.writeStartObject();
      g.writeStringField("zone", z.zone());
      g.writeNumberField("energy_kwh_before", z.joulesBefore() / 3.6e6);
      g.writeNumberField("energy_kwh_after", z.joulesAfter() / 3.6e6);
      g.writeNumberField("intensity_g_per_kwh_before", z.gramsPerKilowattHourBefore());
      g.writeNumberField("intensity_g_per_kwh_after", z.gramsPerKilowattHourAfter());
      g.writeNumberField("location_based_g_before", grams(z.microgramsBefore()));
      g.writeNumberField("location_based_g_after", grams(z.microgramsAfter()));
      g.writeNumberField("mix_g", grams(z.mix()));
      g.writeNumberField("intensity_g", grams(z.intensity()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeBooleanField("rebound", d.rebound());
    g.writeBooleanField("relocation", d.relocation());
    g.writeArrayFieldStart("notes");
    for (String n : d.notes()) {
      g.writeString(n);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void nullableGrams(JsonGenerator g, String field, @Nullable Long micrograms) throws IOException {
    if (micrograms == null) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, grams(micrograms));
    }
  }

  private static void period(JsonGenerator g, String name, PeriodFigures p) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("from", p.period().start().toString());
    g.writeStringField("to", p.period().end().toString());
    g.writeNumberField("units", p.units());
    g.writeNumberField("energy_kwh", p.joules() / 3.6e6);
    g.writeNumberField("location_based_g", grams(p.micrograms()));
    g.writeEndObject();
  }

  /** Writes aligned text. */
  public static void text(EmissionsDecomposition d, Writer out) throws IOException {
    StringBuilder s = new StringBuilder();
    s.append("Change in location-based emissions (").append(EmissionsDecomposition.METHOD).append(')')
        .append(System.lineSeparator());
    for (int i = 0; i < 2; i++) {
      PeriodFigures p = i == 0 ? d.before() : d.after();
      s.append(String.format(Locale.US, "  %-7s %s .. %s  %s gCO2e  %s kWh  %s units%n",
          i == 0 ? "before" : "after", p.period().start(), p.period().end(), grams(p.micrograms())
              .toPlainString(), ComparisonWriter.num(p.joules() / 3.6e6), ComparisonWriter.num(p.units())));
    }
    line(s, "total change", d.total(), 2);
    line(s, "activity (energy drawn)", d.activity(), 4);
    Long v = d.volume();
    Long e = d.efficiency();
    if (v != null && e != null) {
      line(s, "volume (units)", v, 6);
      line(s, "efficiency (energy per unit)", e, 6);
    } else {
      s.append("      volume and efficiency: not split (a period has no units)").append(System.lineSeparator());
    }
    line(s, "grid", d.grid(), 4);
    line(s, "region mix", d.mix(), 6);
    line(s, "grid intensity", d.intensity(), 6);
    if (!d.zones().isEmpty()) {
      s.append(String.format(Locale.US, "  %-22s %21s %23s %16s %16s%n", "by place", "kWh before → after",
          "gCO2e/kWh before → after", "mix gCO2e", "intensity gCO2e"));
      for (ZoneChange z : d.zones()) {
        s.append(String.format(Locale.US, "  %-22s %21s %23s %16s %16s%n", z.zone(),
            ComparisonWriter.num(z.joulesBefore() / 3.6e6) + " → " + ComparisonWriter.num(z.joulesAfter() / 3.6e6),
            ComparisonWriter.num(z.gramsPerKilowattHourBefore()) + " → "
                + ComparisonWriter.num(z.gramsPerKilowattHourAfter()),
            grams(z.mix()).toPlainString(), grams(z.intensity()).toPlainString()));
      }
    }
    for (String n : d.notes()) {
      s.append("  note: ").append(n).append(System.lineSeparator());
    }
    out.write(s.toString());
    out.flush();
  }

  private static void line(StringBuilder s, String label, long micrograms, int indent) {
    s.append(" ".repeat(indent)).append(String.format(Locale.US, "%-" + (34 - indent) + "s %20s gCO2e%n", label,
        (micrograms > 0 ? "+" : "") + grams(micrograms).toPlainString()));
  }
}
