package dev.ergon;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ergon's settings: explicit values first, then {@code ergon.*} system properties, then {@code ERGON_*} environment
 * variables.
 *
 * <p>A key such as {@code ergon.powercap.root} is looked up as given among explicit values and system properties,
 * and as {@code ERGON_POWERCAP_ROOT} (upper case, dots to underscores) in the environment. The system properties
 * and environment are copied when the configuration is created ({@link #fromEnvironment()}); nothing is read from
 * global state later, and {@link #of(Map)} sees neither, which keeps tests hermetic.
 *
 * <p>Typed getters throw {@link IllegalArgumentException} naming the key, where its value came from, and the
 * expected form.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Configuration {

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h|d)");

  private final Map<String, String> explicit;
  private final Map<String, String> properties;
  private final Map<String, String> environment;

  private Configuration(Map<String, String> explicit, Map<String, String> properties, Map<String, String> env) {
    this.explicit = Map.copyOf(explicit);
    this.properties = Map.copyOf(properties);
    this.environment = Map.copyOf(env);
  }

  /**
   * Returns a configuration with no values at all (every setting takes its default).
   *
   * @return the configuration
   */
  public static Configuration empty() {
    return new Configuration(Map.of(), Map.of(), Map.of());
  }

  /**
   * Returns a configuration of explicit values only: no system properties and no environment.
   *
   * @param values keys such as {@code ergon.region} to values
   * @return the configuration
   */
  public static Configuration of(Map<String, String> values) {
    return new Configuration(values, Map.of(), Map.of());
  }

  /**
   * Returns a configuration of this JVM's {@code ergon.*} system properties and {@code ERGON_*} environment
   * variables, copied now.
   *
   * @return the configuration
   */
  public static Configuration fromEnvironment() {
    return fromEnvironment(System.getProperties(), System.getenv());
  }

  /**
   * Returns a configuration of the given system properties and environment, copied now.
   *
   * @param systemProperties properties; only keys starting with {@code ergon.} are kept
   * @param environment variables; only names starting with {@code ERGON_} are kept
   * @return the configuration
   */
  public static Configuration fromEnvironment(Properties systemProperties, Map<String, String> environment) {
    Map<String, String> props = new HashMap<>();
    for (String name : systemProperties.stringPropertyNames()) {
      if (name.startsWith("ergon.")) {
        props.put(name, systemProperties.getProperty(name));
      }
    }
    Map<String, String> env = new HashMap<>();
    environment.forEach((k, v) -> {
      if (k.startsWith("ERGON_")) {
        env.put(k, v);
      }
    });
    return new Configuration(Map.of(), props, env);
  }

  /**
   * Returns a copy with an explicit value, which takes precedence over properties and environment.
   *
   * @param key the key, e.g. {@code ergon.region}
   * @param value the value
   * @return the new configuration
   */
  public Configuration with(String key, String value) {
    Map<String, String> copy = new HashMap<>(explicit);
    copy.put(key, value);
    return new Configuration(copy, properties, environment);
  }

  /**
   * Returns the environment variable name of a key.
   *
   * @param key e.g. {@code ergon.powercap.root}
   * @return e.g. {@code ERGON_POWERCAP_ROOT}
   */
  public static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Returns a setting's value, trimmed; a blank value counts as unset.
   *
   * @param key the key
   * @return the value, if set
   */
  public Optional<String> get(String key) {
    String v = explicit.get(key);
    if (v == null) {
      v = properties.get(key);
    }
    if (v == null) {
      v = environment.get(environmentName(key));
    }
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(v.strip());
  }

  /**
   * Tells where a setting's value comes from, for error messages.
   *
   * @param key the key
   * @return e.g. "system property ergon.region", or "default" when unset
   */
  public String source(String key) {
    if (explicit.containsKey(key)) {
      return "setting " + key;
    }
    if (properties.containsKey(key)) {
      return "system property " + key;
    }
    if (environment.containsKey(environmentName(key))) {
      return "environment variable " + environmentName(key);
    }
    return "default";
  }

  /**
   * Returns a duration setting such as {@code 100ms}, {@code 2s}, {@code 5m}, {@code 1h} or ISO {@code PT1S}.
   *
   * @param key the key
   * @return the duration, if set
   * @throws IllegalArgumentException if malformed or negative, naming the key and its source
   */
  public Optional<Duration> getDuration(String key) {
    return get(key).map(v -> parseDuration(v, key));
  }

  /**
   * Returns a decimal number setting.
   *
   * @param key the key
   * @return the number, if set
   * @throws IllegalArgumentException if not a finite number, naming the key and its source
   */
  public Optional<Double> getDouble(String key) {
    return get(key).map(v -> {
      try {
        double d = Double.parseDouble(v);
        if (Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw bad(key, v, "a finite number such as 1.2");
    });
  }

  /**
   * Returns a path setting.
   *
   * @param key the key
   * @return the path, if set
   */
  public Optional<Path> getPath(String key) {
    return get(key).map(Path::of);
  }

  /**
   * Returns a comma-separated list setting, each item trimmed, empty items dropped.
   *
   * @param key the key
   * @return the items; empty if unset
   */
  public List<String> getList(String key) {
    List<String> out = new ArrayList<>();
    get(key).ifPresent(v -> {
      for (String s : v.split(",")) {
        if (!s.isBlank()) {
          out.add(s.strip());
        }
      }
    });
    return List.copyOf(out);
  }

  /**
   * Returns an enum setting, matched without regard to case or {@code -}/{@code _}.
   *
   * @param key the key
   * @param type the enum type
   * @param <E> the enum
   * @return the constant, if set
   * @throws IllegalArgumentException if no constant matches, listing the allowed values
   */
  public <E extends Enum<E>> Optional<E> getEnum(String key, Class<E> type) {
    return get(key).map(v -> {
      String norm = v.toUpperCase(Locale.ROOT).replace('-', '_');
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(norm)) {
          return e;
        }
      }
      List<String> allowed = new ArrayList<>();
      for (E e : type.getEnumConstants()) {
        allowed.add(e.name().toLowerCase(Locale.ROOT));
      }
      throw bad(key, v, "one of " + allowed);
    });
  }

  private IllegalArgumentException bad(String key, String value, String expected) {
    return new IllegalArgumentException(
        "bad value '" + value + "' for " + key + " (from " + source(key) + "); expected " + expected);
  }

  private Duration parseDuration(String v, String key) {
    if (v.startsWith("P") || v.startsWith("p")) {
      try {
        Duration d = Duration.parse(v);
        if (!d.isNegative()) {
          return d;
        }
      } catch (DateTimeParseException e) {
        // reported below
      }
      throw bad(key, v, "a duration such as 100ms, 2s, 5m, 1h or PT1S");
    }
    Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw bad(key, v, "a duration such as 100ms, 2s, 5m, 1h or PT1S");
    }
    double n = Double.parseDouble(m.group(1));
    double nanosPer = switch (m.group(2)) {
      case "ns" -> 1;
      case "us", "µs" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "m", "min" -> 60e9;
      case "h" -> 3600e9;
      default -> 86400e9;
    };
    double nanos = n * nanosPer;
    if (nanos > Long.MAX_VALUE) {
      throw bad(key, v, "a duration under 292 years");
    }
    return Duration.ofNanos(Math.round(nanos));
  }

  @Override
  public String toString() {
    return "Configuration" + explicit.keySet() + properties.keySet() + environment.keySet();
  }
}
