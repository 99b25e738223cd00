package dev.ergon.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.ergon.ChannelKind;
import dev.ergon.Configuration;
import dev.ergon.EnergyMonitor;
import dev.ergon.Tags;
import dev.ergon.Workload;
import dev.ergon.testing.ManualClock;
import dev.ergon.testing.TraceMeter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** End to end: the Prometheus registry served on loopback with an ephemeral port, scraped and parsed. */
class PrometheusScrapeTest {

  @Test
  void aScrapeShowsEnergyPerPredictionPerModelVersion() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    TraceMeter meter = new TraceMeter("trace", List.of(
        TraceMeter.counter("cpu/package-0", ChannelKind.CPU_PACKAGE, 0, 1000)));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/metrics", exchange -> {
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try (EnergyMonitor m = EnergyMonitor.builder().configuration(Configuration.empty())
        .providers(List.of(meter.provider(100))).noLedger().clock(clock).ticker(clock).host("h")
        .withoutSamplerThread().shutdownHook(false).build()) {
      ErgonMetrics.builder(m).tagKeys("model", "version").cacheFor(Duration.ZERO).build().bindTo(registry);
      Workload v1 = m.workload("predict", Tags.of("model", "ranker", "version", "1"));
      Workload v2 = m.workload("predict", Tags.of("model", "ranker", "version", "2"));
      clock.advance(Duration.ofSeconds(1));
      meter.advance(0, 20_000_000); // 20 J, shared equally: 10 J each
      v1.addUnits(1000);
      v2.addUnits(4000);
      m.sample();

      System.gc(); // Micrometer holds function meters' state weakly: the binder must keep it reachable
      int port = server.getAddress().getPort();
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      Map<String, Double> samples = parse(response.body());

      assertEquals(20.0, value(samples, "ergon_energy_joules_total{channel=\"cpu/package-0\",kind=\"cpu_package\","
          + "meter=\"trace\",method=\"counter\",uncertainty=\"0.05\"}"), 1e-9, response.body());
      double e1 = value(samples, "ergon_job_energy_joules_total{job_name=\"predict\",method=\"counter\","
          + "model=\"ranker\",version=\"1\"}");
      double u1 = value(samples, "ergon_job_units_total{job_name=\"predict\",method=\"counter\",model=\"ranker\","
          + "version=\"1\"}");
      double e2 = value(samples, "ergon_job_energy_joules_total{job_name=\"predict\",method=\"counter\","
          + "model=\"ranker\",version=\"2\"}");
      double u2 = value(samples, "ergon_job_units_total{job_name=\"predict\",method=\"counter\",model=\"ranker\","
          + "version=\"2\"}");
      // The README's PromQL: kWh per 1000 predictions = energy / units * 1000 / 3.6e6.
      assertEquals(10.0 / 1000 * 1000 / 3.6e6, e1 / u1 * 1000 / 3.6e6, 1e-15);
      assertEquals(10.0 / 4000 * 1000 / 3.6e6, e2 / u2 * 1000 / 3.6e6, 1e-15);
      assertTrue(samples.containsKey("ergon_power_watts{channel=\"cpu/package-0\",kind=\"cpu_package\","
          + "meter=\"trace\",method=\"counter\",uncertainty=\"0.05\"}"));
      assertEquals(0.0, value(samples, "ergon_job_idle{job_name=\"predict\",method=\"counter\",model=\"ranker\","
          + "version=\"1\"}"));
    } finally {
      server.stop(0);
    }
  }

  private static double value(Map<String, Double> samples, String series) {
    Double v = samples.get(series);
    if (v == null) {
      throw new AssertionError("no sample " + series + " in " + samples.keySet());
    }
    return v;
  }

  /** Parses the Prometheus text format: one {@code name{labels} value} per non-comment line. */
  static Map<String, Double> parse(String text) {
    Map<String, Double> out = new HashMap<>();
    for (String line : text.split("\n", -1)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return out;
  }
}
