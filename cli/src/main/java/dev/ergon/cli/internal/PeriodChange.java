package dev.ergon.cli.internal;

import dev.ergon.accounting.ReportFormat;
import dev.ergon.accounting.sci.SciReport;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.compare.CompareFormat;
import dev.ergon.compare.EmissionsDecomposition;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
        throw new ParameterException(spec.commandLine(), "--compare-period prints with --format text or json, not "
            + format.name().toLowerCase(java.util.Locale.ROOT));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
    }
    out.flush();
  }
}
