package dev.ergon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TagsAndConfigurationTest {

  @Test
  void tagsAreSortedAndValidated() {
    Tags t = Tags.of("version", "1.4", "model", "bert");
    assertEquals(List.of("model", "version"), List.copyOf(t.asMap().keySet()));
    assertEquals(Optional.of("bert"), t.get("model"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tags.of("Model", "x"));
    assertTrue(String.valueOf(e.getMessage()).contains("'Model'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tags.of("1abc", "x"));
    assertThrows(IllegalArgumentException.class, () -> Tags.of("a b", "x"));
    assertThrows(IllegalArgumentException.class, () -> Tags.of("odd"));
    assertThrows(IllegalArgumentException.class, () -> Tags.of("k", "v", "k", "w"));
    assertThrows(IllegalArgumentException.class, () -> Tags.of("k", "x".repeat(1025)));
    assertEquals(Tags.of("a", "1").with("b", "2"), Tags.of(Map.of("b", "2", "a", "1")));
  }

  @Test
  void configurationPrecedenceIsExplicitThenPropertyThenEnvironment() {
    Properties props = new Properties();
    props.setProperty("ergon.region", "FR");
    props.setProperty("unrelated", "x");
    Configuration c = Configuration.fromEnvironment(props,
        Map.of("ERGON_REGION", "DE", "ERGON_POWERCAP_ROOT", "/host/sys", "PATH", "/bin"));
    assertEquals(Optional.of("FR"), c.get("ergon.region"));
    assertEquals(Optional.of("/host/sys"), c.get("ergon.powercap.root"));
    assertEquals("environment variable ERGON_POWERCAP_ROOT", c.source("ergon.powercap.root"));
    assertEquals(Optional.of("SE3"), c.with("ergon.region", "SE3").get("ergon.region"));
    assertEquals(Optional.empty(), c.get("unrelated"));
  }

  @Test
  void typedValuesParseOrNameTheKeyAndSource() {
    Configuration c = Configuration.of(Map.of("ergon.sampling.period", "250ms", "ergon.pue", "1.2",
        "ergon.meters", "powercap, nvml,,", "ergon.bad", "fast", "ergon.attribution", "Process"));
    assertEquals(Optional.of(Duration.ofMillis(250)), c.getDuration("ergon.sampling.period"));
    assertEquals(Optional.of(1.2), c.getDouble("ergon.pue"));
    assertEquals(List.of("powercap", "nvml"), c.getList("ergon.meters"));
    assertEquals(Optional.of(Attribution.PROCESS), c.getEnum("ergon.attribution", Attribution.class));
    assertEquals(Optional.of(Duration.ofSeconds(1)), Configuration.of(Map.of("k", "PT1S")).getDuration("k"));
    assertEquals(Optional.of(Duration.ofMinutes(5)), Configuration.of(Map.of("k", "5m")).getDuration("k"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.getDuration("ergon.bad"));
    assertTrue(String.valueOf(e.getMessage()).contains("ergon.bad") && String.valueOf(e.getMessage()).contains("setting ergon.bad")
        && String.valueOf(e.getMessage()).contains("100ms"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> c.getDouble("ergon.bad"));
    assertThrows(IllegalArgumentException.class, () -> c.getEnum("ergon.bad", Attribution.class));
  }

  @Test
  void tagsReadByManyThreadsAtOnceHashAsTheirMapAndEqualTagsHashAlike() throws Exception {
    // The hash code is worked out on first use; sixteen threads make that first use together, on fresh tags.
    for (int round = 0; round < 50; round++) {
      TreeMap<String, String> m = new TreeMap<>();
      for (int i = 0; i < 20; i++) {
        m.put("k" + round + "-" + i, "v" + i);
      }
      Tags tags = Tags.of(m);
      int expected = m.hashCode();
      CountDownLatch start = new CountDownLatch(1);
      int[] seen = new int[16];
      Thread[] threads = new Thread[16];
      for (int t = 0; t < threads.length; t++) {
        int slot = t;
        threads[t] = new Thread(() -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          seen[slot] = tags.hashCode();
        });
        threads[t].start();
      }
      start.countDown();
      for (Thread t : threads) {
        t.join();
      }
      for (int h : seen) {
        assertEquals(expected, h);
      }
      assertEquals(expected, Tags.of(new TreeMap<>(m)).hashCode());
    }
  }
}
