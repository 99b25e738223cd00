package dev.ergon.meter.powercap;

import static dev.ergon.meter.powercap.Fixtures.EMPTY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyMonitor;
import dev.ergon.EnergyRecord;
import dev.ergon.Job;
import dev.ergon.Power;
import dev.ergon.RecordStatus;
import dev.ergon.spi.Channel;
import dev.ergon.spi.Meter;
import dev.ergon.testing.ManualClock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each zone's ceiling is the power it states (constraint maxima, max_power_range_uw), else the documented default. */
class CeilingTest {

  @TempDir Path tmp;

  private static List<Channel> channels(PowercapMeterProvider provider) {
    try (Meter meter = provider.open(EMPTY)) {
      return meter.channels();
    }
  }

  private static boolean noted(Channel c, String text) {
    return c.notes().stream().anyMatch(n -> n.contains(text));
  }

  @Test
  void theLargestStatedMaximumOfTheZoneIsItsCeiling() {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    fake.writeFile("intel-rapl:0", "constraint_0_max_power_uw", "205000000");
    fake.writeFile("intel-rapl:0", "constraint_1_name", "short_term");
    fake.writeFile("intel-rapl:0", "constraint_1_max_power_uw", "205000000");
    fake.writeFile("intel-rapl:0", "constraint_2_name", "peak_power");
    fake.writeFile("intel-rapl:0", "constraint_2_max_power_uw", "410000000"); // the kernel's 2 × for PL4
    fake.writeFile("intel-rapl:0:0", "max_power_range_uw", "60000000");
    List<Channel> c = channels(Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES_AND_DRAM));
    assertEquals(List.of("cpu/package-0", "cpu/package-1", "dram/0", "dram/1"), Fixtures.ids(c));
    assertEquals(Power.ofWatts(410), c.get(0).maxPower());
    assertTrue(noted(c.get(0), "from the zone's constraint_2_max_power_uw"), c.get(0).notes()::toString);
    assertEquals(Power.ofWatts(60), c.get(2).maxPower());
    assertTrue(noted(c.get(2), "max_power_range_uw"), c.get(2).notes()::toString);
    // package-1 and its DRAM state nothing: the defaults, said so
    assertEquals(Power.ofWatts(1000), c.get(1).maxPower());
    assertTrue(noted(c.get(1), "the default for a package or die"), c.get(1).notes()::toString);
    assertEquals(Power.ofWatts(500), c.get(3).maxPower());
    assertTrue(noted(c.get(3), "the default for one socket's DRAM"), c.get(3).notes()::toString);
  }

  @Test
  void aProgrammedLimitAboveTheStatedMaximumRaisesTheCeilingButAloneDoesNotSetIt() {
    FakePowercap fake = FakePowercap.laptop(tmp); // every zone has constraint_0_power_limit_uw = 45 W, no maximum
    fake.writeFile("intel-rapl:0", "constraint_0_max_power_uw", "125000000");
    fake.writeFile("intel-rapl:0", "constraint_1_power_limit_uw", "253000000"); // an unlocked PL2
    List<Channel> c = channels(Fixtures.provider(fake.root(), PowercapPolicy.PLATFORM));
    assertEquals("platform/psys", c.get(0).id());
    assertEquals(Power.ofWatts(3000), c.get(0).maxPower(), "psys states only a 45 W PL1: the default");
    List<Channel> p = channels(Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES));
    assertEquals(Power.ofWatts(253), p.get(0).maxPower());
    assertTrue(noted(p.get(0), "constraint_1_power_limit_uw (a programmed limit above the stated maximum)"),
        p.get(0).notes()::toString);
  }

  @Test
  void unreadableOrZeroFiguresFallBackToTheDefaultAndTheSettingWins() {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    fake.writeFile("intel-rapl:0", "constraint_0_max_power_uw", "250000000");
    fake.writeFile("intel-rapl:1", "constraint_0_max_power_uw", "0");
    InjectedFailures reader = new InjectedFailures()
        .fail("intel-rapl:0", "constraint_0_max_power_uw", new AccessDeniedException("constraint_0_max_power_uw"));
    List<Channel> c = channels(Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES, reader));
    assertEquals(Power.ofWatts(1000), c.get(0).maxPower());
    assertEquals(Power.ofWatts(1000), c.get(1).maxPower());
    PowercapMeterProvider set = PowercapMeterProvider.builder().root(fake.root()).maxPower(Power.ofWatts(700)).build();
    List<Channel> s = channels(set);
    assertEquals(Power.ofWatts(700), s.get(0).maxPower());
    assertTrue(noted(s.get(0), "from ergon.powercap.max-power-watts"), s.get(0).notes()::toString);
  }

  @Test
  void amdZonesStateNoMaximumAndGetTheDefault() {
    FakePowercap fake = FakePowercap.amdEpyc(tmp);
    List<Channel> c = channels(Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES));
    assertEquals(Power.ofWatts(1000), c.get(0).maxPower());
  }

  /**
   * Issue #11: a 1.1 kJ jump in one 200 ms tick (5.5 kW) on a 250 W package was counted because of a 1 s slack.
   * It is dropped and counted now, while a steady 240 W around it is counted to the microjoule.
   */
  @Test
  void aJumpAboveTheZonesCeilingIsDroppedAndCountedNeverSlackenedIn() {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    fake.writeFile("intel-rapl:0", "constraint_0_max_power_uw", "250000000");
    ManualClock clock = Fixtures.clock();
    try (EnergyMonitor monitor = Fixtures.monitor(
        Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES), clock)) {
      assertEquals(Power.ofWatts(250), monitor.channels().get(0).maxPower());
      Job job = monitor.start("true");
      long counted = 0;
      for (int tick = 0; tick < 10; tick++) {
        clock.advance(Duration.ofMillis(200));
        long spent = tick == 4 ? 1_100_000_000L : 48_000_000L; // 240 W × 200 ms, or the glitch
        fake.add("intel-rapl:0", spent);
        fake.add("intel-rapl:1", 48_000_000L);
        counted += tick == 4 ? 0 : spent;
        monitor.sample();
      }
      EnergyRecord r = job.end();
      assertEquals(counted, Fixtures.microjoules(r).get("cpu/package-0"));
      assertEquals(1, r.channels().get(0).droppedIntervals());
      assertEquals(480_000_000L, Fixtures.microjoules(r).get("cpu/package-1"));
      assertEquals(0, r.channels().get(1).droppedIntervals());
      assertEquals(RecordStatus.PARTIAL, r.status());
    }
  }
}
