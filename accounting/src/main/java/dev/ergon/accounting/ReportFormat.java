package dev.ergon.accounting;

import dev.ergon.accounting.internal.CsvReportWriter;
import dev.ergon.accounting.internal.HtmlReportWriter;
import dev.ergon.accounting.internal.JsonReportWriter;
import dev.ergon.accounting.internal.TextReportWriter;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.accounting.sci.SciReport;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Optional;

/**
 * The formats reports are written in.
 *
 * <pre>{@code
 * try (Writer w = Files.newBufferedWriter(Path.of("scope2.json"))) {
 *   ReportFormat.JSON.write(report, w);
 * }
 * System.out.print(ReportFormat.TEXT.toString(report));
 * }</pre>
 *
 * <p>Units are in the field names: energies in kWh, masses in kgCO₂e (SCI scores in gCO₂e per functional unit),
 * intensities in gCO₂e/kWh; every total carries its standard uncertainty and 95 % bounds (k = 2). Writers do not
 * close the {@link Writer}; they flush it. Thread-safe (stateless).
 *
 * @since 0.1
 */
public enum ReportFormat {
  /**
   * JSON (one object, pretty-printed): everything in the report, including the input digest, options, data sets,
   * instruments, factors, disclosures and the per-place, per-hour cells. Field names are snake_case with the unit
   * in the name; the layout is versioned ({@code schema_version}, now 2) and documented field by field in the
   * module's {@code REPORT-JSON.md}.
   */
  JSON,
  /**
   * CSV (RFC 4180, header row): Scope 2 as one long table whose {@code section} column is {@code total},
   * {@code zone}, {@code month}, {@code tag:<key>} or {@code cell}; SCI as one row.
   */
  CSV,
  /** A readable summary: totals with intervals, breakdowns, coverage, instruments, factors and disclosures. */
  TEXT,
  /**
   * One self-contained HTML page (inline CSS and SVG, no script, a Content Security Policy that forbids every
   * network request): the dual totals, months, heat maps by UTC hour and day, zones, coverage, instruments,
   * factors and every disclosure, each chart with its numbers in a table. Written from the report alone; use
   * {@link HtmlReport} to add what needs the records (energy per functional unit and per group over time, energy
   * per channel method) or an SCI report.
   *
   * @since 0.1
   */
  HTML;

  /**
   * Parses a format name.
   *
   * @param name {@code json}, {@code csv}, {@code text} or {@code html} (case-insensitive)
   * @return the format, or empty if unknown
   */
  public static Optional<ReportFormat> parse(String name) {
    for (ReportFormat f : values()) {
      if (f.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * Writes a Scope 2 report.
   *
   * @param report the report
   * @param out the destination; flushed, not closed
   * @throws IOException if writing fails
   */
  public void write(Scope2Report report, Writer out) throws IOException {
    switch (this) {
      case JSON -> JsonReportWriter.write(report, out);
      case CSV -> CsvReportWriter.write(report, out);
      case TEXT -> TextReportWriter.write(report, out);
      case HTML -> HtmlReport.of(report).write(out);
    }
  }

  /**
   * Writes an SCI report.
   *
   * @param report the report
   * @param out the destination; flushed, not closed
   * @throws IOException if writing fails
   */
  public void write(SciReport report, Writer out) throws IOException {
    switch (this) {
      case JSON -> JsonReportWriter.write(report, out);
      case CSV -> CsvReportWriter.write(report, out);
      case TEXT -> TextReportWriter.write(report, out);
      case HTML -> HtmlReportWriter.write(report, out);
    }
  }

  /**
   * Returns a Scope 2 report in this format as a string.
   *
   * @param report the report
   * @return the text
   */
  public String toString(Scope2Report report) {
    StringWriter w = new StringWriter();
    try {
      write(report, w);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a StringWriter failed", e);
    }
    return w.toString();
  }

  /**
   * Returns an SCI report in this format as a string.
   *
   * @param report the report
   * @return the text
   */
  public String toString(SciReport report) {
    StringWriter w = new StringWriter();
    try {
      write(report, w);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a StringWriter failed", e);
    }
    return w.toString();
  }
}
