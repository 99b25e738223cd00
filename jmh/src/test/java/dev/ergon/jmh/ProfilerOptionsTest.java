package dev.ergon.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Configuration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfilerOptionsTest {

  @Test
  void mapsShortNamesAndPrefixesOtherSettings() {
    ProfilerOptions o = ProfilerOptions.parse(
        "meters=powercap,nvml; exclude=estimate;period=100ms;attribution=process;powercap.root=/x;ergon.region=DE");
    assertEquals(Map.of(
        "ergon.meters", "powercap,nvml",
        "ergon.meters.exclude", "estimate",
        "ergon.sampling.period", "100ms",
        "ergon.attribution", "process",
        "ergon.powercap.root", "/x",
        "ergon.region", "DE"), o.settings());
    Configuration c = o.applyTo(Configuration.of(Map.of("ergon.region", "FR", "ergon.host", "h")));
    assertEquals(List.of("powercap", "nvml"), c.getList("ergon.meters"));
    assertEquals(Duration.ofMillis(100), c.getDuration("ergon.sampling.period").orElseThrow());
    assertEquals("DE", c.get("ergon.region").orElseThrow(), "an option wins over the base configuration");
    assertEquals("h", c.get("ergon.host").orElseThrow());
  }

  @Test
  void emptyMeansNoSettings() {
    assertTrue(ProfilerOptions.parse("").settings().isEmpty());
    assertTrue(ProfilerOptions.parse(" ; ").settings().isEmpty());
  }

  @Test
  void rejectsMalformedRepeatedAndInvalidOptions() {
    assertMessage("'meters' is not key=value", "meters");
    assertMessage("'=x' is not key=value", "=x");
    assertMessage("'period=' is not key=value", "period=");
    assertMessage("given twice", "meters=a;meters=b");
    assertMessage("writes no ledger", "ledger=/tmp/x.jsonl");
    assertMessage("ergon.sampling.period", "period=fast");
    assertMessage("must be positive", "period=0s");
    assertMessage("one of [machine, process, threads]", "attribution=everyone");
  }

  private static void assertMessage(String expected, String line) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProfilerOptions.parse(line));
    assertTrue(String.valueOf(e.getMessage()).contains(expected), line + " → " + e.getMessage());
  }
}
