package dev.ergon.meter.powercap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.meter.powercap.PowercapPolicy;
import dev.ergon.ChannelKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The selection rules on zone lists built by hand (no file system). */
class ZoneSelectorTest {

  private static Zone zone(String kernelName, String name, @Nullable String parentName) {
    String type = kernelName.substring(0, kernelName.indexOf(':'));
    int last = kernelName.lastIndexOf(':');
    String parent = kernelName.indexOf(':') == last ? null : kernelName.substring(0, last);
    return new Zone(type, kernelName, Path.of("/sys/class/powercap", kernelName), name, parent,
        parent == null ? null : parentName);
  }

  private static List<String> chosen(ZoneSelection s) {
    List<String> out = new ArrayList<>();
    s.chosen().forEach(c -> out.add(c.channelId() + "=" + c.zone().kernelName()));
    return out;
  }

  private static String reason(ZoneSelection s, String kernelName) {
    return s.skipped().stream().filter(k -> k.zone().kernelName().equals(kernelName)).findFirst().orElseThrow()
        .reason();
  }

  @Test
  void theMsrInterfaceIsPreferredAndEachDomainCountedOnce() {
    List<Zone> zones = List.of(
        zone("intel-rapl-tpmi:0", "package-0", null),
        zone("intel-rapl-tpmi:0:0", "dram", "package-0"),
        zone("intel-rapl:0", "package-0", null),
        zone("intel-rapl:0:0", "dram", "package-0"),
        zone("intel-rapl-mmio:0", "package-0", null),
        zone("intel-rapl-tpmi:1", "package-1", null)); // socket 1 only through TPMI
    ZoneSelection s = ZoneSelector.select(zones, PowercapPolicy.PACKAGES_AND_DRAM);
    assertEquals(List.of("cpu/package-0=intel-rapl:0", "cpu/package-1=intel-rapl-tpmi:1", "dram/0=intel-rapl:0:0"),
        chosen(s));
    assertEquals("same domain as intel-rapl:0, counted once through intel-rapl", reason(s, "intel-rapl-tpmi:0"));
    assertEquals("same domain as intel-rapl:0, counted once through intel-rapl", reason(s, "intel-rapl-mmio:0"));
    assertEquals("same domain as intel-rapl:0:0, counted once through intel-rapl", reason(s, "intel-rapl-tpmi:0:0"));
  }

  @Test
  void packageOnlyThroughMmioIsStillCounted() {
    ZoneSelection s = ZoneSelector.select(List.of(zone("intel-rapl-mmio:0", "package-0", null)),
        PowercapPolicy.PACKAGES_AND_DRAM);
    assertEquals(List.of("cpu/package-0=intel-rapl-mmio:0"), chosen(s));
  }

  @Test
  void perDieZonesReplaceAPlainPackageOfTheSameSocket() {
    List<Zone> zones = List.of(
        zone("intel-rapl:0", "package-0", null),
        zone("intel-rapl:1", "package-0-die-0", null),
        zone("intel-rapl:2", "package-0-die-1", null),
        zone("intel-rapl:3", "package-1", null));
    ZoneSelection s = ZoneSelector.select(zones, PowercapPolicy.PACKAGES);
    assertEquals(List.of("cpu/package-0-die-0=intel-rapl:1", "cpu/package-0-die-1=intel-rapl:2",
        "cpu/package-1=intel-rapl:3"), chosen(s));
    assertTrue(reason(s, "intel-rapl:0").contains("per-die zones"), reason(s, "intel-rapl:0"));
  }

  @Test
  void partsAndUnknownDomainsAreNeverCounted() {
    List<Zone> zones = List.of(
        zone("intel-rapl:0", "package-0", null),
        zone("intel-rapl:0:0", "core", "package-0"),
        zone("intel-rapl:0:1", "uncore", "package-0"),
        zone("intel-rapl:0:2", "gpu-slice", "package-0"));
    for (PowercapPolicy policy : PowercapPolicy.values()) {
      ZoneSelection s = ZoneSelector.select(zones, policy);
      assertTrue(s.chosen().stream().allMatch(c -> c.kind() == ChannelKind.CPU_PACKAGE), chosen(s)::toString);
      assertEquals("PP0, part of package-0 and never added to it; on AMD it covers one core only",
          reason(s, "intel-rapl:0:0"));
      assertEquals("PP1, part of package-0 and never added to it", reason(s, "intel-rapl:0:1"));
      assertEquals("unknown RAPL domain name 'gpu-slice', not counted", reason(s, "intel-rapl:0:2"));
    }
  }

  @Test
  void platformPolicyCountsPsysAndNothingInsideIt() {
    List<Zone> zones = List.of(
        zone("intel-rapl:0", "package-0", null),
        zone("intel-rapl:0:0", "dram", "package-0"),
        zone("intel-rapl:1", "psys", null));
    ZoneSelection s = ZoneSelector.select(zones, PowercapPolicy.PLATFORM);
    assertEquals(List.of("platform/psys=intel-rapl:1"), chosen(s));
    assertEquals("part of psys, which policy platform counts", reason(s, "intel-rapl:0"));
    assertEquals("part of psys, which policy platform counts", reason(s, "intel-rapl:0:0"));
    assertEquals("policy platform counts platform/psys = intel-rapl:1 'psys'; not counted: intel-rapl:0 "
        + "'package-0' (part of psys, which policy platform counts), intel-rapl:0:0 'dram' (part of psys, which "
        + "policy platform counts)", s.describe());
  }

  @Test
  void platformPolicyWithoutPsysSaysSoRatherThanBlamingPsys() {
    ZoneSelection s = ZoneSelector.select(List.of(zone("intel-rapl:0", "package-0", null)), PowercapPolicy.PLATFORM);
    assertTrue(s.chosen().isEmpty());
    assertEquals("left out by policy platform, which counts psys only", reason(s, "intel-rapl:0"));
  }

  @Test
  void aDramWhoseSocketIsUnknownStandsAloneWithAUniqueId() {
    List<Zone> zones = List.of(
        zone("intel-rapl:0", "package-0", null),
        zone("intel-rapl:0:0", "dram", "package-0"),
        zone("intel-rapl:1:0", "dram", null),
        zone("intel-rapl:2", "psys", null),
        zone("intel-rapl:3", "psys", null));
    assertEquals(List.of("cpu/package-0=intel-rapl:0", "dram/0=intel-rapl:0:0", "dram/intel-rapl:1:0=intel-rapl:1:0"),
        chosen(ZoneSelector.select(zones, PowercapPolicy.PACKAGES_AND_DRAM)));
    assertEquals(List.of("platform/psys=intel-rapl:2", "platform/psys/intel-rapl:3=intel-rapl:3"),
        chosen(ZoneSelector.select(zones, PowercapPolicy.PLATFORM)));
  }
}
