package dev.ergon;

/**
 * Why a meter or one of its channels cannot measure.
 *
 * <p>Every reason comes with a remedy text wherever it is reported, so a person can act on it.
 *
 * @since 0.1
 */
public enum UnavailableReason {
  /** The hardware or kernel interface is absent (no powercap tree, no GPU, a virtual machine). */
  NOT_PRESENT,
  /** The device exists but does not offer this measurement (e.g. a GPU older than Volta has no energy counter). */
  NOT_SUPPORTED,
  /** The operating system refused access (e.g. {@code energy_uj} is root-only since Linux 5.10). */
  PERMISSION_DENIED,
  /** A required library is missing (e.g. {@code libnvidia-ml.so.1}). */
  DRIVER_MISSING,
  /** The library is present but its kernel driver is not loaded or not running. */
  DRIVER_NOT_LOADED,
  /** The device disappeared or stopped answering while in use. */
  DEVICE_LOST,
  /** A read failed with an input/output error. */
  IO_ERROR,
  /** A setting for this meter is malformed (the detail names the key, its value and where it came from). */
  MISCONFIGURED,
  /** Excluded by configuration ({@code ergon.meters}, {@code ergon.meters.exclude} or the builder). */
  DISABLED,
  /** Another meter already measures this component with a better method, so this one would double count. */
  COVERED,
  /** The provider itself failed (threw while probing or opening); a bug to report to its authors. */
  PROVIDER_ERROR
}
