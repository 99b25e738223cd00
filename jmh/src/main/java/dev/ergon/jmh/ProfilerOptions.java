package dev.ergon.jmh;

import dev.ergon.Attribution;
import dev.ergon.Configuration;
import dev.ergon.EnergyMonitor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of an {@link EnergyProfiler}, parsed from JMH's profiler option string
 * ({@code -prof dev.ergon.jmh.EnergyProfiler:meters=powercap;period=100ms}).
 *
 * <p>Options are {@code key=value} pairs separated by {@code ;}. Short names: {@code meters}
 * ({@code ergon.meters}), {@code exclude} ({@code ergon.meters.exclude}), {@code period}
 * ({@code ergon.sampling.period}), {@code attribution} ({@code ergon.attribution}); any other key is an Ergon
 * setting, written with or without its {@code ergon.} prefix ({@code powercap.root=/host/sys/class/powercap}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param settings the Ergon settings, keyed by their full {@code ergon.*} name, in the order given
 */
record ProfilerOptions(Map<String, String> settings) {

  private static final Map<String, String> SHORT_NAMES = Map.of(
      "meters", "ergon.meters",
      "exclude", "ergon.meters.exclude",
      "period", EnergyMonitor.KEY_SAMPLING_PERIOD,
      "attribution", EnergyMonitor.KEY_ATTRIBUTION);

  /** The options syntax, for error messages and the profiler's description. */
  static final String USAGE = "options: meters=<names>;exclude=<names>;period=<duration>;"
      + "attribution=machine|process|threads;<ergon setting>=<value>";

  /** Copies the map. */
  ProfilerOptions {
    settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /**
   * Parses an option string.
   *
   * @param line the text after {@code EnergyProfiler:}; may be empty
   * @return the options
   * @throws IllegalArgumentException naming the bad option and the syntax, if an option is malformed, repeated,
   *     asks for a ledger, or has a value its setting rejects (a period that is not a duration, an unknown
   *     attribution)
   */
  static ProfilerOptions parse(String line) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String part : line.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0 || eq == part.length() - 1) {
        throw new IllegalArgumentException("energy profiler option '" + part.strip() + "' is not key=value; "
            + USAGE);
      }
      String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = part.substring(eq + 1).strip();
      String full = SHORT_NAMES.getOrDefault(key, key.startsWith("ergon.") ? key : "ergon." + key);
      if (full.equals(EnergyMonitor.KEY_LEDGER)) {
        throw new IllegalArgumentException("energy profiler option '" + part.strip()
            + "': the profiler writes no ledger; its figures are JMH results");
      }
      if (settings.put(full, value) != null) {
        throw new IllegalArgumentException("energy profiler option '" + key + "' is given twice; " + USAGE);
      }
    }
    ProfilerOptions options = new ProfilerOptions(settings);
    Configuration check = options.applyTo(Configuration.of(Map.of()));
    check.getDuration(EnergyMonitor.KEY_SAMPLING_PERIOD).ifPresent(p -> {
      if (p.isZero()) {
        throw new IllegalArgumentException("energy profiler option period=" + p + " must be positive");
      }
    });
    check.getEnum(EnergyMonitor.KEY_ATTRIBUTION, Attribution.class);
    check.getDouble(EnergyMonitor.KEY_MAX_POWER);
    return options;
  }

  /**
   * Returns a configuration with these options set explicitly on top of another.
   *
   * @param base the configuration to extend, e.g. {@link Configuration#fromEnvironment()}
   * @return the combined configuration
   */
  Configuration applyTo(Configuration base) {
    Configuration c = base;
    for (Map.Entry<String, String> e : settings.entrySet()) {
      c = c.with(e.getKey(), e.getValue());
    }
    return c;
  }
}
