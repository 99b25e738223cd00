package dev.ergon.meter.powercap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.ergon.Configuration;
import dev.ergon.EnergyMonitor;
import dev.ergon.MeterStatus;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterProvider;
import dev.ergon.Method;
import dev.ergon.spi.ReadingBuffer;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What core's shared contract ({@link PowercapContractTest}) does not cover: discovery by the monitor through
 * ServiceLoader, the module's exports, the channels' provenance, faults after close, and a probe that survives a
 * hostile root.
 */
class DiscoveryAndSpiTest {

  @TempDir Path tmp;

  @Test
  void isDiscoveredByTheMonitorThroughServiceLoader() {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    try (EnergyMonitor monitor = EnergyMonitor.builder()
        .configuration(Configuration.of(Map.of("ergon.powercap.root", fake.root().toString())))
        .noLedger()
        .withoutSamplerThread()
        .host("test-host")
        .build()) {
      MeterStatus status = monitor.meterStatus().stream().filter(s -> s.provider().equals("powercap"))
          .findFirst().orElseThrow(() -> new AssertionError("not discovered: " + monitor.meterStatus()));
      assertTrue(status.open(), status::toString);
      assertEquals(List.of("cpu/package-0", "cpu/package-1", "dram/0", "dram/1"), Fixtures.ids(status.channels()));
    }
    MeterProvider provider = new PowercapMeterProvider();
    assertEquals("powercap", provider.name());
    assertEquals(MeterProvider.PRIORITY_COUNTER, provider.priority());
  }

  @Test
  void theModuleExportsOnlyItsApiAndProvidesTheMeter() {
    Module module = PowercapMeterProvider.class.getModule();
    assumeFalse(!module.isNamed(), "tests run on the class path: no module to check");
    ModuleDescriptor d = module.getDescriptor();
    assertEquals("dev.ergon.meter.powercap", d.name());
    assertEquals(Set.of("dev.ergon.meter.powercap"),
        d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    assertEquals(List.of(PowercapMeterProvider.class.getName()), d.provides().stream()
        .filter(p -> p.service().equals(MeterProvider.class.getName())).findFirst().orElseThrow().providers());
  }

  @Test
  void channelsAreCountersWithValidFieldsAndReadsNeverThrow() {
    FakePowercap fake = FakePowercap.laptop(tmp);
    fake.set("intel-rapl:0", 123_456_789L);
    fake.set("intel-rapl:0:2", 42L);
    Meter meter = Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES_AND_DRAM).open(Fixtures.EMPTY);
    assertEquals("powercap", meter.name());
    for (Channel c : meter.channels()) {
      assertEquals(Method.COUNTER, c.method());
      assertNotNull(c.wrapRange());
      assertTrue(c.relativeUncertainty() > 0 && c.relativeUncertainty() < 0.2, c::toString);
      assertFalse(c.notes().isEmpty());
    }
    assertEquals(0.021, meter.channels().get(0).relativeUncertainty()); // package, Khan et al. 2018
    assertEquals(0.115, meter.channels().get(1).relativeUncertainty()); // DRAM, Desrochers et al. 2016

    ReadingBuffer buffer = new ReadingBuffer(meter.channels().size());
    buffer.reset(7);
    meter.read(buffer);
    assertEquals(123_456_789L, buffer.value(0));
    assertEquals(42L, buffer.value(1));

    meter.close();
    meter.close(); // idempotent
    buffer.reset(8);
    meter.read(buffer);
    for (int i = 0; i < buffer.size(); i++) {
      assertFalse(buffer.hasValue(i));
      ChannelFault f = buffer.fault(i);
      assertNotNull(f);
      assertEquals(UnavailableReason.IO_ERROR, f.reason());
    }
  }

  @Test
  void theProbeNeverThrowsWhateverTheRootHolds() throws Exception {
    Path weird = Files.createDirectories(tmp.resolve("weird"));
    Files.createSymbolicLink(weird.resolve("intel-rapl:0"), weird.resolve("intel-rapl:0")); // a link loop
    Files.writeString(weird.resolve("intel-rapl:1"), "a file, not a zone");
    Files.createDirectories(weird.resolve("intel-rapl:2"));
    Files.writeString(weird.resolve("intel-rapl:2/name"), "package-0\n");
    Files.writeString(weird.resolve("intel-rapl:2/energy_uj"), "garbage\n");
    Availability a = Fixtures.provider(weird, PowercapPolicy.PACKAGES_AND_DRAM).probe(Fixtures.EMPTY);
    assertFalse(a.available());
    assertEquals(UnavailableReason.IO_ERROR, a.reason());
    assertTrue(a.detail().contains("energy_uj: malformed attribute (7 bytes, byte 1 is not a digit)"), a.detail());
    assertFalse(a.detail().contains("garbage"), "the file's bytes are never echoed: " + a.detail());
  }
}
