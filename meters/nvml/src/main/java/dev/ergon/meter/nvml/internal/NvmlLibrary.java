package dev.ergon.meter.nvml.internal;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The NVML functions Ergon calls, bound by exported symbol name through JNA.
 *
 * <p>JNA binds symbols, not the header's macros: {@code nvmlInit} in C is {@code #define nvmlInit nvmlInit_v2},
 * so the versioned symbols ({@code nvmlInit_v2}, {@code nvmlDeviceGetCount_v2},
 * {@code nvmlDeviceGetHandleByIndex_v2}) are bound first and the legacy v1 names only where a versioned symbol is
 * absent (drivers older than the v2 API), as go-nvml's {@code updateVersionedSymbols()} does. Device handles
 * ({@code nvmlDevice_t}) are pointers, never {@code long}s.
 *
 * <p>Each method returns the raw {@code nvmlReturn_t} (see {@link NvmlReturn}); an optional function that this
 * library does not export answers {@link NvmlReturn#ERROR_FUNCTION_NOT_FOUND}, as NVML itself does for functions
 * a driver lacks. Units are NVML's: energy in mJ, power in mW.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: "NVML is thread-safe so it is safe to
 * make simultaneous NVML calls from multiple threads" (nvml.h), and this class holds no mutable state.
 */
public final class NvmlLibrary {

  /** {@code NVML_DEVICE_NAME_V2_BUFFER_SIZE} and {@code NVML_DEVICE_UUID_V2_BUFFER_SIZE}: 96 bytes with the NUL. */
  public static final int STRING_BUFFER_SIZE = 96;

  /**
   * The size of {@code nvmlProcessInfo_t} (v2 layout), in bytes: {@code unsigned int pid}, 4 bytes of padding,
   * {@code unsigned long long usedGpuMemory}, {@code unsigned int gpuInstanceId}, {@code unsigned int
   * computeInstanceId}.
   */
  public static final int PROCESS_INFO_SIZE = 24;

  private static final Object[] NO_ARGUMENTS = {};
  private static final String JNA_REMEDY =
      "let JNA unpack its native library into a writable directory that allows execution: set the system property"
          + " jna.tmpdir (e.g. -Djna.tmpdir=$HOME/.cache/jna)";
  private static final int FUNCTION_NOT_FOUND = NvmlReturn.ERROR_FUNCTION_NOT_FOUND.code();

  private final String location;
  private final Function init;
  private final Function shutdown;
  private final Function count;
  private final Function handleByIndex;
  private final Function uuid;
  private final Function name;
  private final @Nullable Function errorString;
  private final @Nullable Function totalEnergy;
  private final @Nullable Function powerUsage;
  private final @Nullable Function architecture;
  private final @Nullable Function migMode;
  private final @Nullable Function limitConstraints;
  private final @Nullable Function enforcedLimit;
  private final @Nullable Function handleByUuid;
  private final @Nullable Function parentOfMig;
  private final @Nullable Function computeProcesses;

  private NvmlLibrary(String location, NativeLibrary library) {
    this.location = location;
    this.init = required(library, "nvmlInit_v2", "nvmlInit");
    this.shutdown = required(library, "nvmlShutdown");
    this.count = required(library, "nvmlDeviceGetCount_v2", "nvmlDeviceGetCount");
    this.handleByIndex = required(library, "nvmlDeviceGetHandleByIndex_v2", "nvmlDeviceGetHandleByIndex");
    this.uuid = required(library, "nvmlDeviceGetUUID");
    this.name = required(library, "nvmlDeviceGetName");
    this.errorString = optional(library, "nvmlErrorString");
    this.totalEnergy = optional(library, "nvmlDeviceGetTotalEnergyConsumption");
    this.powerUsage = optional(library, "nvmlDeviceGetPowerUsage");
    this.architecture = optional(library, "nvmlDeviceGetArchitecture");
    this.migMode = optional(library, "nvmlDeviceGetMigMode");
    this.limitConstraints = optional(library, "nvmlDeviceGetPowerManagementLimitConstraints");
    this.enforcedLimit = optional(library, "nvmlDeviceGetEnforcedPowerLimit");
    this.handleByUuid = optional(library, "nvmlDeviceGetHandleByUUID");
    this.parentOfMig = optional(library, "nvmlDeviceGetDeviceHandleFromMigDeviceHandle");
    // _v3 and _v2 both take the 24-byte nvmlProcessInfo_t; the v1 symbol takes a 16-byte struct and is not bound.
    this.computeProcesses = find(library,
        "nvmlDeviceGetComputeRunningProcesses_v3", "nvmlDeviceGetComputeRunningProcesses_v2");
  }

  /**
   * Loads a library and binds its NVML symbols.
   *
   * @param nameOrPath a file name searched by the dynamic linker ({@code libnvidia-ml.so.1}) or an absolute path
   * @return the bound library
   * @throws LoadFailure if it cannot be loaded or is not NVML (a required symbol is missing)
   */
  public static NvmlLibrary load(String nameOrPath) throws LoadFailure {
    try {
      if (Native.POINTER_SIZE <= 0) {
        throw new LoadFailure("JNA reports a pointer size of " + Native.POINTER_SIZE, JNA_REMEDY);
      }
    } catch (LinkageError e) {
      throw new LoadFailure(
          "JNA's native part (jnidispatch) could not be loaded (" + firstLine(e.getMessage()) + ")", JNA_REMEDY);
    }
    NativeLibrary library;
    try {
      library = NativeLibrary.getInstance(nameOrPath);
    } catch (UnsatisfiedLinkError e) {
      throw new LoadFailure(nameOrPath + " could not be loaded (" + firstLine(e.getMessage()) + ")", "");
    }
    try {
      return new NvmlLibrary(library.getFile() != null ? library.getFile().getPath() : nameOrPath, library);
    } catch (MissingSymbol e) {
      throw new LoadFailure(nameOrPath + " is not NVML: it exports no symbol " + e.getMessage(), "");
    }
  }

  /**
   * Returns where the library was loaded from.
   *
   * @return the file path, or the name given when the dynamic linker did not say
   */
  public String location() {
    return location;
  }

  /**
   * Returns the symbols bound for the functions that have a versioned and a legacy name, for diagnostics.
   *
   * @return e.g. {@code [nvmlInit_v2, nvmlDeviceGetCount_v2, nvmlDeviceGetHandleByIndex_v2]}
   */
  public List<String> versionedSymbols() {
    return List.of(init.getName(), count.getName(), handleByIndex.getName());
  }

  /**
   * Returns the name of the symbol bound for initialisation, for messages.
   *
   * @return {@code nvmlInit_v2}, or {@code nvmlInit} on a driver without the v2 API
   */
  public String initSymbol() {
    return init.getName();
  }

  /**
   * Returns the name of the symbol bound for counting devices, for messages.
   *
   * @return {@code nvmlDeviceGetCount_v2} or {@code nvmlDeviceGetCount}
   */
  public String countSymbol() {
    return count.getName();
  }

  /**
   * Returns the name of the symbol bound for device handles by index, for messages.
   *
   * @return {@code nvmlDeviceGetHandleByIndex_v2} or {@code nvmlDeviceGetHandleByIndex}
   */
  public String handleByIndexSymbol() {
    return handleByIndex.getName();
  }

  /**
   * Calls {@code nvmlInit_v2} (or {@code nvmlInit}). NVML counts initialisations; each needs one shutdown.
   *
   * @return the return code
   */
  public int init() {
    return init.invokeInt(NO_ARGUMENTS);
  }

  /**
   * Calls {@code nvmlShutdown}.
   *
   * @return the return code
   */
  public int shutdown() {
    return shutdown.invokeInt(NO_ARGUMENTS);
  }

  /**
   * Calls {@code nvmlDeviceGetCount_v2}: every device, even those this process may not open.
   *
   * @param count receives the number of devices
   * @return the return code
   */
  public int deviceCount(IntByReference count) {
    return this.count.invokeInt(new Object[] {count});
  }

  /**
   * Calls {@code nvmlDeviceGetHandleByIndex_v2}.
   *
   * @param index the NVML index, {@code 0 <= index < count}; not stable across reboots
   * @param handle receives the device handle
   * @return the return code
   */
  public int handleByIndex(int index, PointerByReference handle) {
    return handleByIndex.invokeInt(new Object[] {index, handle});
  }

  /**
   * Calls {@code nvmlDeviceGetUUID}.
   *
   * @param device the handle
   * @param buffer receives the NUL-terminated UUID, {@link #STRING_BUFFER_SIZE} bytes
   * @return the return code
   */
  public int uuid(Pointer device, byte[] buffer) {
    return uuid.invokeInt(new Object[] {device, buffer, buffer.length});
  }

  /**
   * Calls {@code nvmlDeviceGetName}.
   *
   * @param device the handle
   * @param buffer receives the NUL-terminated name, {@link #STRING_BUFFER_SIZE} bytes
   * @return the return code
   */
  public int name(Pointer device, byte[] buffer) {
    return name.invokeInt(new Object[] {device, buffer, buffer.length});
  }

  /**
   * Calls {@code nvmlDeviceGetTotalEnergyConsumption}: energy since the driver was last reloaded.
   *
   * @param device the handle
   * @param millijoules receives the unsigned counter in mJ
   * @return the return code; {@code NOT_SUPPORTED} before Volta
   */
  public int totalEnergyConsumption(Pointer device, LongByReference millijoules) {
    return totalEnergy == null ? FUNCTION_NOT_FOUND : totalEnergy.invokeInt(new Object[] {device, millijoules});
  }

  /**
   * Calls {@code nvmlDeviceGetPowerUsage}: the power of the GPU and its memory, a 1 s average on Ampere (except
   * GA100) and newer, instantaneous before.
   *
   * @param device the handle
   * @param milliwatts receives the unsigned power in mW
   * @return the return code
   */
  public int powerUsage(Pointer device, IntByReference milliwatts) {
    return powerUsage == null ? FUNCTION_NOT_FOUND : powerUsage.invokeInt(new Object[] {device, milliwatts});
  }

  /**
   * Calls {@code nvmlDeviceGetArchitecture}.
   *
   * @param device the handle
   * @param architecture receives {@code nvmlDeviceArchitecture_t} (5 = Volta, 9 = Hopper)
   * @return the return code
   */
  public int architecture(Pointer device, IntByReference architecture) {
    return this.architecture == null
        ? FUNCTION_NOT_FOUND
        : this.architecture.invokeInt(new Object[] {device, architecture});
  }

  /**
   * Calls {@code nvmlDeviceGetMigMode}.
   *
   * @param device the handle
   * @param current receives the current mode (1 = MIG enabled)
   * @param pending receives the mode after the next reset
   * @return the return code
   */
  public int migMode(Pointer device, IntByReference current, IntByReference pending) {
    return migMode == null ? FUNCTION_NOT_FOUND : migMode.invokeInt(new Object[] {device, current, pending});
  }

  /**
   * Calls {@code nvmlDeviceGetPowerManagementLimitConstraints}.
   *
   * @param device the handle
   * @param minMilliwatts receives the lowest settable power limit in mW
   * @param maxMilliwatts receives the highest settable power limit in mW
   * @return the return code
   */
  public int powerLimitConstraints(Pointer device, IntByReference minMilliwatts, IntByReference maxMilliwatts) {
    return limitConstraints == null
        ? FUNCTION_NOT_FOUND
        : limitConstraints.invokeInt(new Object[] {device, minMilliwatts, maxMilliwatts});
  }

  /**
   * Calls {@code nvmlDeviceGetEnforcedPowerLimit}.
   *
   * @param device the handle
   * @param milliwatts receives the limit in force after all limiters, in mW
   * @return the return code
   */
  public int enforcedPowerLimit(Pointer device, IntByReference milliwatts) {
    return enforcedLimit == null ? FUNCTION_NOT_FOUND : enforcedLimit.invokeInt(new Object[] {device, milliwatts});
  }

  /**
   * Calls {@code nvmlDeviceGetHandleByUUID}; accepts GPU and MIG UUIDs.
   *
   * @param uuid the UUID, e.g. {@code GPU-8f2a...} or {@code MIG-...}
   * @param handle receives the handle
   * @return the return code
   */
  public int handleByUuid(String uuid, PointerByReference handle) {
    return handleByUuid == null ? FUNCTION_NOT_FOUND : handleByUuid.invokeInt(new Object[] {cString(uuid), handle});
  }

  /**
   * Calls {@code nvmlDeviceGetDeviceHandleFromMigDeviceHandle}.
   *
   * @param mig a MIG device handle
   * @param parent receives the handle of the physical GPU
   * @return the return code
   */
  public int parentOfMig(Pointer mig, PointerByReference parent) {
    return parentOfMig == null ? FUNCTION_NOT_FOUND : parentOfMig.invokeInt(new Object[] {mig, parent});
  }

  /**
   * Calls {@code nvmlDeviceGetComputeRunningProcesses_v3} (or {@code _v2}, same layout).
   *
   * @param device the handle
   * @param count in: the capacity of {@code infos} in entries; out: the number of processes
   * @param infos an array of {@link #PROCESS_INFO_SIZE}-byte {@code nvmlProcessInfo_t}, or {@code null} with a
   *     capacity of 0 to ask for the count
   * @return the return code; {@code INSUFFICIENT_SIZE} when the array is too small (the count is then set)
   */
  public int computeRunningProcesses(Pointer device, IntByReference count, @Nullable Pointer infos) {
    return computeProcesses == null
        ? FUNCTION_NOT_FOUND
        : computeProcesses.invokeInt(new Object[] {device, count, infos});
  }

  /**
   * Returns the name of the symbol bound for process lists, for messages.
   *
   * @return e.g. {@code nvmlDeviceGetComputeRunningProcesses_v3}, or empty if the driver has none
   */
  public String computeRunningProcessesSymbol() {
    return computeProcesses == null ? "" : computeProcesses.getName();
  }

  /**
   * Describes a failed call for a message: the symbol, what it was about, the code with its C name and NVML's own
   * text.
   *
   * @param symbol the function called, e.g. {@code nvmlDeviceGetPowerUsage}
   * @param subject what it was called on, e.g. a GPU UUID; empty for library-wide calls
   * @param code the return code
   * @return e.g. {@code nvmlDeviceGetPowerUsage(GPU-1234) returned NVML_ERROR_GPU_IS_LOST (15, "GPU is lost")}
   */
  public String describe(String symbol, String subject, int code) {
    NvmlReturn r = NvmlReturn.of(code);
    String text = errorText(code);
    return symbol + "(" + subject + ") in " + location + " returned "
        + (r == NvmlReturn.ERROR_UNKNOWN && code != r.code() ? "unknown code" : r.cName())
        + " (" + code + (text.isEmpty() ? "" : ", \"" + text + "\"") + ")";
  }

  private String errorText(int code) {
    if (errorString == null) {
      return "";
    }
    String s = errorString.invokeString(new Object[] {code}, false);
    return s == null ? "" : s;
  }

  /**
   * Converts a NUL-terminated byte buffer filled by NVML into a string.
   *
   * @param buffer the buffer
   * @return the text before the first NUL, decoded as UTF-8
   */
  public static String string(byte[] buffer) {
    int n = 0;
    while (n < buffer.length && buffer[n] != 0) {
      n++;
    }
    return new String(buffer, 0, n, StandardCharsets.UTF_8);
  }

  private static byte[] cString(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, out, 0, bytes.length);
    return out;
  }

  static String firstLine(@Nullable String message) {
    if (message == null) {
      return "no reason given";
    }
    String line = message.lines().findFirst().orElse("").strip();
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  private static Function required(NativeLibrary library, String... names) {
    Function f = find(library, names);
    if (f == null) {
      throw new MissingSymbol(String.join(" or ", names));
    }
    return f;
  }

  private static @Nullable Function optional(NativeLibrary library, String name) {
    return find(library, name);
  }

  private static @Nullable Function find(NativeLibrary library, String... names) {
    for (String n : names) {
      try {
        return library.getFunction(n);
      } catch (UnsatisfiedLinkError e) {
        // absent: try the next name
      }
    }
    return null;
  }

  /** Why a library could not be loaded as NVML. Carries no stack trace: it is an answer, not a bug. */
  public static final class LoadFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final String remedy;

    LoadFailure(String message, String remedy) {
      super(message, null, false, false);
      this.remedy = remedy;
    }

    /**
     * Returns a remedy specific to this failure.
     *
     * @return the remedy, or empty when the general one (install the driver, set the path) applies
     */
    public String remedy() {
      return remedy;
    }
  }

  /** A required symbol is absent: the library is not NVML. */
  private static final class MissingSymbol extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingSymbol(String symbols) {
      super(symbols, null, false, false);
    }
  }
}
