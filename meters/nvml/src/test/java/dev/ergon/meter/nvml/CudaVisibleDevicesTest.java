package dev.ergon.meter.nvml;

import static dev.ergon.meter.nvml.Readings.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.MeterUnavailableException;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CUDA_VISIBLE_DEVICES applied to NVML's GPU list, through the binding and the fake library. */
class CudaVisibleDevicesTest {

  static final String[] UUIDS = {
    "GPU-11111111-0000-4000-8000-000000000000",
    "GPU-22222222-0000-4000-8000-000000000000",
    "GPU-33333333-0000-4000-8000-000000000000",
    "GPU-33334444-0000-4000-8000-000000000000",
  };

  @TempDir Path dir;
  FakeNvml fake;

  @BeforeEach
  void fourGpus() {
    fake = FakeNvml.install(dir, FakeNvml.Variant.FULL).set("gpus", 4);
    for (int i = 0; i < 4; i++) {
      fake.set("gpu." + i + ".uuid", UUIDS[i]).set("gpu." + i + ".name", "NVIDIA H100 80GB HBM3");
    }
  }

  private List<Channel> channels(Map<String, String> environment) {
    try (Meter meter = new NvmlMeterProvider(environment, "Linux").open(MeterContext.of(fake.config()))) {
      return meter.channels();
    }
  }

  private List<String> ids(String visible) {
    return channels(Map.of("CUDA_VISIBLE_DEVICES", visible)).stream().map(Channel::id).toList();
  }

  private static String id(int nvmlIndex) {
    return "gpu/" + UUIDS[nvmlIndex];
  }

  @Test
  void unsetMetersEveryGpuInNvmlOrder() {
    assertEquals(List.of(id(0), id(1), id(2), id(3)),
        channels(Map.of()).stream().map(Channel::id).toList());
  }

  @Test
  void indicesSelectInTheVariablesOrder() {
    assertEquals(List.of(id(2), id(0)), ids("2,0"));
    assertEquals(List.of(id(3)), ids(" 3 "));
  }

  @Test
  void fullUuidsAndUniquePrefixesSelect() {
    assertEquals(List.of(id(3), id(1)), ids(UUIDS[3] + ",GPU-2222"));
    assertEquals(List.of(id(0)), ids("gpu-11111111-0000-4000-8000-000000000000"), "case-insensitive");
  }

  @Test
  void theFirstEntryThatNamesNoGpuEndsTheListWithANote() {
    List<Channel> channels = channels(Map.of("CUDA_VISIBLE_DEVICES", "1,7,2"));
    assertEquals(List.of(id(1)), channels.stream().map(Channel::id).toList());
    assertTrue(channels.get(0).notes().stream().anyMatch(n -> n.contains("'7'") && n.contains("every entry after")),
        channels.get(0).notes().toString());
  }

  @Test
  void anAmbiguousUuidPrefixNamesNoGpu() {
    assertEquals(List.of(id(0)), ids("0,GPU-3333,1"), "GPU-3333 matches GPUs 2 and 3");
  }

  @Test
  void anEmptyValueOrMinusOneHidesEveryGpu() {
    for (String hidden : List.of("", "-1")) {
      Map<String, String> env = Map.of("CUDA_VISIBLE_DEVICES", hidden);
      NvmlMeterProvider provider = new NvmlMeterProvider(env, "Linux");
      MeterUnavailableException e = assertThrows(MeterUnavailableException.class,
          () -> provider.open(MeterContext.of(fake.config())));
      assertEquals(UnavailableReason.NOT_PRESENT, e.reason());
      assertTrue(message(e).contains("CUDA_VISIBLE_DEVICES=" + hidden + " selects none of the 4 GPUs"), message(e));
      Availability a = provider.probe(MeterContext.of(fake.config()));
      assertFalse(a.available());
      assertEquals(UnavailableReason.NOT_PRESENT, a.reason());
    }
    assertEquals(fake.calls("nvmlInit_v2"), fake.calls("nvmlShutdown"));
  }

  @Test
  void indicesCountOnlyTheGpusCudaCanOpen() {
    fake.set("gpu.1.ret.nvmlDeviceGetHandleByIndex", 4); // NVML_ERROR_NO_PERMISSION: CUDA cannot open it either
    assertEquals(List.of(id(2)), ids("1"));
  }

  @Test
  void aMigInstanceSelectsItsWholeGpuWithANote() {
    fake.set("gpu.2.mig", 1).set("gpu.2.mig_uuids", "MIG-aaaaaaaa-1111-5222-8333-444444444444 MIG-bbbb");
    List<Channel> channels = channels(Map.of("CUDA_VISIBLE_DEVICES", "MIG-bbbb"));
    assertEquals(List.of(id(2)), channels.stream().map(Channel::id).toList());
    List<String> notes = channels.get(0).notes();
    assertTrue(notes.stream().anyMatch(n -> n.contains("MIG instance MIG-bbbb") && n.contains("whole")),
        notes.toString());
    assertTrue(notes.stream().anyMatch(n -> n.contains("MIG mode is enabled")), notes.toString());
  }

  @Test
  void theOldMigNamingSelectsItsGpu() {
    assertEquals(List.of(id(1)), ids("MIG-" + UUIDS[1] + "/1/0"));
  }

  @Test
  void indicesOnMixedModelsWithoutPciBusOrderCarryANote() {
    fake.set("gpu.3.name", "NVIDIA L4");
    List<Channel> fastestFirst = channels(Map.of("CUDA_VISIBLE_DEVICES", "0"));
    assertTrue(fastestFirst.get(0).notes().stream().anyMatch(n -> n.contains("CUDA_DEVICE_ORDER=PCI_BUS_ID")),
        fastestFirst.get(0).notes().toString());
    List<Channel> pciOrder =
        channels(Map.of("CUDA_VISIBLE_DEVICES", "0", "CUDA_DEVICE_ORDER", "PCI_BUS_ID"));
    assertEquals(List.of(), pciOrder.get(0).notes());
  }
}
