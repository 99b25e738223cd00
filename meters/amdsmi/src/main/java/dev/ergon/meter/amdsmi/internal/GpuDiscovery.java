package dev.ergon.meter.amdsmi.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.FloatByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import dev.ergon.Method;
import dev.ergon.MeterUnavailableException;
import dev.ergon.Power;
import dev.ergon.spi.ChannelFault;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Enumerates the AMD GPUs AMD SMI sees and finds out how each can be metered.
 *
 * <p>Sockets in order ({@code amdsmi_get_socket_handles}), then each socket's processors
 * ({@code amdsmi_get_processor_handles}); a processor whose type is not {@code AMDSMI_PROCESSOR_TYPE_AMD_GPU} is
 * skipped. Per GPU: UUID and PCI address, the power ceiling, then one trial read of {@code amdsmi_get_energy_count}:
 * success means an energy counter; {@code NOT_SUPPORTED} (virtual machine guests, GPUs without the counter) means
 * power must be integrated from {@code amdsmi_get_power_info}, provided it answers. A GPU that answers neither is
 * kept with the fault, so that a record says which GPU is missing and why instead of counting it as zero.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe; used once while opening.
 */
public final class GpuDiscovery {

  /** The fallback ceiling when the driver reports no power cap, in W: above every Instinct GPU's (MI355X 1400 W). */
  public static final double DEFAULT_MAX_POWER_WATTS = 2000;

  private static final int MAX_HANDLES = 4096;

  private final AmdSmiLibrary amdsmi;
  private final PowerInfoLayout layout;

  /**
   * Creates a discovery over an initialised library.
   *
   * @param amdsmi the library, inside an open {@link AmdSmiSession}
   * @param layout how to read {@code amdsmi_power_info_t}
   */
  public GpuDiscovery(AmdSmiLibrary amdsmi, PowerInfoLayout layout) {
    this.amdsmi = amdsmi;
    this.layout = layout;
  }

  /**
   * Lists every AMD GPU AMD SMI enumerates.
   *
   * @return the GPUs in enumeration order, readable or not
   * @throws MeterUnavailableException if the sockets or processors cannot be listed
   */
  public List<DiscoveredGpu> discover() {
    List<Pointer> sockets = handles("amdsmi_get_socket_handles", "", (count, memory) ->
        amdsmi.socketHandles(count, memory));
    List<DiscoveredGpu> out = new ArrayList<>();
    for (Pointer socket : sockets) {
      List<Pointer> processors = handles("amdsmi_get_processor_handles", "socket " + sockets.indexOf(socket),
          (count, memory) -> amdsmi.processorHandles(socket, count, memory));
      for (Pointer processor : processors) {
        IntByReference type = new IntByReference();
        int rc = amdsmi.processorType(processor, type);
        if (rc == AmdSmiStatus.SUCCESS.code() && type.getValue() != AmdSmiLibrary.PROCESSOR_TYPE_AMD_GPU) {
          continue;
        }
        out.add(discover(out.size(), processor));
      }
    }
    return List.copyOf(out);
  }

  /** A call that fills a handle array: count only when the memory is null. */
  private interface HandleCall {
    int call(IntByReference count, @Nullable Memory handles);
  }

  private List<Pointer> handles(String symbol, String subject, HandleCall call) {
    IntByReference count = new IntByReference(0);
    int rc = call.call(count, null);
    if (rc == AmdSmiStatus.SUCCESS.code() && count.getValue() > 0 && count.getValue() <= MAX_HANDLES) {
      int capacity = count.getValue();
      Memory memory = new Memory((long) capacity * Native.POINTER_SIZE);
      memory.clear();
      rc = call.call(count, memory);
      if (rc == AmdSmiStatus.SUCCESS.code()) {
        int n = Math.min(capacity, Math.max(0, count.getValue()));
        List<Pointer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          Pointer p = memory.getPointer((long) i * Native.POINTER_SIZE);
          if (p != null) {
            out.add(p);
          }
        }
        return out;
      }
    }
    if (rc == AmdSmiStatus.SUCCESS.code()) {
      return List.of(); // none, or an absurd count
    }
    AmdSmiStatus s = AmdSmiStatus.of(rc);
    throw new MeterUnavailableException(s.reason(), amdsmi.describe(symbol, subject, rc), s.remedy());
  }

  private DiscoveredGpu discover(int index, Pointer handle) {
    byte[] buffer = new byte[AmdSmiLibrary.UUID_BUFFER_SIZE];
    String uuid = amdsmi.uuid(handle, buffer) == AmdSmiStatus.SUCCESS.code() ? AmdSmiLibrary.string(buffer) : null;
    if (uuid != null && uuid.isBlank()) {
      uuid = null;
    }
    LongByReference word = new LongByReference();
    String bdf = amdsmi.bdf(handle, word) == AmdSmiStatus.SUCCESS.code()
        ? AmdSmiLibrary.bdfString(word.getValue()) : null;
    String subject = uuid != null ? uuid : bdf != null ? bdf : "index " + index;

    Power maxPower = Power.ofWatts(DEFAULT_MAX_POWER_WATTS);
    String maxPowerNote = "ceiling " + maxPower + ", the default: the driver reports no power cap";
    Memory cap = new Memory(AmdSmiLibrary.STRUCT_BUFFER_SIZE);
    cap.clear();
    if (amdsmi.powerCapInfo(handle, cap) == AmdSmiStatus.SUCCESS.code()) {
      long microwatts = cap.getLong(32); // max_power_cap, µW
      if (microwatts > 0 && microwatts <= 100_000_000_000L) { // up to 100 kW: a cap, not garbage
        maxPower = Power.ofMilliwatts(microwatts / 1000);
        maxPowerNote = "";
      }
    }

    LongByReference ticks = new LongByReference();
    FloatByReference resolution = new FloatByReference();
    int energy = amdsmi.energyCount(handle, ticks, resolution, new LongByReference());
    if (energy == AmdSmiStatus.SUCCESS.code()) {
      float r = resolution.getValue();
      if (!(r > 0) || r > TickConverter.MAX_RESOLUTION_MICROJOULES || Float.isInfinite(r)) {
        ChannelFault fault = new ChannelFault(AmdSmiStatus.UNEXPECTED_DATA.reason(),
            "amdsmi_get_energy_count(" + subject + ") in " + amdsmi.location() + " gave a counter resolution of "
                + r + " µJ per tick, which cannot be right", true);
        return new DiscoveredGpu(index, handle, uuid, bdf, Method.COUNTER, 0, maxPower, maxPowerNote, fault,
            "report this to AMD with the output of 'amd-smi metric --energy'");
      }
      return new DiscoveredGpu(index, handle, uuid, bdf, Method.COUNTER, r, maxPower, maxPowerNote, null, "");
    }
    AmdSmiStatus e = AmdSmiStatus.of(energy);
    if (!e.permanent()) {
      // A passing failure (busy, timeout): take the counter; the channel's reads will say if it persists.
      return new DiscoveredGpu(index, handle, uuid, bdf, Method.COUNTER, 0, maxPower, maxPowerNote, null, "");
    }
    if (e == AmdSmiStatus.NOT_SUPPORTED || e == AmdSmiStatus.NOT_YET_IMPLEMENTED
        || e == AmdSmiStatus.FILE_NOT_FOUND) {
      Memory info = new Memory(AmdSmiLibrary.STRUCT_BUFFER_SIZE);
      info.clear();
      int power = amdsmi.powerInfo(handle, info);
      if (power == AmdSmiStatus.SUCCESS.code() && layout.watts(info).isPresent()) {
        return new DiscoveredGpu(index, handle, uuid, bdf, Method.INTEGRATED_POWER, 0, maxPower, maxPowerNote,
            null, "");
      }
      AmdSmiStatus p = power == AmdSmiStatus.SUCCESS.code() ? AmdSmiStatus.NOT_SUPPORTED : AmdSmiStatus.of(power);
      String powerText = power == AmdSmiStatus.SUCCESS.code()
          ? "amdsmi_get_power_info(" + subject + ") marks every socket power field unsupported ("
              + layout.describe() + ")"
          : amdsmi.describe("amdsmi_get_power_info", subject, power);
      return new DiscoveredGpu(index, handle, uuid, bdf, Method.INTEGRATED_POWER, 0, maxPower, maxPowerNote,
          new ChannelFault(p.reason(), "GPU " + subject + " has no energy counter and no power reading: "
              + amdsmi.describe("amdsmi_get_energy_count", subject, energy) + "; " + powerText, true),
          p.remedy());
    }
    return new DiscoveredGpu(index, handle, uuid, bdf, Method.COUNTER, 0, maxPower, maxPowerNote,
        new ChannelFault(e.reason(), "GPU " + subject + " cannot be metered: "
            + amdsmi.describe("amdsmi_get_energy_count", subject, energy), true),
        e.remedy());
  }
}
