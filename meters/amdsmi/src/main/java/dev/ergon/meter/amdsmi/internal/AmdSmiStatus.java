package dev.ergon.meter.amdsmi.internal;

import dev.ergon.UnavailableReason;

/**
 * The values of AMD SMI's {@code amdsmi_status_t}, each with the Ergon reason it maps to, a remedy, and whether a
 * device that answers it will never answer again.
 *
 * <p>Codes and names are those of {@code include/amd_smi/amdsmi.h} (ROCm/amdsmi). A code this table does not know
 * is reported through {@link #of(int)} as {@link #UNKNOWN_ERROR}, with the number kept in the message by the caller.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public enum AmdSmiStatus {
  /** The call succeeded. */
  SUCCESS(0, UnavailableReason.PROVIDER_ERROR, false, ""),
  /** Invalid parameters: a bug in the binding. */
  INVAL(1, UnavailableReason.PROVIDER_ERROR, false, "report this to Ergon's authors"),
  /** The device or driver does not offer the query. */
  NOT_SUPPORTED(2, UnavailableReason.NOT_SUPPORTED, true,
      "this GPU, its firmware or the amdgpu driver does not offer the query (virtual machine guests have no energy"
          + " counter); a newer ROCm may"),
  /** Not implemented yet. */
  NOT_YET_IMPLEMENTED(3, UnavailableReason.NOT_SUPPORTED, true, "a newer ROCm may offer the query"),
  /** AMD SMI could not load a library it needs. */
  FAIL_LOAD_MODULE(4, UnavailableReason.DRIVER_MISSING, true,
      "install ROCm's amd-smi-lib package completely (libamd_smi.so needs its companion libraries)"),
  /** AMD SMI could not load a symbol it needs. */
  FAIL_LOAD_SYMBOL(5, UnavailableReason.DRIVER_MISSING, true,
      "install matching ROCm packages (libamd_smi.so and its companion libraries come from different releases)"),
  /** libdrm failed. */
  DRM_ERROR(6, UnavailableReason.IO_ERROR, false, "check that /dev/dri is present and readable; check dmesg"),
  /** An internal API call failed. */
  API_FAILED(7, UnavailableReason.IO_ERROR, false, "retry; if it persists, check 'amd-smi list' and dmesg"),
  /** The call timed out. */
  TIMEOUT(8, UnavailableReason.IO_ERROR, false, "retry; if it persists, check 'amd-smi list' and dmesg"),
  /** Retry the operation. */
  RETRY(9, UnavailableReason.IO_ERROR, false, "retry later"),
  /** Permission denied. */
  NO_PERM(10, UnavailableReason.PERMISSION_DENIED, true,
      "grant this user read/write access to /dev/kfd and /dev/dri/renderD* (the 'render' and 'video' groups:"
          + " sudo usermod -aG render,video $USER), or in a container pass --device=/dev/kfd --device=/dev/dri"
          + " --group-add render --group-add video"),
  /** An interrupt occurred. */
  INTERRUPT(11, UnavailableReason.IO_ERROR, false, "retry"),
  /** An input/output error. */
  IO(12, UnavailableReason.IO_ERROR, false, "retry; if it persists, check dmesg for amdgpu errors"),
  /** A bad address. */
  ADDRESS_FAULT(13, UnavailableReason.PROVIDER_ERROR, false, "report this to Ergon's authors"),
  /** A file could not be accessed (sysfs). */
  FILE_ERROR(14, UnavailableReason.IO_ERROR, false,
      "check that /sys/class/drm is readable (in a container, mount /sys read-only)"),
  /** Out of memory. */
  OUT_OF_RESOURCES(15, UnavailableReason.IO_ERROR, false, "free memory and retry"),
  /** AMD SMI caught an internal exception. */
  INTERNAL_EXCEPTION(16, UnavailableReason.PROVIDER_ERROR, false, "retry; report it to AMD if it persists"),
  /** An input was out of range: a bug in the binding. */
  INPUT_OUT_OF_BOUNDS(17, UnavailableReason.PROVIDER_ERROR, false, "report this to Ergon's authors"),
  /** AMD SMI failed to initialise its data structures. */
  INIT_ERROR(18, UnavailableReason.DRIVER_NOT_LOADED, true,
      "check that the amdgpu kernel driver is loaded (lsmod | grep amdgpu; 'amd-smi list'), or in a container pass"
          + " --device=/dev/kfd --device=/dev/dri"),
  /** An internal reference counter overflowed. */
  REFCOUNT_OVERFLOW(19, UnavailableReason.PROVIDER_ERROR, true, "report this to Ergon's authors"),
  /** The device is busy. */
  BUSY(30, UnavailableReason.IO_ERROR, false, "retry later"),
  /** The device was not found: it fell off the bus or was reset under AMD SMI. */
  NOT_FOUND(31, UnavailableReason.DEVICE_LOST, true,
      "the GPU is gone (fell off the bus, was reset or unbound); check dmesg for amdgpu errors, reset it"
          + " ('amd-smi reset -G') or reboot"),
  /** The device is not initialised. */
  NOT_INIT(32, UnavailableReason.PROVIDER_ERROR, false,
      "AMD SMI was shut down by other code in this process; report this to Ergon's authors"),
  /** No free slot. */
  NO_SLOT(33, UnavailableReason.IO_ERROR, false, "retry later"),
  /** The processor's driver is not loaded. */
  DRIVER_NOT_LOADED(34, UnavailableReason.DRIVER_NOT_LOADED, true,
      "load the amdgpu kernel driver (sudo modprobe amdgpu; check 'amd-smi list'), or in a container pass"
          + " --device=/dev/kfd --device=/dev/dri"),
  /** No data for the input. */
  NO_DATA(40, UnavailableReason.IO_ERROR, false, "retry later"),
  /** An output buffer was too small: a bug in the binding. */
  INSUFFICIENT_SIZE(41, UnavailableReason.PROVIDER_ERROR, false, "report this to Ergon's authors"),
  /** An unexpected amount of data was read. */
  UNEXPECTED_SIZE(42, UnavailableReason.IO_ERROR, false, "retry; a newer ROCm may read this firmware correctly"),
  /** Unexpected data was read. */
  UNEXPECTED_DATA(43, UnavailableReason.IO_ERROR, false, "retry; a newer ROCm may read this firmware correctly"),
  /** A file or directory was not found. */
  FILE_NOT_FOUND(52, UnavailableReason.NOT_SUPPORTED, true,
      "the amdgpu driver does not offer this file for this GPU; a newer driver may"),
  /** The internal error did not map to a status code. */
  MAP_ERROR(0xFFFF_FFFE, UnavailableReason.PROVIDER_ERROR, false, "check dmesg; report it to AMD if it persists"),
  /** An unknown error, or a code this table does not know. */
  UNKNOWN_ERROR(0xFFFF_FFFF, UnavailableReason.PROVIDER_ERROR, false, "check dmesg; report it to AMD if it persists");

  private final int code;
  private final UnavailableReason reason;
  private final boolean permanent;
  private final String remedy;

  AmdSmiStatus(int code, UnavailableReason reason, boolean permanent, String remedy) {
    this.code = code;
    this.reason = reason;
    this.permanent = permanent;
    this.remedy = remedy;
  }

  /**
   * Returns the status of a code.
   *
   * @param code the {@code amdsmi_status_t} value
   * @return the status, {@link #UNKNOWN_ERROR} for a code this table does not know
   */
  public static AmdSmiStatus of(int code) {
    for (AmdSmiStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return UNKNOWN_ERROR;
  }

  /**
   * Returns the numeric code.
   *
   * @return the {@code amdsmi_status_t} value
   */
  public int code() {
    return code;
  }

  /**
   * Returns the C name.
   *
   * @return e.g. {@code AMDSMI_STATUS_NO_PERM}
   */
  public String cName() {
    return "AMDSMI_STATUS_" + name();
  }

  /**
   * Returns the Ergon reason a failure with this code maps to.
   *
   * @return the reason
   */
  public UnavailableReason reason() {
    return reason;
  }

  /**
   * Tells whether a device that answers this will never answer otherwise in this session.
   *
   * @return true for a lost device, a missing permission or an unsupported query
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
