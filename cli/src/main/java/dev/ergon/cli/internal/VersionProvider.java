package dev.ergon.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The text of {@code ergon --version}: Ergon's version (from the build), the Java runtime and the operating system.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
public final class VersionProvider implements IVersionProvider {

  /** Creates the provider. */
  public VersionProvider() {}

  @Override
  public String[] getVersion() {
    return new String[] {
        "ergon " + version(),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
            + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch")
    };
  }

  /**
   * Returns Ergon's version, as written into the jar by the build.
   *
   * <p>The runnable jar's manifest names it ({@code Implementation-Version}), and reading it costs nothing: the class
   * loader read the manifest when it defined this package. Picocli asks for the version while it builds the command
   * line, on every run, so {@code ergon measure}'s start-up would otherwise look up and parse a resource for it.
   * Other jars and class folders fall back to the build's {@code version.properties}.
   *
   * @return the version, or {@code unknown} when run from classes without the build's resource
   */
  static String version() {
    Package p = VersionProvider.class.getPackage();
    String fromManifest = p == null ? null : p.getImplementationVersion();
    if (fromManifest != null && !fromManifest.isBlank()) {
      return fromManifest;
    }
    return fromResource();
  }

  /**
   * Returns Ergon's version from the build's {@code version.properties}.
   *
   * @return the version, or {@code unknown} when run from classes without the build's resource
   */
  static String fromResource() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/ergon/cli/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
