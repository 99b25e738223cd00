package dev.ergon.accounting.internal;

import static dev.ergon.accounting.internal.HtmlText.coord;
import static dev.ergon.accounting.internal.HtmlText.escape;
import static dev.ergon.accounting.internal.HtmlText.shortNum;

import java.util.List;

/**
 * A heat map in SVG: UTC hour of day (rows, 0 at the top) by day (columns). Values fall into nine equal classes
 * between the smallest and the largest value, coloured from a perceptually ordered palette ({@code q0} to
 * {@code q8}); hours without data are left grey ({@code qn}). The cells are one path per class (runs of hours of
 * one class in a day merged), and each day has a transparent {@code <rect class="day">} over its column whose
 * {@code <title>} tooltip lists that day's 24 values: a year stays small and quick to render.
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
   * @param title the chart's accessible title
   * @param days the day labels ({@code 2026-03-15}), left to right
   * @param values {@code values[day][hour]}; {@code NaN} where there is no data
   * @param unit the unit of the values
   * @return the SVG element
   */
  public static String draw(String title, List<String> days, double[][] values, String unit) {
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
    sb.append("<g class=\"axis\">");
    for (int h = 0; h < 24; h += 3) {
      sb.append("<text x=\"").append(SvgChart.LEFT - 4).append("\" y=\"").append(plotTop + h * CELL_HEIGHT + 7)
          .append("\" text-anchor=\"end\">").append(String.format(java.util.Locale.US, "%02d:00", h))
          .append("</text>");
    }
    int labelEvery = Math.max(1, (int) Math.ceil(days.size() / (plot / 80)));
    for (int d = 0; d < days.size(); d += labelEvery) {
      sb.append("<text class=\"tick\" x=\"").append(coord(SvgChart.LEFT + d * w)).append("\" y=\"")
          .append(plotTop + plotHeight + 12).append("\">").append(escape(days.get(d))).append("</text>");
    }
    sb.append("<text x=\"4\" y=\"10\">UTC hour</text></g>\n");
    double span = max - min;
    // The cells: one path per colour class, runs of hours of one class in a day merged into one rectangle.
    StringBuilder[] paths = new StringBuilder[CLASSES + 1];
    for (int d = 0; d < days.size(); d++) {
      String x = coord(SvgChart.LEFT + d * w);
      String width = coord(Math.max(w, 0.1));
      int h = 0;
      while (h < 24) {
        int q = colourIndex(values[d][h], min, span);
        int run = h + 1;
        while (run < 24 && colourIndex(values[d][run], min, span) == q) {
          run++;
        }
        if (paths[q] == null) {
          paths[q] = new StringBuilder();
        }
        paths[q].append('M').append(x).append(' ').append(plotTop + h * CELL_HEIGHT).append('h').append(width)
            .append('v').append((run - h) * CELL_HEIGHT).append("h-").append(width).append('z');
        h = run;
      }
    }
    sb.append("<g class=\"cells\">");
    for (int q = 0; q <= CLASSES; q++) {
      if (paths[q] != null) {
        sb.append("<path class=\"").append(q == CLASSES ? "qn" : "q" + q).append("\" d=\"").append(paths[q])
            .append("\"/>");
      }
    }
    sb.append("</g>\n");
    // The tooltips: a transparent column per day, its title listing the day's 24 values.
    for (int d = 0; d < days.size(); d++) {
      sb.append("<rect class=\"day\" x=\"").append(coord(SvgChart.LEFT + d * w)).append("\" y=\"").append(plotTop)
          .append("\" width=\"").append(coord(Math.max(w, 0.1))).append("\" height=\"").append(plotHeight)
          .append("\"><title>").append(escape(days.get(d))).append(" (").append(escape(unit))
          .append(", UTC hours 00–23):");
      for (int h = 0; h < 24; h++) {
        double v = values[d][h];
        sb.append(h % 6 == 0 ? "\n" : " ").append(String.format(java.util.Locale.US, "%02d", h)).append(' ')
            .append(Double.isNaN(v) ? "–" : shortNum(v));
      }
      sb.append("</title></rect>\n");
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

  /* The colour class of a value: 0 to CLASSES - 1, or CLASSES for no data. */
  static int colourIndex(double v, double min, double span) {
    if (Double.isNaN(v)) {
      return CLASSES;
    }
    return span <= 0 ? CLASSES - 1 : (int) Math.min(CLASSES - 1, Math.floor((v - min) / span * CLASSES));
  }
}
