package dev.ergon.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplerCpuShareTest {

  @Test
  void measuresTheSamplerThreadAtA10msPeriod() throws InterruptedException {
    SamplerCpuShare.Share s = new SamplerCpuShare().measure(Duration.ofMillis(10), Duration.ofMillis(500));
    assertEquals(Duration.ofMillis(10), s.period());
    assertTrue(s.wallNanos() >= 500_000_000L, "window " + s.wallNanos());
    // 50 periods in 0.5 s; a loaded machine delays some wake-ups, never adds ticks
    assertTrue(s.ticks() >= 5 && s.ticks() <= 52, "ticks " + s.ticks());
    assertTrue(s.cpuNanos() > 0, "the sampler used some CPU");
    assertTrue(s.cpuShare() > 0 && s.cpuShare() < 1, "share " + s.cpuShare());
  }

  @Test
  void theDefaultPeriodIsOneSecond() throws InterruptedException {
    SamplerCpuShare.Share s = new SamplerCpuShare().measure(null, Duration.ofMillis(50));
    assertEquals(Duration.ofSeconds(1), s.period());
  }

  @Test
  void writesTheFiguresAsJson() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SamplerCpuShare.write(List.of(new SamplerCpuShare.Share(Duration.ofSeconds(1), 2_000_000_000L, 2, 100_000)), out);
    String json = out.toString(StandardCharsets.UTF_8).replaceAll("\\s", "");
    assertEquals("[{\"periodNanos\":1000000000,\"wallNanos\":2000000000,\"ticks\":2,\"cpuNanos\":100000,"
        + "\"cpuShare\":5.0E-5,\"cpuNanosPerTick\":50000.0}]", json);
  }
}
