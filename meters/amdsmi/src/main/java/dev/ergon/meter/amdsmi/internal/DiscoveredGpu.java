package dev.ergon.meter.amdsmi.internal;

import com.sun.jna.Pointer;
import dev.ergon.Method;
import dev.ergon.Power;
import dev.ergon.spi.ChannelFault;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What AMD SMI said about one GPU when the meter opened.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe (the handle is an opaque
 * pointer owned by AMD SMI, valid until {@code amdsmi_shut_down}).
 *
 * @param index the position in AMD SMI's enumeration (sockets in order, then their processors)
 * @param handle the processor handle
 * @param uuid the UUID {@code amdsmi_get_gpu_device_uuid} gave, or {@code null} if it could not be read
 * @param bdf the PCI address, e.g. {@code 0000:c1:00.0}, or {@code null} if it could not be read
 * @param method {@link Method#COUNTER} where the energy accumulator answers, else {@link Method#INTEGRATED_POWER}
 * @param resolution the accumulator's µJ per tick; 0 for an integrated-power GPU
 * @param maxPower the power ceiling: the highest settable power cap ({@code max_power_cap}), else
 *     {@value GpuDiscovery#DEFAULT_MAX_POWER_WATTS} W; core drops an interval above 1.2 times it
 * @param maxPowerNote a note when the ceiling is the default; empty otherwise
 * @param fault why the GPU cannot be metered at all (a permanent fault naming the call and the code), or
 *     {@code null} if it can
 * @param remedy what to do about the fault; empty when there is none
 */
public record DiscoveredGpu(
    int index,
    Pointer handle,
    @Nullable String uuid,
    @Nullable String bdf,
    Method method,
    float resolution,
    Power maxPower,
    String maxPowerNote,
    @Nullable ChannelFault fault,
    String remedy) {

  /**
   * Validates the fields.
   *
   * @throws NullPointerException if a required field is null
   */
  public DiscoveredGpu {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(maxPower, "maxPower");
    Objects.requireNonNull(maxPowerNote, "maxPowerNote");
    Objects.requireNonNull(remedy, "remedy");
  }

  /**
   * Returns the device description used in channels and messages.
   *
   * @return e.g. {@code AMD GPU (8dff74a1-..., PCI 0000:c1:00.0, index 0)}
   */
  public String description() {
    StringBuilder s = new StringBuilder("AMD GPU (");
    if (uuid != null) {
      s.append(uuid).append(", ");
    }
    if (bdf != null) {
      s.append("PCI ").append(bdf).append(", ");
    }
    return s.append("index ").append(index).append(')').toString();
  }

  /**
   * Returns the GPU's name in messages: its UUID, else its PCI address, else its index.
   *
   * @return e.g. {@code 0000:c1:00.0}
   */
  public String subject() {
    return uuid != null ? uuid : bdf != null ? bdf : "index " + index;
  }
}
