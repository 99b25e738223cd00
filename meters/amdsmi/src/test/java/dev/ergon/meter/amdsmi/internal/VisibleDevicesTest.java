package dev.ergon.meter.amdsmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import dev.ergon.Method;
import dev.ergon.Power;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ROCR_VISIBLE_DEVICES then HIP_VISIBLE_DEVICES on lists of GPUs built by hand: notes, boundaries, UUIDs. */
class VisibleDevicesTest {

  private static DiscoveredGpu gpu(int index, String uuid) {
    return new DiscoveredGpu(index, new Pointer(index + 1L), uuid, null, Method.COUNTER, 1f, Power.ofWatts(750), "",
        null, "");
  }

  private static String uuid(int index) {
    return String.format("%08x-0000-1000-8000-000000000000", 0xa0000000L + index);
  }

  private static List<DiscoveredGpu> gpus(int n) {
    List<DiscoveredGpu> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(gpu(i, uuid(i)));
    }
    return out;
  }

  private static List<VisibleDevices.Selected> select(Map<String, String> env, List<DiscoveredGpu> gpus) {
    return VisibleDevices.from(env::get).select(gpus);
  }

  private static List<DiscoveredGpu> selected(Map<String, String> env, List<DiscoveredGpu> gpus) {
    return select(env, gpus).stream().map(VisibleDevices.Selected::gpu).toList();
  }

  private static String rocrNote(int index, DiscoveredGpu gpu, String ordinal) {
    return "ROCR_VISIBLE_DEVICES index " + index + " was taken as GPU " + gpu.uuid() + ", the " + ordinal
        + " in AMD SMI's (PCI bus) order; on a node with partitioned GPUs the runtime's numbering may differ: name"
        + " GPUs by UUID in ROCR_VISIBLE_DEVICES to be sure";
  }

  @Test
  void theVariablesAreNamedAsSet() {
    VisibleDevices unset = VisibleDevices.from(name -> null);
    assertFalse(unset.isSet());
    assertEquals("ROCR_VISIBLE_DEVICES and HIP_VISIBLE_DEVICES unset", unset.toString());
    assertTrue(VisibleDevices.from(Map.of("ROCR_VISIBLE_DEVICES", "")::get).isSet());
    assertEquals("ROCR_VISIBLE_DEVICES=0,1", VisibleDevices.from(Map.of("ROCR_VISIBLE_DEVICES", "0,1")::get)
        .toString());
    assertTrue(VisibleDevices.from(Map.of("HIP_VISIBLE_DEVICES", "1")::get).isSet());
    assertEquals("ROCR_VISIBLE_DEVICES=0,1 HIP_VISIBLE_DEVICES=1", VisibleDevices.from(
        Map.of("ROCR_VISIBLE_DEVICES", "0,1", "HIP_VISIBLE_DEVICES", "1", "CUDA_VISIBLE_DEVICES", "0")::get)
        .toString());
    assertEquals("CUDA_VISIBLE_DEVICES=0", VisibleDevices.from(Map.of("CUDA_VISIBLE_DEVICES", "0")::get).toString());
    assertEquals(gpus(2), selected(Map.of(), gpus(2)), "unset: every GPU in AMD SMI's order");
  }

  @Test
  void anIndexAmongSeveralGpusCarriesANoteWithItsOrdinal() {
    List<DiscoveredGpu> all = gpus(114);
    int[] indices = {0, 1, 2, 3, 9, 10, 11, 12, 13, 20, 21, 22, 100, 110, 111, 112};
    String[] ordinals = {"1st", "2nd", "3rd", "4th", "10th", "11th", "12th", "13th", "14th", "21st", "22nd", "23rd",
        "101st", "111th", "112th", "113th"};
    StringBuilder value = new StringBuilder();
    for (int i : indices) {
      value.append(value.length() == 0 ? "" : ",").append(i);
    }
    List<VisibleDevices.Selected> s = select(Map.of("ROCR_VISIBLE_DEVICES", value.toString()), all);
    assertEquals(indices.length, s.size());
    for (int k = 0; k < indices.length; k++) {
      assertEquals(all.get(indices[k]), s.get(k).gpu());
      assertEquals(List.of(rocrNote(indices[k], all.get(indices[k]), ordinals[k])), s.get(k).notes());
    }
  }

  @Test
  void anIndexWhenThereIsOneGpuNeedsNoNote() {
    List<VisibleDevices.Selected> s = select(Map.of("ROCR_VISIBLE_DEVICES", "0"), gpus(1));
    assertEquals(1, s.size());
    assertEquals(List.of(), s.get(0).notes());
  }

  @Test
  void hipIndicesCountWhatRocrLeftAndSaySo() {
    List<DiscoveredGpu> all = gpus(3);
    List<VisibleDevices.Selected> s = select(Map.of("ROCR_VISIBLE_DEVICES", "GPU-" + uuid(2) + ",GPU-" + uuid(0),
        "HIP_VISIBLE_DEVICES", "1"), all);
    assertEquals(1, s.size());
    assertEquals(all.get(0), s.get(0).gpu());
    assertEquals(List.of("HIP_VISIBLE_DEVICES index 1 was taken as GPU " + uuid(0) + ", the 2nd in the order left by"
        + " ROCR_VISIBLE_DEVICES; on a node with partitioned GPUs the runtime's numbering may differ: name GPUs by"
        + " UUID in ROCR_VISIBLE_DEVICES to be sure"), s.get(0).notes());
    assertEquals(List.of(), selected(Map.of("HIP_VISIBLE_DEVICES", "GPU-" + uuid(0)), all),
        "HIP takes indices only");
  }

  @Test
  void theFirstEntryNamingNoGpuEndsTheListWithANoteSayingWhere() {
    List<DiscoveredGpu> all = gpus(2);
    List<VisibleDevices.Selected> s = select(Map.of("ROCR_VISIBLE_DEVICES", "GPU-" + uuid(1) + ",2,0"), all);
    assertEquals(1, s.size());
    assertEquals(List.of("ROCR_VISIBLE_DEVICES entry '2' (position 2 of 'GPU-" + uuid(1) + ",2,0') names no GPU;"
        + " the ROCm runtime ignores it and every entry after it, and so does this meter"), s.get(0).notes());
    assertEquals(List.of(), selected(Map.of("ROCR_VISIBLE_DEVICES", " "), all), "blank: none");
    assertEquals(List.of(), selected(Map.of("ROCR_VISIBLE_DEVICES", "99999999999"), all), "beyond int");
  }

  @Test
  void uuidsMatchByTheirHexDigitsCaseInsensitivelyFromFourDigitsOn() {
    List<DiscoveredGpu> all = List.of(gpu(0, "8dff74a1-0000-1000-80c1-4c5a2f1e0a01"),
        gpu(1, "5e3c0b22-0000-1000-80c2-9b7d3e2f0b02"));
    assertEquals(List.of(all.get(1)), selected(Map.of("ROCR_VISIBLE_DEVICES", "gpu-5E3C"), all), "4 digits");
    assertEquals(List.of(), selected(Map.of("ROCR_VISIBLE_DEVICES", "GPU-5e3"), all), "3 digits are too few");
    assertEquals(List.of(all.get(0)), selected(Map.of("ROCR_VISIBLE_DEVICES", "GPU-8dff74a1000010"), all),
        "dashes do not count");
    assertEquals(List.of(all.get(1)), selected(Map.of("ROCR_VISIBLE_DEVICES", "GPU-9b7d3e2f0b02"), all),
        "the digits may sit anywhere in the UUID");
    assertEquals(List.of(), selected(Map.of("ROCR_VISIBLE_DEVICES", "GPU-0000-1000"), all), "in both: ambiguous");
    assertEquals(List.of(), selected(Map.of("ROCR_VISIBLE_DEVICES", "GPU-5e3g"), all), "g is no hex digit");
    assertEquals(List.of(), selected(Map.of("ROCR_VISIBLE_DEVICES", "5e3c0b22"), all), "without GPU- it is no UUID");
  }

  @Test
  void everyHexDigitAndOnlyThoseCount() {
    // Neighbours of the ranges: '/' and ':' around the digits, '@' and 'G' around A-F.
    List<DiscoveredGpu> all = List.of(gpu(0, "09afAF00-0000"), gpu(1, "11111111-1111"));
    assertEquals(List.of(all.get(0)), selected(Map.of("ROCR_VISIBLE_DEVICES", "GPU-09AF"), all));
    assertEquals(List.of(all.get(0)), selected(Map.of("ROCR_VISIBLE_DEVICES", "GPU-9afa"), all));
    for (String bad : List.of("GPU-09a/", "GPU-09a:", "GPU-09a@", "GPU-09ag")) {
      assertEquals(List.of(), selected(Map.of("ROCR_VISIBLE_DEVICES", bad), all), bad);
    }
  }

  @Test
  void aGpuWhoseUuidIsUnknownIsReachedByIndexOnly() {
    List<DiscoveredGpu> all = List.of(new DiscoveredGpu(0, new Pointer(1), null, "0000:c1:00.0", Method.COUNTER,
        1f, Power.ofWatts(750), "", null, ""), gpu(1, uuid(1)));
    assertEquals(List.of(all.get(1)), selected(Map.of("ROCR_VISIBLE_DEVICES", "GPU-" + uuid(1)), all));
    assertEquals(List.of(all.get(0)), selected(Map.of("ROCR_VISIBLE_DEVICES", "0"), all));
    assertEquals(List.of(all.get(1)), selected(Map.of("ROCR_VISIBLE_DEVICES", "GPU-0000"), all),
        "GPU 1's UUID holds 0000; GPU 0 has no UUID to match");
  }
}
