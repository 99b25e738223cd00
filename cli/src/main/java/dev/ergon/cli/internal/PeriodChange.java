package dev.ergon.cli.internal;

import dev.ergon.accounting.HtmlSection;
import dev.ergon.accounting.ReportFormat;
import dev.ergon.accounting.sci.SciReport;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.compare.CompareFormat;
import dev.ergon.compare.EmissionsDecomposition;
import dev.ergon.compare.PeriodFigures;
import dev.ergon.compare.ZoneChange;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Writes a report followed by the period-over-period decomposition: in text, the report then the decomposition; in
 * JSON, {@code {"scope2": ..., "sci": ..., "decomposition": ...}} ({@code sci} only with {@code --sci}).
 *
 * <p>This class is internal and is hence not for public use. Stateless.
 */
final class PeriodChange {
  private PeriodChange() {}

  static void write(CommandSpec spec, ReportFormat format, Scope2Report report, @Nullable SciReport sci,
      EmissionsDecomposition d, PrintWriter out) {
    try {
      if (format == ReportFormat.JSON) {
        out.print("{\"scope2\": ");
        out.print(format.toString(report).strip());
        if (sci != null) {
          out.print(", \"sci\": ");
          out.print(format.toString(sci).strip());
        }
        out.print(", \"decomposition\": ");
        out.print(CompareFormat.JSON.toString(d).strip());
        out.println("}");
      } else if (format == ReportFormat.TEXT) {
        format.write(report, out);
        if (sci != null) {
          out.println();
          format.write(sci, out);
        }
        out.println();
        CompareFormat.TEXT.write(d, out);
      } else {
        throw new ParameterException(spec.commandLine(), "--compare-period prints with --format text, json or html, not "
            + format.name().toLowerCase(java.util.Locale.ROOT));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
    }
    out.flush();
  }

  /**
   * Returns the decomposition as a section of the HTML report: the periods, then one row per part and per place, in
   * gCO2e (whole micrograms, exact), the parts summing to the total as in the text and JSON.
   */
  static HtmlSection section(EmissionsDecomposition d) {
    List<String> paragraphs = new ArrayList<>();
    paragraphs.add("Change in location-based emissions between two periods, split by " + EmissionsDecomposition.METHOD
        + ". The parts sum exactly to the total change (whole micrograms; the rounding moved "
        + d.rounding() + " µg onto the largest part).");
    for (int i = 0; i < 2; i++) {
      PeriodFigures p = i == 0 ? d.before() : d.after();
      paragraphs.add((i == 0 ? "Before: " : "After: ") + p.period().start() + " to " + p.period().end() + ", "
          + grams(p.micrograms()) + " gCO2e, " + p.joules() / 3.6e6 + " kWh, " + p.units() + " units.");
    }
    if (d.rebound()) {
      paragraphs.add("Possible rebound: the energy per unit fell while the total energy rose.");
    }
    if (d.relocation()) {
      paragraphs.add("Relocation, not efficiency: the fall comes mainly from the region mix.");
    }
    paragraphs.addAll(d.notes());
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("total change", "", grams(d.total())));
    rows.add(List.of("activity (energy drawn)", "", grams(d.activity())));
    Long v = d.volume();
    Long e = d.efficiency();
    if (v != null && e != null) {
      rows.add(List.of("volume (units)", "", grams(v)));
      rows.add(List.of("efficiency (energy per unit)", "", grams(e)));
    }
    rows.add(List.of("grid", "", grams(d.grid())));
    rows.add(List.of("region mix", "", grams(d.mix())));
    rows.add(List.of("grid intensity", "", grams(d.intensity())));
    for (ZoneChange z : d.zones()) {
      rows.add(List.of("region mix", z.zone(), grams(z.mix())));
      rows.add(List.of("grid intensity", z.zone(), grams(z.intensity())));
    }
    return new HtmlSection("period-change", "Change between periods", paragraphs,
        List.of("part", "place", "gCO2e"), rows);
  }

  private static String grams(long micrograms) {
    return BigDecimal.valueOf(micrograms, 6).stripTrailingZeros().toPlainString();
  }
}
