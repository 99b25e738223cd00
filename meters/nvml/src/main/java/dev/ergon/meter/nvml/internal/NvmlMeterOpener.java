package dev.ergon.meter.nvml.internal;

import com.sun.jna.Pointer;
import dev.ergon.Configuration;
import dev.ergon.MeterUnavailableException;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import dev.ergon.spi.ChannelFault;
import dev.ergon.ChannelKind;
import dev.ergon.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Opens an NVML meter: loads the library, initialises NVML, discovers the GPUs, applies
 * {@code CUDA_VISIBLE_DEVICES}, and builds one channel and one reader per selected GPU.
 *
 * <p>Channels: id {@code gpu/<UUID>} (UUIDs are stable, NVML indices are not), kind {@link ChannelKind#GPU},
 * device {@code <name> (<UUID>, index N)}.
 * <ul>
 *   <li>{@link Method#COUNTER} where the GPU has an energy counter (Volta and newer): the counter in µJ, no wrap
 *       range (a decrease is a driver reset, which core drops), read at least every second, relative uncertainty
 *       {@value #COUNTER_UNCERTAINTY} (NVIDIA states ±5 % for the power sensor the counter integrates);</li>
 *   <li>{@link Method#INTEGRATED_POWER} otherwise: power integrated at every reading, read at least every
 *       {@code 100 ms}, relative uncertainty {@value #INTEGRATED_UNCERTAINTY} (the sensor's ±5 %, plus sampling:
 *       power between samples is interpolated, and on Ampere and newer each reading is a 1 s average);</li>
 *   <li>a GPU that cannot be metered keeps a channel whose every reading is a permanent fault naming the reason, so
 *       records show it as missing rather than as zero (its id is {@code gpu/nvml-index-N} when even the UUID is
 *       unknown).</li>
 * </ul>
 * Channels of GPUs in MIG mode carry a note that the energy is of the whole physical GPU.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe; each call opens its own
 * NVML session.
 */
public final class NvmlMeterOpener {

  /** Relative standard uncertainty of an energy-counter channel. */
  public static final double COUNTER_UNCERTAINTY = 0.05;

  /** Relative standard uncertainty of an integrated-power channel. */
  public static final double INTEGRATED_UNCERTAINTY = 0.10;

  /** The longest interval between two readings of an energy-counter channel: bounds what a driver reset loses. */
  public static final Duration COUNTER_POLL = Duration.ofSeconds(1);

  /** The longest interval between two power samples of an integrated-power channel. */
  public static final Duration POWER_POLL = Duration.ofMillis(100);

  private final Configuration config;
  private final EnvironmentVariables environment;
  private final String osName;

  /**
   * Creates an opener.
   *
   * @param config the configuration ({@code ergon.nvml.library})
   * @param environment the process environment ({@code CUDA_VISIBLE_DEVICES}, {@code CUDA_DEVICE_ORDER}, and
   *     on Windows {@code WINDIR}, {@code ProgramW6432})
   * @param osName the {@code os.name} system property
   */
  public NvmlMeterOpener(Configuration config, EnvironmentVariables environment, String osName) {
    this.config = config;
    this.environment = environment;
    this.osName = osName;
  }

  /**
   * Opens a meter.
   *
   * @return the meter, owning one NVML initialisation
   * @throws MeterUnavailableException if NVML is missing or fails to initialise, sees no GPU, none is visible
   *     through {@code CUDA_VISIBLE_DEVICES}, or none of the visible GPUs can be metered
   */
  public NvmlMeter open() {
    NvmlLibrary nvml = new NvmlLibraryLocation(config, environment, osName).load();
    NvmlSession session = NvmlSession.start(nvml);
    try {
      return build(session);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /**
   * Tells whether a meter could be opened, and what it would meter. Opens and closes one NVML session.
   *
   * @return the availability; never throws
   */
  public Availability probe() {
    try (NvmlMeter meter = open()) {
      String gpus = meter.channels().stream()
          .map(c -> c.device() + ": " + describe(c.method()))
          .collect(Collectors.joining("; "));
      int n = meter.channels().size();
      return Availability.available(n + (n == 1 ? " GPU" : " GPUs") + " through NVML " + meter.location()
          + (CudaVisibleDevices.from(environment).isSet() ? " (" + CudaVisibleDevices.from(environment) + ")" : "")
          + ": " + gpus);
    } catch (MeterUnavailableException e) {
      String message = String.valueOf(e.getMessage());
      String suffix = "; " + e.remedy();
      if (!e.remedy().isEmpty() && message.endsWith(suffix)) {
        message = message.substring(0, message.length() - suffix.length());
      }
      return Availability.unavailable(e.reason(), message, e.remedy());
    } catch (RuntimeException | LinkageError e) {
      return Availability.unavailable(UnavailableReason.PROVIDER_ERROR,
          "probing NVML failed: " + e, "report this to Ergon's authors");
    }
  }

  private static String describe(Method method) {
    return switch (method) {
      case COUNTER -> "energy counter";
      case INTEGRATED_POWER -> "integrated power";
      case MODEL -> "model";
    };
  }

  private NvmlMeter build(NvmlSession session) {
    NvmlLibrary nvml = session.library();
    GpuDiscovery discovery = new GpuDiscovery(nvml);
    List<DiscoveredGpu> all = discovery.discover();
    if (all.isEmpty()) {
      throw new MeterUnavailableException(UnavailableReason.NOT_PRESENT,
          "NVML " + nvml.location() + " sees no GPU",
          "check that the GPUs are present and the driver sees them ('nvidia-smi -L'); in a container, run it with"
              + " the NVIDIA Container Toolkit (--gpus)");
    }
    CudaVisibleDevices visible = CudaVisibleDevices.from(environment);
    List<CudaVisibleDevices.Selected> selected = visible.select(all, discovery::parentOfMig);
    if (selected.isEmpty()) {
      throw new MeterUnavailableException(UnavailableReason.NOT_PRESENT,
          visible + " selects none of the " + all.size() + " GPUs NVML sees ("
              + all.stream().map(DiscoveredGpu::description).collect(Collectors.joining(", ")) + ")",
          "this process can use no GPU, so there is nothing to meter; to meter GPUs, name them in "
              + CudaVisibleDevices.VARIABLE + " by CUDA index or UUID, or unset it");
    }
    if (selected.stream().allMatch(s -> s.gpu().fault() != null)) {
      DiscoveredGpu first = selected.get(0).gpu();
      ChannelFault fault = first.fault();
      throw new MeterUnavailableException(
          fault == null ? UnavailableReason.PROVIDER_ERROR : fault.reason(),
          selected.stream()
              .map(s -> {
                ChannelFault f = s.gpu().fault();
                return f == null ? "" : f.message();
              })
              .collect(Collectors.joining("; ")),
          first.remedy());
    }
    List<Channel> channels = new ArrayList<>();
    List<GpuReader> readers = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (CudaVisibleDevices.Selected s : selected) {
      DiscoveredGpu gpu = s.gpu();
      String id = uniqueId(channelId(gpu), ids);
      channels.add(new Channel(id, ChannelKind.GPU, gpu.description(), gpu.method(),
          gpu.method() == Method.COUNTER ? COUNTER_UNCERTAINTY : INTEGRATED_UNCERTAINTY,
          null,
          gpu.method() == Method.COUNTER ? COUNTER_POLL : POWER_POLL,
          gpu.maxPower(),
          notes(gpu, s.notes())));
      readers.add(reader(nvml, gpu));
    }
    return new NvmlMeter(session, channels, readers);
  }

  private static GpuReader reader(NvmlLibrary nvml, DiscoveredGpu gpu) {
    ChannelFault fault = gpu.fault();
    Pointer handle = gpu.handle();
    String uuid = gpu.uuid();
    if (fault != null || handle == null || uuid == null) {
      return new FaultedReader(fault == null
          ? new ChannelFault(UnavailableReason.PROVIDER_ERROR, "GPU " + gpu.description() + " has no handle", true)
          : new ChannelFault(fault.reason(),
              fault.message() + (gpu.remedy().isEmpty() ? "" : "; " + gpu.remedy()), true));
    }
    if (gpu.method() == Method.COUNTER) {
      return new CounterReader(nvml, handle, uuid);
    }
    return new PowerReader(nvml, handle, uuid, Math.round(gpu.maxPower().watts() * 1000 * PowerReader.SPIKE_FACTOR));
  }

  private static List<String> notes(DiscoveredGpu gpu, List<String> selectionNotes) {
    List<String> notes = new ArrayList<>();
    if (gpu.migEnabled()) {
      notes.add("MIG mode is enabled on " + gpu.uuid() + ": NVML reports energy for the whole physical GPU only,"
          + " so this energy covers every MIG instance on it; per-job attribution of this GPU is unsupported");
    }
    if (gpu.fault() == null && gpu.method() == Method.INTEGRATED_POWER) {
      notes.add("no energy counter on this GPU (" + gpu.architectureName() + "): energy is integrated from"
          + " nvmlDeviceGetPowerUsage samples taken at least every " + POWER_POLL.toMillis()
          + " ms (trapezoid rule)");
      if (gpu.architecture() >= DiscoveredGpu.ARCH_AMPERE) {
        notes.add("power readings on Ampere (except GA100) and newer GPUs are 1 s averages, so integrated energy"
            + " lags the load by up to 1 s; prefer jobs longer than a few seconds");
      }
    }
    if (!gpu.processNote().isEmpty()) {
      notes.add(gpu.processNote());
    }
    if (!gpu.maxPowerNote().isEmpty()) {
      notes.add(gpu.maxPowerNote());
    }
    notes.addAll(selectionNotes);
    return notes;
  }

  /** {@code gpu/<UUID>}, keeping only the characters a channel id allows. */
  static String channelId(DiscoveredGpu gpu) {
    String uuid = gpu.uuid();
    if (uuid == null || uuid.isEmpty()) {
      return "gpu/nvml-index-" + gpu.index();
    }
    StringBuilder id = new StringBuilder("gpu/");
    for (int i = 0; i < uuid.length(); i++) {
      char c = uuid.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '/' || c == '_' || c == '.' || c == ':' || c == '-';
      id.append(ok ? c : '_');
    }
    return id.length() > 128 ? id.substring(0, 128) : id.toString();
  }

  /** {@code id}, or {@code id-2}, {@code id-3}, ... (cut to stay within 128 characters) if taken, ignoring case. */
  static String uniqueId(String id, Set<String> taken) {
    String candidate = id;
    for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
      String suffix = "-" + n;
      candidate = (id.length() + suffix.length() > 128 ? id.substring(0, 128 - suffix.length()) : id) + suffix;
    }
    return candidate;
  }
}
