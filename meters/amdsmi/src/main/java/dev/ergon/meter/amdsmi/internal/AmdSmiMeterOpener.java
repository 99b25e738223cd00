package dev.ergon.meter.amdsmi.internal;

import dev.ergon.ChannelKind;
import dev.ergon.Configuration;
import dev.ergon.Energy;
import dev.ergon.Method;
import dev.ergon.MeterUnavailableException;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import dev.ergon.spi.ChannelFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Opens an AMD SMI meter: loads the library, initialises it for AMD GPUs, discovers the GPUs, applies
 * {@code ROCR_VISIBLE_DEVICES} and {@code HIP_VISIBLE_DEVICES}, and builds one channel and one reader per selected
 * GPU.
 *
 * <p>Channels: id {@code gpu/<UUID>} ({@code gpu/amdsmi-<PCI address>} or {@code gpu/amdsmi-index-N} when the UUID
 * is unknown), kind {@link ChannelKind#GPU}, device {@code AMD GPU (<UUID>, PCI <address>, index N)}.
 * <ul>
 *   <li>{@link Method#COUNTER} where the energy accumulator answers: µJ, with the wrap range of
 *       {@link TickConverter}, read at least every second, relative uncertainty {@value #COUNTER_UNCERTAINTY};</li>
 *   <li>{@link Method#INTEGRATED_POWER} otherwise: socket power (whole W) integrated at every reading, read at least
 *       every {@code 100 ms}, relative uncertainty {@value #INTEGRATED_UNCERTAINTY}, with a note saying so;</li>
 *   <li>a GPU that cannot be metered keeps a channel whose every reading is a permanent fault naming the reason.</li>
 * </ul>
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe; each call opens its own AMD
 * SMI session.
 */
public final class AmdSmiMeterOpener {

  /**
   * Relative standard uncertainty of an energy-counter channel: AMD publishes no accuracy for the SMU's power
   * telemetry, so this is the NVML meter's ±5 % for the same kind of on-board sensor.
   */
  public static final double COUNTER_UNCERTAINTY = 0.05;

  /** Relative standard uncertainty of an integrated-power channel: the sensor's, plus 1 W steps and sampling. */
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
   * @param config the configuration ({@code ergon.amdsmi.library})
   * @param environment the process environment ({@code ROCR_VISIBLE_DEVICES}, {@code HIP_VISIBLE_DEVICES},
   *     {@code CUDA_VISIBLE_DEVICES}, {@code ROCM_PATH}, {@code LD_LIBRARY_PATH})
   * @param osName the {@code os.name} system property
   */
  public AmdSmiMeterOpener(Configuration config, EnvironmentVariables environment, String osName) {
    this.config = config;
    this.environment = environment;
    this.osName = osName;
  }

  /**
   * Opens a meter.
   *
   * @return the meter, owning one AMD SMI initialisation
   * @throws MeterUnavailableException if AMD SMI is missing or fails to initialise, sees no GPU, none is visible
   *     through the variables, or none of the visible GPUs can be metered
   */
  public AmdSmiMeter open() {
    AmdSmiLibrary amdsmi = new AmdSmiLibraryLocation(config, environment, osName).load();
    AmdSmiSession session = AmdSmiSession.start(amdsmi);
    try {
      return build(session);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /**
   * Tells whether a meter could be opened, and what it would meter. Opens and closes one AMD SMI session.
   *
   * @return the availability; never throws
   */
  public Availability probe() {
    try (AmdSmiMeter meter = open()) {
      String gpus = meter.channels().stream()
          .map(c -> c.device() + ": " + (c.method() == Method.COUNTER ? "energy counter" : "integrated power"))
          .collect(Collectors.joining("; "));
      int n = meter.channels().size();
      VisibleDevices visible = VisibleDevices.from(environment);
      return Availability.available(n + (n == 1 ? " GPU" : " GPUs") + " through AMD SMI " + meter.location()
          + (visible.isSet() ? " (" + visible + ")" : "") + ": " + gpus);
    } catch (MeterUnavailableException e) {
      String message = String.valueOf(e.getMessage());
      String suffix = "; " + e.remedy();
      if (!e.remedy().isEmpty() && message.endsWith(suffix)) {
        message = message.substring(0, message.length() - suffix.length());
      }
      return Availability.unavailable(e.reason(), message, e.remedy());
    } catch (RuntimeException | LinkageError e) {
      return Availability.unavailable(UnavailableReason.PROVIDER_ERROR,
          "probing AMD SMI failed: " + e, "report this to Ergon's authors");
    }
  }

  private AmdSmiMeter build(AmdSmiSession session) {
    AmdSmiLibrary amdsmi = session.library();
    PowerInfoLayout layout = PowerInfoLayout.of(amdsmi);
    List<DiscoveredGpu> all = new GpuDiscovery(amdsmi, layout).discover();
    if (all.isEmpty()) {
      throw new MeterUnavailableException(UnavailableReason.NOT_PRESENT,
          "AMD SMI " + amdsmi.location() + " sees no AMD GPU",
          "check that the GPUs are present and the amdgpu driver sees them ('amd-smi list'); in a container, pass"
              + " --device=/dev/kfd --device=/dev/dri; on a machine without an AMD GPU, exclude meter \"amdsmi\"");
    }
    VisibleDevices visible = VisibleDevices.from(environment);
    List<VisibleDevices.Selected> selected = visible.select(all);
    if (selected.isEmpty()) {
      throw new MeterUnavailableException(UnavailableReason.NOT_PRESENT,
          visible + " selects none of the " + all.size() + " GPUs AMD SMI sees ("
              + all.stream().map(DiscoveredGpu::description).collect(Collectors.joining(", ")) + ")",
          "this process can use no GPU, so there is nothing to meter; to meter GPUs, name them in "
              + VisibleDevices.ROCR + " by index or UUID, or unset it");
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
    for (VisibleDevices.Selected s : selected) {
      DiscoveredGpu gpu = s.gpu();
      TickConverter converter = gpu.method() == Method.COUNTER && gpu.resolution() > 0
          ? new TickConverter(gpu.resolution()) : null;
      String id = uniqueId(channelId(gpu), ids);
      channels.add(new Channel(id, ChannelKind.GPU, gpu.description(), gpu.method(),
          gpu.method() == Method.COUNTER ? COUNTER_UNCERTAINTY : INTEGRATED_UNCERTAINTY,
          converter == null ? null : Energy.ofMicrojoules(converter.wrapRangeMicrojoules()),
          gpu.method() == Method.COUNTER ? COUNTER_POLL : POWER_POLL,
          gpu.maxPower(),
          notes(gpu, converter, layout, s.notes())));
      readers.add(reader(amdsmi, gpu, converter, layout));
    }
    return new AmdSmiMeter(session, channels, readers);
  }

  private static GpuReader reader(AmdSmiLibrary amdsmi, DiscoveredGpu gpu, @Nullable TickConverter converter,
      PowerInfoLayout layout) {
    ChannelFault fault = gpu.fault();
    if (fault != null) {
      return new FaultedReader(new ChannelFault(fault.reason(),
          fault.message() + (gpu.remedy().isEmpty() ? "" : "; " + gpu.remedy()), true));
    }
    if (gpu.method() == Method.COUNTER) {
      return new CounterReader(amdsmi, gpu.handle(), gpu.subject(), converter);
    }
    return new PowerReader(amdsmi, gpu.handle(), gpu.subject(), layout,
        Math.round(gpu.maxPower().watts() * 1000 * PowerReader.SPIKE_FACTOR));
  }

  private static List<String> notes(DiscoveredGpu gpu, @Nullable TickConverter converter, PowerInfoLayout layout,
      List<String> selectionNotes) {
    List<String> notes = new ArrayList<>();
    if (gpu.fault() == null && gpu.method() == Method.COUNTER) {
      notes.add(converter == null
          ? "energy accumulator (amdsmi_get_energy_count); its resolution was not known when the meter opened, so a"
              + " wrap of the accumulator would be dropped rather than counted"
          : "energy accumulator (amdsmi_get_energy_count) in ticks of " + converter.resolution() + " µJ");
    }
    if (gpu.fault() == null && gpu.method() == Method.INTEGRATED_POWER) {
      notes.add("no energy counter on this GPU (amdsmi_get_energy_count is not supported, as on virtual machine"
          + " guests): energy is integrated from amdsmi_get_power_info socket power (whole W, " + layout.describe()
          + ") sampled at least every " + POWER_POLL.toMillis() + " ms (trapezoid rule)");
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
    String bdf = gpu.bdf();
    String key = uuid != null ? uuid : bdf != null ? "amdsmi-" + bdf : "amdsmi-index-" + gpu.index();
    StringBuilder id = new StringBuilder("gpu/");
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
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
