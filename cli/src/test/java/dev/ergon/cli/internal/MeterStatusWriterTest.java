package dev.ergon.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ergon.Energy;
import dev.ergon.MeterStatus;
import dev.ergon.Power;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import dev.ergon.ChannelKind;
import dev.ergon.Method;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The meter list, as text and as JSON. */
class MeterStatusWriterTest {

  private static final Channel PKG = new Channel("cpu/package-0", ChannelKind.CPU_PACKAGE, "package-0 (socket 0)",
      Method.COUNTER, 0.02, Energy.ofMicrojoules(262_143_328_850L), Duration.ofSeconds(60), Power.ofWatts(500),
      List.of("read from /sys/class/powercap/intel-rapl:0/energy_uj"));
  private static final MeterStatus OPEN = new MeterStatus("powercap", 100,
      Availability.available("1 zone: package-0"), List.of(PKG), true);
  private static final MeterStatus DENIED = new MeterStatus("nvml", 90, Availability.unavailable(
      UnavailableReason.PERMISSION_DENIED, "cannot read /dev/nvidia0", "1. add the user to group video\n2. log in"),
      List.of(), false);

  @Test
  void textShowsChannelsAndRemedies() {
    StringWriter s = new StringWriter();
    MeterStatusWriter.text(List.of(OPEN, DENIED), new PrintWriter(s));
    String text = s.toString();
    assertTrue(text.contains("powercap: IN USE, 1 channel (priority 100)"), text);
    assertTrue(text.contains("cpu/package-0: cpu_package, hardware counter, +/-2 % (1 sigma), wraps at 262.1 kJ"),
        text);
    assertTrue(text.contains("note: read from /sys/class/powercap/intel-rapl:0/energy_uj"), text);
    assertTrue(text.contains("nvml: NOT USED (permission_denied)"), text);
    String remedy = """
          cannot read /dev/nvidia0
          remedy:
            1. add the user to group video
            2. log in
        """;
    assertTrue(text.contains(remedy), text);
    assertTrue(text.endsWith("1 meter in use.\n"), text);
  }

  @Test
  void textSaysWhenNothingCanMeasure() {
    StringWriter s = new StringWriter();
    MeterStatusWriter.text(List.of(DENIED), new PrintWriter(s));
    assertTrue(s.toString().contains("No meter can measure on this machine"), s.toString());
  }

  @Test
  void jsonCarriesEveryField() throws Exception {
    StringWriter s = new StringWriter();
    MeterStatusWriter.json(List.of(OPEN, DENIED), new PrintWriter(s));
    List<String> seen = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(s.toString())) {
      String field = "";
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME) {
          field = p.currentName();
        } else if (t.isScalarValue()) {
          seen.add(field + "=" + p.getText());
        }
      }
    }
    assertTrue(seen.contains("name=powercap"), seen.toString());
    assertTrue(seen.contains("in_use=true"), seen.toString());
    assertTrue(seen.contains("reason=null"), seen.toString());
    assertTrue(seen.contains("wrap_range_uj=262143328850"), seen.toString());
    assertTrue(seen.contains("max_poll_interval_ms=60000"), seen.toString());
    assertTrue(seen.contains("method=counter"), seen.toString());
    assertTrue(seen.contains("uncertainty=0.02"), seen.toString());
    assertTrue(seen.contains("reason=permission_denied"), seen.toString());
    assertTrue(seen.contains("remedy=1. add the user to group video\n2. log in"), seen.toString());
    assertEquals("in_use=1", seen.get(seen.size() - 1));
  }
}
