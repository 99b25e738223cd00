package dev.ergon.meter.powercap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Configuration;
import dev.ergon.MeterUnavailableException;
import dev.ergon.Power;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the root, the policy and the plausible power come from, and what the probe says when there is nothing. */
class ProviderSettingsTest {

  @TempDir Path tmp;

  private static MeterContext context(Map<String, String> values) {
    return MeterContext.of(Configuration.of(values));
  }

  @Test
  void theRootComesFromTheSettingOrTheEnvironmentAsAContainerMountWouldGiveIt() {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp.resolve("host"));
    PowercapMeterProvider provider = new PowercapMeterProvider();

    Availability fromSetting = provider.probe(context(Map.of("ergon.powercap.root", fake.root().toString())));
    assertTrue(fromSetting.available(), fromSetting::toString);
    assertTrue(fromSetting.detail().startsWith("powercap under " + fake.root() + " (from setting ergon.powercap.root)"),
        fromSetting.detail());

    Configuration env = Configuration.fromEnvironment(new Properties(),
        Map.of("ERGON_POWERCAP_ROOT", fake.root().toString(), "ERGON_POWERCAP_POLICY", "packages"));
    Availability fromEnv = provider.probe(MeterContext.of(env));
    assertTrue(fromEnv.available(), fromEnv::toString);
    assertTrue(fromEnv.detail().contains("(from environment variable ERGON_POWERCAP_ROOT)"), fromEnv.detail());
    assertTrue(fromEnv.detail().contains("policy packages counts cpu/package-0"), fromEnv.detail());
  }

  @Test
  void builderSettingsWinOverConfiguration() {
    FakePowercap laptop = FakePowercap.laptop(tmp.resolve("laptop"));
    PowercapMeterProvider provider = PowercapMeterProvider.builder()
        .root(laptop.root())
        .policy(PowercapPolicy.PLATFORM)
        .build();
    MeterContext context = context(Map.of("ergon.powercap.root", tmp.resolve("nowhere").toString(),
        "ergon.powercap.policy", "packages"));
    try (Meter meter = provider.open(context)) {
      assertEquals(1, meter.channels().size());
      assertEquals("platform/psys", meter.channels().get(0).id());
    }
  }

  @Test
  void maxPowerSetsThePlausibleBoundAndThePollingInterval() {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    PowercapMeterProvider provider = new PowercapMeterProvider();
    MeterContext context = context(Map.of("ergon.powercap.root", fake.root().toString(),
        "ergon.powercap.max-power-watts", "2000"));
    try (Meter meter = provider.open(context)) {
      Channel pkg = meter.channels().get(0);
      assertEquals(Power.ofWatts(2000), pkg.maxPower());
      // 262 143 328 850 µJ / 2000 W = 131.071664425 s; / 4 = 32.76791610625 s
      assertEquals(Duration.ofNanos(32_767_916_106L), pkg.maxPollInterval());
      Channel dram = meter.channels().get(2);
      // 65 712 999 613 µJ / 2000 W = 32.8564998065 s; / 4 = 8.214124951625 s
      assertEquals(Duration.ofNanos(8_214_124_951L), dram.maxPollInterval());
    }
    try (Meter meter = provider.open(context(Map.of("ergon.powercap.root", fake.root().toString())))) {
      assertEquals(Power.ofWatts(1000), meter.channels().get(0).maxPower()); // package default
      assertEquals(Power.ofWatts(500), meter.channels().get(2).maxPower()); // DRAM default
      assertEquals(Duration.ofSeconds(60), meter.channels().get(0).maxPollInterval());
      assertEquals(Duration.ofNanos(32_856_499_806L), meter.channels().get(2).maxPollInterval());
    }
    assertThrows(IllegalArgumentException.class, () -> PowercapMeterProvider.builder().maxPower(Power.ZERO));
  }

  @Test
  void malformedSettingsAreReportedNotThrownByTheProbe() {
    PowercapMeterProvider provider = new PowercapMeterProvider();
    Availability policy = provider.probe(context(Map.of("ergon.powercap.policy", "psys-only")));
    assertEquals(UnavailableReason.MISCONFIGURED, policy.reason());
    assertTrue(policy.detail().contains("'psys-only' for ergon.powercap.policy"), policy.detail());
    assertTrue(policy.detail().contains("[packages_and_dram, packages, platform]"), policy.detail());

    Availability power = provider.probe(context(Map.of("ergon.powercap.max-power-watts", "0")));
    assertEquals(UnavailableReason.MISCONFIGURED, power.reason());
    assertTrue(power.detail().contains("ergon.powercap.max-power-watts"), power.detail());

    MeterUnavailableException e = assertThrows(MeterUnavailableException.class,
        () -> provider.open(context(Map.of("ergon.powercap.max-power-watts", "lots"))));
    assertEquals(UnavailableReason.MISCONFIGURED, e.reason());
  }

  @Test
  void noTreeAnEmptyTreeAndCountersOnlyElsewhereAreSaidPlainly() throws IOException {
    PowercapMeterProvider provider = new PowercapMeterProvider();
    Path missing = tmp.resolve("no-such-dir");
    Availability none = provider.probe(context(Map.of("ergon.powercap.root", missing.toString())));
    assertEquals(UnavailableReason.NOT_PRESENT, none.reason());
    assertEquals("no powercap directory at " + missing + " (from setting ergon.powercap.root)", none.detail());
    assertTrue(none.remedy().contains("modprobe intel_rapl_msr"), none.remedy());
    assertTrue(none.remedy().contains("use the meter 'estimate'"), none.remedy());

    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Availability emptyTree = provider.probe(context(Map.of("ergon.powercap.root", empty.toString())));
    assertEquals(UnavailableReason.NOT_PRESENT, emptyTree.reason());
    assertTrue(emptyTree.detail().startsWith("no powercap zone with an energy counter (energy_uj) under " + empty),
        emptyTree.detail());

    FakePowercap arm = new FakePowercap(tmp.resolve("arm")).zoneWithoutCounter("dtpm:0", "soc");
    Availability dtpm = provider.probe(context(Map.of("ergon.powercap.root", arm.root().toString())));
    assertEquals(UnavailableReason.NOT_PRESENT, dtpm.reason());
    assertTrue(dtpm.detail().endsWith("; zones without a counter: dtpm:0"), dtpm.detail());

    FakePowercap psysOnly = new FakePowercap(tmp.resolve("psys")).zone("intel-rapl:0", "psys", 1_000_000L);
    Availability packages = provider.probe(context(Map.of("ergon.powercap.root", psysOnly.root().toString())));
    assertEquals(UnavailableReason.NOT_SUPPORTED, packages.reason());
    assertTrue(packages.remedy().contains("set ergon.powercap.policy=platform"), packages.remedy());
  }

  @Test
  void aContainerThatMountedOnlyTheClassDirectoryIsToldToMountBoth() throws IOException {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    try (Stream<Path> walk = Files.walk(fake.devicesRoot())) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    Availability a = new PowercapMeterProvider().probe(context(Map.of("ergon.powercap.root", fake.root().toString())));
    assertEquals(UnavailableReason.NOT_PRESENT, a.reason());
    assertTrue(a.detail().startsWith("4 zone links under " + fake.root()), a.detail());
    assertTrue(a.detail().contains("-> ../../devices/virtual/powercap/intel-rapl/intel-rapl:0)"), a.detail());
    assertTrue(a.remedy().contains("-v /sys/devices/virtual/powercap:/host/sys/devices/virtual/powercap:ro"),
        a.remedy());
  }

  @Test
  void aCounterThatReadsZeroWhenProbedIsFlaggedAsAPossibleVirtualMachineStub() {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    fake.set("intel-rapl:0", 0L);
    fake.set("intel-rapl:1", 987_654_321L);
    MeterContext context = context(Map.of("ergon.powercap.root", fake.root().toString()));
    try (Meter meter = new PowercapMeterProvider().open(context)) {
      assertTrue(meter.channels().get(0).notes().stream().anyMatch(n -> n.contains("read 0 when probed")),
          meter.channels().get(0).notes()::toString);
      assertFalse(meter.channels().get(1).notes().stream().anyMatch(n -> n.contains("read 0 when probed")),
          meter.channels().get(1).notes()::toString);
    }
  }

  @Test
  void aRootThatIsAFileIsNotPresentRatherThanACrash() throws IOException {
    Path file = Files.writeString(tmp.resolve("powercap"), "not a directory");
    Availability a = new PowercapMeterProvider().probe(context(Map.of("ergon.powercap.root", file.toString())));
    assertFalse(a.available());
    assertEquals(UnavailableReason.NOT_PRESENT, a.reason());
  }
}
