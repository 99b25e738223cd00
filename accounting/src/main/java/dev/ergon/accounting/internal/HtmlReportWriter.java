package dev.ergon.accounting.internal;

import static dev.ergon.accounting.internal.HtmlText.escape;
import static dev.ergon.accounting.internal.HtmlText.num;

import dev.ergon.CarbonIntensity;
import dev.ergon.Energy;
import dev.ergon.Method;
import dev.ergon.accounting.Co2eEstimate;
import dev.ergon.accounting.ConsumptionSummary;
import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.HtmlSection;
import dev.ergon.accounting.PueUse;
import dev.ergon.accounting.factors.FactorUse;
import dev.ergon.accounting.scope2.CoverageLine;
import dev.ergon.accounting.scope2.InstrumentUse;
import dev.ergon.accounting.scope2.Offset;
import dev.ergon.accounting.scope2.QualityCriterion;
import dev.ergon.accounting.scope2.Scope2Cell;
import dev.ergon.accounting.scope2.Scope2Line;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.accounting.sci.SciReport;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes a report as one self-contained HTML page: inline CSS, SVG charts drawn here, no script, and a Content
 * Security Policy that forbids every network request. Every chart has its numbers in a table under it and
 * {@code <title>} tooltips; every text from the inputs is escaped. The same inputs give the same bytes.
 *
 * <p>Sections: the dual totals (offsets apart); location- and market-based per month with 95 % whiskers; energy
 * per functional unit and total energy per group over time (from the records, when given); heat maps of
 * consumption and of the grid intensity applied, by UTC hour and day (from the report's cells); shares by zone;
 * market-based coverage by basis and measured vs estimated energy per channel method; instruments; offsets;
 * factors; every disclosure; data sets, options and the input digest; and the SCI when given.
 *
 * <p>Tables above 40 rows are in a closed {@code <details>} element, so that a year of hourly data stays
 * readable; they are in the page all the same (find, copy-paste, a parser).
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class HtmlReportWriter {

  /** The Content Security Policy of every page: nothing may be fetched, only the inline style applies. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

  /** The most days a heat map draws; longer periods show their last this many days. */
  public static final int MAX_HEAT_MAP_DAYS = 366;

  private static final int OPEN_TABLE_ROWS = 40;

  /**
   * What the page is drawn from beside the Scope 2 report.
   *
   * @param breakdown the per-group series and per-method energy from the records, or {@code null} if the records
   *     were not given
   * @param groupNote why the groups are what they are (which tag, how to choose another)
   * @param unitName the functional unit's name, e.g. {@code prediction}
   * @param perUnits the number of functional units the per-unit energy is given for, e.g. 1000
   * @param sci the SCI report, or {@code null}
   * @param sections sections other modules add, drawn after the months, in order
   */
  public record Inputs(@Nullable RecordBreakdown breakdown, String groupNote, String unitName, long perUnits,
      @Nullable SciReport sci, List<HtmlSection> sections) {}

  private HtmlReportWriter() {}

  /**
   * Writes a Scope 2 report.
   *
   * @param r the report
   * @param in what else to draw
   * @param out the destination (not closed)
   * @throws IOException if writing fails
   */
  public static void write(Scope2Report r, Inputs in, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder(1 << 16);
    head(sb, "Scope 2 report " + r.period());
    sb.append("<header><h1>GHG Protocol Scope 2 report <small>dual reporting</small></h1>\n<p>Period (UTC) <b>")
        .append(escape(r.period().toString())).append("</b> · matching <b>")
        .append(escape(r.matching().name().toLowerCase(Locale.ROOT))).append("</b> · reporting entity <b>")
        .append(escape(r.reportingEntity() == null ? "not set" : r.reportingEntity())).append("</b></p>\n")
        .append("<p class=\"digest\">Input digest <code>").append(escape(r.inputDigest()))
        .append("</code></p></header>\n<main>\n");
    totals(sb, r);
    months(sb, r);
    for (HtmlSection s : in.sections()) {
      extra(sb, s);
    }
    groups(sb, in);
    heatMaps(sb, r);
    zones(sb, r);
    coverage(sb, r, in);
    instruments(sb, r);
    offsets(sb, r);
    factors(sb, r.factors());
    disclosures(sb, r.disclosures(), r.dataSets(), r.options(), r.inputDigest());
    SciReport sci = in.sci();
    if (sci != null) {
      sciSection(sb, sci);
    }
    sb.append("</main>\n<footer><p>Written by Ergon. All times UTC. Intervals: 95 %, best estimate ± 2 standard "
        + "uncertainties (GUM, k = 2).</p></footer>\n</body>\n</html>\n");
    out.write(sb.toString());
    out.flush();
  }

  /**
   * Writes an SCI report alone.
   *
   * @param r the report
   * @param out the destination (not closed)
   * @throws IOException if writing fails
   */
  public static void write(SciReport r, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder(1 << 12);
    head(sb, "SCI report " + r.period());
    sb.append("<header><h1>Software Carbon Intensity <small>ISO/IEC 21031:2024</small></h1>\n<p>Period (UTC) <b>")
        .append(escape(r.period().toString())).append("</b></p>\n<p class=\"digest\">Input digest <code>")
        .append(escape(r.inputDigest())).append("</code></p></header>\n<main>\n");
    sciSection(sb, r);
    disclosures(sb, r.disclosures(), r.dataSets(), r.options(), r.inputDigest());
    sb.append("</main>\n</body>\n</html>\n");
    out.write(sb.toString());
    out.flush();
  }

  private static void head(StringBuilder sb, String title) {
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CONTENT_SECURITY_POLICY)
        .append("\">\n<meta name=\"referrer\" content=\"no-referrer\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        .append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
  }

  private static final String[] SERIES_COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
      "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5",
      "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5"};

  private static final String[] HEAT_COLOURS = {"#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80",
      "#5ec962", "#addc30", "#fde725"};

  private static final String CSS = css();

  private static String css() {
    StringBuilder c = new StringBuilder();
    c.append("body{font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1b1b1b;"
        + "background:#fff;margin:0}\n"
        + "header,main,footer{max-width:1180px;margin:0 auto;padding:0 20px}\n"
        + "h1{font-size:22px;margin:18px 0 4px}h1 small{font-weight:normal;color:#555;font-size:15px}\n"
        + "h2{font-size:18px;margin:28px 0 6px;border-bottom:1px solid #ddd;padding-bottom:3px}\n"
        + "h3{font-size:15px;margin:14px 0 4px}\n"
        + ".digest code,td code{font-size:12px;word-break:break-all}\n"
        + ".cards{display:flex;gap:16px;flex-wrap:wrap}.card{flex:1 1 300px;border:1px solid #ccc;"
        + "border-radius:6px;padding:10px 14px}\n"
        + ".card .v{font-size:26px;font-weight:600}.card.loc{border-top:5px solid " + SERIES_COLOURS[0] + "}"
        + ".card.mkt{border-top:5px solid " + SERIES_COLOURS[1] + "}\n"
        + ".pairview{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:16px}\n"
        + "svg.chart{width:100%;height:auto;max-width:900px;display:block;font-size:12px}"
        + "#totals svg.chart{max-width:520px}figure{margin:0}\n"
        + "svg .axis line{stroke:#e3e3e3}svg .axis text,svg .tick{fill:#555}\n"
        + "svg .whisker{stroke:#222;stroke-width:1.2;fill:none}\n"
        + "svg .series .line{fill:none;stroke-width:1.6}svg .series .band{stroke:none;fill-opacity:.18}\n"
        + "svg .legend text,svg .share text{fill:#333}\n"
        + "table{border-collapse:collapse;margin:6px 0 10px;font-size:13px}"
        + "th,td{border-bottom:1px solid #e6e6e6;padding:3px 8px;text-align:left;vertical-align:top}"
        + "th{background:#f5f5f5}td{font-variant-numeric:tabular-nums}td:first-child{white-space:nowrap}\n"
        + "caption{text-align:left;font-weight:600;padding:2px 0}\n"
        + "details{margin:4px 0 10px}summary{cursor:pointer;color:#333}\n"
        + ".note{color:#555;font-size:13px}.st-USED{color:#17692b}.st-EXCLUDED{color:#a11}.st-UNUSED{color:#7a5b00}\n"
        + "ul.disclosures li{margin:3px 0}.topic{font-size:11px;background:#eee;border-radius:3px;padding:0 4px;"
        + "margin-right:6px}\n"
        + "footer{color:#666;font-size:12px;margin-top:30px}\n");
    for (int i = 0; i < SERIES_COLOURS.length; i++) {
      c.append(".s").append(i).append("{fill:").append(SERIES_COLOURS[i]).append(";stroke:")
          .append(SERIES_COLOURS[i]).append("}");
    }
    c.append("\nsvg rect.s0,svg rect.s1,svg .share rect{stroke:none}\n");
    for (int i = 0; i < HEAT_COLOURS.length; i++) {
      c.append(".q").append(i).append("{fill:").append(HEAT_COLOURS[i]).append("}");
    }
    c.append(".qn{fill:#ececec}svg rect.day{fill:#000;fill-opacity:0}\n");
    for (int i = 1; i <= 6; i++) {
      c.append(i == 1 ? "" : ",").append(".n").append(i).append(" td:nth-child(n+").append(i + 1).append("),.n")
          .append(i).append(" th:nth-child(n+").append(i + 1).append(")");
    }
    c.append("{text-align:right}\n");
    return c.toString();
  }

  private static void totals(StringBuilder sb, Scope2Report r) {
    sb.append("<section id=\"totals\"><h2>Totals</h2>\n<div class=\"cards\">");
    card(sb, "loc", "Location-based", "grid-average emission factors where the electricity is used", r.locationBased());
    card(sb, "mkt", "Market-based", "contractual instruments, supplier rates and residual mixes", r.marketBased());
    sb.append("</div>\n");
    List<List<SvgBarChart.Bar>> bars = List.of(List.of(bar(r.locationBased()), bar(r.marketBased())));
    sb.append(SvgBarChart.grouped("Scope 2 totals, location- and market-based, kgCO2e with 95 % intervals",
        List.of("total"), List.of("location-based", "market-based"), bars, "kgCO2e"));
    List<List<String>> rows = new ArrayList<>();
    rows.add(estimateRow("location-based", r.locationBased()));
    rows.add(estimateRow("market-based", r.marketBased()));
    table(sb, "t-totals", "Totals (kgCO2e)", List.of("method", "kgCO2e", "standard uncertainty kg", "lower 95 % kg",
        "upper 95 % kg"), rows, 1);
    sb.append("<p class=\"note\">Offsets are listed apart and never subtracted: ").append(r.offsets().size())
        .append(" offset(s), ").append(num(r.offsetsTotal().toTonnes())).append(" tCO2e (see <a href=\"#offsets\">"
            + "Offsets</a>).</p>\n");
    ConsumptionSummary s = r.consumption();
    sb.append("<p class=\"note\">Consumption ").append(num(s.consumption().toKilowattHours()))
        .append(" kWh (IT-level ").append(num(s.itEnergy().toKilowattHours())).append(" kWh, facility-level ")
        .append(num(s.facilityLevelEnergy().toKilowattHours())).append(" kWh); records: ").append(s.recordsGiven())
        .append(" given, ").append(s.recordsCounted()).append(" counted (").append(s.complete()).append(" complete, ")
        .append(s.partial()).append(" partial, ").append(s.noMeter()).append(" no meter), ")
        .append(s.nestedExcluded()).append(" nested, ").append(s.duplicatesIgnored())
        .append(" duplicates; measured ").append(num(100 * s.measuredShare())).append(" %.</p>\n");
    if (!s.pue().isEmpty()) {
      List<List<String>> pue = new ArrayList<>();
      for (PueUse p : s.pue()) {
        pue.add(List.of(p.appliedTo(), num(p.pue()), num(p.itEnergy().toKilowattHours()),
            num(p.facilityEnergy().toKilowattHours())));
      }
      table(sb, "t-pue", "PUE applied", List.of("applied to", "PUE", "IT kWh", "facility kWh"), pue, 1);
    }
    sb.append("</section>\n");
  }

  private static void card(StringBuilder sb, String cls, String label, String basis, Co2eEstimate e) {
    sb.append("<div class=\"card ").append(cls).append("\"><div>").append(label).append("</div><div class=\"v\">")
        .append(num(e.value().toKilograms())).append(" kgCO2e</div><div>95 % interval ")
        .append(num(e.lower().toKilograms())).append(" – ").append(num(e.upper().toKilograms()))
        .append(" kgCO2e</div><div class=\"note\">").append(basis).append("</div></div>");
  }

  private static SvgBarChart.Bar bar(Co2eEstimate e) {
    return new SvgBarChart.Bar(e.value().toKilograms(), e.lower().toKilograms(), e.upper().toKilograms());
  }

  private static List<String> estimateRow(String label, Co2eEstimate e) {
    return List.of(label, num(e.value().toKilograms()), num(e.standardUncertaintyGrams() / 1e3),
        num(e.lower().toKilograms()), num(e.upper().toKilograms()));
  }

  private static void months(StringBuilder sb, Scope2Report r) {
    sb.append("<section id=\"months\"><h2>By month (UTC)</h2>\n");
    List<String> keys = new ArrayList<>();
    List<List<SvgBarChart.Bar>> bars = new ArrayList<>();
    for (Scope2Line l : r.byMonth()) {
      keys.add(l.key());
      bars.add(List.of(bar(l.locationBased()), bar(l.marketBased())));
    }
    if (keys.isEmpty()) {
      sb.append("<p class=\"note\">No consumption in the period.</p>\n");
    } else {
      sb.append(SvgBarChart.grouped("Location- and market-based emissions per UTC month, kgCO2e with 95 % intervals",
          keys, List.of("location-based", "market-based"), bars, "kgCO2e"));
    }
    lineTable(sb, "t-months", "By month", "month", r.byMonth());
    sb.append("</section>\n");
  }

  private static void extra(StringBuilder sb, HtmlSection s) {
    sb.append("<section id=\"x-").append(s.id()).append("\"><h2>").append(escape(s.title())).append("</h2>\n");
    for (String p : s.paragraphs()) {
      sb.append("<p>").append(escape(p)).append("</p>\n");
    }
    table(sb, "t-x-" + s.id(), s.title(), s.header(), s.rows(), 1);
    sb.append("</section>\n");
  }

  private static void lineTable(StringBuilder sb, String id, String caption, String keyName, List<Scope2Line> lines) {
    List<List<String>> rows = new ArrayList<>();
    for (Scope2Line l : lines) {
      rows.add(List.of(l.key(), num(l.itEnergy().toKilowattHours()), num(l.consumption().toKilowattHours()),
          num(l.locationBased().value().toKilograms()), num(l.locationBased().lower().toKilograms()),
          num(l.locationBased().upper().toKilograms()), num(l.marketBased().value().toKilograms()),
          num(l.marketBased().lower().toKilograms()), num(l.marketBased().upper().toKilograms())));
    }
    table(sb, id, caption, List.of(keyName, "IT kWh", "consumption kWh", "location kg", "location lower 95 % kg",
        "location upper 95 % kg", "market kg", "market lower 95 % kg", "market upper 95 % kg"), rows, 1);
  }

  private static void groups(StringBuilder sb, Inputs in) {
    sb.append("<section id=\"groups\"><h2>Energy per functional unit and total energy, per group</h2>\n");
    RecordBreakdown b = in.breakdown();
    if (b == null) {
      sb.append("<p class=\"note\">Not drawn: these series come from the records, which were not given to the "
          + "writer (the command line always gives them).</p>\n</section>\n");
      return;
    }
    sb.append("<p class=\"note\">").append(escape(in.groupNote())).append(" IT energy before PUE, per UTC ")
        .append(b.step().name().toLowerCase(Locale.ROOT)).append("; bands and bounds: 95 % (k = 2) from the meters' "
            + "uncertainty. A falling energy per unit under a rising total is the rebound effect.</p>\n");
    // The steps: every step from the first to the last with data, so that the axis is linear in time.
    Instant first = null;
    Instant last = null;
    for (List<RecordBreakdown.Point> ps : b.groups().values()) {
      for (RecordBreakdown.Point p : ps) {
        first = first == null || p.stepStart().isBefore(first) ? p.stepStart() : first;
        last = last == null || p.stepStart().isAfter(last) ? p.stepStart() : last;
      }
    }
    List<String> labels = new ArrayList<>();
    Map<Instant, Integer> index = new HashMap<>();
    if (first != null && last != null) {
      Instant t = first;
      while (!t.isAfter(last)) {
        index.put(t, labels.size());
        labels.add(b.step().label(t));
        t = b.step().startOf(LocalDate.ofInstant(t, ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC)
            .plus(switch (b.step()) {
              case DAY -> 1;
              case WEEK -> 7;
              case MONTH -> 31;
            }, ChronoUnit.DAYS));
      }
    }
    String perLabel = (in.perUnits() == 1 ? "" : in.perUnits() + " ") + in.unitName() + (in.perUnits() == 1 ? ""
        : "s");
    String perUnit = "kWh per " + perLabel;
    SortedMap<String, List<SvgLineChart.Point>> perUnitSeries = new TreeMap<>();
    SortedMap<String, List<SvgLineChart.Point>> totalSeries = new TreeMap<>();
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, List<RecordBreakdown.Point>> g : b.groups().entrySet()) {
      List<SvgLineChart.Point> pu = new ArrayList<>();
      List<SvgLineChart.Point> tot = new ArrayList<>();
      for (RecordBreakdown.Point p : g.getValue()) {
        int i = java.util.Objects.requireNonNull(index.get(p.stepStart()), "step");
        tot.add(new SvgLineChart.Point(i, p.itKwh(), p.itKwh() - 2 * p.uKwh(), p.itKwh() + 2 * p.uKwh()));
        String v = "";
        String lo = "";
        String hi = "";
        if (p.units() > 0) {
          double k = in.perUnits() / p.units();
          double value = p.itKwh() * k;
          double u = p.uKwh() * k;
          pu.add(new SvgLineChart.Point(i, value, value - 2 * u, value + 2 * u));
          v = num(value);
          lo = num(value - 2 * u);
          hi = num(value + 2 * u);
        }
        rows.add(List.of(g.getKey(), labels.get(i), num(p.itKwh()), num(p.uKwh()), num(p.units()), v, lo, hi));
      }
      if (!pu.isEmpty()) {
        perUnitSeries.put(g.getKey(), pu);
      }
      totalSeries.put(g.getKey(), tot);
    }
    sb.append("<div class=\"pairview\"><figure><h3>").append(escape(perUnit)).append("</h3>");
    if (perUnitSeries.isEmpty()) {
      sb.append("<p class=\"note\">No functional units counted: the energy per unit is undefined.</p>");
    } else {
      sb.append(SvgLineChart.draw("IT energy per functional unit over time per group, " + perUnit
          + ", with 95 % band", labels, perUnitSeries, perUnit, true));
    }
    sb.append("</figure><figure><h3>Total IT energy, kWh</h3>")
        .append(SvgLineChart.draw("Total IT energy over time per group, kWh", labels, totalSeries, "kWh", false))
        .append("</figure></div>\n");
    table(sb, "t-groups", "Per group and " + b.step().name().toLowerCase(Locale.ROOT), List.of(groupHeader(b),
        b.step().name().toLowerCase(Locale.ROOT), "IT kWh", "standard uncertainty kWh", in.unitName() + "s",
        perUnit, "lower 95 %", "upper 95 %"), rows, 2);
    sb.append("</section>\n");
  }

  private static String groupHeader(RecordBreakdown b) {
    String k = b.groupKey();
    return k == null ? "group" : k.replace(",", " / ");
  }

  private static void heatMaps(StringBuilder sb, Scope2Report r) {
    sb.append("<section id=\"heat\"><h2>When the energy is drawn</h2>\n");
    SortedMap<Instant, double[]> hours = new TreeMap<>();
    for (Scope2Cell c : r.cells()) {
      double[] v = hours.computeIfAbsent(c.hour(), h -> new double[2]);
      v[0] += c.consumption().toKilowattHours();
      v[1] += c.locationBased().toGrams();
    }
    if (hours.isEmpty()) {
      sb.append("<p class=\"note\">No consumption in the period.</p>\n</section>\n");
      return;
    }
    LocalDate lastDay = LocalDate.ofInstant(hours.lastKey(), ZoneOffset.UTC);
    LocalDate firstDay = LocalDate.ofInstant(hours.firstKey(), ZoneOffset.UTC);
    if (ChronoUnit.DAYS.between(firstDay, lastDay) >= MAX_HEAT_MAP_DAYS) {
      firstDay = lastDay.minusDays(MAX_HEAT_MAP_DAYS - 1);
      sb.append("<p class=\"note\">The maps show the last ").append(MAX_HEAT_MAP_DAYS)
          .append(" days with data, from ").append(firstDay).append("; the totals above cover the whole period.</p>\n");
    }
    int n = (int) ChronoUnit.DAYS.between(firstDay, lastDay) + 1;
    List<String> days = new ArrayList<>(n);
    double[][] energy = new double[n][24];
    double[][] intensity = new double[n][24];
    for (int d = 0; d < n; d++) {
      days.add(firstDay.plusDays(d).toString());
      java.util.Arrays.fill(energy[d], Double.NaN);
      java.util.Arrays.fill(intensity[d], Double.NaN);
    }
    for (Map.Entry<Instant, double[]> e : hours.entrySet()) {
      LocalDate day = LocalDate.ofInstant(e.getKey(), ZoneOffset.UTC);
      if (day.isBefore(firstDay)) {
        continue;
      }
      int d = (int) ChronoUnit.DAYS.between(firstDay, day);
      int h = e.getKey().atZone(ZoneOffset.UTC).getHour();
      energy[d][h] = e.getValue()[0];
      intensity[d][h] = e.getValue()[0] > 0 ? e.getValue()[1] / e.getValue()[0] : Double.NaN;
    }
    sb.append("<h3>Electricity consumption (after PUE), kWh per UTC hour</h3>\n")
        .append(SvgHeatMap.draw("Electricity consumption by UTC hour of day and day, kWh", days, energy,
            "kWh"));
    heatTable(sb, "t-heat-energy", "Consumption, kWh, by day (rows) and UTC hour (columns)", days, energy);
    sb.append("<h3>Grid intensity applied (location-based), gCO2e/kWh</h3>\n<p class=\"note\">Per hour: the "
        + "location-based emissions over the consumption, all zones together.</p>\n")
        .append(SvgHeatMap.draw("Location-based grid intensity applied by UTC hour of day and day, "
            + "gCO2e/kWh", days, intensity, "gCO2e/kWh"));
    heatTable(sb, "t-heat-intensity", "Grid intensity applied, gCO2e/kWh, by day (rows) and UTC hour (columns)", days,
        intensity);
    sb.append("</section>\n");
  }

  private static void heatTable(StringBuilder sb, String id, String caption, List<String> days, double[][] v) {
    List<String> header = new ArrayList<>();
    header.add("day");
    for (int h = 0; h < 24; h++) {
      header.add(String.format(Locale.US, "%02d", h));
    }
    List<List<String>> rows = new ArrayList<>();
    for (int d = 0; d < days.size(); d++) {
      List<String> row = new ArrayList<>(25);
      row.add(days.get(d));
      for (int h = 0; h < 24; h++) {
        row.add(Double.isNaN(v[d][h]) ? "" : num(v[d][h]));
      }
      rows.add(row);
    }
    table(sb, id, caption, header, rows, 1);
  }

  private static void zones(StringBuilder sb, Scope2Report r) {
    sb.append("<section id=\"zones\"><h2>By zone</h2>\n");
    List<String> keys = new ArrayList<>();
    double[] values = new double[r.byZone().size()];
    for (int i = 0; i < values.length; i++) {
      keys.add(r.byZone().get(i).key());
      values[i] = r.byZone().get(i).consumption().toKilowattHours();
    }
    if (!keys.isEmpty()) {
      sb.append(SvgBarChart.shares("Share of consumption by zone, kWh", keys, values, "kWh"));
    }
    lineTable(sb, "t-zones", "By zone", "zone", r.byZone());
    sb.append("</section>\n");
  }

  private static void coverage(StringBuilder sb, Scope2Report r, Inputs in) {
    sb.append("<section id=\"coverage\"><h2>Coverage</h2>\n<h3>Market-based: consumption by basis</h3>\n");
    List<String> keys = new ArrayList<>();
    double[] values = new double[r.coverage().size()];
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      CoverageLine c = r.coverage().get(i);
      keys.add(c.rung() + " · " + c.basis());
      values[i] = c.energy().toKilowattHours();
      rows.add(List.of(Integer.toString(c.rung()), c.basis(), num(c.energy().toKilowattHours()),
          num(100 * c.share()), num(c.marketBased().toKilograms())));
    }
    if (!keys.isEmpty()) {
      sb.append(SvgBarChart.shares("Market-based consumption by basis, kWh", keys, values, "kWh"));
    }
    table(sb, "t-coverage", "Market-based coverage", List.of("rung", "basis", "kWh", "share %", "market kg"), rows, 2);

    sb.append("<h3>Measured and estimated energy, per channel method</h3>\n");
    ConsumptionSummary s = r.consumption();
    RecordBreakdown b = in.breakdown();
    if (b == null) {
      sb.append("<p class=\"note\">Per method: not drawn (the records were not given).</p>\n");
    } else {
      List<String> methods = new ArrayList<>();
      double[] kwh = new double[b.byMethodKwh().size()];
      List<List<String>> mrows = new ArrayList<>();
      double sum = 0;
      for (double v : b.byMethodKwh().values()) {
        sum += v;
      }
      int i = 0;
      for (Map.Entry<Method, Double> e : b.byMethodKwh().entrySet()) {
        String name = methodName(e.getKey());
        methods.add(name);
        kwh[i++] = e.getValue();
        mrows.add(List.of(name, e.getKey() == Method.MODEL ? "estimated" : "measured", num(e.getValue()),
            num(sum == 0 ? 0 : 100 * e.getValue() / sum)));
      }
      if (!methods.isEmpty()) {
        sb.append(SvgBarChart.shares("IT energy by channel method, kWh", methods, kwh, "kWh"));
      }
      table(sb, "t-methods", "IT energy per channel method (before PUE)", List.of("method", "kind", "kWh", "share %"),
          mrows, 2);
    }
    table(sb, "t-measured", "Measured vs estimated (report)", List.of("kind", "kWh"),
        List.of(List.of("measured", num(s.measured().toKilowattHours())),
            List.of("estimated", num(s.estimated().toKilowattHours()))), 1);
    sb.append("</section>\n");
  }

  private static String methodName(Method m) {
    return switch (m) {
      case COUNTER -> "counter";
      case INTEGRATED_POWER -> "integrated power";
      case MODEL -> "model";
    };
  }

  private static void instruments(StringBuilder sb, Scope2Report r) {
    sb.append("<section id=\"instruments\"><h2>Instruments</h2>\n");
    if (r.instruments().isEmpty()) {
      sb.append("<p class=\"note\">No contractual instruments given.</p>\n</section>\n");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (InstrumentUse u : r.instruments()) {
      StringBuilder crit = new StringBuilder();
      for (QualityCriterion c : u.failedCriteria()) {
        crit.append(crit.length() == 0 ? "" : "; ").append(c.number()).append(": ").append(c.text());
      }
      Energy unused = u.unused();
      Energy volume = u.instrument().volume();
      rows.add(List.of(u.instrument().id(), u.instrument().type().name(), u.instrument().market(), status(u),
          crit.toString(), String.join("; ", u.reasons()), volume == null ? "" : num(volume.toMegawattHours()),
          num(u.used().toMegawattHours()), unused == null ? "" : num(unused.toMegawattHours())));
    }
    table(sb, "t-instruments", "Instruments: applied, excluded (with the failed criteria) and unused",
        List.of("id", "type", "market", "status", "failed criteria", "reasons", "volume MWh", "used MWh",
            "unused MWh"), rows, 6);
    sb.append("</section>\n");
  }

  private static String status(InstrumentUse u) {
    return switch (u.status()) {
      case USED -> "applied";
      case UNUSED -> "unused";
      case EXCLUDED -> "excluded";
    };
  }

  private static void offsets(StringBuilder sb, Scope2Report r) {
    sb.append("<section id=\"offsets\"><h2>Offsets (outside the inventory, not subtracted)</h2>\n");
    List<List<String>> rows = new ArrayList<>();
    for (Offset o : r.offsets()) {
      String retiredFor = o.retiredFor();
      rows.add(List.of(o.id(), o.registry(), o.project(), o.type(), o.vintage() == 0 ? "" : Integer.toString(
          o.vintage()), retiredFor == null ? "" : retiredFor, num(o.quantity().toTonnes())));
    }
    if (rows.isEmpty()) {
      sb.append("<p class=\"note\">No offsets given.</p>\n");
    } else {
      table(sb, "t-offsets", "Offsets", List.of("id", "registry", "project", "type", "vintage", "retired for",
          "tCO2e"), rows, 6);
    }
    sb.append("</section>\n");
  }

  private static void factors(StringBuilder sb, List<FactorUse> factors) {
    sb.append("<section id=\"factors\"><h2>Emission factors used</h2>\n");
    List<List<String>> rows = new ArrayList<>();
    for (FactorUse f : factors) {
      rows.add(List.of(f.usedFor(), f.dataSet(), f.zone(), f.kind().tableName(), f.placeLevel() + "/" + f.timeLevel(),
          f.source(), Integer.toString(f.factorCount()), num(f.minimum().toGramsPerKilowattHour()),
          num(f.maximum().toGramsPerKilowattHour()), num(f.energy().toKilowattHours()),
          num(f.emissions().toKilograms())));
    }
    table(sb, "t-factors", "Emission factors", List.of("used for", "data set", "zone", "kind", "level", "source",
        "factors", "min g/kWh", "max g/kWh", "kWh", "kg"), rows, 6);
    sb.append("</section>\n");
  }

  private static void disclosures(StringBuilder sb, List<Disclosure> ds, List<DataSet> dataSets,
      SortedMap<String, String> options, String digest) {
    sb.append("<section id=\"disclosures\"><h2>Disclosures</h2>\n<ul class=\"disclosures\">\n");
    for (Disclosure d : ds) {
      sb.append("<li data-topic=\"").append(d.topic().name()).append("\"><span class=\"topic\">")
          .append(d.topic().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append("</span>")
          .append(escape(d.text())).append("</li>\n");
    }
    sb.append("</ul>\n</section>\n<section id=\"data\"><h2>Data sets, options and input digest</h2>\n");
    List<List<String>> rows = new ArrayList<>();
    for (DataSet d : dataSets) {
      rows.add(List.of(d.name(), d.version(), d.licence(), d.attribution(), d.description()));
    }
    table(sb, "t-datasets", "Data sets", List.of("name", "version", "licence", "attribution", "description"), rows,
        5);
    List<List<String>> opts = new ArrayList<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      opts.add(List.of(e.getKey(), e.getValue()));
    }
    table(sb, "t-options", "Options", List.of("option", "value"), opts, 2);
    sb.append("<p>Input digest (SHA-256 over the records, instruments, offsets, data set versions and options): "
        + "<code>").append(escape(digest)).append("</code></p>\n</section>\n");
  }

  private static void sciSection(StringBuilder sb, SciReport r) {
    sb.append("<section id=\"sci\"><h2>Software Carbon Intensity</h2>\n");
    Co2eEstimate per = r.perUnit();
    CarbonIntensity i = r.intensity();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("SCI, gCO2e per " + r.scoreUnit(), per == null ? "undefined (no functional units)"
        : num(per.value().toGrams()), per == null ? "" : num(per.lower().toGrams()),
        per == null ? "" : num(per.upper().toGrams())));
    rows.add(List.of("E, kWh", num(r.energy().toKilowattHours()), "", ""));
    rows.add(List.of("I, gCO2e/kWh (" + r.intensityKind().name().toLowerCase(Locale.ROOT) + ")",
        i == null ? "n/a" : num(i.toGramsPerKilowattHour()), "", ""));
    rows.add(List.of("O = E×I, gCO2e", num(r.operational().value().toGrams()), num(r.operational().lower().toGrams()),
        num(r.operational().upper().toGrams())));
    rows.add(List.of("M, gCO2e", num(r.embodied().value().toGrams()), num(r.embodied().lower().toGrams()),
        num(r.embodied().upper().toGrams())));
    rows.add(List.of("R, " + r.functionalUnit(), Long.toString(r.functionalUnits()), "", ""));
    table(sb, "t-sci", "SCI = (E×I + M) per R", List.of("term", "value", "lower 95 %", "upper 95 %"), rows, 1);
    sb.append("<p class=\"note\">Boundary: ").append(escape(r.boundary())).append("</p>\n</section>\n");
  }

  /* A table: the first textColumns columns are text, the others numbers (right-aligned by the table's class). */
  private static void table(StringBuilder sb, String id, String caption, List<String> header, List<List<String>> rows,
      int textColumns) {
    boolean closed = rows.size() > OPEN_TABLE_ROWS;
    if (closed) {
      sb.append("<details><summary>").append(escape(caption)).append(": table, ").append(rows.size())
          .append(" rows</summary>\n");
    }
    sb.append("<table id=\"").append(id).append("\" class=\"n").append(textColumns).append("\"><caption>")
        .append(escape(caption)).append("</caption>\n<thead><tr>");
    for (String h : header) {
      sb.append("<th scope=\"col\">").append(escape(h)).append("</th>");
    }
    sb.append("</tr></thead>\n<tbody>\n");
    // End tags of cells and rows are optional in HTML; leaving them out keeps a year's tables small.
    for (List<String> row : rows) {
      sb.append("<tr>");
      for (String cell : row) {
        sb.append("<td>").append(escape(cell));
      }
      sb.append('\n');
    }
    sb.append("</tbody></table>\n");
    if (closed) {
      sb.append("</details>\n");
    }
  }
}
