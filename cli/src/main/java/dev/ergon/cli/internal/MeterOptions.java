package dev.ergon.cli.internal;

import dev.ergon.Configuration;
import dev.ergon.spi.MeterProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that choose and configure meters, shared by {@code measure} and {@code meters}. Each one sets the
 * configuration key of the same meaning, so an option wins over an {@code ergon.*} system property and an
 * {@code ERGON_*} environment variable.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe.
 */
public final class MeterOptions {

  /** The configuration key of the meters to use. */
  static final String KEY_METERS = "ergon.meters";
  /** The configuration key of the meters never to use. */
  static final String KEY_EXCLUDE = "ergon.meters.exclude";
  /** The powercap meter's root directory key. */
  static final String KEY_POWERCAP_ROOT = "ergon.powercap.root";
  /** The NVML meter's library path key. */
  static final String KEY_NVML_LIBRARY = "ergon.nvml.library";
  /** The AMD SMI meter's library path key. */
  static final String KEY_AMDSMI_LIBRARY = "ergon.amdsmi.library";

  /* The options' descriptions, also used by MeasureModel. */
  static final String METER_DESCRIPTION = "Use only this meter (repeatable, or comma-separated): powercap, nvml, "
      + "amdsmi, estimate. Default: every meter found (or ERGON_METERS), counters first, the estimate for the rest.";
  static final String EXCLUDE_METER_DESCRIPTION = "Never use this meter (repeatable).";
  static final String POWERCAP_ROOT_DESCRIPTION = "The powercap sysfs directory (default /sys/class/powercap; "
      + "ERGON_POWERCAP_ROOT), e.g. the host's sysfs mounted into a container.";
  static final String NVML_LIBRARY_DESCRIPTION = "The NVML library to load (default: libnvidia-ml.so.1 from the "
      + "system; ERGON_NVML_LIBRARY).";
  static final String AMDSMI_LIBRARY_DESCRIPTION = "The AMD SMI library to load (default: libamd_smi.so from the "
      + "system or /opt/rocm/lib; ERGON_AMDSMI_LIBRARY).";

  @Option(names = "--meter", paramLabel = "NAME", split = ",", description = METER_DESCRIPTION)
  List<String> only = new ArrayList<>();

  @Option(names = "--exclude-meter", paramLabel = "NAME", split = ",", description = EXCLUDE_METER_DESCRIPTION)
  List<String> excluded = new ArrayList<>();

  @Option(names = "--powercap-root", paramLabel = "DIR", description = POWERCAP_ROOT_DESCRIPTION)
  @Nullable Path powercapRoot;

  @Option(names = "--nvml-library", paramLabel = "PATH", description = NVML_LIBRARY_DESCRIPTION)
  @Nullable Path nvmlLibrary;

  @Option(names = "--amdsmi-library", paramLabel = "PATH", description = AMDSMI_LIBRARY_DESCRIPTION)
  @Nullable Path amdsmiLibrary;

  /** Creates the options; picocli fills them in. */
  public MeterOptions() {}

  /**
   * Refuses, as a usage error, a {@code --meter} or {@code --exclude-meter} name that no meter on the class path has,
   * listing the meters found, before anything runs.
   *
   * @param commandLine the command line, for the usage error
   * @throws ParameterException naming the option, the unknown name and the meters found
   */
  void checkNames(CommandLine commandLine) {
    if (only.isEmpty() && excluded.isEmpty()) {
      return;
    }
    List<String> found = providerNames(MeterOptions.class.getClassLoader());
    check(commandLine, "--meter", only, found);
    check(commandLine, "--exclude-meter", excluded, found);
  }

  private static void check(CommandLine commandLine, String option, List<String> names, List<String> found) {
    for (String n : names) {
      if (found.stream().noneMatch(f -> f.equalsIgnoreCase(n.trim()))) {
        throw new ParameterException(commandLine, option + " " + n + ": no such meter; the meters found are: "
            + (found.isEmpty() ? "none" : String.join(", ", found)) + " (see 'ergon meters')");
      }
    }
  }

  /**
   * Returns the names of the meter providers on the class path, sorted; a provider that fails to load is left out.
   *
   * @param loader where to look
   * @return the names, lower case
   */
  static List<String> providerNames(ClassLoader loader) {
    List<String> out = new ArrayList<>();
    Iterator<MeterProvider> it = ServiceLoader.load(MeterProvider.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        out.add(it.next().name().toLowerCase(Locale.ROOT));
      } catch (ServiceConfigurationError e) {
        // 'ergon meters' reports it; it is not a name that can be chosen
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * Returns the configuration with these options applied.
   *
   * @param config the configuration from the environment
   * @return the configuration the monitor uses
   */
  Configuration applyTo(Configuration config) {
    Configuration c = config;
    if (!only.isEmpty()) {
      c = c.with(KEY_METERS, String.join(",", only));
    }
    if (!excluded.isEmpty()) {
      List<String> all = new ArrayList<>(config.getList(KEY_EXCLUDE));
      all.addAll(excluded);
      c = c.with(KEY_EXCLUDE, String.join(",", all));
    }
    Path root = powercapRoot;
    if (root != null) {
      c = c.with(KEY_POWERCAP_ROOT, root.toString());
    }
    Path nvml = nvmlLibrary;
    if (nvml != null) {
      c = c.with(KEY_NVML_LIBRARY, nvml.toString());
    }
    Path amdsmi = amdsmiLibrary;
    if (amdsmi != null) {
      c = c.with(KEY_AMDSMI_LIBRARY, amdsmi.toString());
    }
    return c;
  }
}
