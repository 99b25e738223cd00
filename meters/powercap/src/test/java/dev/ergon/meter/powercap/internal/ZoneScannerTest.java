package dev.ergon.meter.powercap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.meter.powercap.FakePowercap;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneScannerTest {

  @TempDir Path tmp;

  private static List<String> labels(ZoneScan scan) {
    List<String> out = new ArrayList<>();
    scan.zones().forEach(z -> out.add(z.label()));
    return out;
  }

  @Test
  void findsEveryZoneOnceThroughTheFlatLinksWithoutFollowingDeviceOrSubsystemLinks() throws IOException {
    FakePowercap fake = FakePowercap.laptop(tmp);
    ZoneScan scan = ZoneScanner.scan(fake.root(), new SysfsAttributeReader());

    assertEquals(List.of("intel-rapl:0 'package-0'", "intel-rapl:0:0 'core'", "intel-rapl:0:1 'uncore'",
        "intel-rapl:0:2 'dram'", "intel-rapl:1 'psys'", "intel-rapl-mmio:0 'package-0'").stream().sorted().toList(),
        labels(scan).stream().sorted().toList());
    for (Zone z : scan.zones()) {
      assertEquals(fake.root().resolve(z.kernelName()), z.directory(), "paths read like the kernel's own");
    }
    Zone dram = scan.zones().stream().filter(z -> z.name().equals("dram")).findFirst().orElseThrow();
    assertEquals("intel-rapl", dram.controlType());
    assertEquals("intel-rapl:0", dram.parentKernelName());
    assertEquals("package-0", dram.parentName());
    Zone psys = scan.zones().stream().filter(z -> z.name().equals("psys")).findFirst().orElseThrow();
    assertNull(psys.parentKernelName());
    assertTrue(scan.dangling().isEmpty());
    assertTrue(scan.problems().isEmpty(), scan.problems()::toString);
  }

  @Test
  void theHierarchicalViewAndAControlTypeDirectoryAreWalkedToo() throws IOException {
    FakePowercap fake = FakePowercap.laptop(tmp);
    ZoneScan devices = ZoneScanner.scan(fake.devicesRoot(), new SysfsAttributeReader());
    assertEquals(6, devices.zones().size(), labels(devices)::toString);
    Zone dram = devices.zones().stream().filter(z -> z.name().equals("dram")).findFirst().orElseThrow();
    assertEquals(fake.devicesRoot().resolve("intel-rapl/intel-rapl:0/intel-rapl:0:2"), dram.directory());
    assertEquals("package-0", dram.parentName());

    ZoneScan oneType = ZoneScanner.scan(fake.root().resolve("intel-rapl"), new SysfsAttributeReader());
    assertEquals(5, oneType.zones().size(), labels(oneType)::toString); // all but the MMIO view
  }

  @Test
  void zonesAreOrderedByHexadecimalIdNotByText() throws IOException {
    FakePowercap fake = new FakePowercap(tmp);
    for (int id : new int[] {0xa, 0x2, 0x10, 0x9}) {
      fake.zone("intel-rapl:" + Integer.toHexString(id), "package-" + id, FakePowercap.INTEL_RANGE);
    }
    ZoneScan scan = ZoneScanner.scan(fake.root(), new SysfsAttributeReader());
    assertEquals(List.of("intel-rapl:2 'package-2'", "intel-rapl:9 'package-9'", "intel-rapl:a 'package-10'",
        "intel-rapl:10 'package-16'"), labels(scan));
    assertTrue(ZoneScanner.compareKernelNames("intel-rapl:9", "intel-rapl:a") < 0);
    assertTrue(ZoneScanner.compareKernelNames("intel-rapl:a", "intel-rapl:10") < 0);
    assertTrue(ZoneScanner.compareKernelNames("intel-rapl:1", "intel-rapl:1:0") < 0);
  }

  @Test
  void zonesWithoutACounterAreListedButAreNotMeters() throws IOException {
    FakePowercap fake = new FakePowercap(tmp).zoneWithoutCounter("dtpm:0", "soc");
    ZoneScan scan = ZoneScanner.scan(fake.root(), new SysfsAttributeReader());
    assertTrue(scan.zones().isEmpty());
    assertEquals(List.of("dtpm:0"), scan.withoutCounter());
  }

  @Test
  void linksIntoAnUnmountedDevicesDirectoryAreReportedAsDangling() throws IOException {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    try (var walk = Files.walk(fake.devicesRoot())) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    ZoneScan scan = ZoneScanner.scan(fake.root(), new SysfsAttributeReader());
    assertTrue(scan.zones().isEmpty());
    assertEquals(4, scan.dangling().size(), scan.dangling()::toString);
  }

  @Test
  void aZoneWhoseNameCannotBeReadIsSkippedWithTheReasonNeverGuessedFromItsIndex() throws IOException {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    AttributeReader reader = new AttributeReader() {
      private final SysfsAttributeReader real = new SysfsAttributeReader();

      @Override
      public long readLong(Path file) throws IOException {
        return real.readLong(file);
      }

      @Override
      public String readLine(Path file) throws IOException {
        if (file.toString().endsWith("intel-rapl:1/name")) {
          throw new AccessDeniedException(file.toString());
        }
        return real.readLine(file);
      }
    };
    ZoneScan scan = ZoneScanner.scan(fake.root(), reader);
    assertEquals(List.of("intel-rapl:0 'package-0'", "intel-rapl:0:0 'dram'", "intel-rapl:1:0 'dram'"),
        labels(scan));
    assertNull(scan.zones().get(2).parentName(), "parent unknown, so this dram cannot be matched to a socket");
    assertEquals(1, scan.problems().size(), scan.problems()::toString);
    assertTrue(scan.problems().get(0).startsWith("intel-rapl:1 skipped: cannot read " + fake.root()
        .resolve("intel-rapl:1/name") + " (permission denied)"), scan.problems().get(0));
  }
}
