package dev.ergon;

import dev.ergon.spi.Channel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The monitor's settings, resolved once from the builder and the configuration and checked for physical sense:
 * a builder value wins over the configuration; a value outside sense is refused naming the key, where it was set,
 * and the fix.
 *
 * <p>Immutable and thread-safe.
 */
final class MonitorSettings {

  /** The shortest sampling period accepted: below it the sampler's own reads disturb what they measure. */
  static final Duration MIN_PERIOD = Duration.ofMillis(10);

  final Attribution attribution;
  final long bucketMillis;
  final String host;
  final @Nullable String region;
  final @Nullable Power maxPower;
  final Duration configuredPeriod;
  final Duration checkpointPeriod;
  final boolean shutdownHook;

  MonitorSettings(EnergyMonitor.Builder b, Configuration config) {
    this.attribution = b.attribution != null ? b.attribution
        : config.getEnum(EnergyMonitor.KEY_ATTRIBUTION, Attribution.class).orElse(Attribution.MACHINE);
    Duration bucket = b.bucket != null ? b.bucket
        : config.getDuration(EnergyMonitor.KEY_BUCKET).orElse(Duration.ofHours(1));
    if (bucket.toMillis() <= 0 || Duration.ofDays(1).toMillis() % bucket.toMillis() != 0) {
      throw misconfigured(EnergyMonitor.KEY_BUCKET, config, b.bucket != null, bucket,
          "must divide a day evenly", "use e.g. 15m or 1h");
    }
    this.bucketMillis = bucket.toMillis();
    this.host = b.host != null ? b.host
        : config.get(EnergyMonitor.KEY_HOST).orElseGet(EnergyMonitor::localHostName);
    this.region = b.region != null ? b.region : config.get(EnergyMonitor.KEY_REGION).orElse(null);
    Power max = b.maxPower != null ? b.maxPower
        : config.getDouble(EnergyMonitor.KEY_MAX_POWER).map(Power::ofWatts).orElse(null);
    if (max != null && !(max.toWatts() > 0 && Double.isFinite(max.toWatts()))) {
      throw misconfigured(EnergyMonitor.KEY_MAX_POWER, config, b.maxPower != null, max, "must be a positive power",
          "give the largest plausible power of any channel in watts, e.g. 1000");
    }
    this.maxPower = max;
    Duration p = b.period != null ? b.period
        : config.getDuration(EnergyMonitor.KEY_SAMPLING_PERIOD).orElse(Duration.ofSeconds(1));
    if (p.compareTo(MIN_PERIOD) < 0) {
      throw misconfigured(EnergyMonitor.KEY_SAMPLING_PERIOD, config, b.period != null, p,
          "is below " + MIN_PERIOD.toMillis() + " ms, where the sampler's own reads disturb the measurement",
          "use 10ms or more (default 1s)");
    }
    this.configuredPeriod = p;
    Duration cp = b.checkpointPeriod != null ? b.checkpointPeriod
        : config.getDuration(EnergyMonitor.KEY_CHECKPOINT_PERIOD).orElse(Duration.ofHours(1));
    if (cp.isNegative() || cp.isZero()) {
      throw misconfigured(EnergyMonitor.KEY_CHECKPOINT_PERIOD, config, b.checkpointPeriod != null, cp,
          "must be positive", "use e.g. 1h (the default) or 10m");
    }
    this.checkpointPeriod = cp;
    this.shutdownHook = b.shutdownHook != null ? b.shutdownHook
        : bool(config, EnergyMonitor.KEY_SHUTDOWN_HOOK, true);
  }

  /**
   * Returns the sampling period in force: the configured one, shortened to the channels' safe polling interval.
   *
   * @param channels the open channels
   * @return the period
   */
  Duration period(List<Channel> channels) {
    Duration p = configuredPeriod;
    for (Channel c : channels) {
      if (c.maxPollInterval().compareTo(p) < 0) {
        p = c.maxPollInterval();
      }
    }
    return p.compareTo(MIN_PERIOD) < 0 ? MIN_PERIOD : p;
  }

  /**
   * Returns the checkpoint period in force: never shorter than the sampling period.
   *
   * @param period the sampling period in force
   * @return the checkpoint period
   */
  Duration checkpointPeriod(Duration period) {
    return checkpointPeriod.compareTo(period) < 0 ? period : checkpointPeriod;
  }

  private static boolean bool(Configuration config, String key, boolean fallback) {
    String v = config.get(key).orElse(null);
    if (v == null) {
      return fallback;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException("misconfigured: " + key + "=" + v + " (" + config.source(key)
          + ") is not a boolean; use true or false");
    };
  }

  private static IllegalArgumentException misconfigured(String key, Configuration config, boolean fromBuilder,
      Object value, String why, String fix) {
    String where = fromBuilder ? "set on the builder" : config.source(key);
    return new IllegalArgumentException("misconfigured: " + key + "=" + value + " (" + where + ") " + why + "; " + fix);
  }
}
