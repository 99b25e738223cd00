package dev.ergon.meter.powercap.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one powercap sysfs attribute file.
 *
 * <p>The meter reads every file through this interface so that a test can inject the failures a fake tree cannot
 * produce (a root-only {@code energy_uj} does not stop a test that runs as root). Production code uses
 * {@link SysfsAttributeReader} only.
 *
 * <p>This interface is internal and is hence not for public use. Implementations must be thread-safe.
 */
public interface AttributeReader {

  /**
   * Reads an attribute holding one non-negative decimal integer, such as {@code energy_uj} (µJ).
   *
   * @param file the attribute file
   * @return the value, {@code >= 0}, in the attribute's own unit
   * @throws java.nio.file.AccessDeniedException if the operating system refuses the read
   * @throws java.nio.file.NoSuchFileException if the file (or its zone) does not exist
   * @throws IOException if the read fails or the content is not one non-negative decimal integer
   */
  long readLong(Path file) throws IOException;

  /**
   * Reads an attribute holding one line of text, such as {@code name}.
   *
   * @param file the attribute file
   * @return the text without surrounding white space
   * @throws java.nio.file.AccessDeniedException if the operating system refuses the read
   * @throws java.nio.file.NoSuchFileException if the file (or its zone) does not exist
   * @throws IOException if the read fails
   */
  String readLine(Path file) throws IOException;
}
