package dev.ergon.spi.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Tells, without loading anything, whether the Linux dynamic linker could find a library by file name, so that a
 * machine without the vendor's driver (NVIDIA, ROCm) gets its answer in about a millisecond instead of the time JNA takes to start
 * (it unpacks its native part first: a few hundred ms).
 *
 * <p>It answers "certainly not" only when {@code /etc/ld.so.cache} exists and does not contain the name, and no
 * directory of {@code LD_LIBRARY_PATH} or of the usual library directories holds the file. In every other case
 * (no cache, as on musl or NixOS; a file found somewhere) the dynamic linker decides.
 *
 * <p>Immutable and thread-safe.
 */
public final class LinkerSearch {

  private static final List<String> STANDARD_DIRECTORIES = List.of(
      "lib", "usr/lib", "lib64", "usr/lib64", "usr/local/lib",
      "lib/x86_64-linux-gnu", "usr/lib/x86_64-linux-gnu", "lib/aarch64-linux-gnu", "usr/lib/aarch64-linux-gnu",
      "usr/lib/wsl/lib", "run/opengl-driver/lib");

  private final Path root;
  private final @Nullable String ldLibraryPath;

  /**
   * Creates a search.
   *
   * @param root the file system root ({@code /}; a directory tree in tests)
   * @param ldLibraryPath the {@code LD_LIBRARY_PATH} environment variable, or {@code null}
   */
  public LinkerSearch(Path root, @Nullable String ldLibraryPath) {
    this.root = root;
    this.ldLibraryPath = ldLibraryPath;
  }

  /**
   * Tells whether the dynamic linker might find a library.
   *
   * @param fileName a file name without directory, e.g. {@code libnvidia-ml.so.1}
   * @return false only if it certainly cannot
   */
  public boolean mayFind(String fileName) {
    Path cache = root.resolve("etc/ld.so.cache");
    if (!Files.isRegularFile(cache)) {
      return true;
    }
    if (ldLibraryPath != null && List.of(ldLibraryPath.split(":")).stream()
        .anyMatch(d -> !d.isBlank() && !d.startsWith("/"))) {
      return true; // relative to the working directory: let the linker decide
    }
    for (Path dir : directories()) {
      if (Files.exists(dir.resolve(fileName))) {
        return true;
      }
    }
    try {
      return contains(Files.readAllBytes(cache), (fileName + '\0').getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return true; // unreadable: let the linker decide
    }
  }

  /**
   * Describes where {@link #mayFind} looked, for messages.
   *
   * @return e.g. {@code /etc/ld.so.cache, LD_LIBRARY_PATH (unset) and /lib, /usr/lib, ...}
   */
  public String searched() {
    return root.resolve("etc/ld.so.cache") + ", LD_LIBRARY_PATH ("
        + (ldLibraryPath == null ? "unset" : ldLibraryPath) + ") and the standard library directories";
  }

  private List<Path> directories() {
    List<Path> dirs = new ArrayList<>();
    if (ldLibraryPath != null) {
      for (String d : ldLibraryPath.split(":")) {
        if (!d.isBlank()) {
          dirs.add(root.resolve(d.startsWith("/") ? d.substring(1) : d));
        }
      }
    }
    for (String d : STANDARD_DIRECTORIES) {
      dirs.add(root.resolve(d));
    }
    return dirs;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
