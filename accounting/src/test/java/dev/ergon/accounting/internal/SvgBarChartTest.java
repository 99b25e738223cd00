package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Grouped and share bar charts drawn from known values; every coordinate below is worked out by hand from the layout
 * rules (720 wide, plot from x 64 to 708, value axis from y 224 at 0 to y 16 at the top tick).
 */
class SvgBarChartTest {
  private static String axisLine(String y, String label) {
    return "<line x1=\"64\" x2=\"708\" y1=\"" + y + "\" y2=\"" + y + "\"/><text x=\"60\" y=\"" + y
        + "\" dy=\"3\" text-anchor=\"end\">" + label + "</text>";
  }

  @Test
  void groupedBarsWithWhiskers() {
    List<List<SvgBarChart.Bar>> bars = List.of(
        List.of(new SvgBarChart.Bar(4, 3, 5), new SvgBarChart.Bar(2, 1, 3)),
        List.of(new SvgBarChart.Bar(6, 5, 8), new SvgBarChart.Bar(0, 0, 0)));
    String svg = SvgBarChart.grouped("T", List.of("Jan", "R&D"), List.of("loc", "mkt"), bars, "kg");
    // Largest value or upper bound 8: a fifth is 1.6, tick 2, axis 0..8; pixel(v) = 224 - 26 v.
    // Slots 644 / 2 = 322 wide, bars min(28, 322 x 0.8 / 2) = 28 wide, a group starts (322 - 56) / 2 = 133 into its
    // slot. Whisker at the bar's middle x + 13.5, caps 28 / 4 = 7 either side.
    String expected = "<svg class=\"chart bars\" viewBox=\"0 0 720 260\" role=\"img\"><title>T</title>\n"
        + "<g class=\"axis\">" + axisLine("224", "0") + axisLine("172", "2") + axisLine("120", "4")
        + axisLine("68", "6") + axisLine("16", "8") + "<text x=\"4\" y=\"10\">kg</text></g>\n"
        + "<g class=\"pair\">"
        + "<rect class=\"s0\" x=\"197\" y=\"120\" width=\"27\" height=\"104\"><title>Jan loc: 4 kg, 95 % interval 3–5"
        + "</title></rect><path class=\"whisker\" d=\"M210.5 146V94M203.5 94H217.5M203.5 146H217.5\"/>"
        + "<rect class=\"s1\" x=\"225\" y=\"172\" width=\"27\" height=\"52\"><title>Jan mkt: 2 kg, 95 % interval 1–3"
        + "</title></rect><path class=\"whisker\" d=\"M238.5 198V146M231.5 146H245.5M231.5 198H245.5\"/>"
        + "<text class=\"tick\" x=\"225\" y=\"238\" text-anchor=\"middle\">Jan</text></g>\n"
        + "<g class=\"pair\">"
        + "<rect class=\"s0\" x=\"519\" y=\"68\" width=\"27\" height=\"156\"><title>R&amp;D loc: 6 kg, 95 % interval 5–8"
        + "</title></rect><path class=\"whisker\" d=\"M532.5 94V16M525.5 16H539.5M525.5 94H539.5\"/>"
        + "<rect class=\"s1\" x=\"547\" y=\"224\" width=\"27\" height=\"0\"><title>R&amp;D mkt: 0 kg, 95 % interval 0–0"
        + "</title></rect><path class=\"whisker\" d=\"M560.5 224V224M553.5 224H567.5M553.5 224H567.5\"/>"
        + "<text class=\"tick\" x=\"547\" y=\"238\" text-anchor=\"middle\">R&amp;D</text></g>\n"
        // legend at y 252: a swatch, its name 14 to the right; the next entry 24 + 7 x 3 further
        + "<g class=\"legend\"><rect class=\"s0\" x=\"64\" y=\"243\" width=\"10\" height=\"10\"/><text x=\"78\" y=\"252\">"
        + "loc</text><rect class=\"s1\" x=\"109\" y=\"243\" width=\"10\" height=\"10\"/><text x=\"123\" y=\"252\">mkt"
        + "</text></g>\n</svg>\n";
    assertEquals(expected, svg);
  }

  @Test
  void narrowSlotsLabelEveryThirdCategoryAndOneSeriesIsAGroup() {
    List<String> cats = new ArrayList<>();
    List<List<SvgBarChart.Bar>> bars = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      cats.add("c" + i);
      bars.add(List.of(new SvgBarChart.Bar(10, 10, 10)));
    }
    String svg = SvgBarChart.grouped("T", cats, List.of("only"), bars, "kg");
    // 30 slots in 644: 644 / 48 = 13.4 labels fit, so every ceil(30 / 13.4) = 3rd category is labelled
    Matcher m = Pattern.compile("<text class=\"tick\" x=\"([0-9.]+)\" y=\"238\" text-anchor=\"middle\">(c\\d+)<")
        .matcher(svg);
    List<String> labels = new ArrayList<>();
    List<String> xs = new ArrayList<>();
    while (m.find()) {
      xs.add(m.group(1));
      labels.add(m.group(2));
    }
    assertEquals(List.of("c0", "c3", "c6", "c9", "c12", "c15", "c18", "c21", "c24", "c27"), labels);
    // slot 644 / 30 = 21.467: label of c3 at 64 + 3.5 x 21.467 = 139.13
    assertEquals("74.7", xs.get(0));
    assertEquals("139.1", xs.get(1));
    assertEquals(30, count(svg, "<g class=\"group\">"));
    // bar width min(28, 21.467 x 0.8) = 17.173, drawn 1 narrower; c1 at 64 + 21.467 + (21.467 - 17.173) / 2
    assertEquals(true, svg.contains("<rect class=\"s0\" x=\"87.6\" y=\"16\" width=\"16.2\" height=\"208\">"
        + "<title>c1 only: 10 kg, 95 % interval 10–10</title>"), svg);
    // axis 0..10 in steps of 2
    assertEquals(true, svg.contains(axisLine("224", "0") + axisLine("182.4", "2")), svg);
  }

  @Test
  void twoSeriesShareEightyPercentOfANarrowSlot() {
    List<String> cats = new ArrayList<>();
    List<List<SvgBarChart.Bar>> bars = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      cats.add("m" + i);
      bars.add(List.of(new SvgBarChart.Bar(10, 10, 10), new SvgBarChart.Bar(10, 10, 10)));
    }
    String svg = SvgBarChart.grouped("T", cats, List.of("a", "b"), bars, "kg");
    // slot 644 / 10 = 64.4; bars 64.4 x 0.8 / 2 = 25.76 wide (under the 28 cap), drawn 24.76; the pair starts
    // (64.4 - 51.52) / 2 = 6.44 into the slot
    assertEquals(true, svg.contains("<g class=\"pair\"><rect class=\"s0\" x=\"70.4\" y=\"16\" width=\"24.8\" "
        + "height=\"208\">"), svg);
    assertEquals(true, svg.contains("<rect class=\"s1\" x=\"96.2\" y=\"16\" width=\"24.8\" height=\"208\">"), svg);
  }

  @Test
  void sharesAreBarsScaledToTheLargestWithPercentOfTheTotal() {
    String svg = SvgBarChart.shares("S", List.of("a", "b<"), new double[] {3, 1}, "kWh");
    // height 16 + 22 x 2 + 8 = 68; plot 720 - 170 - 120 = 430; widths 430 and 430 / 3 = 143.3; shares 75 and 25 %
    String expected = "<svg class=\"chart shares\" viewBox=\"0 0 720 68\" role=\"img\"><title>S</title>\n"
        + "<g class=\"share\"><text x=\"164\" y=\"30\" text-anchor=\"end\">a</text><rect class=\"s0\" x=\"170\" y=\"19\""
        + " width=\"430\" height=\"16\"><title>a: 3 kWh (75 %)</title></rect><text x=\"606\" y=\"30\">3 kWh · 75 %"
        + "</text></g>\n"
        + "<g class=\"share\"><text x=\"164\" y=\"52\" text-anchor=\"end\">b&lt;</text><rect class=\"s1\" x=\"170\""
        + " y=\"41\" width=\"143.3\" height=\"16\"><title>b&lt;: 1 kWh (25 %)</title></rect><text x=\"319.3\" y=\"52\">"
        + "1 kWh · 25 %</text></g>\n</svg>\n";
    assertEquals(expected, svg);
  }

  @Test
  void sharesOfNothingAreEmptyBars() {
    String svg = SvgBarChart.shares("S", List.of("a"), new double[] {0}, "kWh");
    assertEquals("<svg class=\"chart shares\" viewBox=\"0 0 720 46\" role=\"img\"><title>S</title>\n"
        + "<g class=\"share\"><text x=\"164\" y=\"30\" text-anchor=\"end\">a</text><rect class=\"s0\" x=\"170\" y=\"19\""
        + " width=\"0\" height=\"16\"><title>a: 0 kWh (0 %)</title></rect><text x=\"176\" y=\"30\">0 kWh · 0 %"
        + "</text></g>\n</svg>\n", svg);
    // no keys: one empty row's height
    assertEquals("<svg class=\"chart shares\" viewBox=\"0 0 720 46\" role=\"img\"><title>S</title>\n</svg>\n",
        SvgBarChart.shares("S", List.of(), new double[0], "kWh"));
  }

  @Test
  void elevenSharesCycleTenColours() {
    List<String> keys = new ArrayList<>();
    double[] values = new double[11];
    for (int i = 0; i < 11; i++) {
      keys.add("k" + i);
      values[i] = 1;
    }
    String svg = SvgBarChart.shares("S", keys, values, "kWh");
    // every bar as long as the largest; each 1/11 = 9.09 % of the total; the 11th row (y 16 + 220 + 3) takes s0 again
    assertEquals(true, svg.contains("<rect class=\"s0\" x=\"170\" y=\"239\" width=\"430\" height=\"16\">"
        + "<title>k10: 1 kWh (9.09 %)</title>"), svg);
    assertEquals(true, svg.contains("<rect class=\"s9\" x=\"170\" y=\"217\""), svg);
    assertEquals(true, svg.contains("viewBox=\"0 0 720 266\""), svg);
  }

  @Test
  void legendCyclesTwentyColours() {
    List<String> series = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      series.add("s");
    }
    StringBuilder sb = new StringBuilder();
    SvgBarChart.legend(sb, series, 100);
    // each entry 24 + 7 = 31 further right; the 21st (x 64 + 20 x 31 = 684) takes colour s0 again
    assertEquals(true, sb.toString().contains("<rect class=\"s19\" x=\"653\" y=\"91\" width=\"10\" height=\"10\"/>"
        + "<text x=\"667\" y=\"100\">s</text><rect class=\"s0\" x=\"684\" y=\"91\""), sb.toString());
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
