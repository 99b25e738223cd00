package dev.ergon.meter.amdsmi.internal;

import dev.ergon.Configuration;
import dev.ergon.MeterUnavailableException;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.support.LinkerSearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds and loads the AMD SMI library: the configured one, else ROCm's usual places.
 *
 * <p>Linux only (AMD SMI for bare-metal GPUs exists for Linux): {@code libamd_smi.so} through the dynamic linker
 * (ROCm's packages register {@code /opt/rocm/lib} with it), then {@code $ROCM_PATH/lib/libamd_smi.so}, then
 * {@code /opt/rocm/lib/libamd_smi.so}. A configured relative path is resolved against the working directory, as on
 * a command line (the dynamic linker would take it for a name to search for).
 *
 * <p>A file name that the dynamic linker certainly cannot find ({@link LinkerSearch}) is reported at once, without
 * starting JNA, so that a machine without ROCm is answered in about a millisecond.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public final class AmdSmiLibraryLocation {

  /** The setting naming the library file: {@code ergon.amdsmi.library}, or {@code ERGON_AMDSMI_LIBRARY}. */
  public static final String KEY = "ergon.amdsmi.library";

  /** What to do when no AMD SMI library can be loaded. */
  static final String REMEDY =
      "install ROCm's AMD SMI library (package amd-smi-lib, which ships /opt/rocm/lib/libamd_smi.so; check with"
          + " 'amd-smi list'), or set " + KEY + " (" + Configuration.environmentName(KEY) + ") to the full path of"
          + " libamd_smi.so; on a machine without an AMD GPU, exclude meter \"amdsmi\"";

  private static final String LINUX_NAME = "libamd_smi.so";
  private static final String ROCM_DEFAULT = "/opt/rocm";

  private final Configuration config;
  private final EnvironmentVariables environment;
  private final String osName;
  private final Path root;

  /**
   * Creates a locator.
   *
   * @param config the configuration, read for {@link #KEY}
   * @param environment the process environment, read for {@code ROCM_PATH} and {@code LD_LIBRARY_PATH}
   * @param osName the {@code os.name} system property
   */
  public AmdSmiLibraryLocation(Configuration config, EnvironmentVariables environment, String osName) {
    this(config, environment, osName, Path.of("/"));
  }

  /**
   * Creates a locator over another file system root, for tests of the dynamic linker pre-check.
   *
   * @param config the configuration
   * @param environment the process environment
   * @param osName the {@code os.name} system property
   * @param root where {@code /etc/ld.so.cache} and the library directories are looked for
   */
  AmdSmiLibraryLocation(Configuration config, EnvironmentVariables environment, String osName, Path root) {
    this.config = config;
    this.environment = environment;
    this.osName = osName.toLowerCase(Locale.ROOT);
    this.root = root;
  }

  /**
   * Returns the names or paths tried, in order.
   *
   * @return the candidates; empty where AMD SMI does not exist (not Linux)
   */
  public List<String> candidates() {
    Optional<String> configured = config.get(KEY);
    if (configured.isPresent()) {
      String c = configured.get();
      boolean isPath = c.indexOf('/') >= 0 || c.indexOf(java.io.File.separatorChar) >= 0;
      return List.of(isPath ? Path.of(c).toAbsolutePath().normalize().toString() : c);
    }
    if (!osName.startsWith("linux")) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    out.add(LINUX_NAME);
    String rocm = environment.get("ROCM_PATH");
    if (rocm != null && rocm.startsWith("/") && !rocm.equals(ROCM_DEFAULT)) {
      out.add(rocm + "/lib/" + LINUX_NAME);
    }
    out.add(ROCM_DEFAULT + "/lib/" + LINUX_NAME);
    return List.copyOf(out);
  }

  /**
   * Loads the first candidate that is an AMD SMI library.
   *
   * @return the bound library
   * @throws MeterUnavailableException with {@link UnavailableReason#DRIVER_MISSING} naming every candidate tried and
   *     why it failed
   */
  public AmdSmiLibrary load() {
    List<String> candidates = candidates();
    if (candidates.isEmpty()) {
      throw new MeterUnavailableException(
          UnavailableReason.DRIVER_MISSING,
          "AMD SMI does not exist on " + osName + " (ROCm ships it for Linux only)",
          "exclude meter \"amdsmi\" on this platform");
    }
    boolean configured = config.get(KEY).isPresent();
    LinkerSearch linker = new LinkerSearch(root, environment.get("LD_LIBRARY_PATH"));
    List<String> failures = new ArrayList<>();
    String remedy = REMEDY;
    for (String candidate : candidates) {
      boolean isPath = candidate.indexOf('/') >= 0;
      Path file = isPath ? root.resolve(candidate.substring(1)) : Path.of(candidate);
      if (isPath && !Files.isRegularFile(configured ? Path.of(candidate) : file)) {
        if (configured) {
          failures.add(candidate + " does not exist (from " + config.source(KEY) + ")");
        }
        continue;
      }
      if (!isPath && !linker.mayFind(candidate)) {
        failures.add(candidate + " not found in " + linker.searched());
        continue;
      }
      try {
        return AmdSmiLibrary.load(isPath && !configured ? file.toString() : candidate);
      } catch (AmdSmiLibrary.LoadFailure e) {
        failures.add(e.getMessage());
        if (!e.remedy().isEmpty()) {
          remedy = e.remedy();
        }
      }
    }
    if (failures.isEmpty()) {
      failures.add(String.join(", ", candidates) + " not found");
    }
    throw new MeterUnavailableException(
        UnavailableReason.DRIVER_MISSING, "no AMD SMI library: " + String.join("; ", failures), remedy);
  }
}
