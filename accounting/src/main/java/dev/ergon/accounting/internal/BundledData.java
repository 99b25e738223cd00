package dev.ergon.accounting.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads the data files bundled in the jar under {@code dev/ergon/accounting/data/}.
 *
 * <p>Nothing is read at class initialisation; each call reads the resource afresh, so no state is shared.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class BundledData {
  /** The resource folder of the bundled data. */
  public static final String ROOT = "/dev/ergon/accounting/data/";

  private BundledData() {}

  /**
   * Reads a bundled file.
   *
   * @param name the path below {@link #ROOT}, e.g. {@code cloud-regions.csv}
   * @return its bytes
   * @throws IllegalStateException if the jar lacks it (a broken build)
   */
  public static byte[] read(String name) {
    try (InputStream in = BundledData.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("bundled data " + ROOT + name + " is missing from the ergon-accounting "
            + "jar; the jar is damaged or was repackaged without its resources");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled data " + ROOT + name, e);
    }
  }

  /**
   * Returns the name used for a bundled file in messages and factor origins.
   *
   * @param name the path below {@link #ROOT}
   * @return e.g. {@code ergon-accounting.jar!/dev/ergon/accounting/data/cloud-regions.csv}
   */
  public static String sourceName(String name) {
    return "ergon-accounting.jar!" + ROOT + name;
  }
}
