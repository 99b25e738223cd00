package dev.ergon.meter.nvml.internal;

import com.sun.jna.Pointer;
import dev.ergon.Power;
import dev.ergon.spi.ChannelFault;
import dev.ergon.Method;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What NVML said about one GPU when the meter opened.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe (the handle is an opaque
 * pointer owned by NVML, valid until {@code nvmlShutdown}).
 *
 * @param index the NVML index (PCI bus order; not stable across reboots and not necessarily CUDA's order)
 * @param handle the device handle, or {@code null} if NVML refused it
 * @param uuid the UUID ({@code GPU-...}), or {@code null} if it could not be read
 * @param name the product name, e.g. {@code NVIDIA H100 80GB HBM3}
 * @param architecture the {@code nvmlDeviceArchitecture_t} value, or -1 if unknown
 * @param migEnabled whether MIG mode is on: NVML then still measures the whole physical GPU only
 * @param method {@link Method#COUNTER} where the GPU has an energy counter (Volta and newer), else
 *     {@link Method#INTEGRATED_POWER}
 * @param maxPower the power ceiling: the highest settable power limit
 *     ({@code nvmlDeviceGetPowerManagementLimitConstraints}), else the enforced limit, else
 *     {@value GpuDiscovery#DEFAULT_MAX_POWER_WATTS} W; core drops an interval above 1.2 times it
 * @param maxPowerNote a note when the ceiling is not the highest settable limit (a fallback); empty otherwise
 * @param fault why the GPU cannot be metered at all (a permanent fault whose message names the call and the code),
 *     or {@code null} if it can
 * @param remedy what to do about the fault; empty when there is none
 * @param processNote the compute processes found on the GPU when the meter opened, in one sentence; empty when
 *     none besides this process, or when the driver did not say
 */
public record DiscoveredGpu(
    int index,
    @Nullable Pointer handle,
    @Nullable String uuid,
    String name,
    int architecture,
    boolean migEnabled,
    Method method,
    Power maxPower,
    String maxPowerNote,
    @Nullable ChannelFault fault,
    String remedy,
    String processNote) {

  /** {@code NVML_DEVICE_ARCH_VOLTA}: the first architecture with an energy counter. */
  public static final int ARCH_VOLTA = 5;

  /** {@code NVML_DEVICE_ARCH_AMPERE}: from here on (except GA100), power readings are 1 s averages. */
  public static final int ARCH_AMPERE = 7;

  /**
   * Validates the fields.
   *
   * @throws NullPointerException if a required field is null
   */
  public DiscoveredGpu {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(maxPower, "maxPower");
    Objects.requireNonNull(maxPowerNote, "maxPowerNote");
    Objects.requireNonNull(remedy, "remedy");
    Objects.requireNonNull(processNote, "processNote");
  }

  /**
   * Tells whether CUDA can see this GPU: NVML gave a handle and a UUID. CUDA numbers only the devices it can open,
   * so its indices count these GPUs only.
   *
   * @return true if the handle and UUID are known
   */
  public boolean identified() {
    return handle != null && uuid != null;
  }

  /**
   * Returns the architecture's name for people.
   *
   * @return e.g. {@code Hopper}, or {@code architecture 12} for a value this code does not know
   */
  public String architectureName() {
    return switch (architecture) {
      case 2 -> "Kepler";
      case 3 -> "Maxwell";
      case 4 -> "Pascal";
      case 5 -> "Volta";
      case 6 -> "Turing";
      case 7 -> "Ampere";
      case 8 -> "Ada";
      case 9 -> "Hopper";
      case 10 -> "Blackwell";
      case 13 -> "Rubin";
      case -1 -> "unknown architecture";
      default -> "architecture " + Integer.toUnsignedString(architecture);
    };
  }

  /**
   * Returns the device description used in channels and messages.
   *
   * @return {@code <name> (<uuid>, index N)}, or {@code NVIDIA GPU (index N)} when the UUID is unknown
   */
  public String description() {
    return uuid == null ? name + " (index " + index + ")" : name + " (" + uuid + ", index " + index + ")";
  }
}
