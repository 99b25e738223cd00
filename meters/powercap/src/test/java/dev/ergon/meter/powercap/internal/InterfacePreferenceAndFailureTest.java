package dev.ergon.meter.powercap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.UnavailableReason;
import dev.ergon.meter.powercap.PowercapPolicy;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TPMI is preferred over MMIO when there is no MSR interface; EPERM, EACCES, ENOENT and EIO are told apart. */
class InterfacePreferenceAndFailureTest {

  private static Zone top(String kernelName, String name) {
    String type = kernelName.substring(0, kernelName.indexOf(':'));
    return new Zone(type, kernelName, Path.of("/sys/class/powercap", kernelName), name, null, null);
  }

  private static List<String> chosen(ZoneSelection s) {
    List<String> out = new ArrayList<>();
    s.chosen().forEach(c -> out.add(c.channelId() + "=" + c.zone().kernelName()));
    return out;
  }

  @Test
  void withoutTheMsrInterfaceTpmiIsPreferredOverMmioInAnyOrder() {
    List<Zone> mmioFirst = List.of(top("intel-rapl-mmio:0", "package-0"), top("intel-rapl-tpmi:0", "package-0"));
    for (List<Zone> zones : List.of(mmioFirst, List.of(mmioFirst.get(1), mmioFirst.get(0)))) {
      ZoneSelection s = ZoneSelector.select(zones, PowercapPolicy.PACKAGES_AND_DRAM);
      assertEquals(List.of("cpu/package-0=intel-rapl-tpmi:0"), chosen(s));
      assertEquals("same domain as intel-rapl-tpmi:0, counted once through intel-rapl-tpmi",
          s.skipped().get(0).reason());
    }
  }

  @Test
  void theInterfacesAreRankedMsrTpmiMmioThenOthersByName() {
    assertTrue(ZoneSelector.compareInterfaces("intel-rapl", "intel-rapl-tpmi") < 0);
    assertTrue(ZoneSelector.compareInterfaces("intel-rapl-tpmi", "intel-rapl-mmio") < 0);
    assertTrue(ZoneSelector.compareInterfaces("intel-rapl-mmio", "amd-rapl") < 0);
    assertTrue(ZoneSelector.compareInterfaces("intel-rapl-mmio", "intel-rapl") > 0);
    assertTrue(ZoneSelector.compareInterfaces("amd-rapl", "zz-rapl") < 0);
    assertTrue(ZoneSelector.compareInterfaces("zz-rapl", "amd-rapl") > 0);
    assertEquals(0, ZoneSelector.compareInterfaces("intel-rapl-tpmi", "intel-rapl-tpmi"));
  }

  @Test
  void epermAndEaccesArePermissionEnoentIsAVanishedZoneAndEioIsAnIoError() {
    IOException eacces = new AccessDeniedException("/sys/class/powercap/intel-rapl:0/energy_uj");
    IOException eperm = new FileSystemException("/sys/class/powercap/intel-rapl:0/energy_uj", null,
        "Operation not permitted");
    IOException enoent = new NoSuchFileException("/sys/class/powercap/intel-rapl:0/energy_uj");
    IOException eio = new FileSystemException("/sys/class/powercap/intel-rapl:0/energy_uj", null,
        "Input/output error");
    IOException plain = new IOException("malformed value 'x'");
    IOException bare = new IOException();
    IOException noReason = new FileSystemException("/sys/class/powercap/intel-rapl:0/energy_uj");

    assertTrue(AttributeFailure.isPermission(eacces));
    assertTrue(AttributeFailure.isPermission(eperm));
    assertFalse(AttributeFailure.isPermission(enoent));
    assertFalse(AttributeFailure.isPermission(eio));
    assertFalse(AttributeFailure.isPermission(plain));
    assertFalse(AttributeFailure.isPermission(noReason));

    assertTrue(AttributeFailure.isMissing(enoent));
    assertFalse(AttributeFailure.isMissing(eio));

    assertEquals(UnavailableReason.PERMISSION_DENIED, AttributeFailure.reasonDuringUse(eacces));
    assertEquals(UnavailableReason.PERMISSION_DENIED, AttributeFailure.reasonDuringUse(eperm));
    assertEquals(UnavailableReason.DEVICE_LOST, AttributeFailure.reasonDuringUse(enoent));
    assertEquals(UnavailableReason.IO_ERROR, AttributeFailure.reasonDuringUse(eio));
    assertEquals(UnavailableReason.IO_ERROR, AttributeFailure.reasonDuringUse(plain));

    assertEquals("permission denied", AttributeFailure.describe(eperm));
    assertEquals("permission denied", AttributeFailure.describe(eacces));
    assertEquals("no such file", AttributeFailure.describe(enoent));
    assertEquals("Input/output error", AttributeFailure.describe(eio));
    assertEquals("malformed value 'x'", AttributeFailure.describe(plain));
    assertEquals("IOException", AttributeFailure.describe(bare));
  }
}
