package dev.ergon.meter.powercap;

import static dev.ergon.meter.powercap.Fixtures.EMPTY;
import static dev.ergon.meter.powercap.Fixtures.ids;
import static dev.ergon.meter.powercap.Fixtures.microjoules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyMonitor;
import dev.ergon.EnergyRecord;
import dev.ergon.Job;
import dev.ergon.RecordStatus;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import dev.ergon.ChannelKind;
import dev.ergon.spi.Meter;
import dev.ergon.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For each machine layout: exactly which channels are chosen, and the energy a job is charged, through the real
 * monitor. Powers are round figures chosen per case; every expected energy is power × time worked out by hand.
 */
class PowercapLayoutsTest {

  @TempDir Path tmp;

  /** Runs one 10 s job in which each zone spends the given energy, and returns the record. */
  private static EnergyRecord tenSecondJob(PowercapMeterProvider provider, FakePowercap fake, Map<String, Long> spend) {
    ManualClock clock = Fixtures.clock();
    try (EnergyMonitor monitor = Fixtures.monitor(provider, clock)) {
      Job job = monitor.start("job");
      clock.advance(Duration.ofSeconds(10));
      spend.forEach(fake::add);
      monitor.sample();
      return job.end();
    }
  }

  /**
   * Laptop with the CodeCarbon i7-7600U figures (docs/explanation/rapl.md) over 10 s: psys 29.97 W, package
   * 15.73 W, core 14.00 W, uncore 0.54 W, dram 1.23 W; and the MMIO view of package-0 moving with the MSR one.
   */
  private static Map<String, Long> laptopSpend() {
    Map<String, Long> spend = new LinkedHashMap<>();
    spend.put("intel-rapl:0", 157_300_000L); // package-0, 15.73 W × 10 s
    spend.put("intel-rapl:0:0", 140_000_000L); // core, 14.00 W × 10 s
    spend.put("intel-rapl:0:1", 5_400_000L); // uncore, 0.54 W × 10 s
    spend.put("intel-rapl:0:2", 12_300_000L); // dram, 1.23 W × 10 s
    spend.put("intel-rapl:1", 299_700_000L); // psys, 29.97 W × 10 s
    spend.put("intel-rapl-mmio:0", 157_300_000L); // package-0 again, through MMIO
    return spend;
  }

  @Test
  void laptopDefaultCountsPackageAndDramOnceAndNothingElse() {
    FakePowercap fake = FakePowercap.laptop(tmp);
    fake.set("intel-rapl:0", 91_000_000_000L);
    fake.set("intel-rapl-mmio:0", 91_000_000_000L);
    PowercapMeterProvider provider = Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES_AND_DRAM);

    Availability a = provider.probe(EMPTY);
    assertTrue(a.available(), a::toString);
    assertTrue(a.detail().contains("cpu/package-0 = intel-rapl:0 'package-0', dram/0 = intel-rapl:0:2 'dram'"),
        a.detail());
    assertTrue(a.detail().contains("intel-rapl-mmio:0 'package-0' (same domain as intel-rapl:0"), a.detail());
    assertTrue(a.detail().contains("intel-rapl:0:0 'core' (PP0, part of package-0"), a.detail());
    assertTrue(a.detail().contains("intel-rapl:1 'psys' (psys is the whole platform"), a.detail());

    EnergyRecord r = tenSecondJob(provider, fake, laptopSpend());
    assertEquals(Map.of("cpu/package-0", 157_300_000L, "dram/0", 12_300_000L), microjoules(r));
    assertEquals(List.of("cpu/package-0", "dram/0"), List.copyOf(microjoules(r).keySet()));
    // 15.73 W + 1.23 W = 16.96 W over 10 s; summing every zone (61.47 W, CodeCarbon's warning) would be 614.7 J
    assertEquals(Fixtures.uj(169_600_000L), r.total());
    assertEquals(RecordStatus.COMPLETE, r.status(), r.problems()::toString);
    assertEquals(ChannelKind.CPU_PACKAGE, r.channels().get(0).kind());
    assertEquals(ChannelKind.DRAM, r.channels().get(1).kind());
  }

  @Test
  void laptopPlatformPolicyCountsPsysAlone() {
    FakePowercap fake = FakePowercap.laptop(tmp);
    PowercapMeterProvider provider = Fixtures.provider(fake.root(), PowercapPolicy.PLATFORM);

    EnergyRecord r = tenSecondJob(provider, fake, laptopSpend());
    assertEquals(Map.of("platform/psys", 299_700_000L), microjoules(r)); // 29.97 W × 10 s
    assertEquals(ChannelKind.PLATFORM, r.channels().get(0).kind());
  }

  @Test
  void laptopPackagesPolicyLeavesDramOut() {
    FakePowercap fake = FakePowercap.laptop(tmp);
    PowercapMeterProvider provider = Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES);

    EnergyRecord r = tenSecondJob(provider, fake, laptopSpend());
    assertEquals(Map.of("cpu/package-0", 157_300_000L), microjoules(r));
  }

  @Test
  void twoSocketServerCountsEachSocketsPackageAndDram() {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    PowercapMeterProvider provider = Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES_AND_DRAM);
    Map<String, Long> spend = new LinkedHashMap<>();
    spend.put("intel-rapl:0", 2_050_000_000L); // package-0, 205 W × 10 s
    spend.put("intel-rapl:0:0", 200_000_000L); // dram of socket 0, 20 W × 10 s
    spend.put("intel-rapl:1", 1_900_000_000L); // package-1, 190 W × 10 s
    spend.put("intel-rapl:1:0", 180_000_000L); // dram of socket 1, 18 W × 10 s

    EnergyRecord r = tenSecondJob(provider, fake, spend);
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("cpu/package-0", 2_050_000_000L);
    expected.put("cpu/package-1", 1_900_000_000L);
    expected.put("dram/0", 200_000_000L);
    expected.put("dram/1", 180_000_000L);
    assertEquals(expected, microjoules(r));
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(microjoules(r).keySet()));
    assertEquals(Fixtures.uj(4_330_000_000L), r.total()); // 433 W × 10 s
    assertTrue(r.channels().get(3).device().startsWith("DRAM of CPU package 1 (powercap intel-rapl:1:0 'dram')"),
        r.channels().get(3).device());
  }

  @Test
  void twoSocketServerHasNoPlatformZone() {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    Availability a = Fixtures.provider(fake.root(), PowercapPolicy.PLATFORM).probe(EMPTY);
    assertFalse(a.available());
    assertEquals(UnavailableReason.NOT_SUPPORTED, a.reason());
    assertTrue(a.remedy().contains("no psys zone"), a.remedy());
    assertTrue(a.remedy().contains("ergon.powercap.policy=packages-and-dram"), a.remedy());
  }

  @Test
  void amdEpycCountsPackagesOnlyAndNeverItsSingleCoreZone() {
    FakePowercap fake = FakePowercap.amdEpyc(tmp);
    PowercapMeterProvider provider = Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES_AND_DRAM);
    Map<String, Long> spend = new LinkedHashMap<>();
    spend.put("intel-rapl:0", 2_400_000_000L); // package-0, 240 W × 10 s
    spend.put("intel-rapl:0:0", 50_000_000L); // core: one core only, 5 W × 10 s
    spend.put("intel-rapl:1", 2_100_000_000L); // package-1, 210 W × 10 s
    spend.put("intel-rapl:1:0", 40_000_000L); // core, 4 W × 10 s

    EnergyRecord r = tenSecondJob(provider, fake, spend);
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("cpu/package-0", 2_400_000_000L);
    expected.put("cpu/package-1", 2_100_000_000L);
    assertEquals(expected, microjoules(r));
    // AMD's range is 65 532 610 987 µJ: at 1000 W it wraps in 65.5 s, so it asks for a read every 16.38 s
    try (Meter meter = provider.open(EMPTY)) {
      Channel pkg = meter.channels().get(0);
      assertEquals(Fixtures.uj(FakePowercap.AMD_RANGE), pkg.wrapRange());
      assertEquals(Duration.ofNanos(16_383_152_746L), pkg.maxPollInterval());
    }
  }

  @Test
  void zoneIdsPastNineAreHexadecimalAndZonesAreKnownByName() {
    // eleven sockets registered as intel-rapl:0 .. intel-rapl:a, each with its dram, and psys at intel-rapl:b
    FakePowercap fake = new FakePowercap(tmp);
    for (int socket = 0; socket <= 10; socket++) {
      String zone = "intel-rapl:" + Integer.toHexString(socket);
      fake.zone(zone, "package-" + socket, FakePowercap.INTEL_RANGE)
          .zone(zone + ":0", "dram", FakePowercap.SERVER_DRAM_RANGE);
    }
    fake.zone("intel-rapl:b", "psys", FakePowercap.INTEL_RANGE);
    PowercapMeterProvider provider = Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES_AND_DRAM);

    List<String> channels;
    try (Meter meter = provider.open(EMPTY)) {
      channels = ids(meter.channels());
    }
    assertEquals(22, channels.size(), channels::toString);
    assertEquals("cpu/package-9", channels.get(9));
    assertEquals("cpu/package-10", channels.get(10)); // numeric order, not "package-1", "package-10", "package-2"
    assertEquals("dram/10", channels.get(21));
    assertFalse(channels.contains("platform/psys"));

    Map<String, Long> spend = new LinkedHashMap<>();
    spend.put("intel-rapl:a", 1_110_000_000L); // package-10, 111 W × 10 s
    spend.put("intel-rapl:a:0", 77_000_000L); // its dram, 7.7 W × 10 s
    spend.put("intel-rapl:1", 500_000_000L); // package-1, 50 W × 10 s
    spend.put("intel-rapl:b", 9_990_000_000L); // psys, not counted
    Map<String, Long> measured = microjoules(tenSecondJob(provider, fake, spend));
    assertEquals(1_110_000_000L, measured.get("cpu/package-10"));
    assertEquals(77_000_000L, measured.get("dram/10"));
    assertEquals(500_000_000L, measured.get("cpu/package-1"));
    assertEquals(0L, measured.get("cpu/package-0"));
    assertEquals(1_687_000_000L, measured.values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void multiDiePackagesAreCountedPerDieWithTheirDram() {
    FakePowercap fake = new FakePowercap(tmp)
        .zone("intel-rapl:0", "package-0-die-0", FakePowercap.INTEL_RANGE)
        .zone("intel-rapl:0:0", "dram", FakePowercap.SERVER_DRAM_RANGE)
        .zone("intel-rapl:1", "package-0-die-1", FakePowercap.INTEL_RANGE)
        .zone("intel-rapl:1:0", "dram", FakePowercap.SERVER_DRAM_RANGE);
    PowercapMeterProvider provider = Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES_AND_DRAM);
    Map<String, Long> spend = new LinkedHashMap<>();
    spend.put("intel-rapl:0", 1_500_000_000L); // die 0, 150 W × 10 s
    spend.put("intel-rapl:0:0", 100_000_000L); // 10 W × 10 s
    spend.put("intel-rapl:1", 1_400_000_000L); // die 1, 140 W × 10 s
    spend.put("intel-rapl:1:0", 90_000_000L); // 9 W × 10 s

    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("cpu/package-0-die-0", 1_500_000_000L);
    expected.put("cpu/package-0-die-1", 1_400_000_000L);
    expected.put("dram/0-die-0", 100_000_000L);
    expected.put("dram/0-die-1", 90_000_000L);
    assertEquals(expected, microjoules(tenSecondJob(provider, fake, spend)));
  }

  @Test
  void theHierarchicalDevicesViewGivesTheSameChannels() {
    FakePowercap fake = FakePowercap.laptop(tmp);
    PowercapMeterProvider provider = Fixtures.provider(fake.devicesRoot(), PowercapPolicy.PACKAGES_AND_DRAM);
    EnergyRecord r = tenSecondJob(provider, fake, laptopSpend());
    assertEquals(Map.of("cpu/package-0", 157_300_000L, "dram/0", 12_300_000L), microjoules(r));
  }
}
