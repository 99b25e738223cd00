package dev.ergon.meter.nvml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.MeterUnavailableException;
import dev.ergon.Method;
import dev.ergon.UnavailableReason;
import dev.ergon.meter.nvml.FakeNvml;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.ReadingBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers and messages the NVML meter makes, checked exactly against values worked out by hand from what the
 * fake libnvidia-ml.so.1 is told to answer: unit conversion bounds, fault texts and their reuse, the choices made
 * at discovery, notes, channel ids.
 */
class NvmlValuesAndMessagesTest {

  private static final String UUID_A = "GPU-aaaaaaaa-1111-2222-3333-444455556666";
  private static final String UUID_B = "GPU-bbbbbbbb-1111-2222-3333-444455556666";
  private static final String NO_PERMISSION_REMEDY = "grant this user read/write access to /dev/nvidiactl and"
      + " /dev/nvidia* (often the 'video' group), or in a container run with the NVIDIA Container Toolkit (--gpus)";

  @TempDir java.nio.file.Path dir;

  private FakeNvml fake(int gpus) {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.FULL).set("gpus", gpus);
    if (gpus > 0) {
      fake.set("gpu.0.uuid", UUID_A).set("gpu.0.name", "NVIDIA H100");
    }
    if (gpus > 1) {
      fake.set("gpu.1.uuid", UUID_B).set("gpu.1.name", "NVIDIA H200");
    }
    return fake;
  }

  private static NvmlMeter open(FakeNvml fake) {
    return open(fake, Map.of());
  }

  private static NvmlMeter open(FakeNvml fake, Map<String, String> env) {
    return new NvmlMeterOpener(fake.config(), env::get, "Linux").open();
  }

  private static ReadingBuffer readAt(NvmlMeter meter, FakeNvml fake, long millis) {
    long nanos = millis * 1_000_000L;
    fake.clock(nanos);
    ReadingBuffer buffer = new ReadingBuffer(meter.channels().size());
    buffer.reset(nanos);
    meter.read(buffer);
    return buffer;
  }

  private static ChannelFault fault(ReadingBuffer b, int channel) {
    return Objects.requireNonNull(b.fault(channel), "channel " + channel + " has no fault");
  }

  private String location(FakeNvml fake) {
    return fake.library().toString();
  }

  @Test
  void theCounterIsConvertedFromMillijoulesUpToTheLargestValueThatFitsInMicrojoules() {
    FakeNvml fake = fake(1).set("gpu.0.energy_raw_mj", 0);
    try (NvmlMeter meter = open(fake)) {
      assertEquals(location(fake), meter.location());
      ReadingBuffer b = readAt(meter, fake, 0);
      assertTrue(b.hasValue(0), "0 mJ is a reading");
      assertEquals(0, b.value(0));
      // Long.MAX_VALUE = 9 223 372 036 854 775 807 µJ: the largest whole mJ is 9 223 372 036 854 775 mJ.
      fake.set("gpu.0.energy_raw_mj", "9223372036854775");
      b = readAt(meter, fake, 1);
      assertTrue(b.hasValue(0));
      assertEquals(9_223_372_036_854_775_000L, b.value(0));
      fake.set("gpu.0.energy_raw_mj", "9223372036854776");
      b = readAt(meter, fake, 2);
      assertFalse(b.hasValue(0));
      ChannelFault f = fault(b, 0);
      assertEquals(UnavailableReason.IO_ERROR, f.reason());
      assertFalse(f.permanent());
      assertEquals("nvmlDeviceGetTotalEnergyConsumption(" + UUID_A + ") in " + location(fake)
          + " returned an implausible value: energy 9223372036854776 mJ; the sample was dropped", f.message());
      fake.set("gpu.0.energy_raw_mj", "18446744073709551615"); // 2^64 - 1: a negative long
      assertEquals("nvmlDeviceGetTotalEnergyConsumption(" + UUID_A + ") in " + location(fake)
          + " returned an implausible value: energy 18446744073709551615 mJ; the sample was dropped",
          fault(readAt(meter, fake, 3), 0).message());
      fake.set("gpu.0.energy_raw_mj", 7);
      assertEquals(7_000, readAt(meter, fake, 4).value(0), "the implausible values were not kept");
    }
  }

  @Test
  void aFailedReadSaysTheCallTheGpuTheCodeNvmlsTextAndTheRemedyAndIsReusedWhileTheCodeStays() {
    FakeNvml fake = fake(1);
    try (NvmlMeter meter = open(fake)) {
      fake.set("gpu.0.ret.nvmlDeviceGetTotalEnergyConsumption", 10);
      ChannelFault first = fault(readAt(meter, fake, 0), 0);
      assertEquals("nvmlDeviceGetTotalEnergyConsumption(" + UUID_A + ") in " + location(fake)
          + " returned NVML_ERROR_TIMEOUT (10, \"Timeout\"); retry; if it persists, check 'nvidia-smi' and dmesg",
          first.message());
      assertSame(first, fault(readAt(meter, fake, 1), 0), "the same code reuses the fault");
      fake.set("gpu.0.ret.nvmlDeviceGetTotalEnergyConsumption", 77); // in no table
      ChannelFault unknown = fault(readAt(meter, fake, 2), 0);
      assertEquals("nvmlDeviceGetTotalEnergyConsumption(" + UUID_A + ") in " + location(fake)
          + " returned unknown code (77, \"Unknown Error\"); check 'nvidia-smi' and dmesg", unknown.message());
      assertEquals(UnavailableReason.IO_ERROR, unknown.reason());
      fake.set("gpu.0.ret.nvmlDeviceGetTotalEnergyConsumption", 999); // NVML_ERROR_UNKNOWN itself
      ChannelFault known = fault(readAt(meter, fake, 3), 0);
      assertTrue(known.message().contains(" returned NVML_ERROR_UNKNOWN (999, \"Unknown Error\"); "),
          known.message());
      fake.set("gpu.0.ret.nvmlDeviceGetTotalEnergyConsumption", 10);
      ChannelFault again = fault(readAt(meter, fake, 4), 0);
      assertNotSame(first, again, "a new code in between made a new fault");
      assertEquals(first.message(), again.message());
    }
  }

  @Test
  void aPowerSumThatOverflowsFailsTheChannelForGoodAndCallsTheGpuNoMore() {
    // 4 MW (the largest a 32-bit mW reading can hold is 4.29 MW) for 3 000 000 s: (4e9 + 4e9) mW × 3e6 s / 2
    // = 1.2e13 J = 1.2e19 µJ, above Long.MAX_VALUE (9.22e18 µJ).
    FakeNvml fake = fake(1).set("gpu.0.energy", 0).set("gpu.0.arch", 4)
        .set("gpu.0.limit_max_mw", 4_000_000_000L).set("gpu.0.power", "0:4000000000");
    try (NvmlMeter meter = open(fake)) {
      assertEquals(Method.INTEGRATED_POWER, meter.channels().get(0).method());
      assertEquals(0, readAt(meter, fake, 0).value(0));
      assertEquals(400_000_000_000L, readAt(meter, fake, 100).value(0), "4 MW × 0.1 s = 400 kJ = 4e11 µJ");
      ReadingBuffer b = readAt(meter, fake, 3_000_000_000L);
      ChannelFault f = fault(b, 0);
      assertEquals(UnavailableReason.PROVIDER_ERROR, f.reason());
      assertTrue(f.permanent());
      assertEquals("integrated energy of nvmlDeviceGetPowerUsage readings overflowed: long overflow", f.message());
      long calls = fake.calls("nvmlDeviceGetPowerUsage");
      assertEquals(f, fault(readAt(meter, fake, 3_000_000_100L), 0));
      assertEquals(calls, fake.calls("nvmlDeviceGetPowerUsage"), "a channel failed for good is not read again");
    }
  }

  @Test
  void aPassingFailureAtOpeningChoosesByArchitectureFromVoltaOn() {
    FakeNvml fake = fake(2).set("gpu.0.arch", 4).set("gpu.1.arch", 5)
        .set("gpu.0.ret.nvmlDeviceGetTotalEnergyConsumption", 10)
        .set("gpu.1.ret.nvmlDeviceGetTotalEnergyConsumption", 10);
    try (NvmlMeter meter = open(fake)) {
      assertEquals(Method.INTEGRATED_POWER, meter.channels().get(0).method(), "Pascal has no counter");
      assertEquals(Method.COUNTER, meter.channels().get(1).method(), "Volta has one");
    }
  }

  @Test
  void aRefusedEnergyCounterOtherThanUnsupportedMakesAGpuThatCannotBeMetered() {
    FakeNvml fake = fake(2).set("gpu.1.ret.nvmlDeviceGetTotalEnergyConsumption", 4);
    try (NvmlMeter meter = open(fake)) {
      ChannelFault f = fault(readAt(meter, fake, 0), 1);
      assertEquals(UnavailableReason.PERMISSION_DENIED, f.reason());
      assertTrue(f.permanent());
      assertEquals("GPU at NVML index 1 cannot be metered: nvmlDeviceGetTotalEnergyConsumption(" + UUID_B + ") in "
          + location(fake) + " returned NVML_ERROR_NO_PERMISSION (4, \"Insufficient Permissions\"); "
          + NO_PERMISSION_REMEDY, f.message());
    }
  }

  @Test
  void aRefusedUuidOrHandleNamesTheCallInTheChannelsFault() {
    FakeNvml fake = fake(3).set("gpu.1.ret.nvmlDeviceGetUUID", 4).set("gpu.2.ret.nvmlDeviceGetHandleByIndex", 4);
    try (NvmlMeter meter = open(fake)) {
      assertEquals(List.of("gpu/" + UUID_A, "gpu/nvml-index-1", "gpu/nvml-index-2"),
          meter.channels().stream().map(Channel::id).toList());
      assertEquals("NVIDIA GPU (index 1)", meter.channels().get(1).device());
      ReadingBuffer b = readAt(meter, fake, 0);
      assertEquals("GPU at NVML index 1 cannot be metered: nvmlDeviceGetUUID(index 1) in " + location(fake)
          + " returned NVML_ERROR_NO_PERMISSION (4, \"Insufficient Permissions\"); " + NO_PERMISSION_REMEDY,
          fault(b, 1).message());
      assertEquals("GPU at NVML index 2 cannot be metered: nvmlDeviceGetHandleByIndex_v2(index 2) in "
          + location(fake) + " returned NVML_ERROR_NO_PERMISSION (4, \"Insufficient Permissions\"); "
          + NO_PERMISSION_REMEDY, fault(b, 2).message());
    }
  }

  @Test
  void aRefusedNameIsNvidiaGpu() {
    FakeNvml fake = fake(1).set("gpu.0.ret.nvmlDeviceGetName", 3);
    try (NvmlMeter meter = open(fake)) {
      assertEquals("NVIDIA GPU (" + UUID_A + ", index 0)", meter.channels().get(0).device());
    }
  }

  @Test
  void integratedPowerNotesNameTheArchitectureAndTheOneSecondAverageFromAmpereOn() {
    FakeNvml fake = fake(3).set("gpu.0.energy", 0).set("gpu.1.energy", 0).set("gpu.2.energy", 0)
        .set("gpu.0.arch", 6).set("gpu.1.arch", 7).set("gpu.2.ret.nvmlDeviceGetArchitecture", 3);
    String integrated = "no energy counter on this GPU (%s): energy is integrated from nvmlDeviceGetPowerUsage"
        + " samples taken at least every 100 ms (trapezoid rule)";
    String average = "power readings on Ampere (except GA100) and newer GPUs are 1 s averages, so integrated energy"
        + " lags the load by up to 1 s; prefer jobs longer than a few seconds";
    try (NvmlMeter meter = open(fake)) {
      assertEquals(List.of(String.format(integrated, "Turing")), meter.channels().get(0).notes());
      assertEquals(List.of(String.format(integrated, "Ampere"), average), meter.channels().get(1).notes());
      assertEquals(List.of(String.format(integrated, "unknown architecture")), meter.channels().get(2).notes());
    }
  }

  @Test
  void aRefusedMigQueryMeansNoMigNote() {
    // Architecture 1 leaves a 1 in the shared output the MIG query would fill: a refused query must not read it.
    FakeNvml fake = fake(1).set("gpu.0.arch", 1).set("gpu.0.mig", 1).set("gpu.0.ret.nvmlDeviceGetMigMode", 3);
    try (NvmlMeter meter = open(fake)) {
      assertEquals(List.of(), meter.channels().get(0).notes());
    }
  }

  @Test
  void theProcessNoteCountsListsEightRoundsToMebibytesAndSaysWhenThereAreMore() {
    long self = ProcessHandle.current().pid();
    // 524 287 B is just under half a MiB (524 288 B) and rounds down; 524 288 B rounds up to 1 MiB.
    FakeNvml fake = fake(2)
        .set("gpu.0.processes", "101:0 102:524287 " + self + ":1 103:524288 104:1048576 105:3145728 106:0 107:0"
            + " 108:0 109:0")
        .set("gpu.1.processes", "201:1572864");
    try (NvmlMeter meter = open(fake)) {
      assertEquals(List.of("when the meter opened, 9 other compute processes ran on this GPU (host PIDs: 101 (0 MiB),"
          + " 102 (0 MiB), 103 (1 MiB), 104 (1 MiB), 105 (3 MiB), 106 (0 MiB), 107 (0 MiB), 108 (0 MiB), ...); the"
          + " GPU's energy includes theirs (in a container, this process itself may be listed under its host PID)"),
          meter.channels().get(0).notes());
      assertEquals(List.of("when the meter opened, 1 other compute process ran on this GPU (host PIDs: 201 (2 MiB));"
          + " the GPU's energy includes theirs (in a container, this process itself may be listed under its host"
          + " PID)"), meter.channels().get(1).notes(), "1.5 MiB rounds to 2");
    }
  }

  @Test
  void eightOtherProcessesAreListedWithoutAnEllipsis() {
    FakeNvml fake = fake(1).set("gpu.0.processes", "1:0 2:0 3:0 4:0 5:0 6:0 7:0 8:0");
    try (NvmlMeter meter = open(fake)) {
      String note = meter.channels().get(0).notes().get(0);
      assertTrue(note.contains("8 other compute processes") && note.contains("(host PIDs: 1 (0 MiB), 2 (0 MiB),"
          + " 3 (0 MiB), 4 (0 MiB), 5 (0 MiB), 6 (0 MiB), 7 (0 MiB), 8 (0 MiB)); the GPU's"), note);
    }
  }

  @Test
  void channelIdsKeepLettersDigitsAndFivePunctuationMarksAndReplaceTheirNeighbours() {
    // Around each allowed range: ` a z { @ A Z [ / 0 9 : (the last three are allowed: / and :), . _ - allowed.
    FakeNvml fake = fake(1).set("gpu.0.uuid", "GPU-`az{@AZ[/09:;._-+");
    try (NvmlMeter meter = open(fake)) {
      assertEquals("gpu/GPU-_az__AZ_/09:_._-_", meter.channels().get(0).id());
    }
  }

  private static DiscoveredGpu gpuWithUuid(String uuid) {
    return new DiscoveredGpu(0, null, uuid, "NVIDIA H100", 9, false, Method.COUNTER,
        dev.ergon.Power.ofWatts(700), "", null, "", "");
  }

  @Test
  void channelIdsAreCutAt128CharactersAndDuplicatesNumberedWithinThem() {
    // NVML's UUID buffer holds at most 95 characters, so only ids built from longer strings reach the cut.
    String exact = "GPU-" + "a".repeat(120);  // "gpu/" + 124 = 128 characters: kept whole
    String longer = "GPU-" + "b".repeat(130);  // "gpu/" + 134 = 138 characters: cut to 128
    String exactId = "gpu/" + exact;
    assertEquals(128, exactId.length());
    assertEquals(exactId, NvmlMeterOpener.channelId(gpuWithUuid(exact)));
    String cut = ("gpu/" + longer).substring(0, 128);
    assertEquals(cut, NvmlMeterOpener.channelId(gpuWithUuid(longer)));
    java.util.Set<String> taken = new java.util.HashSet<>();
    assertEquals(exactId, NvmlMeterOpener.uniqueId(exactId, taken));
    assertEquals(exactId.substring(0, 126) + "-2", NvmlMeterOpener.uniqueId(exactId, taken));
    assertEquals(exactId.substring(0, 126) + "-3", NvmlMeterOpener.uniqueId(exactId, taken));
    String shorter = "gpu/" + "c".repeat(122); // 126 characters: with "-2" exactly 128, nothing cut
    assertEquals(shorter, NvmlMeterOpener.uniqueId(shorter, taken));
    assertEquals(shorter + "-2", NvmlMeterOpener.uniqueId(shorter, taken));
    assertEquals("gpu/GPU-X-2", NvmlMeterOpener.uniqueId("gpu/GPU-X", new java.util.HashSet<>(List.of("gpu/gpu-x"))),
        "ids differing only in case are duplicates");
  }

  @Test
  void aGpuWithoutUuidIsNamedByItsIndex() {
    assertEquals("gpu/nvml-index-0", NvmlMeterOpener.channelId(gpuWithUuid("")));
  }

  @Test
  void whenEverySelectedGpuIsFaultedTheExceptionJoinsTheirFaults() {
    FakeNvml fake = fake(2).set("gpu.0.energy", 0).set("gpu.0.power_supported", 0)
        .set("gpu.1.energy", 0).set("gpu.1.power_supported", 0);
    MeterUnavailableException e = assertThrows(MeterUnavailableException.class, () -> open(fake));
    String m = String.valueOf(e.getMessage());
    int a = m.indexOf("GPU " + UUID_A + " has no energy counter and no power reading: ");
    int b = m.indexOf("; GPU " + UUID_B + " has no energy counter and no power reading: ");
    assertTrue(a == 0 && b > a, m);
  }

  @Test
  void theProbeNamesTheVariableWhenSetAndLeavesTheRemedyOutOfTheDetail() {
    FakeNvml fake = fake(2);
    Availability a = new NvmlMeterOpener(fake.config(), Map.of("CUDA_VISIBLE_DEVICES", "1")::get, "Linux").probe();
    assertEquals("1 GPU through NVML " + location(fake) + " (CUDA_VISIBLE_DEVICES=1): NVIDIA H200 (" + UUID_B
        + ", index 1): energy counter", a.detail());
    FakeNvml none = fake(0);
    Availability n = new NvmlMeterOpener(none.config(), name -> null, "Linux").probe();
    assertFalse(n.available());
    assertEquals("NVML " + location(none) + " sees no GPU", n.detail());
    assertTrue(n.remedy().startsWith("check that the GPUs are present"), n.remedy());
  }

  @Test
  void theMeterNamesItsChannels() {
    FakeNvml fake = fake(2);
    try (NvmlMeter meter = open(fake)) {
      assertEquals("NvmlMeter[gpu/" + UUID_A + ", gpu/" + UUID_B + "]", meter.toString());
    }
  }
}
