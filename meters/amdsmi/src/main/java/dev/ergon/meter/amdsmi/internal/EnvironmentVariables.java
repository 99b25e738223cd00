package dev.ergon.meter.amdsmi.internal;

import org.jspecify.annotations.Nullable;

/**
 * Looks up environment variables ({@code System::getenv}, or a map in tests).
 *
 * <p>This class is internal and is hence not for public use. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface EnvironmentVariables {

  /**
   * Returns a variable's value.
   *
   * @param name the name, e.g. {@code ROCR_VISIBLE_DEVICES}
   * @return the value, or {@code null} if unset
   */
  @Nullable String get(String name);
}
