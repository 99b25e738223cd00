package dev.ergon.meter.nvml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import dev.ergon.Method;
import dev.ergon.Power;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CUDA_VISIBLE_DEVICES rule on lists of GPUs built by hand, without NVML: notes, boundaries, ordinals. */
class CudaVisibleDevicesRuleTest {

  private static Optional<String> noMig(String migUuid) {
    return Optional.empty();
  }

  private static DiscoveredGpu gpu(int index, String uuid, String name) {
    return new DiscoveredGpu(index, new Pointer(index + 1L), uuid, name, 9, false, Method.COUNTER,
        Power.ofWatts(700), "", null, "", "");
  }

  private static String uuid(int index) {
    return String.format("GPU-%08d-0000-4000-8000-000000000000", index);
  }

  /** GPUs of two alternating models, so that every index entry gets the order note. */
  private static List<DiscoveredGpu> mixed(int n) {
    List<DiscoveredGpu> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(gpu(i, uuid(i), i % 2 == 0 ? "NVIDIA H100" : "NVIDIA A100"));
    }
    return out;
  }

  private static List<CudaVisibleDevices.Selected> select(String value, List<DiscoveredGpu> gpus) {
    return CudaVisibleDevices.from(Map.of(CudaVisibleDevices.VARIABLE, value)::get).select(gpus, CudaVisibleDevicesRuleTest::noMig);
  }

  private static String orderNote(int index, String ordinal) {
    return "CUDA_VISIBLE_DEVICES index " + index + " was taken as the " + ordinal + " GPU in PCI bus order; with GPUs"
        + " of different models CUDA's default order (FASTEST_FIRST) may differ: set CUDA_DEVICE_ORDER=PCI_BUS_ID,"
        + " or name GPUs by UUID";
  }

  @Test
  void unsetIsNotSetAndEmptyIs() {
    CudaVisibleDevices unset = CudaVisibleDevices.from(name -> null);
    assertFalse(unset.isSet());
    assertEquals("CUDA_VISIBLE_DEVICES unset", unset.toString());
    CudaVisibleDevices empty = CudaVisibleDevices.from(Map.of("CUDA_VISIBLE_DEVICES", "")::get);
    assertTrue(empty.isSet());
    assertEquals("CUDA_VISIBLE_DEVICES=", empty.toString());
    assertEquals(List.of(), empty.select(mixed(2), CudaVisibleDevicesRuleTest::noMig));
  }

  @Test
  void indicesOnGpusOfOneModelCarryNoOrderNote() {
    List<DiscoveredGpu> same = List.of(gpu(0, uuid(0), "NVIDIA H100"), gpu(1, uuid(1), "NVIDIA H100"));
    List<CudaVisibleDevices.Selected> s = select("1,0", same);
    assertEquals(List.of(same.get(1), same.get(0)), s.stream().map(CudaVisibleDevices.Selected::gpu).toList());
    assertEquals(List.of(), s.get(0).notes());
    assertEquals(List.of(), s.get(1).notes());
  }

  @Test
  void theOrderNoteNamesTheOrdinalInEnglish() {
    List<DiscoveredGpu> gpus = mixed(114);
    int[] indices = {0, 1, 2, 3, 9, 10, 11, 12, 13, 20, 21, 22, 23, 100, 101, 110, 111, 112, 113};
    String[] ordinals = {"1st", "2nd", "3rd", "4th", "10th", "11th", "12th", "13th", "14th", "21st", "22nd", "23rd",
        "24th", "101st", "102nd", "111th", "112th", "113th", "114th"};
    StringBuilder value = new StringBuilder();
    for (int i : indices) {
      value.append(value.length() == 0 ? "" : ",").append(i);
    }
    List<CudaVisibleDevices.Selected> s = select(value.toString(), gpus);
    assertEquals(indices.length, s.size());
    for (int k = 0; k < indices.length; k++) {
      assertEquals(gpus.get(indices[k]), s.get(k).gpu());
      assertEquals(List.of(orderNote(indices[k], ordinals[k])), s.get(k).notes());
    }
  }

  @Test
  void pciBusOrderSilencesTheOrderNote() {
    List<CudaVisibleDevices.Selected> s = CudaVisibleDevices.from(
        Map.of("CUDA_VISIBLE_DEVICES", "1", "CUDA_DEVICE_ORDER", " pci_bus_id ")::get).select(mixed(2), CudaVisibleDevicesRuleTest::noMig);
    assertEquals(1, s.size());
    assertEquals(List.of(), s.get(0).notes());
  }

  @Test
  void anIndexEqualToTheCountNamesNoGpu() {
    assertEquals(List.of(), select("2", mixed(2)));
    assertEquals(List.of(), select("99999999999", mixed(2)), "too large for an int");
  }

  @Test
  void aMinusOneAfterAGpuEndsTheListWithANoteNamingItsPosition() {
    List<CudaVisibleDevices.Selected> s = select("0,-1,1", List.of(gpu(0, uuid(0), "A"), gpu(1, uuid(1), "A")));
    assertEquals(1, s.size());
    assertEquals(List.of("CUDA_VISIBLE_DEVICES entry '-1' (position 2 of '0,-1,1') names no GPU that CUDA can open;"
        + " CUDA ignores it and every entry after it, and so does this meter"), s.get(0).notes());
  }

  @Test
  void anEmptyEntryAfterAGpuEndsTheListWithANote() {
    List<CudaVisibleDevices.Selected> s = select("0,", List.of(gpu(0, uuid(0), "A")));
    assertEquals(List.of("CUDA_VISIBLE_DEVICES entry '' (position 2 of '0,') names no GPU that CUDA can open;"
        + " CUDA ignores it and every entry after it, and so does this meter"), s.get(0).notes());
  }

  @Test
  void aBarePrefixGpuDashNamesNoGpuEvenWhenThereIsOnlyOne() {
    assertEquals(List.of(), select("GPU-", List.of(gpu(0, uuid(0), "A"))));
    assertEquals(1, select("GPU-0", List.of(gpu(0, uuid(0), "A"))).size(), "one more character is a prefix");
  }

  @Test
  void aGpuNamedTwiceIsSelectedOnce() {
    List<DiscoveredGpu> gpus = List.of(gpu(0, uuid(0), "A"), gpu(1, uuid(1), "A"));
    List<CudaVisibleDevices.Selected> s = select("1," + uuid(1) + ",0", gpus);
    assertEquals(List.of(gpus.get(1), gpus.get(0)), s.stream().map(CudaVisibleDevices.Selected::gpu).toList());
  }

  @Test
  void aMigUuidResolvedThroughNvmlSelectsItsGpuWithANote() {
    List<DiscoveredGpu> gpus = List.of(gpu(0, uuid(0), "A"), gpu(1, uuid(1), "A"));
    String mig = "MIG-5a5a5a5a-0000-4000-8000-000000000000";
    List<CudaVisibleDevices.Selected> s = CudaVisibleDevices.from(Map.of("CUDA_VISIBLE_DEVICES", mig)::get)
        .select(gpus, m -> m.equals(mig) ? Optional.of(uuid(1)) : Optional.empty());
    assertEquals(1, s.size());
    assertEquals(gpus.get(1), s.get(0).gpu());
    assertEquals(List.of("CUDA_VISIBLE_DEVICES names MIG instance " + mig + ": NVML measures only the whole physical"
        + " GPU " + uuid(1) + ", so this energy includes every other instance on it"), s.get(0).notes());
  }
}
