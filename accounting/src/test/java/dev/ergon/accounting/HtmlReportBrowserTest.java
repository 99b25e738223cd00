package dev.ergon.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.accounting.scope2.Scope2Report;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The HTML report in a real browser: headless Chromium renders the realistic sample and a year of hourly data for
 * 20 groups; the screenshot is not blank and has the window's size, the rendered DOM has one bar pair per month,
 * one series per group and every disclosure, and the browser logged no console message and attempted no network
 * request. A control page that does both proves the checks can fail.
 *
 * <p>Chromium is needed: see {@link Chromium#find()} (the test fails naming the package when it is missing, and is
 * skipped only with {@code -Dergon.browser=skip}; the size of the year's page is checked before that). The page, screenshot and logs stay in
 * {@code target/html-report/}.
 */
class HtmlReportBrowserTest {
  private static final Path WORK = Path.of("target", "html-report");

  private static @Nullable Chromium found;

  /* Found on first use, so that the size check runs before it even when the browser tests are skipped. */
  private static Chromium chromium() {
    Chromium c = found;
    if (c == null) {
      c = Chromium.find();
      found = c;
    }
    return c;
  }

  @Test
  void theChecksSeeAConsoleMessageAndANetworkRequest() throws Exception {
    Path dir = WORK.resolve("control");
    Files.createDirectories(dir);
    Path page = dir.resolve("control.html");
    Files.writeString(page, """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>control</title></head><body><p>control</p>
        <img src="http://ergon-control.invalid/x.png" alt=""><script>console.error("control")</script></body></html>
        """);
    Chromium.Run run = chromium().load(page.toAbsolutePath(), dir, 400, 300);
    assertFalse(run.consoleLines().isEmpty(), "the console check must see console.error:\n" + run.stderr());
    assertTrue(run.pageRequests().contains("http://ergon-control.invalid/x.png"), "the net-log check must see the "
        + "page's request: " + run.pageRequests() + " (browser's own: " + run.browserRequests() + ")");
  }

  @Test
  void theSampleRendersWithEveryPartAndNothingFetched() throws Exception {
    Path dir = WORK.resolve("example");
    HtmlSample.Inputs in = HtmlSample.example(dir.resolve("inputs"));
    Scope2Report report = HtmlSample.report(in);
    // The same records as a ledger, for the command line: see NOTES-html.md.
    StringBuilder ledger = new StringBuilder();
    dev.ergon.ledger.RecordJson json = new dev.ergon.ledger.RecordJson();
    for (dev.ergon.EnergyRecord r : in.records()) {
      ledger.append(json.toJson(r)).append('\n');
    }
    Files.writeString(dir.resolve("inputs").resolve("ledger.jsonl"), ledger);
    Path page = dir.resolve("report-example.html").toAbsolutePath();
    try (Writer w = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
      HtmlReport.of(report).records(in.records()).groupBy("model").functionalUnit("prediction", 1000).write(w);
    }
    int width = 1280;
    int height = 2200;
    Chromium.Run run = chromium().load(page, dir, width, height);
    System.out.println("chromium run (start, render, screenshot, DOM dump) of the sample: " + run.millis() + " ms");

    assertEquals(List.of(), run.consoleLines(), "console messages");
    assertEquals(List.of(), run.pageRequests(), "network requests made by the page");

    BufferedImage png = ImageIO.read(run.screenshot().toFile());
    assertEquals(width, png.getWidth());
    assertEquals(height, png.getHeight());
    Set<Integer> colours = new HashSet<>();
    long notWhite = 0;
    for (int y = 0; y < png.getHeight(); y += 2) {
      for (int x = 0; x < png.getWidth(); x += 2) {
        int rgb = png.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        if (rgb != 0xffffff) {
          notWhite++;
        }
      }
    }
    long sampled = (long) (png.getWidth() / 2) * (png.getHeight() / 2);
    assertTrue(colours.size() > 200, "a rendered report has many colours, got " + colours.size());
    assertTrue(notWhite > sampled / 20, "more than 5 % of the pixels are not white: " + notWhite + " of " + sampled);

    Document dom = Jsoup.parse(run.dom());
    assertEquals(report.byMonth().size(), dom.select("#months svg g.pair").size(), "one bar pair per month");
    assertEquals(2 * report.byMonth().size(), dom.select("#months svg g.pair rect").size());
    List<String> models = report.byTag("model").stream().map(l -> l.key()).toList();
    assertEquals(4, models.size());
    assertEquals(models, dom.select("#groups svg").get(0).select("g.series").eachAttr("data-group"),
        "one per-unit series per group");
    assertEquals(models, dom.select("#groups svg").get(1).select("g.series").eachAttr("data-group"),
        "one total-energy series per group");
    assertEquals(report.disclosures().size(), dom.select("#disclosures li").size(), "every disclosure");
    for (int i = 0; i < report.disclosures().size(); i++) {
      assertTrue(dom.select("#disclosures li").get(i).text().endsWith(report.disclosures().get(i).text()));
    }
    assertEquals(2, dom.select("#heat svg rect.day").size() / (int) dom.select("#t-heat-energy tbody tr").stream()
        .count(), "both heat maps have a column per day of the table");
    assertFalse(dom.select("svg title").isEmpty(), "tooltips");
  }

  @Test
  void aYearOfHourlyDataForTwentyGroupsRenders() throws Exception {
    Path dir = WORK.resolve("year");
    HtmlSample.Inputs in = HtmlSample.year(dir.resolve("inputs"), 20);
    Scope2Report report = HtmlSample.report(in);
    Path page = dir.resolve("report-year.html").toAbsolutePath();
    try (Writer w = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
      HtmlReport.of(report).records(in.records()).groupBy("version").write(w);
    }
    long bytes = Files.size(page);
    assertTrue(bytes <= 2_000_000, bytes + " bytes");
    Chromium chromium = chromium();
    Path tiny = dir.resolve("tiny.html").toAbsolutePath();
    Files.writeString(tiny, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body><p>t"
        + "</p></body></html>\n");
    Chromium.Run empty = chromium.load(tiny, dir.resolve("tiny"), 1280, 2200);
    Chromium.Run run = chromium.load(page, dir.resolve("page"), 1280, 2200);
    System.out.printf("year of hourly data, 20 groups: %d bytes; chromium run %d ms, a tiny page %d ms: render about "
        + "%d ms (shared machine)%n", bytes, run.millis(), empty.millis(), run.millis() - empty.millis());
    assertEquals(List.of(), run.consoleLines(), "console messages");
    assertEquals(List.of(), run.pageRequests(), "network requests made by the page");
    Document dom = Jsoup.parse(run.dom());
    assertEquals(20, dom.select("#groups svg").get(1).select("g.series").size(), "one series per group");
    assertEquals(12, dom.select("#months svg g.pair").size());
    assertEquals(365, dom.select("#heat svg").get(0).select("rect.day").size());
  }
}
