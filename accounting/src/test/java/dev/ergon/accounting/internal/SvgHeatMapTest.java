package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hour-by-day heat map from known values: nine equal classes between the smallest and largest value, runs of a
 * class merged per day, grey for no data; coordinates by hand (rows 8 high from y 16, plot 644 wide from x 64).
 */
class SvgHeatMapTest {
  /* The tooltip's hour list: "\nHH v" at hours 0, 6, 12, 18, " HH v" otherwise. */
  private static String hours(String... values) {
    StringBuilder sb = new StringBuilder();
    for (int h = 0; h < 24; h++) {
      sb.append(h % 6 == 0 ? "\n" : " ").append(h < 10 ? "0" : "").append(h).append(' ').append(values[h]);
    }
    return sb.toString();
  }

  private static String[] repeat(String... runs) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < runs.length; i += 2) {
      for (int k = 0; k < Integer.parseInt(runs[i + 1]); k++) {
        out.add(runs[i]);
      }
    }
    return out.toArray(new String[0]);
  }

  @Test
  void twoDaysOfKnownValues() {
    double[] d1 = new double[24];
    Arrays.fill(d1, 0, 6, 0);
    Arrays.fill(d1, 6, 12, 4.5);
    Arrays.fill(d1, 12, 24, 9);
    double[] d2 = new double[24];
    d2[0] = Double.NaN;
    d2[1] = 1;
    Arrays.fill(d2, 2, 23, 1.5);
    d2[23] = 8.5;
    String svg = SvgHeatMap.draw("H", List.of("d1", "d&2"), new double[][] {d1, d2}, "g");
    // min 0, max 9: class = floor(v), 9 capped to 8. Columns 644 / 2 = 322 wide at x 64 and 386.
    StringBuilder expected = new StringBuilder(
        "<svg class=\"chart heat\" viewBox=\"0 0 720 254\" role=\"img\"><title>H</title>\n<g class=\"axis\">");
    for (int h = 0; h < 24; h += 3) {
      expected.append("<text x=\"60\" y=\"").append(16 + 8 * h + 7).append("\" text-anchor=\"end\">")
          .append(h < 10 ? "0" : "").append(h).append(":00</text>");
    }
    expected.append("<text class=\"tick\" x=\"64\" y=\"220\">d1</text><text class=\"tick\" x=\"386\" y=\"220\">d&amp;2"
        + "</text><text x=\"4\" y=\"10\">UTC hour</text></g>\n");
    expected.append("<g class=\"cells\">"
        + "<path class=\"q0\" d=\"M64 16h322v48h-322z\"/>"
        + "<path class=\"q1\" d=\"M386 24h322v176h-322z\"/>"
        + "<path class=\"q4\" d=\"M64 64h322v48h-322z\"/>"
        + "<path class=\"q8\" d=\"M64 112h322v96h-322zM386 200h322v8h-322z\"/>"
        + "<path class=\"qn\" d=\"M386 16h322v8h-322z\"/></g>\n");
    expected.append("<rect class=\"day\" x=\"64\" y=\"16\" width=\"322\" height=\"192\"><title>d1 (g, UTC hours 00–23):")
        .append(hours(repeat("0", "6", "4.5", "6", "9", "12"))).append("</title></rect>\n");
    expected.append("<rect class=\"day\" x=\"386\" y=\"16\" width=\"322\" height=\"192\"><title>d&amp;2 (g, UTC hours "
        + "00–23):").append(hours(repeat("–", "1", "1", "1", "1.5", "21", "8.5", "1"))).append("</title></rect>\n");
    expected.append("<g class=\"legend\">");
    for (int q = 0; q < 9; q++) {
      expected.append("<rect class=\"q").append(q).append("\" x=\"").append(64 + 40 * q)
          .append("\" y=\"232\" width=\"40\" height=\"8\"/>");
    }
    expected.append("<text x=\"64\" y=\"252\">0</text><text x=\"424\" y=\"252\" text-anchor=\"end\">9</text>"
        + "<text x=\"434\" y=\"240\">g; grey: no data</text></g>\n</svg>\n");
    assertEquals(expected.toString(), svg);
  }

  @Test
  void coloursAreNineEqualClasses() {
    // span 9 from min 1: class floor((v - 1) / 9 x 9)
    assertEquals(0, SvgHeatMap.colourIndex(1, 1, 9));
    assertEquals(0, SvgHeatMap.colourIndex(1.999, 1, 9));
    assertEquals(1, SvgHeatMap.colourIndex(2, 1, 9));
    assertEquals(4, SvgHeatMap.colourIndex(5.5, 1, 9));
    assertEquals(7, SvgHeatMap.colourIndex(8.999, 1, 9));
    assertEquals(8, SvgHeatMap.colourIndex(9, 1, 9));
    assertEquals(8, SvgHeatMap.colourIndex(10, 1, 9));
    // span 18 from min -3: class floor((v + 3) / 2)
    assertEquals(2, SvgHeatMap.colourIndex(2, -3, 18));
    assertEquals(3, SvgHeatMap.colourIndex(3, -3, 18));
    // no data
    assertEquals(SvgHeatMap.CLASSES, SvgHeatMap.colourIndex(Double.NaN, 0, 9));
    // all values equal: the top class
    assertEquals(8, SvgHeatMap.colourIndex(5, 5, 0));
  }

  @Test
  void equalValuesAreTheTopClassAndNoDataIsGrey() {
    double[] one = new double[24];
    Arrays.fill(one, 2.5);
    double[] none = new double[24];
    Arrays.fill(none, Double.NaN);
    String svg = SvgHeatMap.draw("H", List.of("a", "b"), new double[][] {one, none}, "g");
    assertTrue(svg.contains("<g class=\"cells\"><path class=\"q8\" d=\"M64 16h322v192h-322z\"/>"
        + "<path class=\"qn\" d=\"M386 16h322v192h-322z\"/></g>\n"), svg);
    assertTrue(svg.contains("<text x=\"64\" y=\"252\">2.5</text><text x=\"424\" y=\"252\" text-anchor=\"end\">2.5"
        + "</text>"), svg);
    String empty = SvgHeatMap.draw("H", List.of("b"), new double[][] {none}, "g");
    // one column 644 wide; the legend says "–" for both ends
    assertTrue(empty.contains("<g class=\"cells\"><path class=\"qn\" d=\"M64 16h644v192h-644z\"/></g>\n"), empty);
    assertTrue(empty.contains("<text x=\"64\" y=\"252\">–</text><text x=\"424\" y=\"252\" text-anchor=\"end\">–"
        + "</text>"), empty);
    assertTrue(empty.contains("<rect class=\"day\" x=\"64\" y=\"16\" width=\"644\" height=\"192\"><title>b (g, UTC "
        + "hours 00–23):\n00 – 01 –"), empty);
  }

  @Test
  void manyDaysLabelEveryThirdDay() {
    int n = 20;
    List<String> days = new ArrayList<>();
    double[][] values = new double[n][24];
    for (int d = 0; d < n; d++) {
      days.add("d" + d);
      Arrays.fill(values[d], d);
    }
    String svg = SvgHeatMap.draw("H", days, values, "g");
    // 644 / 80 = 8.05 labels fit: every ceil(20 / 8.05) = 3rd day; columns 644 / 20 = 32.2 wide
    StringBuilder labels = new StringBuilder();
    for (int d = 0; d < n; d += 3) {
      labels.append("<text class=\"tick\" x=\"").append(HtmlText.coord(64 + d * 32.2)).append("\" y=\"220\">d")
          .append(d).append("</text>");
    }
    assertTrue(svg.contains("</text>" + labels + "<text x=\"4\" y=\"10\">UTC hour</text>"), svg);
    assertEquals("257.2", HtmlText.coord(64 + 6 * 32.2));
    // day d has value d of 0..19: class floor(d / 19 x 9); day 2 -> 0, day 3 -> 1, day 19 -> 8
    assertTrue(svg.contains("<path class=\"q0\" d=\"M64 16h32.2v192h-32.2zM96.2 16h32.2v192h-32.2z"
        + "M128.4 16h32.2v192h-32.2z\"/><path class=\"q1\" d=\"M160.6 16h32.2v192h-32.2z"), svg);
    assertTrue(svg.contains("<rect class=\"day\" x=\"675.8\" y=\"16\" width=\"32.2\" height=\"192\"><title>d19"), svg);
  }
}
