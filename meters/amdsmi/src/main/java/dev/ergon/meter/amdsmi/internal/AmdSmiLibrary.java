package dev.ergon.meter.amdsmi.internal;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.FloatByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The AMD SMI functions Ergon calls, bound by exported symbol name through JNA.
 *
 * <p>Handles ({@code amdsmi_socket_handle}, {@code amdsmi_processor_handle}) are pointers. Each method returns the raw
 * {@code amdsmi_status_t} (see {@link AmdSmiStatus}); an optional function that this library does not export answers
 * {@link AmdSmiStatus#NOT_SUPPORTED}. Units are AMD SMI's: the energy accumulator counts ticks of
 * {@code counter_resolution} µJ, power is in W, power caps in µW.
 *
 * <p>Structures whose layout changed between releases ({@code amdsmi_version_t}, {@code amdsmi_power_info_t}) are
 * passed as zeroed native buffers larger than any layout and read by {@link PowerInfoLayout}.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it holds no mutable state, and AMD SMI
 * serialises calls on a device internally.
 */
public final class AmdSmiLibrary {

  /** {@code AMDSMI_INIT_AMD_GPUS}: discover AMD GPUs only. */
  public static final long INIT_AMD_GPUS = 1L << 1;

  /** {@code AMDSMI_PROCESSOR_TYPE_AMD_GPU}. */
  public static final int PROCESSOR_TYPE_AMD_GPU = 1;

  /** Bytes allocated for the UUID: {@code AMDSMI_GPU_UUID_SIZE} (38) with room to spare. */
  public static final int UUID_BUFFER_SIZE = 64;

  /** Bytes allocated for structures read through {@link PowerInfoLayout}: more than any release's layout. */
  public static final int STRUCT_BUFFER_SIZE = 512;

  private static final Object[] NO_ARGUMENTS = {};
  private static final String JNA_REMEDY =
      "let JNA unpack its native library into a writable directory that allows execution: set the system property"
          + " jna.tmpdir (e.g. -Djna.tmpdir=$HOME/.cache/jna)";
  private static final int NOT_SUPPORTED = AmdSmiStatus.NOT_SUPPORTED.code();

  private final String location;
  private final Function init;
  private final Function shutDown;
  private final Function socketHandles;
  private final Function processorHandles;
  private final @Nullable Function processorType;
  private final @Nullable Function uuid;
  private final @Nullable Function bdf;
  private final @Nullable Function energyCount;
  private final @Nullable Function powerInfo;
  private final @Nullable Function powerCapInfo;
  private final @Nullable Function libVersion;
  private final @Nullable Function statusString;

  private AmdSmiLibrary(String location, NativeLibrary library) {
    this.location = location;
    this.init = required(library, "amdsmi_init");
    this.shutDown = required(library, "amdsmi_shut_down");
    this.socketHandles = required(library, "amdsmi_get_socket_handles");
    this.processorHandles = required(library, "amdsmi_get_processor_handles");
    this.processorType = optional(library, "amdsmi_get_processor_type");
    this.uuid = optional(library, "amdsmi_get_gpu_device_uuid");
    this.bdf = optional(library, "amdsmi_get_gpu_device_bdf");
    this.energyCount = optional(library, "amdsmi_get_energy_count");
    this.powerInfo = optional(library, "amdsmi_get_power_info");
    this.powerCapInfo = optional(library, "amdsmi_get_power_cap_info");
    this.libVersion = optional(library, "amdsmi_get_lib_version");
    this.statusString = optional(library, "amdsmi_status_code_to_string");
  }

  /**
   * Loads a library and binds its AMD SMI symbols.
   *
   * @param nameOrPath a file name searched by the dynamic linker ({@code libamd_smi.so}) or an absolute path
   * @return the bound library
   * @throws LoadFailure if it cannot be loaded or is not AMD SMI (a required symbol is missing)
   */
  public static AmdSmiLibrary load(String nameOrPath) throws LoadFailure {
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
      return new AmdSmiLibrary(library.getFile() != null ? library.getFile().getPath() : nameOrPath, library);
    } catch (MissingSymbol e) {
      throw new LoadFailure(nameOrPath + " is not AMD SMI: it exports no symbol " + e.getMessage(), "");
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
   * Calls {@code amdsmi_init(flags)}. AMD SMI counts initialisations; each needs one shutdown.
   *
   * @param flags {@link #INIT_AMD_GPUS}
   * @return the status
   */
  public int init(long flags) {
    return init.invokeInt(new Object[] {flags});
  }

  /**
   * Calls {@code amdsmi_shut_down}.
   *
   * @return the status
   */
  public int shutDown() {
    return shutDown.invokeInt(NO_ARGUMENTS);
  }

  /**
   * Calls {@code amdsmi_get_socket_handles}.
   *
   * @param count in: the capacity of {@code handles}; out: the number of sockets (written, or present when
   *     {@code handles} is null)
   * @param handles room for {@code count} pointers, or {@code null} to ask for the count
   * @return the status
   */
  public int socketHandles(IntByReference count, @Nullable Memory handles) {
    return socketHandles.invokeInt(new Object[] {count, handles});
  }

  /**
   * Calls {@code amdsmi_get_processor_handles}.
   *
   * @param socket a socket handle
   * @param count in: the capacity of {@code handles}; out: the number of processors
   * @param handles room for {@code count} pointers, or {@code null} to ask for the count
   * @return the status
   */
  public int processorHandles(Pointer socket, IntByReference count, @Nullable Memory handles) {
    return processorHandles.invokeInt(new Object[] {socket, count, handles});
  }

  /**
   * Calls {@code amdsmi_get_processor_type}.
   *
   * @param processor the handle
   * @param type receives {@code processor_type_t} ({@link #PROCESSOR_TYPE_AMD_GPU} for an AMD GPU)
   * @return the status
   */
  public int processorType(Pointer processor, IntByReference type) {
    return processorType == null ? NOT_SUPPORTED : processorType.invokeInt(new Object[] {processor, type});
  }

  /**
   * Calls {@code amdsmi_get_gpu_device_uuid}.
   *
   * @param processor the handle
   * @param buffer receives the NUL-terminated UUID; {@link #UUID_BUFFER_SIZE} bytes
   * @return the status
   */
  public int uuid(Pointer processor, byte[] buffer) {
    return uuid == null
        ? NOT_SUPPORTED
        : uuid.invokeInt(new Object[] {processor, new IntByReference(buffer.length), buffer});
  }

  /**
   * Calls {@code amdsmi_get_gpu_device_bdf}.
   *
   * @param processor the handle
   * @param bdf receives {@code amdsmi_bdf_t} as one 64-bit word (see {@link #bdfString(long)})
   * @return the status
   */
  public int bdf(Pointer processor, LongByReference bdf) {
    return this.bdf == null ? NOT_SUPPORTED : this.bdf.invokeInt(new Object[] {processor, bdf});
  }

  /**
   * Calls {@code amdsmi_get_energy_count}: the energy accumulator since the driver loaded.
   *
   * @param processor the handle
   * @param ticks receives the unsigned 64-bit accumulator, in ticks of {@code resolution}
   * @param resolution receives the µJ per tick (15.259 µJ on MI200 and MI300)
   * @param timestamp receives the time of the accumulator's last update, in ns
   * @return the status; {@code NOT_SUPPORTED} on virtual machine guests and GPUs without the counter
   */
  public int energyCount(Pointer processor, LongByReference ticks, FloatByReference resolution,
      LongByReference timestamp) {
    return energyCount == null
        ? NOT_SUPPORTED
        : energyCount.invokeInt(new Object[] {processor, ticks, resolution, timestamp});
  }

  /**
   * Calls {@code amdsmi_get_power_info}.
   *
   * @param processor the handle
   * @param info a zeroed buffer of {@link #STRUCT_BUFFER_SIZE} bytes; read it with {@link PowerInfoLayout}
   * @return the status
   */
  public int powerInfo(Pointer processor, Memory info) {
    return powerInfo == null ? NOT_SUPPORTED : powerInfo.invokeInt(new Object[] {processor, info});
  }

  /**
   * Calls {@code amdsmi_get_power_cap_info} for sensor 0.
   *
   * @param processor the handle
   * @param info a zeroed buffer of {@link #STRUCT_BUFFER_SIZE} bytes: five {@code uint64_t} (power cap, default
   *     cap, DPM cap, minimum cap, maximum cap, in µW except the DPM cap) and reserved words
   * @return the status
   */
  public int powerCapInfo(Pointer processor, Memory info) {
    return powerCapInfo == null ? NOT_SUPPORTED : powerCapInfo.invokeInt(new Object[] {processor, 0, info});
  }

  /**
   * Calls {@code amdsmi_get_lib_version}.
   *
   * @param version a zeroed buffer of {@link #STRUCT_BUFFER_SIZE} bytes; read it with {@link PowerInfoLayout}
   * @return the status
   */
  public int libVersion(Memory version) {
    return libVersion == null ? NOT_SUPPORTED : libVersion.invokeInt(new Object[] {version});
  }

  /**
   * Describes a failed call for a message: the symbol, what it was about, the code with its C name and AMD SMI's own
   * text.
   *
   * @param symbol the function called, e.g. {@code amdsmi_get_energy_count}
   * @param subject what it was called on, e.g. a GPU UUID; empty for library-wide calls
   * @param code the status
   * @return e.g. {@code amdsmi_get_energy_count(0000:c1:00.0) in /opt/rocm/lib/libamd_smi.so returned
   *     AMDSMI_STATUS_NOT_FOUND (31, "Device Not found")}
   */
  public String describe(String symbol, String subject, int code) {
    AmdSmiStatus s = AmdSmiStatus.of(code);
    String text = statusText(code);
    return symbol + "(" + subject + ") in " + location + " returned "
        + (s == AmdSmiStatus.UNKNOWN_ERROR && code != s.code() ? "unknown code" : s.cName())
        + " (" + Integer.toUnsignedString(code) + (text.isEmpty() ? "" : ", \"" + text + "\"") + ")";
  }

  private String statusText(int code) {
    if (statusString == null) {
      return "";
    }
    PointerByReference text = new PointerByReference();
    if (statusString.invokeInt(new Object[] {code, text}) != AmdSmiStatus.SUCCESS.code() || text.getValue() == null) {
      return "";
    }
    String s = text.getValue().getString(0, StandardCharsets.UTF_8.name());
    return s.length() > 200 ? s.substring(0, 200) : s;
  }

  /**
   * Formats an {@code amdsmi_bdf_t}: function 3 bits, device 5, bus 8, domain 48.
   *
   * @param bdf the word
   * @return e.g. {@code 0000:c1:00.0}
   */
  public static String bdfString(long bdf) {
    long function = bdf & 0x7;
    long device = (bdf >>> 3) & 0x1f;
    long bus = (bdf >>> 8) & 0xff;
    long domain = bdf >>> 16;
    return String.format(java.util.Locale.US, "%04x:%02x:%02x.%x", domain, bus, device, function);
  }

  /**
   * Converts a NUL-terminated byte buffer filled by AMD SMI into a string.
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

  static String firstLine(@Nullable String message) {
    if (message == null) {
      return "no reason given";
    }
    String line = message.lines().findFirst().orElse("").strip();
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  private static Function required(NativeLibrary library, String name) {
    Function f = optional(library, name);
    if (f == null) {
      throw new MissingSymbol(name);
    }
    return f;
  }

  private static @Nullable Function optional(NativeLibrary library, String name) {
    try {
      return library.getFunction(name);
    } catch (UnsatisfiedLinkError e) {
      return null;
    }
  }

  /** Why a library could not be loaded as AMD SMI. Carries no stack trace: it is an answer, not a bug. */
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
     * @return the remedy, or empty when the general one (install ROCm, set the path) applies
     */
    public String remedy() {
      return remedy;
    }
  }

  /** A required symbol is absent: the library is not AMD SMI. */
  private static final class MissingSymbol extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingSymbol(String symbol) {
      super(symbol, null, false, false);
    }
  }
}
