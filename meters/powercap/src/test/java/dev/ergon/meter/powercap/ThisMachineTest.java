package dev.ergon.meter.powercap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.ergon.Configuration;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Availability;
import dev.ergon.spi.MeterContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The real default probe on a machine without powercap (a VM, a container, most CI runners) says so plainly. */
class ThisMachineTest {

  @Test
  void withoutPowercapTheProbeSaysSoPlainly() {
    assumeFalse(Files.exists(Path.of("/sys/class/powercap")), "this machine has powercap");
    Availability a = new PowercapMeterProvider().probe(MeterContext.of(Configuration.empty()));
    assertFalse(a.available());
    assertEquals(UnavailableReason.NOT_PRESENT, a.reason());
    assertEquals("no powercap directory at /sys/class/powercap", a.detail());
  }
}
