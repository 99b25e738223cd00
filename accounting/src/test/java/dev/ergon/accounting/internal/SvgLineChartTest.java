package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Line charts from known points; coordinates by hand from the layout (plot 634 wide from x 69, value axis from
 * y 220 at the lowest tick to y 16 at the highest).
 */
class SvgLineChartTest {
  private static String axisLine(String y, String label) {
    return "<line x1=\"64\" x2=\"708\" y1=\"" + y + "\" y2=\"" + y + "\"/><text x=\"60\" y=\"" + y
        + "\" dy=\"3\" text-anchor=\"end\">" + label + "</text>";
  }

  private static SortedMap<String, List<SvgLineChart.Point>> twoSeries() {
    SortedMap<String, List<SvgLineChart.Point>> series = new TreeMap<>();
    series.put("x", List.of(new SvgLineChart.Point(0, 1, 0.5, 1.5), new SvgLineChart.Point(2, 3, 2, 4)));
    series.put("y", List.of(new SvgLineChart.Point(1, -1, -2, 0)));
    return series;
  }

  private static final String HEAD = "<svg class=\"chart lines\" viewBox=\"0 0 720 266\" role=\"img\"><title>L</title>\n";
  // three steps: dx = 634 / 2 = 317 from x0 = 69
  private static final String STEPS = "<g class=\"axis\"><text class=\"tick\" x=\"69\" y=\"234\" text-anchor=\"middle\">"
      + "a</text><text class=\"tick\" x=\"386\" y=\"234\" text-anchor=\"middle\">b</text><text class=\"tick\" x=\"703\""
      + " y=\"234\" text-anchor=\"middle\">c</text></g>\n";
  // legend row at y 254: "x" at 64, "y" 24 + 7 further
  private static final String LEGEND = "<g class=\"legend\"><rect class=\"s0\" x=\"64\" y=\"245\" width=\"10\" "
      + "height=\"10\"/><text x=\"78\" y=\"254\">x</text><rect class=\"s1\" x=\"95\" y=\"245\" width=\"10\" "
      + "height=\"10\"/><text x=\"109\" y=\"254\">y</text></g>\n</svg>\n";

  @Test
  void linesWithBands() {
    String svg = SvgLineChart.draw("L", List.of("a", "b", "c"), twoSeries(), "u", true);
    // band edges from -2 to 4: a fifth 1.2, tick 2, axis -2..4; pixel(v) = 220 - 34 (v + 2)
    String expected = HEAD + "<g class=\"axis\">" + axisLine("220", "-2") + axisLine("152", "0") + axisLine("84", "2")
        + axisLine("16", "4") + "<text x=\"4\" y=\"10\">u</text></g>\n" + STEPS
        + "<g class=\"series s0\" data-group=\"x\"><title>x</title>"
        + "<path class=\"band\" d=\"M69 101L703 16L703 84L69 135Z\"/>"
        + "<path class=\"line\" d=\"M69 118L703 50\"/>"
        + "<circle cx=\"69\" cy=\"118\" r=\"2.5\"><title>x, a: 1 u, 95 % 0.5–1.5</title></circle>"
        + "<circle cx=\"703\" cy=\"50\" r=\"2.5\"><title>x, c: 3 u, 95 % 2–4</title></circle></g>\n"
        + "<g class=\"series s1\" data-group=\"y\"><title>y</title>"
        + "<path class=\"band\" d=\"M386 152L386 220Z\"/>"
        + "<path class=\"line\" d=\"M386 186\"/>"
        + "<circle cx=\"386\" cy=\"186\" r=\"2.5\"><title>y, b: -1 u, 95 % -2–0</title></circle></g>\n"
        + LEGEND;
    assertEquals(expected, svg);
  }

  @Test
  void linesWithoutBands() {
    String svg = SvgLineChart.draw("L", List.of("a", "b", "c"), twoSeries(), "u", false);
    // values from -1 to 3: a fifth 0.8, tick 1, axis -1..3; pixel(v) = 220 - 51 (v + 1)
    String expected = HEAD + "<g class=\"axis\">" + axisLine("220", "-1") + axisLine("169", "0") + axisLine("118", "1")
        + axisLine("67", "2") + axisLine("16", "3") + "<text x=\"4\" y=\"10\">u</text></g>\n" + STEPS
        + "<g class=\"series s0\" data-group=\"x\"><title>x</title>"
        + "<path class=\"line\" d=\"M69 118L703 16\"/>"
        + "<circle cx=\"69\" cy=\"118\" r=\"2.5\"><title>x, a: 1 u</title></circle>"
        + "<circle cx=\"703\" cy=\"16\" r=\"2.5\"><title>x, c: 3 u</title></circle></g>\n"
        + "<g class=\"series s1\" data-group=\"y\"><title>y</title>"
        + "<path class=\"line\" d=\"M386 220\"/>"
        + "<circle cx=\"386\" cy=\"220\" r=\"2.5\"><title>y, b: -1 u</title></circle></g>\n"
        + LEGEND;
    assertEquals(expected, svg);
  }

  @Test
  void oneStepIsCentredAndAnEmptySeriesHasNoBand() {
    SortedMap<String, List<SvgLineChart.Point>> series = new TreeMap<>();
    series.put("e", List.of());
    series.put("p", List.of(new SvgLineChart.Point(0, 5, 5, 5)));
    String svg = SvgLineChart.draw("L", List.of("only"), series, "u", true);
    // one step at 69 + 634 / 2 = 386; axis 0..5 in steps of 1, pixel(5) = 16
    assertTrue(svg.contains("<g class=\"axis\"><text class=\"tick\" x=\"386\" y=\"234\" text-anchor=\"middle\">only"
        + "</text></g>\n"), svg);
    assertTrue(svg.contains("<g class=\"series s0\" data-group=\"e\"><title>e</title><path class=\"line\" d=\"\"/>"
        + "</g>\n"), svg);
    assertTrue(svg.contains("<g class=\"series s1\" data-group=\"p\"><title>p</title><path class=\"band\" "
        + "d=\"M386 16L386 16Z\"/><path class=\"line\" d=\"M386 16\"/><circle cx=\"386\" cy=\"16\" r=\"2.5\">"), svg);
    assertTrue(svg.contains(axisLine("220", "0") + axisLine("179.2", "1")), svg);
  }

  @Test
  void noSeriesHasOneLegendRow() {
    String svg = SvgLineChart.draw("L", List.of(), new TreeMap<>(), "u", false);
    // empty: axis 0..1, height 220 + 30 + 16
    assertTrue(svg.startsWith(HEAD), svg);
    assertTrue(svg.endsWith("<g class=\"axis\"></g>\n<g class=\"legend\"></g>\n</svg>\n"), svg);
  }

  @Test
  void manyStepsThinLabelsAndDots() {
    List<String> steps = new ArrayList<>();
    List<SvgLineChart.Point> ps = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      steps.add("t" + i);
      ps.add(new SvgLineChart.Point(i, 1, 1, 1));
    }
    SortedMap<String, List<SvgLineChart.Point>> series = new TreeMap<>();
    series.put("s", ps);
    String svg = SvgLineChart.draw("L", steps, series, "u", false);
    // 634 / 70 = 9.06 labels fit: every ceil(200 / 9.06) = 23rd step; dx = 634 / 199 = 3.186
    Matcher m = Pattern.compile("<text class=\"tick\" x=\"([0-9.]+)\" y=\"234\" text-anchor=\"middle\">(t\\d+)<")
        .matcher(svg);
    List<String> labels = new ArrayList<>();
    List<String> xs = new ArrayList<>();
    while (m.find()) {
      labels.add(m.group(2));
      xs.add(m.group(1));
    }
    assertEquals(List.of("t0", "t23", "t46", "t69", "t92", "t115", "t138", "t161", "t184"), labels);
    assertEquals("142.3", xs.get(1)); // 69 + 23 x 3.186
    // more than 120 steps: small dots
    assertTrue(svg.contains("<circle cx=\"72.2\" cy=\"16\" r=\"1.5\"><title>s, t1: 1 u</title></circle>"), svg);
    assertTrue(svg.contains("<circle cx=\"703\" cy=\"16\" r=\"1.5\">"), svg);
  }

  @Test
  void upToOneHundredTwentyStepsHaveLargeDots() {
    List<String> steps = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      steps.add("t" + i);
    }
    SortedMap<String, List<SvgLineChart.Point>> series = new TreeMap<>();
    series.put("s", List.of(new SvgLineChart.Point(0, 1, 1, 1)));
    String svg = SvgLineChart.draw("L", steps, series, "u", false);
    assertTrue(svg.contains("<circle cx=\"69\" cy=\"16\" r=\"2.5\">"), svg);
  }

  @Test
  void legendWrapsOnlyPastTheRightEdge() {
    SortedMap<String, List<SvgLineChart.Point>> series = new TreeMap<>();
    String twenty = "abcdefghijklmnopqrst";
    for (int i = 1; i <= 4; i++) {
      series.put(i + twenty.substring(1), List.of());
    }
    // four names of 20 chars, each 24 + 140 = 164 wide: the fourth ends exactly at 720, one row
    String one = SvgLineChart.draw("L", List.of("a"), series, "u", false);
    assertTrue(one.contains("viewBox=\"0 0 720 266\""), one);
    assertTrue(one.contains("<rect class=\"s3\" x=\"556\" y=\"245\""), one);
    // a fifth name starts a second row at 64, 16 lower
    series.put("5", List.of());
    String two = SvgLineChart.draw("L", List.of("a"), series, "u", false);
    assertTrue(two.contains("viewBox=\"0 0 720 282\""), two);
    assertTrue(two.contains("<rect class=\"s4\" x=\"64\" y=\"261\" width=\"10\" height=\"10\"/><text x=\"78\" "
        + "y=\"270\">5</text>"), two);
    // names longer than 40 chars count as 40: 24 + 280 = 304 wide; two fit (64, 368), the third wraps
    SortedMap<String, List<SvgLineChart.Point>> longNames = new TreeMap<>();
    String fifty = "x".repeat(50);
    for (int i = 0; i < 3; i++) {
      longNames.put(i + fifty, List.of());
    }
    String wrapped = SvgLineChart.draw("L", List.of("a"), longNames, "u", false);
    assertTrue(wrapped.contains("<rect class=\"s1\" x=\"368\" y=\"245\""), wrapped);
    assertTrue(wrapped.contains("<rect class=\"s2\" x=\"64\" y=\"261\""), wrapped);
  }

  @Test
  void twentyFirstSeriesReusesTheFirstColour() {
    SortedMap<String, List<SvgLineChart.Point>> series = new TreeMap<>();
    for (int i = 0; i < 21; i++) {
      series.put(String.format("n%02d", i), List.of());
    }
    String svg = SvgLineChart.draw("L", List.of("a"), series, "u", false);
    assertTrue(svg.contains("<g class=\"series s0\" data-group=\"n20\">"), svg);
    assertTrue(svg.contains("<g class=\"series s19\" data-group=\"n19\">"), svg);
    // legend: names of 3 chars are 45 wide; 14 fit in 720 - 64 = 656 (14 x 45 = 630), the 15th (n14) wraps
    assertTrue(svg.contains("<rect class=\"s14\" x=\"64\" y=\"261\""), svg);
    // n20, the 7th on the second row: x 64 + 6 x 45 = 334, colour s0
    assertTrue(svg.contains("<rect class=\"s0\" x=\"334\" y=\"261\""), svg.substring(svg.indexOf("legend")));
  }
}
