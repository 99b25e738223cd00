package dev.ergon.meter.nvml.internal;

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
 * Finds and loads the NVML library: the configured one, else the platform's usual names.
 *
 * <p>Linux: {@code libnvidia-ml.so.1} through the dynamic linker (the unversioned {@code libnvidia-ml.so} is a
 * development link, often absent, and the CUDA toolkit's copy under {@code lib64/stubs} is a stub that must not be
 * loaded), then WSL's {@code /usr/lib/wsl/lib/libnvidia-ml.so.1}. Windows: {@code %WINDIR%\System32\nvml.dll}
 * (DCH drivers), {@code %ProgramW6432%\NVIDIA Corporation\NVSMI\nvml.dll} (standard drivers), then {@code nvml.dll}
 * on the search path. macOS has no NVML.
 *
 * <p>A file name that the Linux dynamic linker certainly cannot find ({@link LinkerSearch}) is reported at once,
 * without starting JNA, so that a machine without the driver is answered in about a millisecond.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public final class NvmlLibraryLocation {

  /** The setting naming the library file: {@code ergon.nvml.library}, or {@code ERGON_NVML_LIBRARY}. */
  public static final String KEY = "ergon.nvml.library";

  /** What to do when no NVML library can be loaded. */
  static final String REMEDY =
      "install the NVIDIA driver, which ships libnvidia-ml.so.1 (check with 'nvidia-smi'), or set "
          + KEY + " (" + Configuration.environmentName(KEY) + ") to the full path of libnvidia-ml.so.1 (nvml.dll on"
          + " Windows); on a machine without an NVIDIA GPU, exclude meter \"nvml\"";

  private static final String LINUX_NAME = "libnvidia-ml.so.1";
  private static final String WSL_PATH = "/usr/lib/wsl/lib/libnvidia-ml.so.1";

  private final Configuration config;
  private final EnvironmentVariables environment;
  private final String osName;
  private final Path root;

  /**
   * Creates a locator.
   *
   * @param config the configuration, read for {@link #KEY}
   * @param environment the process environment, read for {@code WINDIR} and {@code ProgramW6432} on Windows
   * @param osName the {@code os.name} system property
   */
  public NvmlLibraryLocation(Configuration config, EnvironmentVariables environment, String osName) {
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
  NvmlLibraryLocation(
      Configuration config, EnvironmentVariables environment, String osName, Path root) {
    this.config = config;
    this.environment = environment;
    this.osName = osName.toLowerCase(Locale.ROOT);
    this.root = root;
  }

  /**
   * Returns the names or paths tried, in order.
   *
   * @return the candidates; empty where NVML cannot exist (macOS)
   */
  public List<String> candidates() {
    Optional<String> configured = config.get(KEY);
    if (configured.isPresent()) {
      String c = configured.get();
      boolean isPath = c.indexOf('/') >= 0 || c.indexOf(java.io.File.separatorChar) >= 0;
      // A relative path means the working directory, as on a command line; the dynamic linker would instead treat it
      // as a name to search for (and fail with "driver missing").
      return List.of(isPath ? Path.of(c).toAbsolutePath().normalize().toString() : c);
    }
    List<String> out = new ArrayList<>();
    if (osName.startsWith("windows")) {
      String windir = environment.get("WINDIR");
      if (windir != null) {
        out.add(windir + "\\System32\\nvml.dll");
      }
      String programs = environment.get("ProgramW6432");
      if (programs != null) {
        out.add(programs + "\\NVIDIA Corporation\\NVSMI\\nvml.dll");
      }
      out.add("nvml.dll");
    } else if (osName.startsWith("mac") || osName.startsWith("darwin")) {
      return List.of();
    } else {
      out.add(LINUX_NAME);
      out.add(WSL_PATH);
    }
    return List.copyOf(out);
  }

  /**
   * Loads the first candidate that is an NVML library.
   *
   * @return the bound library
   * @throws MeterUnavailableException with {@link UnavailableReason#DRIVER_MISSING} naming every candidate tried and
   *     why it failed
   */
  public NvmlLibrary load() {
    List<String> candidates = candidates();
    if (candidates.isEmpty()) {
      throw new MeterUnavailableException(
          UnavailableReason.DRIVER_MISSING,
          "NVML does not exist on " + osName + " (NVIDIA ships it for Linux and Windows only)",
          "exclude meter \"nvml\" on this platform");
    }
    boolean configured = config.get(KEY).isPresent();
    boolean windows = osName.startsWith("windows");
    LinkerSearch linker = new LinkerSearch(root, environment.get("LD_LIBRARY_PATH"));
    List<String> failures = new ArrayList<>();
    String remedy = REMEDY;
    for (String candidate : candidates) {
      boolean isPath = candidate.indexOf('/') >= 0 || candidate.indexOf('\\') >= 0;
      if (isPath && !Files.isRegularFile(Path.of(candidate))) {
        // A path that does not exist is not worth a trip through the dynamic linker.
        if (configured) {
          failures.add(candidate + " does not exist (from " + config.source(KEY) + ")");
        }
        continue;
      }
      if (!isPath && !windows && !linker.mayFind(candidate)) {
        // Certainly absent: answer without starting JNA, which takes a few hundred ms to unpack itself.
        failures.add(candidate + " not found in " + linker.searched());
        continue;
      }
      try {
        return NvmlLibrary.load(candidate);
      } catch (NvmlLibrary.LoadFailure e) {
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
        UnavailableReason.DRIVER_MISSING, "no NVML library: " + String.join("; ", failures), remedy);
  }
}
