package dev.ergon.meter.powercap;

import static dev.ergon.meter.powercap.Fixtures.EMPTY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ergon.EnergyMonitor;
import dev.ergon.EnergyRecord;
import dev.ergon.Job;
import dev.ergon.MeterStatus;
import dev.ergon.MeterUnavailableException;
import dev.ergon.RecordStatus;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Availability;
import dev.ergon.testing.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root-only {@code energy_uj} (Linux 5.10 and later) makes the meter unavailable with PERMISSION_DENIED and a
 * remedy for exactly the zones it would read; never a zero, never a crash.
 */
class PermissionTest {

  @TempDir Path tmp;

  private static final String UDEV_LINE = "SUBSYSTEM==\"powercap\", KERNEL==\"%s\", ACTION==\"add\", "
      + "RUN+=\"/bin/chgrp rapl %%S%%p/energy_uj\", RUN+=\"/bin/chmod g+r %%S%%p/energy_uj\"";

  @Test
  void unreadableEnergyMakesTheProbeSayPermissionDeniedWithARemedyForExactlyTheseZones() {
    FakePowercap fake = FakePowercap.laptop(tmp);
    InjectedFailures reader = new InjectedFailures();
    for (String zone : List.of("intel-rapl:0", "intel-rapl:0:0", "intel-rapl:0:1", "intel-rapl:0:2",
        "intel-rapl:1", "intel-rapl-mmio:0")) {
      reader.fail(zone, "energy_uj", new AccessDeniedException(fake.energyFile(zone).toString()));
    }
    PowercapMeterProvider provider = Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES_AND_DRAM, reader);

    Availability a = provider.probe(EMPTY);
    assertFalse(a.available());
    assertEquals(UnavailableReason.PERMISSION_DENIED, a.reason());
    assertTrue(a.detail().startsWith("permission denied reading " + fake.energyFile("intel-rapl:0") + ", "
        + fake.energyFile("intel-rapl:0:2") + " as user "), a.detail());

    List<String> lines = a.remedy().lines().map(String::strip).toList();
    assertTrue(lines.contains(String.format(UDEV_LINE, "intel-rapl:0")), a.remedy());
    assertTrue(lines.contains(String.format(UDEV_LINE, "intel-rapl:0:2")), a.remedy());
    assertTrue(lines.contains("mode class/powercap/intel-rapl:0/energy_uj = 0440"), a.remedy());
    assertTrue(lines.contains("owner class/powercap/intel-rapl:0/energy_uj = root:rapl"), a.remedy());
    assertTrue(lines.contains("mode class/powercap/intel-rapl:0:2/energy_uj = 0440"), a.remedy());
    assertTrue(lines.contains("owner class/powercap/intel-rapl:0:2/energy_uj = root:rapl"), a.remedy());
    assertTrue(lines.contains("sudo chmod a+r /sys/class/powercap/intel-rapl:0/energy_uj "
        + "/sys/class/powercap/intel-rapl:0:2/energy_uj"), a.remedy());
    assertTrue(lines.contains("sudo groupadd --system rapl"), a.remedy());
    // only the zones the policy reads: not core, uncore, psys or the MMIO duplicate
    for (String other : List.of("intel-rapl:0:0", "intel-rapl:0:1", "intel-rapl:1\"", "intel-rapl:1/",
        "intel-rapl-mmio")) {
      assertFalse(a.remedy().contains(other), other + " in " + a.remedy());
    }
    assertFalse(a.remedy().contains("sudo ergon"), "the library runs nothing itself");
  }

  @Test
  void openThrowsTheSameAnswerAndTheMonitorRecordsNoEnergyRatherThanZero() {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    InjectedFailures reader = new InjectedFailures()
        .fail("intel-rapl:1", "energy_uj", new AccessDeniedException("energy_uj"));
    PowercapMeterProvider provider = Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES_AND_DRAM, reader);

    MeterUnavailableException e = assertThrows(MeterUnavailableException.class, () -> provider.open(EMPTY));
    assertEquals(UnavailableReason.PERMISSION_DENIED, e.reason());
    // one unreadable socket makes the meter unavailable: counting only socket 0 would under-count
    assertTrue(e.remedy().contains("KERNEL==\"intel-rapl:1\""), e.remedy());
    assertFalse(e.remedy().contains("KERNEL==\"intel-rapl:0\""), e.remedy());

    ManualClock clock = Fixtures.clock();
    try (EnergyMonitor monitor = Fixtures.monitor(provider, clock)) {
      MeterStatus status = monitor.meterStatus().get(0);
      assertFalse(status.open());
      assertEquals(UnavailableReason.PERMISSION_DENIED, status.availability().reason());
      assertTrue(monitor.channels().isEmpty());
      Job job = monitor.start("job");
      clock.advance(Duration.ofSeconds(5));
      fake.add("intel-rapl:0", 1_000_000_000L);
      EnergyRecord r = job.end();
      assertEquals(RecordStatus.NO_METER, r.status());
      assertTrue(r.channels().isEmpty(), "no channel reported as zero");
    }
  }

  @Test
  void unreadableRangeLeavesTheWrapUnknownSoADecreaseIsDroppedAndCountedNeverNegated() {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    fake.set("intel-rapl:0", FakePowercap.INTEL_RANGE - 1_000_000_000L);
    InjectedFailures reader = new InjectedFailures()
        .fail("intel-rapl:0", "max_energy_range_uj", new AccessDeniedException("max_energy_range_uj"));
    PowercapMeterProvider provider = Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES_AND_DRAM, reader);

    ManualClock clock = Fixtures.clock();
    try (EnergyMonitor monitor = Fixtures.monitor(provider, clock)) {
      var pkg0 = monitor.channels().get(0);
      assertEquals("cpu/package-0", pkg0.id());
      assertEquals(null, pkg0.wrapRange());
      assertTrue(pkg0.notes().stream().anyMatch(n -> n.contains("max_energy_range_uj unreadable (permission denied)")
          && n.contains("dropped")), pkg0.notes()::toString);
      // polled as if the range were AMD's 65 532 610 987 µJ: a quarter of 65.5 s at 1000 W
      assertEquals(Duration.ofNanos(16_383_152_746L), pkg0.maxPollInterval());
      assertEquals(Fixtures.uj(FakePowercap.INTEL_RANGE), monitor.channels().get(1).wrapRange());

      Job job = monitor.start("job");
      clock.advance(Duration.ofSeconds(10));
      fake.add("intel-rapl:0", 800_000_000L); // 80 W × 10 s, below the wrap
      fake.add("intel-rapl:1", 800_000_000L);
      monitor.sample();
      clock.advance(Duration.ofSeconds(10));
      fake.add("intel-rapl:0", 900_000_000L); // wraps; with no known range this interval cannot be corrected
      fake.add("intel-rapl:1", 900_000_000L);
      monitor.sample();
      clock.advance(Duration.ofSeconds(10));
      fake.add("intel-rapl:0", 700_000_000L);
      fake.add("intel-rapl:1", 700_000_000L);
      EnergyRecord r = job.end();

      assertEquals(1_500_000_000L, Fixtures.microjoules(r).get("cpu/package-0")); // 0.8 + 0.7 kJ; 0.9 kJ dropped
      assertEquals(1, r.channels().get(0).droppedIntervals());
      assertEquals(2_400_000_000L, Fixtures.microjoules(r).get("cpu/package-1")); // its range is known
      assertEquals(0, r.channels().get(1).droppedIntervals());
      assertEquals(RecordStatus.PARTIAL, r.status());
    }
  }

  /**
   * The real thing: the probe runs in a JVM as an unprivileged user (uid 65534) over a fake tree whose
   * {@code energy_uj} files are mode 0400 and owned by root, so the kernel itself refuses the read. Run as root,
   * the test needs {@code setpriv}; run as an ordinary user, it removes the owner's read bit instead.
   */
  @Test
  void anUnprivilegedProcessGetsPermissionDeniedFromTheOperatingSystem() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    assumeTrue(!root || Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv to drop root");
    Path shared = Files.createDirectories(tmp.resolve("shared"));
    FakePowercap fake = FakePowercap.twoSocketServer(shared.resolve("tree"));
    List<String> classpath = new ArrayList<>();
    for (Class<?> c : List.of(PowercapMeterProvider.class, dev.ergon.Configuration.class, UnprivilegedProbe.class)) {
      Path from = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path to = shared.resolve("cp" + classpath.size());
      copy(from, to);
      classpath.add(to.toString());
    }
    List<String> command = new ArrayList<>();
    if (root) {
      makeWorldReadable(tmp);
      command.addAll(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    } else {
      for (String zone : List.of("intel-rapl:0", "intel-rapl:0:0", "intel-rapl:1", "intel-rapl:1:0")) {
        Files.setPosixFilePermissions(fake.zoneDir(zone).resolve("energy_uj"),
            PosixFilePermissions.fromString("---------"));
      }
    }
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", String.join(":", classpath), UnprivilegedProbe.class.getName(), fake.root().toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe process did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("reason=PERMISSION_DENIED"), out);
    assertTrue(out.contains("KERNEL==\"intel-rapl:1:0\""), out);
    assertFalse(out.contains("available=true"), out);
  }

  private static void copy(Path from, Path to) throws IOException {
    if (Files.isRegularFile(from)) {
      Files.copy(from, to);
      return;
    }
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** Lets uid 65534 list the tree and read all but the root-only counters (as sysfs does). */
  private static void makeWorldReadable(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.toList()) {
        if (Files.isSymbolicLink(p)) {
          continue;
        }
        if (Files.isDirectory(p)) {
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else if (!p.getFileName().toString().equals("energy_uj")) {
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        }
      }
    }
  }
}
