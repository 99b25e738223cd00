package dev.ergon.accounting;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium (Debian's {@code chromium}) for the HTML report's browser tests: one run loads a file, takes a
 * screenshot, dumps the DOM, logs to stderr and writes a net log, with a fresh profile, no sandbox, no GPU, no QUIC,
 * no background networking and a host resolver that resolves nothing.
 *
 * <p>Finding it: {@code -Dergon.browser=PATH} names the binary; otherwise {@code chromium},
 * {@code chromium-browser}, {@code google-chrome} on the PATH. If none is found the test fails, naming the package to
 * install; only {@code -Dergon.browser=skip} skips the browser tests, with that reason.
 */
final class Chromium {

  /** What one run left behind. */
  record Run(String dom, Path screenshot, String stderr, List<String> consoleLines, List<String> pageRequests,
      List<String> browserRequests, long millis) {}

  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  /** Finds the browser, or fails (or skips, if asked to) saying how to get one. */
  static Chromium find() {
    String given = System.getProperty("ergon.browser", "");
    if (given.equals("skip")) {
      Assumptions.abort("browser tests skipped: -Dergon.browser=skip was given");
    }
    if (!given.isEmpty()) {
      Path p = Path.of(given);
      if (!Files.isExecutable(p)) {
        fail("-Dergon.browser=" + given + " is not an executable file; give the path of chromium, or install "
            + "the Debian package 'chromium' (apt-get install chromium)");
      }
      return new Chromium(p);
    }
    String path = System.getenv("PATH");
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : (path == null ? "/usr/bin:/bin" : path).split(java.io.File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return new Chromium(p);
        }
      }
    }
    fail("Chromium was not found on the PATH (chromium, chromium-browser, google-chrome): the HTML report's browser "
        + "tests need it. Install the Debian package 'chromium' (apt-get install chromium; .ci/run does), give "
        + "its path with -Dergon.browser=PATH, or skip these tests explicitly with -Dergon.browser=skip");
    throw new AssertionError("unreachable");
  }

  /**
   * Loads a file, screenshots it at the given window size and dumps its DOM.
   *
   * @param page the HTML file
   * @param work a fresh directory for the profile, screenshot and logs
   * @param width window width, px
   * @param height window height, px
   */
  Run load(Path page, Path work, int width, int height) throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path profile = Files.createTempDirectory(work, "profile");
    Path shot = work.resolve("screenshot.png");
    Path netLog = work.resolve("net-log.json");
    Path out = work.resolve("stdout.txt");
    Path err = work.resolve("stderr.txt");
    List<String> cmd = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
        "--log-net-log=" + netLog, "--hide-scrollbars", "--window-size=" + width + "," + height,
        "--screenshot=" + shot, "--dump-dom", page.toUri().toString());
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish within 180 s: " + String.join(" ", cmd));
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      fail("chromium exited with " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + stderr);
    }
    List<String> console = new ArrayList<>();
    for (String line : stderr.split("\n")) {
      if (line.contains(":CONSOLE") || line.contains("Content Security Policy")) {
        console.add(line);
      }
    }
    List<String> fromPage = new ArrayList<>();
    List<String> fromBrowser = new ArrayList<>();
    requests(netLog, fromPage, fromBrowser);
    return new Run(Files.readString(out, StandardCharsets.UTF_8), shot, stderr, console, fromPage, fromBrowser,
        millis);
  }

  /*
   * The URL requests in the net log. A request made for the page carries the page's network isolation key
   * (file://) or the page as initiator; the browser's own background requests (update checks, account lookups)
   * carry "null null" or their own site and an initiator that is not an origin. The file itself is not a URL
   * request in the net log (file:// is loaded without the network stack).
   */
  private static void requests(Path netLog, List<String> page, List<String> browser) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(netLog.toFile());
    } catch (IOException e) {
      // Chromium may leave the log without its closing brackets when killed; close it and retry.
      String text = Files.readString(netLog).strip();
      text = text.endsWith(",") ? text.substring(0, text.length() - 1) : text;
      root = new ObjectMapper().readTree(text + "]}");
    }
    Map<Integer, String> types = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("constants").path("logEventTypes").properties()) {
      types.put(e.getValue().asInt(), e.getKey());
    }
    for (JsonNode e : root.path("events")) {
      if (!"URL_REQUEST_START_JOB".equals(types.get(e.path("type").asInt()))) {
        continue;
      }
      JsonNode params = e.path("params");
      String url = params.path("url").asText();
      String nik = params.path("network_isolation_key").asText();
      String initiator = params.path("initiator").asText();
      if (nik.contains("file://") || initiator.startsWith("file:") || initiator.equals("null")) {
        page.add(url);
      } else {
        browser.add(url);
      }
    }
  }
}
