package dev.ergon.meter.nvml;

import dev.ergon.MeterUnavailableException;
import dev.ergon.meter.nvml.internal.NvmlLibraryLocation;
import dev.ergon.meter.nvml.internal.NvmlMeter;
import dev.ergon.meter.nvml.internal.NvmlMeterOpener;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterContext;
import dev.ergon.spi.MeterProvider;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Meters NVIDIA GPUs through NVML ({@code libnvidia-ml.so.1}, {@code nvml.dll}), bound with JNA.
 *
 * <p>One channel per GPU, with id {@code gpu/<UUID>} and kind {@link dev.ergon.ChannelKind#GPU}:
 * <ul>
 *   <li>GPUs with an energy counter (Volta and newer) report {@code nvmlDeviceGetTotalEnergyConsumption}, in µJ,
 *       as a {@link dev.ergon.Method#COUNTER} channel; a decrease is a driver reset, dropped by Ergon;</li>
 *   <li>older GPUs report {@code nvmlDeviceGetPowerUsage} integrated over readings at most 100 ms apart, as an
 *       {@link dev.ergon.Method#INTEGRATED_POWER} channel with a larger uncertainty;</li>
 *   <li>a GPU that cannot be read (lost, no permission, no power reading) is reported as unavailable with the
 *       reason, never as zero.</li>
 * </ul>
 * Only the GPUs named by {@code CUDA_VISIBLE_DEVICES} (indices, {@code GPU-} UUIDs or prefixes, {@code MIG-}
 * UUIDs) are metered when it is set. NVML measures MIG instances only as their whole physical GPU; such channels
 * carry a note saying so.
 *
 * <p>Settings: {@value #LIBRARY_KEY} (environment {@code ERGON_NVML_LIBRARY}) names the library file when it is not
 * where the dynamic linker finds it. Nothing is loaded when this class is loaded or constructed: JNA and NVML are
 * loaded by {@link #probe} and {@link #open}.
 *
 * <p>Thread-safe and stateless; every {@link #open} initialises NVML once and the meter's {@code close()} shuts it
 * down exactly once.
 *
 * @since 0.1
 */
public final class NvmlMeterProvider implements MeterProvider {

  /** The setting naming the NVML library file, {@value}; environment {@code ERGON_NVML_LIBRARY}. */
  public static final String LIBRARY_KEY = NvmlLibraryLocation.KEY;

  private final @Nullable Map<String, String> environment;
  private final @Nullable String osName;

  /** Creates the provider; reads the process environment and {@code os.name} only when probing or opening. */
  public NvmlMeterProvider() {
    this.environment = null;
    this.osName = null;
  }

  /**
   * Creates a provider with a given environment and operating system, for tests.
   *
   * @param environment the environment variables ({@code CUDA_VISIBLE_DEVICES}, {@code CUDA_DEVICE_ORDER})
   * @param osName the operating system name, as {@code os.name} gives it
   */
  NvmlMeterProvider(Map<String, String> environment, String osName) {
    this.environment = Map.copyOf(environment);
    this.osName = Objects.requireNonNull(osName, "osName");
  }

  /**
   * Returns {@code nvml}.
   *
   * @return the name
   */
  @Override
  public String name() {
    return NvmlMeter.NAME;
  }

  /**
   * Tells whether NVML can be loaded and sees a GPU this process may use; opens and closes one NVML session.
   *
   * <p>Without a library the answer is {@link dev.ergon.UnavailableReason#DRIVER_MISSING}, found without starting
   * NVML; an initialisation failure maps NVML's code (driver not loaded, no permission, ...).
   *
   * @param context the configuration
   * @return the availability, with the GPUs found; never throws
   */
  @Override
  public Availability probe(MeterContext context) {
    return opener(context).probe();
  }

  /**
   * Opens a meter over the GPUs this process may use.
   *
   * @param context the configuration
   * @return the meter, which the caller must close
   * @throws MeterUnavailableException if NVML is missing or fails, or no GPU can be metered
   */
  @Override
  public Meter open(MeterContext context) {
    return opener(context).open();
  }

  private NvmlMeterOpener opener(MeterContext context) {
    Map<String, String> env = environment == null ? System.getenv() : environment;
    String os = osName == null ? System.getProperty("os.name", "") : osName;
    return new NvmlMeterOpener(context.config(), env::get, os);
  }
}
