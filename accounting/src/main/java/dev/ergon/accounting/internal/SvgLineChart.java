package dev.ergon.accounting.internal;

import static dev.ergon.accounting.internal.HtmlText.coord;
import static dev.ergon.accounting.internal.HtmlText.escape;
import static dev.ergon.accounting.internal.HtmlText.shortNum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A time-series chart in SVG: one line per series over shared time steps, each point a circle with a
 * {@code <title>} tooltip, and optionally a shaded 95 % band per series. Each series is a
 * {@code <g class="series">} holding its band, line and points.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class SvgLineChart {
  private static final int PLOT_HEIGHT = 220;
  private static final int LEGEND_ROW = 16;

  private SvgLineChart() {}

  /**
   * One point of a series.
   *
   * @param step the index of the time step (into the chart's step labels)
   * @param value the value
   * @param lower the band's lower edge (equal to {@code value} when there is no band)
   * @param upper the band's upper edge
   */
  public record Point(int step, double value, double lower, double upper) {}

  /**
   * Draws the chart.
   *
   * @param title the chart's accessible title
   * @param steps the labels of the time steps, left to right
   * @param series the points per series name (a point per step with data; gaps break nothing: the line joins
   *     the points present)
   * @param unit the unit of the values
   * @param band whether to draw the 95 % band
   * @return the SVG element
   */
  public static String draw(String title, List<String> steps, SortedMap<String, List<Point>> series, String unit,
      boolean band) {
    double max = 0;
    double min = 0;
    for (List<Point> ps : series.values()) {
      for (Point p : ps) {
        max = Math.max(max, band ? p.upper() : p.value());
        min = Math.min(min, band ? p.lower() : p.value());
      }
    }
    List<String> names = new ArrayList<>(series.keySet());
    List<int[]> legend = legendLayout(names);
    int legendRows = legend.isEmpty() ? 1 : legend.get(legend.size() - 1)[1] + 1;
    int height = PLOT_HEIGHT + 30 + legendRows * LEGEND_ROW;
    StringBuilder sb = new StringBuilder();
    SvgChart.open(sb, "lines", height, title);
    ChartScale y = ChartScale.of(min, max, PLOT_HEIGHT, SvgChart.TOP);
    SvgChart.valueAxis(sb, y, unit);
    double plot = SvgChart.WIDTH - SvgChart.LEFT - SvgChart.RIGHT - 10;
    double dx = steps.size() <= 1 ? 0 : plot / (steps.size() - 1);
    double x0 = SvgChart.LEFT + 5 + (steps.size() <= 1 ? plot / 2 : 0);
    int labelEvery = Math.max(1, (int) Math.ceil(steps.size() / (plot / 70)));
    sb.append("<g class=\"axis\">");
    for (int i = 0; i < steps.size(); i += labelEvery) {
      sb.append("<text class=\"tick\" x=\"").append(coord(x0 + i * dx)).append("\" y=\"").append(PLOT_HEIGHT + 14)
          .append("\" text-anchor=\"middle\">").append(escape(steps.get(i))).append("</text>");
    }
    sb.append("</g>\n");
    boolean dots = steps.size() <= 120;
    int s = 0;
    for (Map.Entry<String, List<Point>> e : series.entrySet()) {
      String name = e.getKey();
      List<Point> ps = e.getValue();
      String cls = "s" + (s % 20);
      sb.append("<g class=\"series ").append(cls).append("\" data-group=\"").append(escape(name)).append("\"><title>")
          .append(escape(name)).append("</title>");
      if (band && !ps.isEmpty()) {
        sb.append("<path class=\"band\" d=\"");
        for (int i = 0; i < ps.size(); i++) {
          Point p = ps.get(i);
          sb.append(i == 0 ? 'M' : 'L').append(coord(x0 + p.step() * dx)).append(' ').append(coord(y.pixel(p.upper())));
        }
        for (int i = ps.size() - 1; i >= 0; i--) {
          Point p = ps.get(i);
          sb.append('L').append(coord(x0 + p.step() * dx)).append(' ').append(coord(y.pixel(p.lower())));
        }
        sb.append("Z\"/>");
      }
      sb.append("<path class=\"line\" d=\"");
      for (int i = 0; i < ps.size(); i++) {
        Point p = ps.get(i);
        sb.append(i == 0 ? 'M' : 'L').append(coord(x0 + p.step() * dx)).append(' ').append(coord(y.pixel(p.value())));
      }
      sb.append("\"/>");
      for (Point p : ps) {
        sb.append("<circle cx=\"").append(coord(x0 + p.step() * dx)).append("\" cy=\"")
            .append(coord(y.pixel(p.value()))).append("\" r=\"").append(dots ? "2.5" : "1.5").append("\"><title>")
            .append(escape(name)).append(", ").append(escape(steps.get(p.step()))).append(": ")
            .append(shortNum(p.value())).append(' ').append(escape(unit));
        if (band) {
          sb.append(", 95 % ").append(shortNum(p.lower())).append("–").append(shortNum(p.upper()));
        }
        sb.append("</title></circle>");
      }
      sb.append("</g>\n");
      s++;
    }
    sb.append("<g class=\"legend\">");
    for (int i = 0; i < names.size(); i++) {
      int[] at = legend.get(i);
      int ly = PLOT_HEIGHT + 34 + at[1] * LEGEND_ROW;
      sb.append("<rect class=\"s").append(i % 20).append("\" x=\"").append(at[0]).append("\" y=\"").append(ly - 9)
          .append("\" width=\"10\" height=\"10\"/><text x=\"").append(at[0] + 14).append("\" y=\"").append(ly)
          .append("\">").append(escape(names.get(i))).append("</text>");
    }
    sb.append("</g>\n");
    SvgChart.close(sb);
    return sb.toString();
  }

  /** Positions of the legend entries: {x, row}. */
  private static List<int[]> legendLayout(List<String> names) {
    List<int[]> at = new ArrayList<>();
    int x = SvgChart.LEFT;
    int row = 0;
    for (String n : names) {
      int w = 24 + 7 * Math.min(n.length(), 40);
      if (x + w > SvgChart.WIDTH && x > SvgChart.LEFT) {
        x = SvgChart.LEFT;
        row++;
      }
      at.add(new int[] {x, row});
      x += w;
    }
    return at;
  }
}
