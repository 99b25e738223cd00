package dev.ergon.spi;

import dev.ergon.Component;
import dev.ergon.Configuration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a provider is told when probed or opened: the configuration and the components other meters already cover.
 *
 * <p>Immutable and thread-safe.
 *
 * @param config the configuration (builder values, then {@code ergon.*} system properties, then {@code ERGON_*}
 *     environment variables)
 * @param covered the components already measured by meters opened before this one; a model-based meter leaves
 *     these out, so nothing is counted twice
 * @since 0.1
 */
public record MeterContext(Configuration config, Set<Component> covered) {
  /**
   * Copies the set.
   *
   * @throws NullPointerException if a field is null
   */
  public MeterContext {
    Objects.requireNonNull(config, "config");
    covered = covered.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(covered));
  }

  /**
   * Returns a context with nothing covered.
   *
   * @param config the configuration
   * @return the context
   */
  public static MeterContext of(Configuration config) {
    return new MeterContext(config, Set.of());
  }
}
