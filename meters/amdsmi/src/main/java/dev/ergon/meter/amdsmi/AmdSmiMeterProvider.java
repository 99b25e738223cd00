package dev.ergon.meter.amdsmi;

import dev.ergon.MeterUnavailableException;
import dev.ergon.meter.amdsmi.internal.AmdSmiLibraryLocation;
import dev.ergon.meter.amdsmi.internal.AmdSmiMeter;
import dev.ergon.meter.amdsmi.internal.AmdSmiMeterOpener;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterContext;
import dev.ergon.spi.MeterProvider;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Meters AMD GPUs (Instinct MI200, MI300 and later; Radeon where the driver offers the counter) through ROCm's AMD
 * SMI library ({@code libamd_smi.so}), bound with JNA.
 *
 * <p>One channel per GPU, with id {@code gpu/<UUID>} and kind {@link dev.ergon.ChannelKind#GPU}:
 * <ul>
 *   <li>GPUs with an energy accumulator report {@code amdsmi_get_energy_count} (ticks × counter resolution, in
 *       µJ) as a {@link dev.ergon.Method#COUNTER} channel whose wraps Ergon core counts;</li>
 *   <li>GPUs without one (virtual machine guests) report {@code amdsmi_get_power_info}'s socket power integrated
 *       over readings at most 100 ms apart, as an {@link dev.ergon.Method#INTEGRATED_POWER} channel with a larger
 *       uncertainty and a note saying so;</li>
 *   <li>a GPU that cannot be read (lost, no permission, no power reading) is reported as unavailable with the
 *       reason, never as zero.</li>
 * </ul>
 * Only the GPUs named by {@code ROCR_VISIBLE_DEVICES}, then {@code HIP_VISIBLE_DEVICES} (or
 * {@code CUDA_VISIBLE_DEVICES}, which HIP honours) are metered when they are set.
 *
 * <p>Settings: {@value #LIBRARY_KEY} (environment {@code ERGON_AMDSMI_LIBRARY}) names the library file when it is
 * neither where the dynamic linker finds it nor in {@code $ROCM_PATH/lib} or {@code /opt/rocm/lib}; a relative path
 * is resolved against the working directory. Nothing is loaded when this class is loaded or constructed.
 *
 * <p>Thread-safe and stateless; every {@link #open} initialises AMD SMI once and the meter's {@code close()} shuts
 * it down exactly once.
 *
 * @since 0.1
 */
public final class AmdSmiMeterProvider implements MeterProvider {

  /** The setting naming the AMD SMI library file, {@value}; environment {@code ERGON_AMDSMI_LIBRARY}. */
  public static final String LIBRARY_KEY = AmdSmiLibraryLocation.KEY;

  private final @Nullable Map<String, String> environment;
  private final @Nullable String osName;

  /** Creates the provider; reads the process environment and {@code os.name} only when probing or opening. */
  public AmdSmiMeterProvider() {
    this.environment = null;
    this.osName = null;
  }

  /**
   * Creates a provider with a given environment and operating system, for tests.
   *
   * @param environment the environment variables ({@code ROCR_VISIBLE_DEVICES}, {@code HIP_VISIBLE_DEVICES}, ...)
   * @param osName the operating system name, as {@code os.name} gives it
   */
  AmdSmiMeterProvider(Map<String, String> environment, String osName) {
    this.environment = Map.copyOf(environment);
    this.osName = Objects.requireNonNull(osName, "osName");
  }

  /**
   * Returns {@code amdsmi}.
   *
   * @return the name
   */
  @Override
  public String name() {
    return AmdSmiMeter.NAME;
  }

  /**
   * Tells whether AMD SMI can be loaded and sees a GPU this process may use; opens and closes one AMD SMI session.
   *
   * <p>Without a library the answer is {@link dev.ergon.UnavailableReason#DRIVER_MISSING}, found without starting
   * AMD SMI; an initialisation failure maps AMD SMI's status (driver not loaded, no permission, ...).
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
   * @throws MeterUnavailableException if AMD SMI is missing or fails, or no GPU can be metered
   */
  @Override
  public Meter open(MeterContext context) {
    return opener(context).open();
  }

  private AmdSmiMeterOpener opener(MeterContext context) {
    Map<String, String> env = environment == null ? System.getenv() : environment;
    String os = osName == null ? System.getProperty("os.name", "") : osName;
    return new AmdSmiMeterOpener(context.config(), env::get, os);
  }
}
