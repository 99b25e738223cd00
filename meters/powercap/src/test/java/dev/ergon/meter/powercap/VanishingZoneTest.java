package dev.ergon.meter.powercap;

import static dev.ergon.meter.powercap.Fixtures.EMPTY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.ChannelEnergy;
import dev.ergon.EnergyMonitor;
import dev.ergon.EnergyRecord;
import dev.ergon.Job;
import dev.ergon.RecordStatus;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.Meter;
import dev.ergon.spi.ReadingBuffer;
import dev.ergon.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A zone that disappears or fails mid-run makes its channel unavailable from then on; the others carry on. */
class VanishingZoneTest {

  @TempDir Path tmp;

  @Test
  void aVanishedZoneFaultsPermanentlyAndIsNotReadAgainEvenIfItComesBack() {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    fake.set("intel-rapl:1", 5_000_000L);
    InjectedFailures reader = new InjectedFailures();
    try (Meter meter = Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES_AND_DRAM, reader).open(EMPTY)) {
      ReadingBuffer buffer = new ReadingBuffer(meter.channels().size());
      buffer.reset(0);
      meter.read(buffer);
      assertEquals(5_000_000L, buffer.value(1)); // cpu/package-1

      fake.remove("intel-rapl:1"); // package-1 and its dram subzone go away
      buffer.reset(1_000_000_000L);
      meter.read(buffer);
      assertTrue(buffer.hasValue(0), "package-0 carries on");
      for (int i : new int[] {1, 3}) { // cpu/package-1, dram/1
        assertFalse(buffer.hasValue(i));
        ChannelFault f = buffer.fault(i);
        assertNotNull(f);
        assertEquals(UnavailableReason.DEVICE_LOST, f.reason());
        assertTrue(f.permanent());
        assertTrue(f.message().contains("no longer exists"), f.message());
      }
      int readsBefore = reader.energyReads();

      FakePowercap.twoSocketServer(tmp.resolve("again")); // unrelated tree; the removed zone stays lost
      buffer.reset(2_000_000_000L);
      meter.read(buffer);
      assertFalse(buffer.hasValue(1));
      assertEquals(readsBefore + 2, reader.energyReads(), "only the two live zones are read");
    }
  }

  @Test
  void aZoneThatErrorsMidRunIsUnavailableFromThenOn() {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    InjectedFailures reader = new InjectedFailures();
    try (Meter meter = Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES_AND_DRAM, reader).open(EMPTY)) {
      ReadingBuffer buffer = new ReadingBuffer(meter.channels().size());
      reader.fail("intel-rapl:0:0", "energy_uj", new IOException("Input/output error"));
      buffer.reset(0);
      meter.read(buffer);
      ChannelFault f = buffer.fault(2); // dram/0
      assertNotNull(f);
      assertEquals(UnavailableReason.IO_ERROR, f.reason());
      assertTrue(f.permanent());
      assertTrue(f.message().startsWith("channel dram/0 (zone intel-rapl:0:0 'dram'): cannot read "), f.message());
    }
  }

  @Test
  void aMalformedCounterIsAFaultNeverAZero() {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    try (Meter meter = Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES).open(EMPTY)) {
      fake.writeFile("intel-rapl:0", "energy_uj", "");
      ReadingBuffer buffer = new ReadingBuffer(meter.channels().size());
      buffer.reset(0);
      meter.read(buffer);
      assertFalse(buffer.hasValue(0));
      assertEquals(UnavailableReason.IO_ERROR, buffer.fault(0) == null ? null : buffer.fault(0).reason());
    }
  }

  @Test
  void throughTheMonitorTheJobKeepsWhatWasMeasuredBeforeAndIsMarkedPartial() {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    ManualClock clock = Fixtures.clock();
    PowercapMeterProvider provider = Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES_AND_DRAM);
    try (EnergyMonitor monitor = Fixtures.monitor(provider, clock)) {
      Job job = monitor.start("job");
      clock.advance(Duration.ofSeconds(10));
      fake.add("intel-rapl:0", 1_000_000_000L); // 100 W × 10 s
      fake.add("intel-rapl:1", 1_200_000_000L); // 120 W × 10 s
      monitor.sample();
      fake.remove("intel-rapl:1");
      clock.advance(Duration.ofSeconds(10));
      fake.add("intel-rapl:0", 1_100_000_000L); // 110 W × 10 s
      monitor.sample();
      clock.advance(Duration.ofSeconds(10));
      fake.add("intel-rapl:0", 900_000_000L); // 90 W × 10 s
      EnergyRecord r = job.end();

      assertEquals(3_000_000_000L, Fixtures.microjoules(r).get("cpu/package-0"));
      assertEquals(1_200_000_000L, Fixtures.microjoules(r).get("cpu/package-1")); // before it vanished
      assertEquals(RecordStatus.PARTIAL, r.status());
      ChannelEnergy pkg1 = r.channels().get(1);
      assertTrue(pkg1.notes().stream().anyMatch(n -> n.startsWith("unavailable: DEVICE_LOST")), pkg1.notes()::toString);
      assertTrue(r.problems().stream().anyMatch(p -> p.contains("cpu/package-1") && p.contains("vanished")),
          r.problems()::toString);
    }
  }
}
