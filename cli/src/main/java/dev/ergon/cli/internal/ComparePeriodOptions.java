package dev.ergon.cli.internal;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.scope2.Scope2Calculator;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.compare.EmissionsDecomposition;
import dev.ergon.compare.PeriodFigures;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code ergon report}'s period-over-period options: {@code --compare-period P} or {@code --compare-from T
 * --compare-to T}, the earlier period whose location-based emissions the report's period is compared with, and
 * the decomposition of the change (LMDI-I: volume, efficiency, region mix, grid intensity).
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one instance per command line.
 */
public final class ComparePeriodOptions {
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");

  @Option(names = "--compare-period", paramLabel = "P",
      description = "Also decompose the change in location-based emissions from this period to the report's "
          + "period into volume, efficiency, region mix and grid intensity: a year (2025), a quarter (2026-Q1), a "
          + "month (2026-03) or a day.")
  @Nullable String period;

  @Option(names = "--compare-from", paramLabel = "T",
      description = "The start of the period to compare with (instead of --compare-period; with --compare-to).")
  @Nullable String from;

  @Option(names = "--compare-to", paramLabel = "T", description = "The end of the period to compare with.")
  @Nullable String to;

  /** Creates the options; picocli fills them in. */
  public ComparePeriodOptions() {}

  /**
   * Tells whether a comparison was asked for.
   *
   * @return true if any option is given
   */
  boolean isSet() {
    return period != null || from != null || to != null;
  }

  /**
   * Returns the period to compare with, checked.
   *
   * @param spec the command, for usage errors
   * @return the period
   */
  ReportingPeriod baseline(CommandSpec spec) {
    String p = period;
    String f = from;
    String t = to;
    if (p != null && (f != null || t != null)) {
      throw new ParameterException(spec.commandLine(), "give --compare-period or --compare-from with --compare-to, "
          + "not both");
    }
    try {
      if (p != null) {
        Matcher q = QUARTER.matcher(p.strip());
        if (q.matches()) {
          YearMonth first = YearMonth.of(Integer.parseInt(q.group(1)), 3 * Integer.parseInt(q.group(2)) - 2);
          return new ReportingPeriod(first.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
              first.plusMonths(3).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        return new ReportingPeriod(PeriodBound.from(p), PeriodBound.to(p));
      }
      if (f == null || t == null) {
        throw new ParameterException(spec.commandLine(), "give both --compare-from and --compare-to (e.g. "
            + "--compare-from 2026-01 --compare-to 2026-03), or --compare-period 2026-Q1");
      }
      Instant start = PeriodBound.from(f);
      Instant end = PeriodBound.to(t);
      if (!end.isAfter(start)) {
        throw new ParameterException(spec.commandLine(), "--compare-to " + t + " ends at " + end + ", not after "
            + "--compare-from " + f + " (" + start + ")");
      }
      return new ReportingPeriod(start, end);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--compare-period/--compare-from/--compare-to: "
          + e.getMessage() + " (or a quarter, e.g. 2026-Q1)");
    }
  }

  /**
   * Decomposes the change from the period to compare with to the report's period, or returns null when no
   * comparison was asked for.
   *
   * @param spec the command, for usage errors
   * @param calc the calculator the report was made with
   * @param report the report
   * @param records the records the report was made from
   * @return the decomposition, or null
   */
  @Nullable EmissionsDecomposition decompose(CommandSpec spec, Scope2Calculator calc, Scope2Report report,
      List<EnergyRecord> records) {
    if (!isSet()) {
      return null;
    }
    ReportingPeriod base = baseline(spec);
    Scope2Report before = calc.reportingPeriod(base).calculate(records);
    return EmissionsDecomposition.between(PeriodFigures.of(before, records), PeriodFigures.of(report, records));
  }
}
