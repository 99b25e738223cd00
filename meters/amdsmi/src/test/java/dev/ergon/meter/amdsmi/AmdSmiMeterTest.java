package dev.ergon.meter.amdsmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Configuration;
import dev.ergon.Energy;
import dev.ergon.Method;
import dev.ergon.MeterUnavailableException;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterContext;
import dev.ergon.spi.ReadingBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AMD SMI meter through the real JNA binding against the fake libamd_smi.so. */
class AmdSmiMeterTest {

  static final String UUID_0 = "8dff74a1-0000-1000-80c1-4c5a2f1e0a01";
  static final String UUID_1 = "5e3c0b22-0000-1000-80c2-9b7d3e2f0b02";
  static final String UUID_2 = "a4b1d9f3-0000-1000-80c3-1a2b3c4d0c03";

  @TempDir Path dir;

  private static AmdSmiMeterProvider provider(Map<String, String> env) {
    return new AmdSmiMeterProvider(env, "Linux");
  }

  private static Availability probe(FakeAmdSmi fake, Map<String, String> env) {
    return provider(env).probe(MeterContext.of(fake.config()));
  }

  private static Meter open(FakeAmdSmi fake, Map<String, String> env) {
    return provider(env).open(MeterContext.of(fake.config()));
  }

  private FakeAmdSmi threeGpus() {
    return FakeAmdSmi.install(dir, FakeAmdSmi.Variant.FULL)
        .set("gpus", 3)
        .set("gpu.0.uuid", UUID_0).set("gpu.1.uuid", UUID_1).set("gpu.2.uuid", UUID_2)
        .clock(0);
  }

  // ---- reasons it cannot measure, with remedies -------------------------------------------------------------

  @Test
  void aMissingLibraryIsDriverMissingWithTheInstallRemedy() {
    Path missing = dir.resolve("nowhere/libamd_smi.so");
    Availability a = provider(Map.of()).probe(
        MeterContext.of(Configuration.of(Map.of(AmdSmiMeterProvider.LIBRARY_KEY, missing.toString()))));
    assertEquals(UnavailableReason.DRIVER_MISSING, a.reason());
    assertTrue(a.detail().contains(missing + " does not exist"), a.detail());
    assertTrue(a.remedy().contains("amd-smi-lib") && a.remedy().contains("ERGON_AMDSMI_LIBRARY")
        && a.remedy().contains("exclude meter \"amdsmi\""), a.remedy());
  }

  @Test
  void aLibraryThatIsNotAmdSmiIsDriverMissingAndSaysSo() {
    FakeAmdSmi fake = FakeAmdSmi.install(dir, FakeAmdSmi.Variant.NOT_AMDSMI);
    Availability a = probe(fake, Map.of());
    assertEquals(UnavailableReason.DRIVER_MISSING, a.reason());
    assertTrue(a.detail().contains("is not AMD SMI: it exports no symbol amdsmi_init"), a.detail());
  }

  @Test
  void noGpuIsNotPresentWithTheRemedy() {
    FakeAmdSmi fake = FakeAmdSmi.install(dir, FakeAmdSmi.Variant.FULL);
    Availability a = probe(fake, Map.of());
    assertEquals(UnavailableReason.NOT_PRESENT, a.reason());
    assertTrue(a.detail().contains("sees no AMD GPU"), a.detail());
    assertTrue(a.remedy().contains("amd-smi list") && a.remedy().contains("/dev/kfd"), a.remedy());
    assertEquals(fake.calls("amdsmi_init"), fake.calls("amdsmi_shut_down"), "the probe shut AMD SMI down");
  }

  @Test
  void aRefusedInitialisationIsPermissionDeniedWithTheGroupsRemedy() {
    FakeAmdSmi fake = threeGpus().set("ret.amdsmi_init", 10);
    Availability a = probe(fake, Map.of());
    assertEquals(UnavailableReason.PERMISSION_DENIED, a.reason());
    assertTrue(a.detail().contains("amdsmi_init(AMDSMI_INIT_AMD_GPUS)")
        && a.detail().contains("AMDSMI_STATUS_NO_PERM (10, \"AMDSMI_STATUS_NO_PERM: Permission Denied\")"),
        a.detail());
    assertTrue(a.remedy().contains("render") && a.remedy().contains("/dev/kfd"), a.remedy());
    assertEquals(0, fake.calls("amdsmi_shut_down"), "a failed initialisation is not shut down");
  }

  @Test
  void anUnloadedDriverIsDriverNotLoaded() {
    FakeAmdSmi fake = threeGpus().set("ret.amdsmi_init", 34);
    Availability a = probe(fake, Map.of());
    assertEquals(UnavailableReason.DRIVER_NOT_LOADED, a.reason());
    assertTrue(a.remedy().contains("modprobe amdgpu"), a.remedy());
  }

  @Test
  void aGpuWithNeitherCounterNorPowerIsNotSupported() {
    FakeAmdSmi fake = FakeAmdSmi.install(dir, FakeAmdSmi.Variant.FULL)
        .set("gpus", 1).set("gpu.0.uuid", UUID_0).set("gpu.0.energy", 0).set("gpu.0.power_supported", 0);
    Availability a = probe(fake, Map.of());
    assertEquals(UnavailableReason.NOT_SUPPORTED, a.reason());
    assertTrue(a.detail().contains("GPU " + UUID_0 + " has no energy counter and no power reading"), a.detail());
  }

  @Test
  void otherPlatformsHaveNoAmdSmi() {
    Availability a = new AmdSmiMeterProvider(Map.of(), "Mac OS X").probe(MeterContext.of(Configuration.empty()));
    assertEquals(UnavailableReason.DRIVER_MISSING, a.reason());
    assertTrue(a.remedy().contains("exclude meter \"amdsmi\""), a.remedy());
  }

  // ---- paths -------------------------------------------------------------------------------------------------

  @Test
  void aRelativeLibraryPathIsResolvedAgainstTheWorkingDirectory() {
    FakeAmdSmi fake = threeGpus();
    Path relative = Path.of("").toAbsolutePath().relativize(fake.library());
    assertFalse(relative.isAbsolute());
    Availability a = provider(Map.of()).probe(
        MeterContext.of(Configuration.of(Map.of(AmdSmiMeterProvider.LIBRARY_KEY, relative.toString()))));
    assertTrue(a.available(), a.toString());
    assertTrue(a.detail().contains("3 GPUs through AMD SMI " + fake.library()), a.detail());
  }

  // ---- identity, counter, power ------------------------------------------------------------------------------

  @Test
  void eachGpuIsAChannelNamedByUuidWithItsPciAddress() {
    FakeAmdSmi fake = threeGpus().set("gpu.1.bdf", "0001:2a:03.1");
    try (Meter meter = open(fake, Map.of())) {
      List<Channel> channels = meter.channels();
      assertEquals(List.of("gpu/" + UUID_0, "gpu/" + UUID_1, "gpu/" + UUID_2),
          channels.stream().map(Channel::id).toList());
      assertEquals("AMD GPU (" + UUID_1 + ", PCI 0001:2a:03.1, index 1)", channels.get(1).device());
      assertEquals("AMD GPU (" + UUID_0 + ", PCI 0000:c1:00.0, index 0)", channels.get(0).device());
      assertEquals(Method.COUNTER, channels.get(0).method());
      assertEquals(750.0, channels.get(0).maxPower().watts(), 1e-9, "max_power_cap 750,000,000 µW");
    }
  }

  @Test
  void withoutAUuidTheChannelIsNamedByPciAddress() {
    FakeAmdSmi fake = FakeAmdSmi.install(dir, FakeAmdSmi.Variant.FULL)
        .set("gpus", 1).set("gpu.0.ret.amdsmi_get_gpu_device_uuid", 2);
    try (Meter meter = open(fake, Map.of())) {
      assertEquals("gpu/amdsmi-0000:c1:00.0", meter.channels().get(0).id());
    }
  }

  @Test
  void theCounterIsTicksTimesResolutionInMicrojoules() {
    // 100 W; resolution 1 µJ; offset 5 J: 105 J at 1 s and 405 J at 4 s.
    FakeAmdSmi fake = FakeAmdSmi.install(dir, FakeAmdSmi.Variant.FULL)
        .set("gpus", 1).set("gpu.0.uuid", UUID_0).set("gpu.0.resolution_uj", "1.0")
        .set("gpu.0.energy_ticks", 5_000_000).set("gpu.0.power", "0:100000").clock(0);
    try (Meter meter = open(fake, Map.of())) {
      assertEquals(105_000_000L, fake.readAt(meter, 1_000).value(0));
      assertEquals(405_000_000L, fake.readAt(meter, 4_000).value(0));
      Channel c = meter.channels().get(0);
      assertEquals(Energy.ofMicrojoules(1L << 61), c.wrapRange(), "2^61 ticks of 1 µJ");
      assertTrue(c.notes().stream().anyMatch(n -> n.contains("ticks of 1.0 µJ")), c.notes().toString());
    }
  }

  @Test
  void theUsualResolutionOf15Point259MicrojoulesIsApplied() {
    // 300 W for 2 s = 600 J; the fake truncates to whole ticks, the meter floors ticks × resolution.
    FakeAmdSmi fake = FakeAmdSmi.install(dir, FakeAmdSmi.Variant.FULL)
        .set("gpus", 1).set("gpu.0.uuid", UUID_0).set("gpu.0.power", "0:300000").clock(0);
    try (Meter meter = open(fake, Map.of())) {
      long a = fake.readAt(meter, 1_000).value(0);
      long b = fake.readAt(meter, 3_000).value(0);
      assertEquals(600_000_000.0, (double) (b - a), 2 * 15.26, "within two ticks of 15.259 µJ");
      assertEquals(Energy.ofMicrojoules((long) Math.floor(Math.scalb((double) 15.259022f, 58))),
          meter.channels().get(0).wrapRange(), "2^58 ticks of 15.259022 µJ");
    }
  }

  @Test
  void withoutACounterPowerIsIntegratedAndLabelledInBothStructLayouts() {
    for (int layout : new int[] {24, 25}) {
      Path sub = dir.resolve("layout-" + layout);
      sub.toFile().mkdirs();
      // 100 W rising to 300 W over 1 s: the trapezoid over samples at 0 and 1 s is 200 J. Layout 24 fills only the
      // average (as on MI200); layout 25 leaves socket_power at zero and fills current_socket_power.
      FakeAmdSmi fake = FakeAmdSmi.install(sub, FakeAmdSmi.Variant.FULL)
          .set("layout", layout).set("gpus", 1).set("gpu.0.uuid", UUID_0).set("gpu.0.energy", 0)
          .set("gpu.0.current_unsupported", 1).set("gpu.0.socket_power_field", 0)
          .set("gpu.0.power", "0:100000 1000:300000").clock(0);
      try (Meter meter = open(fake, Map.of())) {
        Channel c = meter.channels().get(0);
        assertEquals(Method.INTEGRATED_POWER, c.method());
        assertEquals(java.time.Duration.ofMillis(100), c.maxPollInterval());
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("integrated from amdsmi_get_power_info")
            && n.contains("amdsmi " + layout)), c.notes().toString());
        assertEquals(0, fake.readAt(meter, 0).value(0));
        assertEquals(200_000_000L, fake.readAt(meter, 1_000).value(0), "layout " + layout);
      }
    }
  }

  @Test
  void aProcessorThatIsNotAnAmdGpuIsSkipped() {
    FakeAmdSmi fake = threeGpus().set("gpu.1.type", 2); // AMDSMI_PROCESSOR_TYPE_AMD_CPU
    try (Meter meter = open(fake, Map.of())) {
      assertEquals(List.of("gpu/" + UUID_0, "gpu/" + UUID_2), meter.channels().stream().map(Channel::id).toList());
    }
  }

  // ---- lost device, shutdown --------------------------------------------------------------------------------

  @Test
  void aLostGpuFailsForGoodAndIsNotCalledAgain() {
    FakeAmdSmi fake = threeGpus().set("gpu.0.power", "0:100000");
    try (Meter meter = open(fake, Map.of())) {
      assertTrue(fake.readAt(meter, 1_000).hasValue(0));
      fake.set("gpu.0.lost_at_call", 1);
      ReadingBuffer b = fake.readAt(meter, 2_000);
      ChannelFault f = FakeAmdSmi.fault(b, 0);
      assertEquals(UnavailableReason.DEVICE_LOST, f.reason());
      assertTrue(f.permanent());
      assertTrue(f.message().contains("AMDSMI_STATUS_NOT_FOUND") && f.message().contains(UUID_0), f.message());
      assertTrue(b.hasValue(1) && b.hasValue(2), "the other GPUs still read");
      long calls = fake.calls("amdsmi_get_energy_count 0");
      fake.readAt(meter, 3_000);
      assertEquals(calls, fake.calls("amdsmi_get_energy_count 0"), "a lost GPU is not called again");
    }
  }

  @Test
  void everyInitialisationIsShutDownExactlyOnce() {
    FakeAmdSmi fake = threeGpus();
    Meter meter = open(fake, Map.of());
    meter.close();
    meter.close();
    assertEquals(1, fake.calls("amdsmi_init"));
    assertEquals(1, fake.calls("amdsmi_shut_down"));
    ReadingBuffer b = fake.readAt(meter, 1_000);
    assertTrue(FakeAmdSmi.fault(b, 0).message().contains("read after it was closed"));
  }

  // ---- visible devices ---------------------------------------------------------------------------------------

  private List<String> ids(FakeAmdSmi fake, Map<String, String> env) {
    try (Meter meter = open(fake, env)) {
      return meter.channels().stream().map(Channel::id).toList();
    }
  }

  @Test
  void rocrVisibleDevicesSelectsByIndexOrUuidInItsOrder() {
    FakeAmdSmi fake = threeGpus();
    assertEquals(List.of("gpu/" + UUID_2, "gpu/" + UUID_0), ids(fake, Map.of("ROCR_VISIBLE_DEVICES", "2,0")));
    assertEquals(List.of("gpu/" + UUID_1),
        ids(fake, Map.of("ROCR_VISIBLE_DEVICES", "GPU-5e3c0b22-0000-1000-80c2")));
  }

  @Test
  void hipVisibleDevicesCountsWhatRocrLeft() {
    FakeAmdSmi fake = threeGpus();
    assertEquals(List.of("gpu/" + UUID_0),
        ids(fake, Map.of("ROCR_VISIBLE_DEVICES", "2,0", "HIP_VISIBLE_DEVICES", "1")));
    assertEquals(List.of("gpu/" + UUID_1), ids(fake, Map.of("CUDA_VISIBLE_DEVICES", "1")),
        "HIP honours CUDA_VISIBLE_DEVICES when HIP_VISIBLE_DEVICES is unset");
    assertEquals(List.of("gpu/" + UUID_2),
        ids(fake, Map.of("HIP_VISIBLE_DEVICES", "2", "CUDA_VISIBLE_DEVICES", "0")), "HIP's own variable wins");
  }

  @Test
  void anEntryNamingNoGpuEndsTheListWithANote() {
    FakeAmdSmi fake = threeGpus();
    try (Meter meter = open(fake, Map.of("ROCR_VISIBLE_DEVICES", "1,7,0"))) {
      assertEquals(List.of("gpu/" + UUID_1), meter.channels().stream().map(Channel::id).toList());
      assertTrue(meter.channels().get(0).notes().stream().anyMatch(n -> n.contains("entry '7' (position 2")),
          meter.channels().get(0).notes().toString());
    }
  }

  @Test
  void anEmptySelectionIsNotPresentWithTheRemedy() {
    FakeAmdSmi fake = threeGpus();
    Availability a = probe(fake, Map.of("ROCR_VISIBLE_DEVICES", ""));
    assertEquals(UnavailableReason.NOT_PRESENT, a.reason());
    assertTrue(a.detail().contains("ROCR_VISIBLE_DEVICES= selects none of the 3 GPUs"), a.detail());
    MeterUnavailableException e = assertThrows(MeterUnavailableException.class,
        () -> open(fake, Map.of("ROCR_VISIBLE_DEVICES", "")));
    assertEquals(UnavailableReason.NOT_PRESENT, e.reason());
  }
}
