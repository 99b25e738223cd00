package dev.ergon.meter.amdsmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Energy;
import dev.ergon.Method;
import dev.ergon.MeterUnavailableException;
import dev.ergon.Power;
import dev.ergon.UnavailableReason;
import dev.ergon.meter.amdsmi.FakeAmdSmi;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.ReadingBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers and messages the AMD SMI meter makes, checked exactly against values worked out by hand from what the
 * fake libamd_smi.so is told to answer: tick conversion at open and on the way, power bounds, fault texts and their
 * reuse, the choices made at discovery, notes, channel ids.
 */
class AmdSmiValuesAndMessagesTest {

  private static final String UUID_A = "8dff74a1-0000-1000-80c1-4c5a2f1e0a01";
  private static final String UUID_B = "5e3c0b22-0000-1000-80c2-9b7d3e2f0b02";
  private static final String NO_PERM_REMEDY = "grant this user read/write access to /dev/kfd and /dev/dri/renderD*"
      + " (the 'render' and 'video' groups: sudo usermod -aG render,video $USER), or in a container pass"
      + " --device=/dev/kfd --device=/dev/dri --group-add render --group-add video";

  @TempDir Path dir;

  private FakeAmdSmi fake(int gpus) {
    FakeAmdSmi fake = FakeAmdSmi.install(dir, FakeAmdSmi.Variant.FULL).set("gpus", gpus).clock(0);
    if (gpus > 0) {
      fake.set("gpu.0.uuid", UUID_A);
    }
    if (gpus > 1) {
      fake.set("gpu.1.uuid", UUID_B);
    }
    return fake;
  }

  private static AmdSmiMeter open(FakeAmdSmi fake) {
    return open(fake, Map.of());
  }

  private static AmdSmiMeter open(FakeAmdSmi fake, Map<String, String> env) {
    return new AmdSmiMeterOpener(fake.config(), env::get, "Linux").open();
  }

  private static String location(FakeAmdSmi fake) {
    return fake.library().toString();
  }

  @Test
  void ticksAreConvertedWithTheResolutionOfOpeningAndAChangedResolutionIsRefused() {
    // 3 ticks of 2.5 µJ = 7.5 µJ, floored to 7 µJ.
    FakeAmdSmi fake = fake(1).set("gpu.0.resolution_uj", "2.5").set("gpu.0.energy_ticks", 3);
    try (AmdSmiMeter meter = open(fake)) {
      assertEquals(location(fake), meter.location());
      Channel c = meter.channels().get(0);
      assertEquals(List.of("energy accumulator (amdsmi_get_energy_count) in ticks of 2.5 µJ"), c.notes());
      // 2.5 < 2^2: the window is 2^(62-2) = 2^60 ticks, 2^60 × 2.5 µJ.
      assertEquals(Energy.ofMicrojoules((1L << 60) * 5 / 2), c.wrapRange());
      ReadingBuffer b = fake.readAt(meter, 0);
      assertTrue(b.hasValue(0));
      assertEquals(7, b.value(0));
      fake.set("gpu.0.resolution_uj", "5.0");
      ChannelFault f = FakeAmdSmi.fault(fake.readAt(meter, 1), 0);
      assertEquals(UnavailableReason.IO_ERROR, f.reason());
      assertFalse(f.permanent());
      assertEquals("amdsmi_get_energy_count(" + UUID_A + ") in " + location(fake) + " returned an implausible value:"
          + " counter resolution 5.0 µJ per tick, but 2.5 µJ when the meter opened; the sample was dropped",
          f.message());
      fake.set("gpu.0.resolution_uj", "2.5").set("gpu.0.energy_ticks", 4);
      assertEquals(10, fake.readAt(meter, 2).value(0), "4 × 2.5 µJ");
    }
  }

  @Test
  void aCounterWhoseResolutionWasUnknownAtOpeningTakesTheFirstOneReadAndSaysWrapsAreDropped() {
    FakeAmdSmi fake = fake(1).set("gpu.0.resolution_uj", "1.5").set("gpu.0.energy_ticks", 10)
        .set("gpu.0.ret.amdsmi_get_energy_count", 8); // AMDSMI_STATUS_TIMEOUT: passing
    try (AmdSmiMeter meter = open(fake)) {
      Channel c = meter.channels().get(0);
      assertEquals(Method.COUNTER, c.method());
      assertNull(c.wrapRange());
      assertEquals(List.of("energy accumulator (amdsmi_get_energy_count); its resolution was not known when the"
          + " meter opened, so a wrap of the accumulator would be dropped rather than counted"), c.notes());
      ChannelFault f = FakeAmdSmi.fault(fake.readAt(meter, 0), 0);
      assertEquals("amdsmi_get_energy_count(" + UUID_A + ") in " + location(fake) + " returned AMDSMI_STATUS_TIMEOUT"
          + " (8, \"An unknown error occurred\"); retry; if it persists, check 'amd-smi list' and dmesg", f.message());
      assertFalse(f.permanent());
      fake.set("gpu.0.ret.amdsmi_get_energy_count", 0).set("gpu.0.resolution_uj", "0");
      ChannelFault zero = FakeAmdSmi.fault(fake.readAt(meter, 1), 0);
      assertEquals("amdsmi_get_energy_count(" + UUID_A + ") in " + location(fake) + " returned an implausible value:"
          + " counter resolution must be above 0 and at most 1000000 µJ per tick, got 0.0; the sample was dropped",
          zero.message());
      fake.set("gpu.0.resolution_uj", "1.5");
      assertEquals(15, fake.readAt(meter, 2).value(0), "10 × 1.5 µJ");
      fake.set("gpu.0.resolution_uj", "3.0");
      assertTrue(FakeAmdSmi.fault(fake.readAt(meter, 3), 0).message().contains("but 1.5 µJ when the meter opened"),
          "the first resolution read is kept");
    }
  }

  @Test
  void aResolutionThatCannotBeRightAtOpeningFaultsTheGpuUpTo1JouleIsAccepted() {
    FakeAmdSmi fake = fake(3).set("gpu.0.resolution_uj", "0").set("gpu.1.resolution_uj", "1000000")
        .set("gpu.1.energy_ticks", 2).set("gpu.2.resolution_uj", "1000000.0625");
    try (AmdSmiMeter meter = open(fake)) {
      ReadingBuffer b = fake.readAt(meter, 0);
      ChannelFault f = FakeAmdSmi.fault(b, 0);
      assertEquals(UnavailableReason.IO_ERROR, f.reason());
      assertTrue(f.permanent());
      assertEquals("amdsmi_get_energy_count(" + UUID_A + ") in " + location(fake) + " gave a counter resolution of 0.0"
          + " µJ per tick, which cannot be right; report this to AMD with the output of 'amd-smi metric --energy'",
          f.message());
      assertEquals(2_000_000, b.value(1), "2 ticks of 1 J");
      assertTrue(FakeAmdSmi.fault(b, 2).message().contains("gave a counter resolution of "
          + String.valueOf(Math.nextUp(1_000_000f)) + " µJ per tick"), FakeAmdSmi.fault(b, 2).message());
    }
  }

  @Test
  void aFailedReadIsReusedWhileTheCodeStaysAndUnknownCodesAreSaidSo() {
    FakeAmdSmi fake = fake(1);
    try (AmdSmiMeter meter = open(fake)) {
      fake.set("gpu.0.ret.amdsmi_get_energy_count", 8);
      ChannelFault first = FakeAmdSmi.fault(fake.readAt(meter, 0), 0);
      assertSame(first, FakeAmdSmi.fault(fake.readAt(meter, 1), 0));
      fake.set("gpu.0.ret.amdsmi_get_energy_count", 77);
      ChannelFault unknown = FakeAmdSmi.fault(fake.readAt(meter, 2), 0);
      assertEquals("amdsmi_get_energy_count(" + UUID_A + ") in " + location(fake) + " returned unknown code (77,"
          + " \"An unknown error occurred\"); check dmesg; report it to AMD if it persists", unknown.message());
      assertEquals(UnavailableReason.PROVIDER_ERROR, unknown.reason());
      fake.set("gpu.0.ret.amdsmi_get_energy_count", -1); // AMDSMI_STATUS_UNKNOWN_ERROR, 0xFFFFFFFF
      assertTrue(FakeAmdSmi.fault(fake.readAt(meter, 3), 0).message().contains(
          " returned AMDSMI_STATUS_UNKNOWN_ERROR (4294967295, \"An unknown error occurred\"); "));
      fake.set("gpu.0.ret.amdsmi_get_energy_count", 8);
      ChannelFault again = FakeAmdSmi.fault(fake.readAt(meter, 4), 0);
      assertNotSame(first, again);
      assertEquals(first.message(), again.message());
      fake.set("gpu.0.ret.amdsmi_get_energy_count", 0);
      assertTrue(fake.readAt(meter, 5).hasValue(0), "a passing fault does not stick");
    }
  }

  @Test
  void powerUpToTwiceTheCapIsIntegratedAboveIsDropped() {
    // Cap 750 W: 1500 W is accepted, 1501 W is not. 1000 W then 1500 W over 0.1 s: 125 J.
    FakeAmdSmi fake = fake(1).set("gpu.0.energy", 0).set("gpu.0.power", "0:1000000");
    try (AmdSmiMeter meter = open(fake)) {
      assertEquals(Method.INTEGRATED_POWER, meter.channels().get(0).method());
      assertEquals(0, fake.readAt(meter, 0).value(0));
      fake.set("gpu.0.power", "0:1500000");
      assertEquals(125_000_000L, fake.readAt(meter, 100).value(0));
      fake.set("gpu.0.power", "0:1501000");
      ChannelFault f = FakeAmdSmi.fault(fake.readAt(meter, 200), 0);
      assertEquals("amdsmi_get_power_info(" + UUID_A + ") in " + location(fake) + " returned an implausible value:"
          + " power 1501 W above the plausible 1500 W (twice the GPU's highest power cap); the sample was dropped",
          f.message());
      assertFalse(f.permanent());
      fake.set("gpu.0.ret.amdsmi_get_power_info", 10);
      ChannelFault refused = FakeAmdSmi.fault(fake.readAt(meter, 300), 0);
      assertEquals(UnavailableReason.PERMISSION_DENIED, refused.reason());
      assertTrue(refused.permanent());
      assertEquals("amdsmi_get_power_info(" + UUID_A + ") in " + location(fake) + " returned AMDSMI_STATUS_NO_PERM"
          + " (10, \"AMDSMI_STATUS_NO_PERM: Permission Denied\"); " + NO_PERM_REMEDY, refused.message());
      long calls = fake.calls("amdsmi_get_power_info");
      fake.set("gpu.0.ret.amdsmi_get_power_info", 0);
      assertSame(refused, FakeAmdSmi.fault(fake.readAt(meter, 400), 0));
      assertEquals(calls, fake.calls("amdsmi_get_power_info"), "failed for good: not called again");
    }
  }

  @Test
  void anIntegratedEnergyThatOverflowsFailsForGood() {
    // Cap 100 kW (the largest believed); 65 534 W, the largest whole-W reading below the unsupported marker, for
    // 2e8 s: 65 534 W × 2e8 s = 1.31e13 J = 1.31e19 µJ, above Long.MAX_VALUE µJ (9.22e18).
    FakeAmdSmi fake = fake(1).set("gpu.0.energy", 0).set("gpu.0.max_cap_uw", 100_000_000_000L)
        .set("gpu.0.power", "0:65534000");
    try (AmdSmiMeter meter = open(fake)) {
      assertEquals(Power.ofWatts(100_000), meter.channels().get(0).maxPower());
      assertEquals(List.of(), meter.channels().get(0).notes().stream().filter(n -> n.startsWith("ceiling")).toList());
      assertEquals(0, fake.readAt(meter, 0).value(0));
      assertEquals(6_553_400_000L, fake.readAt(meter, 100).value(0), "65 534 W × 0.1 s = 6 553.4 J");
      ChannelFault f = FakeAmdSmi.fault(fake.readAt(meter, 200_000_000_000L), 0);
      assertEquals(UnavailableReason.PROVIDER_ERROR, f.reason());
      assertTrue(f.permanent());
      assertEquals("integrated energy of amdsmi_get_power_info readings overflowed: long overflow", f.message());
      assertSame(f, FakeAmdSmi.fault(fake.readAt(meter, 200_000_000_100L), 0));
    }
  }

  @Test
  void theCeilingIsTheMaximumCapInWholeMilliwattsUpTo100KilowattsElseTheDefaultWithANote() {
    FakeAmdSmi fake = fake(4).set("gpu.0.max_cap_uw", 550_000_999L).set("gpu.1.max_cap_uw", 0)
        .set("gpu.2.max_cap_uw", 100_000_000_001L).set("gpu.3.ret.amdsmi_get_power_cap_info", 2);
    String note = "ceiling " + Power.ofWatts(2000) + ", the default: the driver reports no power cap";
    try (AmdSmiMeter meter = open(fake)) {
      List<Channel> c = meter.channels();
      assertEquals(Power.ofMilliwatts(550_000), c.get(0).maxPower(), "550 000 999 µW = 550 000 mW, floored");
      assertFalse(c.get(0).notes().contains(note));
      for (int i = 1; i < 4; i++) {
        assertEquals(Power.ofWatts(2000), c.get(i).maxPower(), "GPU " + i);
        assertTrue(c.get(i).notes().contains(note), c.get(i).notes().toString());
      }
    }
  }

  @Test
  void unsupportedOrMissingCountersFallBackToPowerAndOtherRefusalsFaultTheGpu() {
    FakeAmdSmi fake = fake(5)
        .set("gpu.0.ret.amdsmi_get_energy_count", 3)   // NOT_YET_IMPLEMENTED
        .set("gpu.1.ret.amdsmi_get_energy_count", 52)  // FILE_NOT_FOUND
        .set("gpu.2.ret.amdsmi_get_energy_count", 10)  // NO_PERM: cannot be metered
        .set("gpu.3.energy", 0).set("gpu.3.ret.amdsmi_get_power_info", 10)
        .set("gpu.4.energy", 0);
    String uuid2 = "00000002-0000-1000-8000-000000000000";
    String uuid3 = "00000003-0000-1000-8000-000000000000";
    try (AmdSmiMeter meter = open(fake)) {
      List<Channel> c = meter.channels();
      assertEquals(Method.INTEGRATED_POWER, c.get(0).method());
      assertEquals(Method.INTEGRATED_POWER, c.get(1).method());
      assertEquals(Method.INTEGRATED_POWER, c.get(4).method());
      assertEquals(List.of("no energy counter on this GPU (amdsmi_get_energy_count is not supported, as on virtual"
          + " machine guests): energy is integrated from amdsmi_get_power_info socket power (whole W, amdsmi 25"
          + " layout) sampled at least every 100 ms (trapezoid rule)"), c.get(4).notes());
      ReadingBuffer b = fake.readAt(meter, 0);
      ChannelFault noPerm = FakeAmdSmi.fault(b, 2);
      assertEquals(UnavailableReason.PERMISSION_DENIED, noPerm.reason());
      assertEquals("GPU " + uuid2 + " cannot be metered: amdsmi_get_energy_count(" + uuid2 + ") in " + location(fake)
          + " returned AMDSMI_STATUS_NO_PERM (10, \"AMDSMI_STATUS_NO_PERM: Permission Denied\"); " + NO_PERM_REMEDY,
          noPerm.message());
      ChannelFault neither = FakeAmdSmi.fault(b, 3);
      assertEquals(UnavailableReason.PERMISSION_DENIED, neither.reason());
      assertEquals("GPU " + uuid3 + " has no energy counter and no power reading: amdsmi_get_energy_count(" + uuid3
          + ") in " + location(fake) + " returned AMDSMI_STATUS_NOT_SUPPORTED (2, \"AMDSMI_STATUS_NOT_SUPPORTED:"
          + " Command not supported\"); amdsmi_get_power_info(" + uuid3 + ") in " + location(fake) + " returned"
          + " AMDSMI_STATUS_NO_PERM (10, \"AMDSMI_STATUS_NO_PERM: Permission Denied\"); " + NO_PERM_REMEDY,
          neither.message());
      assertEquals(List.of(), c.get(2).notes(), "a faulted GPU has no method note");
    }
  }

  @Test
  void aGpuIsNamedByUuidElsePciAddressElseIndex() {
    FakeAmdSmi fake = fake(3).set("gpu.1.ret.amdsmi_get_gpu_device_uuid", 2).set("gpu.1.bdf", "0001:2a:03.1")
        .set("gpu.2.ret.amdsmi_get_gpu_device_uuid", 2).set("gpu.2.ret.amdsmi_get_gpu_device_bdf", 2)
        .set("gpu.2.ret.amdsmi_get_energy_count", 10);
    try (AmdSmiMeter meter = open(fake)) {
      List<Channel> c = meter.channels();
      assertEquals(List.of("gpu/" + UUID_A, "gpu/amdsmi-0001:2a:03.1", "gpu/amdsmi-index-2"),
          c.stream().map(Channel::id).toList());
      assertEquals("AMD GPU (PCI 0001:2a:03.1, index 1)", c.get(1).device());
      assertEquals("AMD GPU (index 2)", c.get(2).device());
      assertTrue(FakeAmdSmi.fault(fake.readAt(meter, 0), 2).message().startsWith(
          "GPU index 2 cannot be metered: amdsmi_get_energy_count(index 2) in "));
      assertEquals("AmdSmiMeter[gpu/" + UUID_A + ", gpu/amdsmi-0001:2a:03.1, gpu/amdsmi-index-2]", meter.toString());
    }
  }

  @Test
  void aProcessorWhoseTypeCannotBeReadIsTakenForAGpu() {
    FakeAmdSmi fake = fake(2).set("gpu.1.type", 2).set("gpu.1.ret.amdsmi_get_processor_type", 2);
    try (AmdSmiMeter meter = open(fake)) {
      assertEquals(List.of("gpu/" + UUID_A, "gpu/" + UUID_B), meter.channels().stream().map(Channel::id).toList());
    }
  }

  @Test
  void channelIdsKeepLettersDigitsAndFivePunctuationMarksAndDuplicatesAreNumbered() {
    FakeAmdSmi fake = fake(3).set("gpu.0.uuid", "`az{@AZ[/09:;._-+").set("gpu.1.uuid", "X-1").set("gpu.2.uuid", "x-1");
    try (AmdSmiMeter meter = open(fake)) {
      assertEquals(List.of("gpu/_az__AZ_/09:_._-_", "gpu/X-1", "gpu/x-1-2"),
          meter.channels().stream().map(Channel::id).toList());
    }
  }

  @Test
  void aListingFailureNamesTheCall() {
    FakeAmdSmi fake = fake(1).set("ret.amdsmi_get_socket_handles", 10);
    MeterUnavailableException e = assertThrows(MeterUnavailableException.class, () -> open(fake));
    assertEquals(UnavailableReason.PERMISSION_DENIED, e.reason());
    assertEquals("amdsmi_get_socket_handles() in " + location(fake) + " returned AMDSMI_STATUS_NO_PERM (10,"
        + " \"AMDSMI_STATUS_NO_PERM: Permission Denied\"); " + NO_PERM_REMEDY, e.getMessage());
  }

  @Test
  void whenEverySelectedGpuIsFaultedTheExceptionJoinsTheirFaults() {
    FakeAmdSmi fake = fake(2).set("gpu.0.ret.amdsmi_get_energy_count", 10).set("gpu.1.ret.amdsmi_get_energy_count", 10);
    MeterUnavailableException e = assertThrows(MeterUnavailableException.class, () -> open(fake));
    String m = String.valueOf(e.getMessage());
    assertTrue(m.startsWith("GPU " + UUID_A + " cannot be metered: ") && m.contains("; GPU " + UUID_B
        + " cannot be metered: "), m);
    assertEquals(UnavailableReason.PERMISSION_DENIED, e.reason());
  }

  @Test
  void theProbeNamesTheVariablesWhenSetAndLeavesTheRemedyOutOfTheDetail() throws java.io.IOException {
    FakeAmdSmi fake = fake(2);
    Availability a = new AmdSmiMeterOpener(fake.config(), Map.of("ROCR_VISIBLE_DEVICES", "1")::get, "Linux")
        .probe();
    assertEquals("1 GPU through AMD SMI " + location(fake) + " (ROCR_VISIBLE_DEVICES=1): AMD GPU (" + UUID_B
        + ", PCI 0000:c2:00.0, index 1): energy counter", a.detail());
    Availability two = new AmdSmiMeterOpener(fake.config(), name -> null, "Linux").probe();
    assertTrue(two.detail().startsWith("2 GPUs through AMD SMI " + location(fake) + ": AMD GPU ("), two.detail());
    FakeAmdSmi none = FakeAmdSmi.install(java.nio.file.Files.createDirectory(dir.resolve("none")),
        FakeAmdSmi.Variant.FULL);
    Availability n = new AmdSmiMeterOpener(none.config(), name -> null, "Linux").probe();
    assertFalse(n.available());
    assertEquals("AMD SMI " + location(none) + " sees no AMD GPU", n.detail());
  }

  @Test
  void aCStringEndsAtItsFirstNulOrTheBuffersEndAndPciAddressesAreSplitIntoTheirFields() {
    assertEquals("ab", AmdSmiLibrary.string("ab\0cd".getBytes(StandardCharsets.UTF_8)));
    assertEquals("abcd", AmdSmiLibrary.string("abcd".getBytes(StandardCharsets.UTF_8)));
    // domain 0x1234, bus 0xab, device 0x1f, function 7: 0x1234 << 16 | 0xab << 8 | 0x1f << 3 | 7.
    assertEquals("1234:ab:1f.7", AmdSmiLibrary.bdfString(0x1234L << 16 | 0xabL << 8 | 0x1fL << 3 | 7));
    assertEquals("0000:00:00.0", AmdSmiLibrary.bdfString(0));
    assertEquals("no reason given", AmdSmiLibrary.firstLine(null));
    assertEquals("e".repeat(300), AmdSmiLibrary.firstLine("e".repeat(300) + "\nnext"));
    assertEquals("e".repeat(300) + "...", AmdSmiLibrary.firstLine(" " + "e".repeat(301)));
  }
}
