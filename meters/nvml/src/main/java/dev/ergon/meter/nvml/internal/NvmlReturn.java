package dev.ergon.meter.nvml.internal;

import dev.ergon.UnavailableReason;

/**
 * The values of NVML's {@code nvmlReturn_t}, each with the Ergon reason it maps to, a remedy, and whether a device
 * that answers it will never answer again.
 *
 * <p>Codes and names are those of {@code nvml.h} (NVML_API_VERSION 13). A code this table does not know is
 * reported through {@link #of(int)} as {@link #ERROR_UNKNOWN}, with the number kept in the message by the caller.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public enum NvmlReturn {
  /** The call succeeded. */
  SUCCESS(0, UnavailableReason.PROVIDER_ERROR, false, ""),
  /** NVML was not initialised (or was shut down under the caller). */
  ERROR_UNINITIALIZED(1, UnavailableReason.PROVIDER_ERROR, false,
      "NVML was shut down by other code in this process; report this to Ergon's authors"),
  /** A bad argument: a bug in the binding. */
  ERROR_INVALID_ARGUMENT(2, UnavailableReason.PROVIDER_ERROR, false, "report this to Ergon's authors"),
  /** The device does not support the query. */
  ERROR_NOT_SUPPORTED(3, UnavailableReason.NOT_SUPPORTED, true,
      "this GPU or driver does not offer the query; a newer driver may"),
  /** The caller may not use the device or library. */
  ERROR_NO_PERMISSION(4, UnavailableReason.PERMISSION_DENIED, true,
      "grant this user read/write access to /dev/nvidiactl and /dev/nvidia* (often the 'video' group), or in a"
          + " container run with the NVIDIA Container Toolkit (--gpus)"),
  /** Deprecated: NVML was already initialised. */
  ERROR_ALREADY_INITIALIZED(5, UnavailableReason.PROVIDER_ERROR, false, "report this to Ergon's authors"),
  /** The object looked up does not exist. */
  ERROR_NOT_FOUND(6, UnavailableReason.NOT_PRESENT, true, "check the GPU index or UUID"),
  /** An output buffer was too small: a bug in the binding. */
  ERROR_INSUFFICIENT_SIZE(7, UnavailableReason.PROVIDER_ERROR, false, "report this to Ergon's authors"),
  /** The device's external power cables are not attached properly. */
  ERROR_INSUFFICIENT_POWER(8, UnavailableReason.NOT_PRESENT, true,
      "attach the GPU's external power cables firmly and restart"),
  /** The NVIDIA kernel driver is not loaded. */
  ERROR_DRIVER_NOT_LOADED(9, UnavailableReason.DRIVER_NOT_LOADED, true,
      "load the NVIDIA kernel driver (modprobe nvidia; check 'nvidia-smi'), or in a container run with the NVIDIA"
          + " Container Toolkit (--gpus all)"),
  /** The driver did not answer in time. */
  ERROR_TIMEOUT(10, UnavailableReason.IO_ERROR, false, "retry; if it persists, check 'nvidia-smi' and dmesg"),
  /** The driver reported an interrupt problem with the device. */
  ERROR_IRQ_ISSUE(11, UnavailableReason.IO_ERROR, false, "check dmesg for NVIDIA Xid errors"),
  /** NVML could not find a library it needs, e.g. the CUDA toolkit's stub libnvidia-ml.so was loaded. */
  ERROR_LIBRARY_NOT_FOUND(12, UnavailableReason.DRIVER_MISSING, true,
      "load the driver's libnvidia-ml.so.1, not the CUDA toolkit stub under .../lib64/stubs: set"
          + " ergon.nvml.library (ERGON_NVML_LIBRARY) to its full path"),
  /** The driver lacks a function: it is older than the call. */
  ERROR_FUNCTION_NOT_FOUND(13, UnavailableReason.NOT_SUPPORTED, true, "upgrade the NVIDIA driver"),
  /** The device's infoROM is corrupted. */
  ERROR_CORRUPTED_INFOROM(14, UnavailableReason.IO_ERROR, true,
      "the GPU's infoROM is corrupted; contact the hardware vendor"),
  /** The device fell off the bus or otherwise became inaccessible. */
  ERROR_GPU_IS_LOST(15, UnavailableReason.DEVICE_LOST, true,
      "the GPU fell off the bus or stopped answering; check dmesg for Xid 79, reset the GPU (nvidia-smi -r) or"
          + " reboot"),
  /** The device must be reset before it can be used again. */
  ERROR_RESET_REQUIRED(16, UnavailableReason.DEVICE_LOST, true, "reset the GPU (nvidia-smi -r) or reboot"),
  /** The operating system blocked the call. */
  ERROR_OPERATING_SYSTEM(17, UnavailableReason.IO_ERROR, false, "check the system log"),
  /** The NVML library and the loaded kernel driver have different versions. */
  ERROR_LIB_RM_VERSION_MISMATCH(18, UnavailableReason.DRIVER_NOT_LOADED, true,
      "the kernel driver does not match libnvidia-ml (usually after a driver upgrade): reload the nvidia kernel"
          + " modules or reboot"),
  /** The device is in use by another operation. */
  ERROR_IN_USE(19, UnavailableReason.IO_ERROR, false, "retry later"),
  /** NVML ran out of memory. */
  ERROR_MEMORY(20, UnavailableReason.IO_ERROR, false, "free memory and retry"),
  /** No data yet. */
  ERROR_NO_DATA(21, UnavailableReason.IO_ERROR, false, "retry later"),
  /** ECC is not supported on this vGPU. */
  ERROR_VGPU_ECC_NOT_SUPPORTED(22, UnavailableReason.NOT_SUPPORTED, true, "not available on this vGPU"),
  /** Not enough resources for the call. */
  ERROR_INSUFFICIENT_RESOURCES(23, UnavailableReason.IO_ERROR, false, "retry later"),
  /** The frequency is not supported. */
  ERROR_FREQ_NOT_SUPPORTED(24, UnavailableReason.NOT_SUPPORTED, true, "not available on this GPU"),
  /** A versioned structure had the wrong version: a bug in the binding. */
  ERROR_ARGUMENT_VERSION_MISMATCH(25, UnavailableReason.PROVIDER_ERROR, true, "report this to Ergon's authors"),
  /** The function is deprecated in this driver. */
  ERROR_DEPRECATED(26, UnavailableReason.NOT_SUPPORTED, true, "report this to Ergon's authors"),
  /** The system is not ready for the request. */
  ERROR_NOT_READY(27, UnavailableReason.IO_ERROR, false, "retry later"),
  /** No GPUs were found. */
  ERROR_GPU_NOT_FOUND(28, UnavailableReason.DEVICE_LOST, true, "check that the GPU is present ('nvidia-smi')"),
  /** The request is not valid in the device's current state. */
  ERROR_INVALID_STATE(29, UnavailableReason.IO_ERROR, false, "retry later"),
  /** The reset type is not supported. */
  ERROR_RESET_TYPE_NOT_SUPPORTED(30, UnavailableReason.NOT_SUPPORTED, true, "not available on this GPU"),
  /** An internal driver error, or a code this table does not know. */
  ERROR_UNKNOWN(999, UnavailableReason.IO_ERROR, false, "check 'nvidia-smi' and dmesg");

  private static final NvmlReturn[] BY_CODE = new NvmlReturn[31];

  static {
    for (NvmlReturn r : values()) {
      if (r.code < BY_CODE.length) {
        BY_CODE[r.code] = r;
      }
    }
  }

  private final int code;
  private final UnavailableReason reason;
  private final boolean permanent;
  private final String remedy;

  NvmlReturn(int code, UnavailableReason reason, boolean permanent, String remedy) {
    this.code = code;
    this.reason = reason;
    this.permanent = permanent;
    this.remedy = remedy;
  }

  /**
   * Returns the constant of a return code.
   *
   * @param code the value an NVML function returned
   * @return its constant; {@link #ERROR_UNKNOWN} for a code not in the table
   */
  public static NvmlReturn of(int code) {
    if (code >= 0 && code < BY_CODE.length) {
      NvmlReturn r = BY_CODE[code];
      if (r != null) {
        return r;
      }
    }
    return ERROR_UNKNOWN;
  }

  /**
   * Returns the numeric value in {@code nvml.h}.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * Returns the C name, e.g. {@code NVML_ERROR_GPU_IS_LOST}.
   *
   * @return the name
   */
  public String cName() {
    return "NVML_" + name();
  }

  /**
   * Returns the Ergon reason this code maps to.
   *
   * @return the reason
   */
  public UnavailableReason reason() {
    return reason;
  }

  /**
   * Tells whether a device that answers this code will not answer otherwise until something outside the process
   * changes (a reset, a driver reload, a permission change).
   *
   * @return true if retrying is pointless
   */
  public boolean permanent() {
    return permanent;
  }

  /**
   * Returns what a person can do about it.
   *
   * @return the remedy; empty for {@link #SUCCESS}
   */
  public String remedy() {
    return remedy;
  }
}
