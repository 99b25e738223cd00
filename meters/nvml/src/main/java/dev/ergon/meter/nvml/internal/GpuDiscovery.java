package dev.ergon.meter.nvml.internal;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.ergon.MeterUnavailableException;
import dev.ergon.Power;
import dev.ergon.spi.ChannelFault;
import dev.ergon.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Enumerates the GPUs NVML sees and finds out how each can be metered.
 *
 * <p>Per GPU, in NVML index order: the handle, UUID and name; the architecture and MIG mode where the driver tells;
 * then one trial read of {@code nvmlDeviceGetTotalEnergyConsumption}: success means an energy counter (Volta and
 * newer), {@code NOT_SUPPORTED} means power must be integrated, provided {@code nvmlDeviceGetPowerUsage} answers.
 * A GPU that answers neither, or refuses its handle, is kept with the fault, so that a record says which GPU is
 * missing and why instead of counting it as zero.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe; used once while opening.
 */
public final class GpuDiscovery {

  /**
   * The fallback ceiling when the driver reports no power limit, in W: above every single GPU's board power of
   * 2024-2025 (H100 SXM 700 W, B200 1000 W, GB200's GPUs 1200 W).
   */
  public static final double DEFAULT_MAX_POWER_WATTS = 2000;

  private final NvmlLibrary nvml;
  private final GpuProcesses processes;

  /**
   * Creates a discovery over an initialised library.
   *
   * @param nvml the library, inside an open {@link NvmlSession}
   */
  public GpuDiscovery(NvmlLibrary nvml) {
    this.nvml = nvml;
    this.processes = new GpuProcesses(nvml);
  }

  /**
   * Lists every GPU NVML counts.
   *
   * @return the GPUs in NVML index order, readable or not
   * @throws MeterUnavailableException if the count itself fails
   */
  public List<DiscoveredGpu> discover() {
    IntByReference count = new IntByReference();
    int rc = nvml.deviceCount(count);
    if (rc != NvmlReturn.SUCCESS.code()) {
      NvmlReturn r = NvmlReturn.of(rc);
      throw new MeterUnavailableException(r.reason(), nvml.describe(nvml.countSymbol(), "", rc), r.remedy());
    }
    int n = count.getValue();
    List<DiscoveredGpu> out = new ArrayList<>();
    for (int i = 0; i < n && i >= 0; i++) {
      out.add(discover(i));
    }
    return List.copyOf(out);
  }

  private DiscoveredGpu discover(int index) {
    Power defaultMax = Power.ofWatts(DEFAULT_MAX_POWER_WATTS);
    PointerByReference ref = new PointerByReference();
    int rc = nvml.handleByIndex(index, ref);
    Pointer handle = ref.getValue();
    if (rc != NvmlReturn.SUCCESS.code() || handle == null) {
      return unreadable(index, null, null, "NVIDIA GPU", nvml.handleByIndexSymbol(), "index " + index, rc);
    }
    byte[] buffer = new byte[NvmlLibrary.STRING_BUFFER_SIZE];
    rc = nvml.uuid(handle, buffer);
    if (rc != NvmlReturn.SUCCESS.code()) {
      return unreadable(index, handle, null, "NVIDIA GPU", "nvmlDeviceGetUUID", "index " + index, rc);
    }
    String uuid = NvmlLibrary.string(buffer);
    rc = nvml.name(handle, buffer);
    String name = rc == NvmlReturn.SUCCESS.code() ? NvmlLibrary.string(buffer) : "NVIDIA GPU";

    IntByReference a = new IntByReference();
    IntByReference b = new IntByReference();
    int architecture = nvml.architecture(handle, a) == NvmlReturn.SUCCESS.code() ? a.getValue() : -1;
    boolean mig = nvml.migMode(handle, a, b) == NvmlReturn.SUCCESS.code() && a.getValue() == 1;
    Ceiling ceiling = ceiling(handle, defaultMax);
    Power maxPower = ceiling.power();

    int energy = nvml.totalEnergyConsumption(handle, new LongByReference());
    Method method;
    if (energy == NvmlReturn.SUCCESS.code()) {
      method = Method.COUNTER;
    } else if (!NvmlReturn.of(energy).permanent()) {
      // A passing failure (timeout, ...): choose by architecture; the channel's reads will say if it persists.
      method = architecture >= DiscoveredGpu.ARCH_VOLTA ? Method.COUNTER : Method.INTEGRATED_POWER;
    } else if (energy == NvmlReturn.ERROR_NOT_SUPPORTED.code()
        || energy == NvmlReturn.ERROR_FUNCTION_NOT_FOUND.code()) {
      method = Method.INTEGRATED_POWER;
      int power = nvml.powerUsage(handle, new IntByReference());
      if (power != NvmlReturn.SUCCESS.code() && NvmlReturn.of(power).permanent()) {
        NvmlReturn r = NvmlReturn.of(power);
        return new DiscoveredGpu(index, handle, uuid, name, architecture, mig, method, maxPower, ceiling.note(),
            new ChannelFault(r.reason(),
                "GPU " + uuid + " has no energy counter and no power reading: "
                    + nvml.describe("nvmlDeviceGetTotalEnergyConsumption", uuid, energy) + "; "
                    + nvml.describe("nvmlDeviceGetPowerUsage", uuid, power),
                true),
            r.remedy(), "");
      }
    } else {
      return unreadable(index, handle, uuid, name, "nvmlDeviceGetTotalEnergyConsumption", uuid, energy);
    }
    return new DiscoveredGpu(index, handle, uuid, name, architecture, mig, method, maxPower, ceiling.note(), null,
        "", processNote(handle));
  }

  /** Names the compute processes other than this one found on the GPU now; empty if none or unknown. */
  private String processNote(Pointer handle) {
    long self = ProcessHandle.current().pid();
    List<GpuProcesses.GpuProcess> others = processes.read(handle).orElse(List.of()).stream()
        .filter(p -> p.pid() != self)
        .toList();
    if (others.isEmpty()) {
      return "";
    }
    String listed = others.stream().limit(8)
        .map(p -> p.pid() + (p.usedMemoryBytes() >= 0 ? " (" + mebibytes(p.usedMemoryBytes()) + " MiB)" : ""))
        .collect(Collectors.joining(", "));
    return "when the meter opened, " + others.size() + " other compute process" + (others.size() == 1 ? "" : "es")
        + " ran on this GPU (host PIDs: " + listed + (others.size() > 8 ? ", ..." : "") + "); the GPU's energy"
        + " includes theirs (in a container, this process itself may be listed under its host PID)";
  }

  private static long mebibytes(long bytes) {
    return (bytes + (1L << 19)) >> 20;
  }

  /** A GPU's power ceiling, and a note when it is a fallback. */
  private record Ceiling(Power power, String note) {}

  /**
   * The highest settable power limit (raised to the enforced limit should that be higher): the board's power stays
   * below it apart from excursions the controller corrects within milliseconds, which core's margin of 1.2 and its
   * 100 ms burst allowance absorb. Failing that, the enforced limit (which an administrator may raise while a job
   * runs, hence the note), else the default.
   */
  private Ceiling ceiling(Pointer handle, Power defaultMax) {
    IntByReference min = new IntByReference();
    IntByReference max = new IntByReference();
    long highest = 0;
    if (nvml.powerLimitConstraints(handle, min, max) == NvmlReturn.SUCCESS.code()) {
      highest = milliwatts(max);
    }
    long enforced = 0;
    IntByReference limit = new IntByReference();
    if (nvml.enforcedPowerLimit(handle, limit) == NvmlReturn.SUCCESS.code()) {
      enforced = milliwatts(limit);
    }
    if (highest > 0) {
      return new Ceiling(Power.ofMilliwatts(Math.max(highest, enforced)), "");
    }
    if (enforced > 0) {
      return new Ceiling(Power.ofMilliwatts(enforced), "ceiling " + Power.ofMilliwatts(enforced) + " from the "
          + "enforced power limit (nvmlDeviceGetPowerManagementLimitConstraints gave no highest settable limit): "
          + "if the limit is raised while a job runs, intervals above it are dropped and counted");
    }
    return new Ceiling(defaultMax, "ceiling " + defaultMax + ", the default: the driver reports no power limit");
  }

  /** Returns a limit in mW, or 0 for none ({@code NVML_VALUE_NOT_AVAILABLE} is 0xFFFFFFFF). */
  private static long milliwatts(IntByReference value) {
    long mw = Integer.toUnsignedLong(value.getValue());
    return mw == 0xFFFF_FFFFL ? 0 : mw;
  }

  private DiscoveredGpu unreadable(int index, @Nullable Pointer handle, @Nullable String uuid, String name,
      String symbol, String subject, int rc) {
    NvmlReturn r = NvmlReturn.of(rc);
    ChannelFault fault = new ChannelFault(r.reason(),
        "GPU at NVML index " + index + " cannot be metered: " + nvml.describe(symbol, subject, rc), true);
    return new DiscoveredGpu(index, handle, uuid, name, -1, false, Method.COUNTER,
        Power.ofWatts(DEFAULT_MAX_POWER_WATTS), "", fault, r.remedy(), "");
  }

  /**
   * Finds the physical GPU of a MIG instance.
   *
   * @param migUuid a MIG UUID as CUDA_VISIBLE_DEVICES names it, e.g. {@code MIG-8f2a...}
   * @return the UUID of its GPU, if NVML knows the instance
   */
  public Optional<String> parentOfMig(String migUuid) {
    PointerByReference ref = new PointerByReference();
    if (nvml.handleByUuid(migUuid, ref) != NvmlReturn.SUCCESS.code() || ref.getValue() == null) {
      return Optional.empty();
    }
    PointerByReference parent = new PointerByReference();
    if (nvml.parentOfMig(ref.getValue(), parent) != NvmlReturn.SUCCESS.code() || parent.getValue() == null) {
      return Optional.empty();
    }
    byte[] buffer = new byte[NvmlLibrary.STRING_BUFFER_SIZE];
    if (nvml.uuid(parent.getValue(), buffer) != NvmlReturn.SUCCESS.code()) {
      return Optional.empty();
    }
    return Optional.of(NvmlLibrary.string(buffer));
  }
}
