package dev.ergon.meter.nvml.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists the compute processes running on a GPU ({@code nvmlDeviceGetComputeRunningProcesses_v3}).
 *
 * <p>The list is dynamic: the call is made with no buffer to learn the count, then with room for a few more, and
 * again if processes started in between. Each entry is a 24-byte {@code nvmlProcessInfo_t} read from native
 * memory at fixed offsets (pid at 0, used memory at 8, GPU and compute instance ids at 16 and 20).
 *
 * <p>R535.54 drivers wrote a 32-byte struct through the same {@code _v3} symbol without a version bump (nvitop PR
 * #79, go-nvml #75), which read with a 24-byte stride yields garbage from the second entry on. Entries are therefore
 * checked (a pid between 1 and Linux's largest {@code pid_max}, 2^22; instance ids that are either
 * {@code 0xFFFFFFFF} or small) and the whole list is refused if one fails, rather than reporting invented processes.
 * PIDs are those of the host's PID namespace.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it holds no state.
 */
final class GpuProcesses {

  /** One process on a GPU. */
  record GpuProcess(long pid, long usedMemoryBytes) {}

  private static final long MAX_PID = 1L << 22;
  private static final int MAX_ATTEMPTS = 4;
  private static final int HEADROOM = 8;

  private final NvmlLibrary nvml;

  GpuProcesses(NvmlLibrary nvml) {
    this.nvml = nvml;
  }

  /**
   * Reads the list.
   *
   * @param device the GPU's handle
   * @return the processes, or empty if the driver has no such call, refuses it (no permission, MIG without
   *     privileges) or returns entries that cannot be right
   */
  Optional<List<GpuProcess>> read(Pointer device) {
    IntByReference count = new IntByReference(0);
    int rc = nvml.computeRunningProcesses(device, count, null);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (rc == NvmlReturn.SUCCESS.code() && count.getValue() == 0) {
        return Optional.of(List.of());
      }
      if (rc != NvmlReturn.ERROR_INSUFFICIENT_SIZE.code() && rc != NvmlReturn.SUCCESS.code()) {
        return Optional.empty();
      }
      int capacity = count.getValue() + HEADROOM;
      if (capacity <= 0 || capacity > 65_536) {
        return Optional.empty();
      }
      Memory infos = new Memory((long) capacity * NvmlLibrary.PROCESS_INFO_SIZE);
      infos.clear();
      count.setValue(capacity);
      rc = nvml.computeRunningProcesses(device, count, infos);
      if (rc == NvmlReturn.SUCCESS.code()) {
        int n = count.getValue();
        return n < 0 || n > capacity ? Optional.empty() : parse(infos, n);
      }
    }
    return Optional.empty();
  }

  private static Optional<List<GpuProcess>> parse(Pointer infos, int n) {
    List<GpuProcess> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long base = (long) i * NvmlLibrary.PROCESS_INFO_SIZE;
      long pid = Integer.toUnsignedLong(infos.getInt(base));
      long memory = infos.getLong(base + 8);
      long gpuInstance = Integer.toUnsignedLong(infos.getInt(base + 16));
      long computeInstance = Integer.toUnsignedLong(infos.getInt(base + 20));
      if (pid == 0 || pid > MAX_PID || !plausibleInstance(gpuInstance) || !plausibleInstance(computeInstance)) {
        return Optional.empty();
      }
      out.add(new GpuProcess(pid, memory));
    }
    return Optional.of(List.copyOf(out));
  }

  /** {@code 0xFFFFFFFF} when MIG is off, else a MIG instance id (at most a few tens). */
  private static boolean plausibleInstance(long id) {
    return id == 0xFFFF_FFFFL || id < 1024;
  }
}
