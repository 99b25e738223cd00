package dev.ergon.accounting.internal;

import static dev.ergon.accounting.internal.HtmlText.coord;
import static dev.ergon.accounting.internal.HtmlText.escape;
import static dev.ergon.accounting.internal.HtmlText.shortNum;

/**
 * The frame shared by the report's SVG charts: the root element with its accessible title and the value axis
 * with grid lines and tick labels. Charts are 720 user units wide and scale with the page.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
final class SvgChart {
  static final int WIDTH = 720;
  static final int LEFT = 64;
  static final int RIGHT = 12;
  static final int TOP = 16;

  private SvgChart() {}

  static void open(StringBuilder sb, String cssClass, int height, String title) {
    sb.append("<svg class=\"chart ").append(cssClass)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" role=\"img\"><title>").append(escape(title)).append("</title>\n");
  }

  static void close(StringBuilder sb) {
    sb.append("</svg>\n");
  }

  /** Draws horizontal grid lines and tick labels for a vertical value axis, and the axis unit. */
  static void valueAxis(StringBuilder sb, ChartScale y, String unit) {
    sb.append("<g class=\"axis\">");
    for (double t : y.ticks()) {
      String py = coord(y.pixel(t));
      sb.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(py)
          .append("\" y2=\"").append(py).append("\"/><text x=\"").append(LEFT - 4).append("\" y=\"").append(py)
          .append("\" dy=\"3\" text-anchor=\"end\">").append(shortNum(t)).append("</text>");
    }
    sb.append("<text x=\"4\" y=\"10\">").append(escape(unit)).append("</text></g>\n");
  }
}
