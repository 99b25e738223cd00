package dev.ergon.meter.powercap.internal;

import dev.ergon.Configuration;
import dev.ergon.Power;
import dev.ergon.meter.powercap.PowercapPolicy;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The powercap meter's settings, resolved: builder values first, then the configuration, then the defaults.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 *
 * @param root the powercap root, default {@code /sys/class/powercap}
 * @param rootSource where the root came from, e.g. "default" or "environment variable ERGON_POWERCAP_ROOT"
 * @param policy which domains are counted
 * @param maxPower the plausible maximum power of every zone, or {@code null} for the per-domain defaults
 */
public record PowercapSettings(Path root, String rootSource, PowercapPolicy policy, @Nullable Power maxPower) {

  /** The configuration key of the root directory. */
  public static final String ROOT_KEY = "ergon.powercap.root";
  /** The configuration key of the policy. */
  public static final String POLICY_KEY = "ergon.powercap.policy";
  /** The configuration key of the plausible maximum power, in W. */
  public static final String MAX_POWER_KEY = "ergon.powercap.max-power-watts";
  /** Where the kernel puts powercap. */
  public static final String DEFAULT_ROOT = "/sys/class/powercap";

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a required field is null
   */
  public PowercapSettings {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(rootSource, "rootSource");
    Objects.requireNonNull(policy, "policy");
  }

  /**
   * Resolves the settings.
   *
   * @param config the configuration
   * @param root the builder's root, or {@code null}
   * @param policy the builder's policy, or {@code null}
   * @param maxPower the builder's plausible maximum power, or {@code null}
   * @return the settings
   * @throws IllegalArgumentException if a configured value is malformed, naming the key and where it came from
   */
  public static PowercapSettings resolve(
      Configuration config, @Nullable Path root, @Nullable PowercapPolicy policy, @Nullable Power maxPower) {
    Path resolvedRoot;
    String source;
    if (root != null) {
      resolvedRoot = root;
      source = "builder";
    } else {
      resolvedRoot = config.getPath(ROOT_KEY).orElse(Path.of(DEFAULT_ROOT));
      source = config.source(ROOT_KEY);
    }
    PowercapPolicy resolvedPolicy = policy != null
        ? policy
        : config.getEnum(POLICY_KEY, PowercapPolicy.class).orElse(PowercapPolicy.PACKAGES_AND_DRAM);
    Power resolvedPower = maxPower;
    if (resolvedPower == null) {
      Double watts = config.getDouble(MAX_POWER_KEY).orElse(null);
      if (watts != null) {
        if (!(watts > 0)) {
          throw new IllegalArgumentException("bad value '" + watts + "' for " + MAX_POWER_KEY + " (from "
              + config.source(MAX_POWER_KEY) + "); expected a power in watts above 0, such as 1000");
        }
        resolvedPower = Power.ofWatts(watts);
      }
    }
    return new PowercapSettings(resolvedRoot, source, resolvedPolicy, resolvedPower);
  }
}
