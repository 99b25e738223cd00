package dev.ergon.meter.powercap;

import dev.ergon.MeterUnavailableException;
import dev.ergon.Power;
import dev.ergon.UnavailableReason;
import dev.ergon.meter.powercap.internal.AttributeReader;
import dev.ergon.meter.powercap.internal.PowercapMeter;
import dev.ergon.meter.powercap.internal.PowercapSettings;
import dev.ergon.meter.powercap.internal.Survey;
import dev.ergon.meter.powercap.internal.SysfsAttributeReader;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterContext;
import dev.ergon.spi.MeterProvider;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Provides the {@code powercap} meter: Intel and AMD RAPL energy counters read from Linux powercap sysfs.
 *
 * <p>The meter enumerates every control type under the powercap root ({@code intel-rapl}, {@code intel-rapl-mmio},
 * {@code intel-rapl-tpmi}) and every zone with an {@code energy_uj} counter, identifies each zone by its {@code name}
 * file (never by its index: ids are hexadecimal and {@code intel-rapl:1} may be {@code package-1} or {@code psys}),
 * and counts the zones a {@link PowercapPolicy} selects so that nothing is counted twice. Each zone becomes one
 * {@link dev.ergon.Method#COUNTER COUNTER} channel with its wrap range ({@code max_energy_range_uj}) and a
 * polling interval short enough never to miss a wrap; core unwraps the counters.
 *
 * <p>Settings, builder first, then configuration (system property or environment variable), then the default:
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>environment</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code ergon.powercap.root}</td><td>{@code ERGON_POWERCAP_ROOT}</td><td>{@code /sys/class/powercap}</td>
 *       <td>the powercap directory; in a container, where the host's is mounted</td></tr>
 *   <tr><td>{@code ergon.powercap.policy}</td><td>{@code ERGON_POWERCAP_POLICY}</td><td>{@code packages-and-dram}
 *       </td><td>{@code packages-and-dram}, {@code packages} or {@code platform} ({@link PowercapPolicy})</td></tr>
 *   <tr><td>{@code ergon.powercap.max-power-watts}</td><td>{@code ERGON_POWERCAP_MAX_POWER_WATTS}</td>
 *       <td>the zone's {@code constraint_N_max_power_uw} or {@code max_power_range_uw}, else 1000 W package,
 *       500 W DRAM, 3000 W psys</td><td>the power ceiling of every zone, in W: it sets the polling interval and
 *       the bound (ceiling × 1.2 over the interval) above which core drops a jump as a reset or glitch</td></tr>
 * </table>
 *
 * <p>Each channel carries its relative standard uncertainty (1σ): package 2.1 % (Khan et al., "RAPL in Action",
 * ACM TOMPECS 2018: mean absolute error 1.7 % against wall-plug power, divided by √(2/π)); DRAM 11.5 %
 * (Desrochers, Paradis and Weaver, MEMSYS 2016: within 20 % of measured DRAM power, read as a uniform ±20 %);
 * psys 11 % (no validation study; CodeCarbon's one comparison with battery discharge). RAPL covers the CPU packages
 * and DRAM, not the PSU, fans, disks, NICs or discrete GPUs.
 *
 * <p>Since Linux 5.10 {@code energy_uj} is readable by root only. The probe then answers
 * {@link UnavailableReason#PERMISSION_DENIED} with commands that grant read access to exactly the zones found
 * (a group with a udev rule or sysfsutils lines, or {@code chmod} until the next reboot); the library never runs
 * them, and never reports a zero for a counter it could not read.
 *
 * <pre>{@code
 * MeterProvider powercap = PowercapMeterProvider.builder()
 *     .root(Path.of("/host/sys/class/powercap"))      // the host's sysfs, mounted in a container
 *     .policy(PowercapPolicy.PLATFORM)                 // psys instead of packages + DRAM
 *     .build();
 * Availability a = powercap.probe(MeterContext.of(Configuration.fromEnvironment()));
 * }</pre>
 *
 * <p>Thread-safe and immutable. The no-argument constructor, used by {@link java.util.ServiceLoader}, does no work;
 * the file system is touched only by {@link #probe} and {@link #open}.
 *
 * @since 0.1
 */
public final class PowercapMeterProvider implements MeterProvider {

  /** The provider's name, by which it is selected or excluded: {@value}. */
  public static final String NAME = "powercap";

  private final @Nullable Path root;
  private final @Nullable PowercapPolicy policy;
  private final @Nullable Power maxPower;
  private final AttributeReader reader;

  /** Creates a provider that takes every setting from the configuration it is probed or opened with. */
  public PowercapMeterProvider() {
    this(null, null, null, new SysfsAttributeReader());
  }

  /**
   * Creates a provider with fixed settings and an attribute reader; tests inject failures through the reader.
   *
   * @param root the root, or {@code null} for the configuration's
   * @param policy the policy, or {@code null} for the configuration's
   * @param maxPower the plausible maximum power, or {@code null} for the configuration's
   * @param reader reads the sysfs attribute files
   */
  PowercapMeterProvider(
      @Nullable Path root, @Nullable PowercapPolicy policy, @Nullable Power maxPower, AttributeReader reader) {
    this.root = root;
    this.policy = policy;
    this.maxPower = maxPower;
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  /**
   * Returns a builder of a provider with fixed settings, which take precedence over the configuration.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns {@value #NAME}.
   *
   * @return the name
   */
  @Override
  public String name() {
    return NAME;
  }

  /**
   * Returns {@link MeterProvider#PRIORITY_COUNTER}: RAPL is a hardware counter.
   *
   * @return the priority
   */
  @Override
  public int priority() {
    return PRIORITY_COUNTER;
  }

  /**
   * Tells whether RAPL counters can be read here: the root exists, the policy selects at least one zone and every
   * selected {@code energy_uj} can be read. Reads a few small sysfs files; never throws.
   *
   * @param context the configuration
   * @return available with the zones counted and those left out (and why), or unavailable with the reason
   *     ({@code NOT_PRESENT}, {@code NOT_SUPPORTED}, {@code PERMISSION_DENIED}, {@code IO_ERROR}, or
   *     {@code MISCONFIGURED} for a malformed setting) and a remedy
   */
  @Override
  public Availability probe(MeterContext context) {
    try {
      return survey(context).availability();
    } catch (IllegalArgumentException e) {
      return Availability.unavailable(UnavailableReason.MISCONFIGURED, "powercap meter: " + e.getMessage(),
          "correct the setting, or remove it to use the default");
    } catch (RuntimeException e) {
      return Availability.unavailable(UnavailableReason.PROVIDER_ERROR, "powercap probe failed: " + e,
          "this is a bug in ergon-meter-powercap; please report it with this message");
    }
  }

  /**
   * Opens a meter over the selected zones.
   *
   * @param context the configuration
   * @return the meter, one channel per selected zone (ids such as {@code cpu/package-0}, {@code dram/0},
   *     {@code platform/psys}), owned by the caller
   * @throws MeterUnavailableException with the same reason, detail and remedy as {@link #probe}
   */
  @Override
  public Meter open(MeterContext context) {
    Survey survey;
    try {
      survey = survey(context);
    } catch (IllegalArgumentException e) {
      throw new MeterUnavailableException(UnavailableReason.MISCONFIGURED, "powercap meter: " + e.getMessage(),
          "correct the setting, or remove it to use the default", e);
    }
    Availability a = survey.availability();
    UnavailableReason reason = a.reason();
    if (reason != null) {
      throw new MeterUnavailableException(reason, a.detail(), a.remedy());
    }
    return new PowercapMeter(NAME, survey.channels(), reader);
  }

  private Survey survey(MeterContext context) {
    PowercapSettings settings = PowercapSettings.resolve(context.config(), root, policy, maxPower);
    return Survey.run(settings, reader, System.getProperty("user.name", "the JVM's user"));
  }

  /**
   * Builds a provider with fixed settings. Not thread-safe; the provider it builds is.
   *
   * @since 0.1
   */
  public static final class Builder {
    private @Nullable Path root;
    private @Nullable PowercapPolicy policy;
    private @Nullable Power maxPower;

    private Builder() {}

    /**
     * Sets the powercap directory, e.g. where a container mounts the host's {@code /sys/class/powercap}; the
     * kernel's relative links into {@code devices/virtual/powercap} are followed.
     *
     * @param root the directory
     * @return this builder
     */
    public Builder root(Path root) {
      this.root = Objects.requireNonNull(root, "root");
      return this;
    }

    /**
     * Sets which domains are counted.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(PowercapPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the power ceiling of every zone, replacing each zone's stated maximum and the defaults (1000 W package,
     * 500 W DRAM, 3000 W psys). A higher value polls more often; a delta above 1.2 times this power over the
     * interval is dropped as a reset or glitch.
     *
     * @param maxPower the power, above zero
     * @return this builder
     * @throws IllegalArgumentException if zero
     */
    public Builder maxPower(Power maxPower) {
      if (!(maxPower.watts() > 0)) {
        throw new IllegalArgumentException("powercap max power must be above 0 W, got " + maxPower);
      }
      this.maxPower = maxPower;
      return this;
    }

    /**
     * Builds the provider.
     *
     * @return a new provider
     */
    public PowercapMeterProvider build() {
      return new PowercapMeterProvider(root, policy, maxPower, new SysfsAttributeReader());
    }
  }
}
