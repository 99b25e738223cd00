package dev.ergon.meter.nvml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.ergon.meter.nvml.FakeNvml;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compute-process list of one GPU, read through the binding from the fake libnvidia-ml.so.1. */
class GpuProcessesTest {

  @TempDir Path dir;

  /** Opens the fake with one GPU, reads its list, and returns it with the number of list calls made. */
  private record Read(Optional<List<GpuProcesses.GpuProcess>> list, long calls) {}

  private Read read(String processes, String ret) throws NvmlLibrary.LoadFailure {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.FULL).set("gpus", 1);
    if (!processes.isEmpty()) {
      fake.set("gpu.0.processes", processes);
    }
    if (!ret.isEmpty()) {
      fake.set("gpu.0.ret.nvmlDeviceGetComputeRunningProcesses", ret);
    }
    NvmlLibrary nvml = NvmlLibrary.load(fake.library().toString());
    try (NvmlSession session = NvmlSession.start(nvml)) {
      PointerByReference ref = new PointerByReference();
      assertEquals(0, nvml.handleByIndex(0, ref));
      Pointer handle = ref.getValue();
      assertNotNull(handle);
      long before = fake.calls("nvmlDeviceGetComputeRunningProcesses_v3");
      Optional<List<GpuProcesses.GpuProcess>> list = new GpuProcesses(session.library()).read(handle);
      return new Read(list, fake.calls("nvmlDeviceGetComputeRunningProcesses_v3") - before);
    }
  }

  @Test
  void noProcessIsAnEmptyListFromOneCall() throws Exception {
    Read r = read("", "");
    assertEquals(Optional.of(List.of()), r.list());
    assertEquals(1, r.calls());
  }

  @Test
  void processesAreReadWithTheirMemoryAfterOneSizingCall() throws Exception {
    Read r = read("4242:2147483648 17:0", "");
    assertEquals(Optional.of(List.of(new GpuProcesses.GpuProcess(4242, 2_147_483_648L),
        new GpuProcesses.GpuProcess(17, 0))), r.list());
    assertEquals(2, r.calls());
  }

  @Test
  void aRefusedListIsUnknownAfterOneCall() throws Exception {
    Read r = read("4242:1", "4"); // NVML_ERROR_NO_PERMISSION
    assertEquals(Optional.empty(), r.list());
    assertEquals(1, r.calls(), "a refusal is not retried");
  }

  @Test
  void aListThatNeverFitsIsUnknownAfterFourRetries() throws Exception {
    Read r = read("4242:1", "7"); // NVML_ERROR_INSUFFICIENT_SIZE every time
    assertEquals(Optional.empty(), r.list());
    assertEquals(5, r.calls(), "the sizing call and 4 attempts");
  }

  @Test
  void pidsUpToLinuxsLargestPidMaxAreAccepted() throws Exception {
    // pid_max can be raised to 2^22 = 4 194 304 at most.
    assertEquals(Optional.of(List.of(new GpuProcesses.GpuProcess(4_194_304, 5))), read("4194304:5", "").list());
  }

  @Test
  void aPidAboveTheLargestPidMaxOrZeroRefusesTheWholeList() throws Exception {
    assertEquals(Optional.empty(), read("12:1 4194305:5", "").list());
  }

  @Test
  void aPidOfZeroRefusesTheWholeList() throws Exception {
    assertEquals(Optional.empty(), read("12:1 0:5", "").list());
  }

  @Test
  void migInstanceIdsBelow1024OrNoneAreAcceptedLargerOnesRefuseTheList() throws Exception {
    assertEquals(Optional.of(List.of(new GpuProcesses.GpuProcess(12, 1), new GpuProcesses.GpuProcess(13, 2))),
        read("12:1:1023:0 13:2:4294967295:1023", "").list());
  }

  @Test
  void aGpuInstanceIdOf1024RefusesTheList() throws Exception {
    assertEquals(Optional.empty(), read("12:1:1024:0", "").list());
  }

  @Test
  void aComputeInstanceIdOf1024RefusesTheList() throws Exception {
    assertEquals(Optional.empty(), read("12:1:0:1024", "").list());
  }
}
