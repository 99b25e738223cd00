package dev.ergon.accounting;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.internal.HtmlReportWriter;
import dev.ergon.accounting.internal.RecordBreakdown;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.accounting.sci.SciReport;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Scope 2 report as one self-contained HTML page, with what the page draws beside the report: the records it was
 * calculated from (for the energy per functional unit and the total energy per group over time, and the energy per
 * channel method), the tag to group by, the functional unit, and the SCI report.
 *
 * <pre>{@code
 * HtmlReport.of(report).records(records).groupBy("model").functionalUnit("prediction", 1000)
 *     .write(Files.newBufferedWriter(Path.of("report.html")));
 * }</pre>
 *
 * <p>The page has inline CSS and SVG charts, no script, and a Content Security Policy that forbids every network
 * request; every chart has its numbers in a table and {@code <title>} tooltips. Energies are in kWh, masses in
 * kgCO₂e (SCI in gCO₂e), intensities in gCO₂e/kWh, intervals 95 % (k = 2). The same inputs give the same bytes.
 * {@link ReportFormat#HTML} writes the same page from the report alone (without the per-group and per-method
 * sections, which need the records).
 *
 * <p>Immutable and thread-safe: each setter returns a new object.
 *
 * @since 0.1
 */
public final class HtmlReport {
  private final Scope2Report report;
  private final @Nullable List<EnergyRecord> records;
  private final @Nullable String groupBy;
  private final String unitName;
  private final long perUnits;
  private final @Nullable SciReport sci;
  private final List<HtmlSection> sections;

  private HtmlReport(Scope2Report report, @Nullable List<EnergyRecord> records, @Nullable String groupBy,
      String unitName, long perUnits, @Nullable SciReport sci, List<HtmlSection> sections) {
    this.report = report;
    this.records = records;
    this.groupBy = groupBy;
    this.unitName = unitName;
    this.perUnits = perUnits;
    this.sci = sci;
    this.sections = sections;
  }

  /**
   * Starts a page for a Scope 2 report; the functional unit is {@code unit}, counted per 1000.
   *
   * @param report the report
   * @return the page
   */
  public static HtmlReport of(Scope2Report report) {
    return new HtmlReport(Objects.requireNonNull(report, "report"), null, null, "unit", 1000, null, List.of());
  }

  /**
   * Returns a page that also draws from the records the report was calculated from.
   *
   * @param records the same records given to the calculation, in any order
   * @return the page
   */
  public HtmlReport records(Collection<EnergyRecord> records) {
    return new HtmlReport(report, List.copyOf(records), groupBy, unitName, perUnits, sci, sections);
  }

  /**
   * Returns a page whose groups are the values of one tag, or the combinations of values of several.
   *
   * @param tagKey the tag, e.g. {@code model}, or several separated by commas, e.g. {@code model,version} (one group
   *     per combination of values, named {@code llama-7b / v2}); by default the report's only tag key if it has one, else
   *     {@code model} if present, else the first key in alphabetical order
   * @return the page
   * @throws IllegalArgumentException if the key is blank
   */
  public HtmlReport groupBy(String tagKey) {
    StringBuilder keys = new StringBuilder();
    for (String key : tagKey.split(",", -1)) {
      if (key.isBlank()) {
        throw new IllegalArgumentException("a tag to group by is blank in '" + tagKey
            + "'; give a tag key such as model, or several separated by commas such as model,version");
      }
      keys.append(keys.length() == 0 ? "" : ",").append(key.strip());
    }
    return new HtmlReport(report, records, keys.toString(), unitName, perUnits, sci, sections);
  }

  /**
   * Returns a page with one more section, drawn after the months (e.g. the period-over-period decomposition).
   *
   * @param section the section; its id must differ from those of the sections already added
   * @return the page
   * @throws IllegalArgumentException if a section with that id was already added
   */
  public HtmlReport section(HtmlSection section) {
    for (HtmlSection s : sections) {
      if (s.id().equals(section.id())) {
        throw new IllegalArgumentException("a section with id '" + section.id() + "' is already on the page");
      }
    }
    List<HtmlSection> more = new java.util.ArrayList<>(sections);
    more.add(section);
    return new HtmlReport(report, records, groupBy, unitName, perUnits, sci, List.copyOf(more));
  }

  /**
   * Returns a page that gives the energy per {@code per} functional units of the given name.
   *
   * @param name the functional unit counted in the records' units, e.g. {@code prediction}
   * @param per how many units the energy is given for, {@code >= 1}, e.g. 1000
   * @return the page
   * @throws IllegalArgumentException if the name is blank or {@code per < 1}
   */
  public HtmlReport functionalUnit(String name, long per) {
    if (name.isBlank() || per < 1) {
      throw new IllegalArgumentException("functional unit '" + name + "' per " + per + ": give a name and per >= 1, "
          + "e.g. prediction per 1000");
    }
    return new HtmlReport(report, records, groupBy, name.strip(), per, sci, sections);
  }

  /**
   * Returns a page that also shows an SCI report.
   *
   * @param sciReport the SCI report of the same records
   * @return the page
   */
  public HtmlReport sci(SciReport sciReport) {
    return new HtmlReport(report, records, groupBy, unitName, perUnits, Objects.requireNonNull(sciReport, "sci"),
        sections);
  }

  /**
   * Writes the page.
   *
   * @param out the destination; flushed, not closed
   * @throws IOException if writing fails
   */
  public void write(Writer out) throws IOException {
    List<EnergyRecord> rs = records;
    String key = groupKey();
    RecordBreakdown breakdown = rs == null ? null : RecordBreakdown.of(rs, report.period(), key);
    String note;
    if (key == null) {
      note = "No record has a tag: one group, all.";
    } else if (groupBy != null) {
      note = key.contains(",")
          ? "Groups: the combinations of the values of the tags '" + key.replace(",", "', '")
              + "', joined with ' / '; (none) for a tag a record lacks."
          : "Groups: the values of the tag '" + key + "'; (none) for records without it.";
    } else {
      note = "Groups: the values of the tag '" + key + "' (tags found: " + String.join(", ", report.byTag().keySet())
          + "; choose one with --group-by TAG).";
    }
    HtmlReportWriter.write(report, new HtmlReportWriter.Inputs(breakdown, note, unitName, perUnits, sci, sections), out);
  }

  /**
   * Returns the page as a string.
   *
   * @return the HTML
   */
  @Override
  public String toString() {
    StringWriter w = new StringWriter();
    try {
      write(w);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a StringWriter failed", e);
    }
    return w.toString();
  }

  private @Nullable String groupKey() {
    if (groupBy != null) {
      return groupBy;
    }
    Set<String> keys = report.byTag().keySet();
    if (keys.isEmpty()) {
      return null;
    }
    if (keys.size() > 1 && keys.contains("model")) {
      return "model";
    }
    return keys.iterator().next();
  }
}
