package dev.ergon.accounting.internal;

import static dev.ergon.accounting.internal.HtmlText.coord;
import static dev.ergon.accounting.internal.HtmlText.escape;
import static dev.ergon.accounting.internal.HtmlText.shortNum;

import java.util.List;

/**
 * Bar charts in SVG: grouped vertical bars with 95 % interval whiskers (one group per category, one bar per series,
 * e.g. location- and market-based per month), and horizontal share bars (one bar per key with its percentage).
 * Every bar carries a {@code <title>} tooltip with its figures.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class SvgBarChart {
  private static final int HEIGHT = 260;
  private static final int BOTTOM = 36;

  private SvgBarChart() {}

  /**
   * One bar: its value and 95 % bounds.
   *
   * @param value the best estimate
   * @param lower the 95 % lower bound
   * @param upper the 95 % upper bound
   */
  public record Bar(double value, double lower, double upper) {}

  /**
   * Draws grouped bars with whiskers. Each group is a {@code <g class="pair">} (for two series), each bar a
   * {@code <rect class="s<series>">}.
   *
   * @param title the chart's accessible title
   * @param categories the group labels, left to right
   * @param series the series names, one per bar in a group
   * @param bars {@code bars.get(category).get(series)}
   * @param unit the unit of the values, e.g. {@code kgCO2e}
   * @return the SVG element
   */
  public static String grouped(String title, List<String> categories, List<String> series, List<List<Bar>> bars,
      String unit) {
    double max = 0;
    for (List<Bar> g : bars) {
      for (Bar b : g) {
        max = Math.max(max, Math.max(b.value(), b.upper()));
      }
    }
    StringBuilder sb = new StringBuilder();
    SvgChart.open(sb, "bars", HEIGHT, title);
    ChartScale y = ChartScale.of(0, max, HEIGHT - BOTTOM, SvgChart.TOP);
    SvgChart.valueAxis(sb, y, unit);
    double plot = SvgChart.WIDTH - SvgChart.LEFT - SvgChart.RIGHT;
    double slot = categories.isEmpty() ? plot : plot / categories.size();
    double barWidth = Math.min(28, slot * 0.8 / Math.max(1, series.size()));
    int labelEvery = Math.max(1, (int) Math.ceil(categories.size() / (plot / 48)));
    double base = y.pixel(0);
    for (int c = 0; c < categories.size(); c++) {
      double x0 = SvgChart.LEFT + c * slot + (slot - barWidth * series.size()) / 2;
      sb.append("<g class=\"").append(series.size() == 2 ? "pair" : "group").append("\">");
      for (int s = 0; s < series.size(); s++) {
        Bar b = bars.get(c).get(s);
        double x = x0 + s * barWidth;
        double top = y.pixel(b.value());
        sb.append("<rect class=\"s").append(s).append("\" x=\"").append(coord(x)).append("\" y=\"")
            .append(coord(top)).append("\" width=\"").append(coord(barWidth - 1)).append("\" height=\"")
            .append(coord(base - top)).append("\"><title>").append(escape(categories.get(c))).append(' ')
            .append(escape(series.get(s))).append(": ").append(shortNum(b.value())).append(' ').append(escape(unit))
            .append(", 95 % interval ").append(shortNum(b.lower())).append("–").append(shortNum(b.upper()))
            .append("</title></rect>");
        double mid = x + (barWidth - 1) / 2;
        double lo = y.pixel(b.lower());
        double hi = y.pixel(b.upper());
        double cap = Math.max(1, barWidth / 4);
        sb.append("<path class=\"whisker\" d=\"M").append(coord(mid)).append(' ').append(coord(lo)).append('V')
            .append(coord(hi)).append('M').append(coord(mid - cap)).append(' ').append(coord(hi)).append('H')
            .append(coord(mid + cap)).append('M').append(coord(mid - cap)).append(' ').append(coord(lo)).append('H')
            .append(coord(mid + cap)).append("\"/>");
      }
      if (c % labelEvery == 0) {
        sb.append("<text class=\"tick\" x=\"").append(coord(SvgChart.LEFT + c * slot + slot / 2)).append("\" y=\"")
            .append(HEIGHT - BOTTOM + 14).append("\" text-anchor=\"middle\">").append(escape(categories.get(c)))
            .append("</text>");
      }
      sb.append("</g>\n");
    }
    legend(sb, series, HEIGHT - 8);
    SvgChart.close(sb);
    return sb.toString();
  }

  /**
   * Draws horizontal bars of shares of a whole.
   *
   * @param title the chart's accessible title
   * @param keys the bar labels, top to bottom
   * @param values the values, {@code >= 0}
   * @param unit the unit of the values
   * @return the SVG element
   */
  public static String shares(String title, List<String> keys, double[] values, String unit) {
    double total = 0;
    double max = 0;
    for (double v : values) {
      total += v;
      max = Math.max(max, v);
    }
    int row = 22;
    int height = SvgChart.TOP + row * Math.max(1, keys.size()) + 8;
    int left = 170;
    StringBuilder sb = new StringBuilder();
    SvgChart.open(sb, "shares", height, title);
    double plot = SvgChart.WIDTH - left - 120;
    for (int i = 0; i < keys.size(); i++) {
      double w = max == 0 ? 0 : values[i] / max * plot;
      double yy = SvgChart.TOP + i * row;
      String share = total == 0 ? "0" : shortNum(100 * values[i] / total);
      sb.append("<g class=\"share\"><text x=\"").append(left - 6).append("\" y=\"").append(coord(yy + 14))
          .append("\" text-anchor=\"end\">").append(escape(keys.get(i))).append("</text><rect class=\"s")
          .append(i % 10).append("\" x=\"").append(left).append("\" y=\"").append(coord(yy + 3)).append("\" width=\"")
          .append(coord(w)).append("\" height=\"").append(row - 6).append("\"><title>").append(escape(keys.get(i)))
          .append(": ").append(shortNum(values[i])).append(' ').append(escape(unit)).append(" (").append(share)
          .append(" %)</title></rect><text x=\"").append(coord(left + w + 6)).append("\" y=\"")
          .append(coord(yy + 14)).append("\">").append(shortNum(values[i])).append(' ').append(escape(unit))
          .append(" · ").append(share).append(" %</text></g>\n");
    }
    SvgChart.close(sb);
    return sb.toString();
  }

  static void legend(StringBuilder sb, List<String> series, int y) {
    sb.append("<g class=\"legend\">");
    double x = SvgChart.LEFT;
    for (int s = 0; s < series.size(); s++) {
      sb.append("<rect class=\"s").append(s % 20).append("\" x=\"").append(coord(x)).append("\" y=\"").append(y - 9)
          .append("\" width=\"10\" height=\"10\"/><text x=\"").append(coord(x + 14)).append("\" y=\"").append(y)
          .append("\">").append(escape(series.get(s))).append("</text>");
      x += 24 + 7 * series.get(s).length();
    }
    sb.append("</g>\n");
  }
}
