package dev.ergon.accounting.internal;

import static dev.ergon.accounting.internal.HtmlText.coord;
import static dev.ergon.accounting.internal.HtmlText.escape;
import static dev.ergon.accounting.internal.HtmlText.shortNum;

import java.util.List;

/**
 * A heat map in SVG: UTC hour of day (rows, 0 at the top) by day (columns). Values fall into nine equal classes
 * between the smallest and the largest value, coloured from a perceptually ordered palette ({@code q0} to
 * {@code q8}); hours without data are left grey ({@code qn}). Each day is a {@code <g class="day">} whose
 * {@code <title>} tooltip lists that day's 24 values, so that a year stays small (one {@code <use>} of a shared
 * cell rectangle per hour, no text).
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class SvgHeatMap {
  /** The number of colour classes. */
  public static final int CLASSES = 9;

  private static final int CELL_HEIGHT = 8;

  private SvgHeatMap() {}

  /**
   * Draws the map.
   *
   * @param id a prefix for the element ids, unique in the page (the cell shape is defined once and used by every
   *     hour)
   * @param title the chart's accessible title
   * @param days the day labels ({@code 2026-03-15}), left to right
   * @param values {@code values[day][hour]}; {@code NaN} where there is no data
   * @param unit the unit of the values
   * @return the SVG element
   */
  public static String draw(String id, String title, List<String> days, double[][] values, String unit) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] d : values) {
      for (double v : d) {
        if (!Double.isNaN(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    int plotTop = SvgChart.TOP;
    int plotHeight = 24 * CELL_HEIGHT;
    int height = plotTop + plotHeight + 46;
    double plot = SvgChart.WIDTH - SvgChart.LEFT - SvgChart.RIGHT;
    double w = days.isEmpty() ? plot : plot / days.size();
    StringBuilder sb = new StringBuilder();
    SvgChart.open(sb, "heat", height, title);
    sb.append("<defs><rect id=\"").append(escape(id)).append("-cell\" width=\"").append(coord(Math.max(w, 0.1)))
        .append("\" height=\"").append(CELL_HEIGHT).append("\"/></defs>\n");
    sb.append("<g class=\"axis\">");
    for (int h = 0; h < 24; h += 3) {
      sb.append("<text x=\"").append(SvgChart.LEFT - 4).append("\" y=\"").append(plotTop + h * CELL_HEIGHT + 7)
          .append("\" text-anchor=\"end\">").append(String.format(java.util.Locale.ROOT, "%02d:00", h))
          .append("</text>");
    }
    int labelEvery = Math.max(1, (int) Math.ceil(days.size() / (plot / 80)));
    for (int d = 0; d < days.size(); d += labelEvery) {
      sb.append("<text class=\"tick\" x=\"").append(coord(SvgChart.LEFT + d * w)).append("\" y=\"")
          .append(plotTop + plotHeight + 12).append("\">").append(escape(days.get(d))).append("</text>");
    }
    sb.append("<text x=\"4\" y=\"10\">UTC hour</text></g>\n");
    double span = max - min;
    for (int d = 0; d < days.size(); d++) {
      sb.append("<g class=\"day\" transform=\"translate(").append(coord(SvgChart.LEFT + d * w)).append(" ")
          .append(plotTop).append(")\"><title>").append(escape(days.get(d))).append(" (").append(escape(unit))
          .append(", UTC hours 00–23):");
      for (int h = 0; h < 24; h++) {
        double v = values[d][h];
        sb.append(h % 6 == 0 ? "\n" : " ").append(String.format(java.util.Locale.ROOT, "%02d", h)).append(' ')
            .append(Double.isNaN(v) ? "–" : shortNum(v));
      }
      sb.append("</title>");
      for (int h = 0; h < 24; h++) {
        sb.append("<use href=\"#").append(escape(id)).append("-cell\" y=\"").append(h * CELL_HEIGHT).append("\" class=\"").append(colourClass(values[d][h], min,
            span)).append("\"/>");
      }
      sb.append("</g>\n");
    }
    int ly = plotTop + plotHeight + 24;
    sb.append("<g class=\"legend\">");
    for (int q = 0; q < CLASSES; q++) {
      sb.append("<rect class=\"q").append(q).append("\" x=\"").append(SvgChart.LEFT + q * 40).append("\" y=\"")
          .append(ly).append("\" width=\"40\" height=\"8\"/>");
    }
    String lo = Double.isFinite(min) ? shortNum(min) : "–";
    String hi = Double.isFinite(max) ? shortNum(max) : "–";
    sb.append("<text x=\"").append(SvgChart.LEFT).append("\" y=\"").append(ly + 20).append("\">").append(lo)
        .append("</text><text x=\"").append(SvgChart.LEFT + CLASSES * 40).append("\" y=\"").append(ly + 20)
        .append("\" text-anchor=\"end\">").append(hi).append("</text><text x=\"")
        .append(SvgChart.LEFT + CLASSES * 40 + 10).append("\" y=\"").append(ly + 8).append("\">")
        .append(escape(unit)).append("; grey: no data</text></g>\n");
    SvgChart.close(sb);
    return sb.toString();
  }

  static String colourClass(double v, double min, double span) {
    if (Double.isNaN(v)) {
      return "qn";
    }
    int q = span <= 0 ? CLASSES - 1 : (int) Math.min(CLASSES - 1, Math.floor((v - min) / span * CLASSES));
    return "q" + q;
  }
}
