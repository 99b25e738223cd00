package dev.ergon.meter.estimate;

import java.util.Locale;

/**
 * A cloud whose published CPU coefficient averages the estimate uses when a CPU's microarchitecture is unknown.
 *
 * @since 0.1
 */
public enum CloudProvider {
  /** Amazon Web Services. */
  AWS,
  /** Google Cloud. */
  GCP,
  /** Microsoft Azure. */
  AZURE;

  /**
   * Returns the lower-case name used in configuration and data, e.g. {@code aws}.
   *
   * @return the key
   */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
