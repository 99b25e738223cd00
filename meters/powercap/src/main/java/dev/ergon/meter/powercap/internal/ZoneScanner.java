package dev.ergon.meter.powercap.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Walks a powercap root and lists every zone that has an energy counter.
 *
 * <p>The root is normally {@code /sys/class/powercap}, a flat directory of symbolic links to every control type
 * ({@code intel-rapl}, {@code intel-rapl-mmio}, {@code intel-rapl-tpmi}, ...) and every zone ({@code intel-rapl:0},
 * {@code intel-rapl:0:2}, ...); it may also be the hierarchical {@code /sys/devices/virtual/powercap}, or either of
 * them mounted elsewhere in a container. The walk follows the kernel's links but only into entries named like
 * zones ({@code <control type>:<hex id>[:<hex id>...]}), so the {@code device} and {@code subsystem} links, which
 * point back up, are never followed; a zone reached twice (by its flat link and inside its control type) is
 * visited once, by its real path. Zones are identified by their {@code name} file, never by their index: ids are
 * hexadecimal and allocated in registration order, so {@code intel-rapl:1} may be {@code package-1} or {@code psys}.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one walk per instance.
 */
public final class ZoneScanner {

  /** A zone's kernel name: control type, then one or more hexadecimal ids ({@code "%s:%x"} in powercap_sys.c). */
  private static final Pattern ZONE = Pattern.compile("([a-z][a-z0-9_-]*)((?::[0-9a-f]{1,8})+)");

  private final AttributeReader reader;
  private final Set<Path> seen = new HashSet<>();
  private final Set<Path> descended = new HashSet<>();
  private final Map<String, String> names = new HashMap<>();
  private final List<Found> found = new ArrayList<>();
  private final List<String> withoutCounter = new ArrayList<>();
  private final List<Path> dangling = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  private record Found(String kernelName, Path directory) {}

  private ZoneScanner(AttributeReader reader) {
    this.reader = reader;
  }

  /**
   * Walks a powercap root.
   *
   * @param root the root directory, e.g. {@code /sys/class/powercap}
   * @param reader reads the {@code name} files
   * @return what was found
   * @throws IOException if the root itself cannot be listed
   */
  public static ZoneScan scan(Path root, AttributeReader reader) throws IOException {
    return new ZoneScanner(reader).walk(root);
  }

  private ZoneScan walk(Path root) throws IOException {
    List<Path> entries = list(root);
    // Zones linked directly under the root first, so that paths read like the kernel's own
    // (/sys/class/powercap/intel-rapl:0:2/energy_uj); then their subzones; then control type directories.
    for (Path entry : entries) {
      String entryName = fileName(entry);
      if (ZONE.matcher(entryName).matches()) {
        visit(entry, entryName);
      }
    }
    for (Path entry : entries) {
      String entryName = fileName(entry);
      if (ZONE.matcher(entryName).matches() || Files.isDirectory(entry)) {
        descend(entry, entryName); // a zone's subzones, or the zones of a control type directory
      }
    }
    List<Zone> zones = new ArrayList<>();
    for (Found f : found) {
      String name = names.get(f.kernelName());
      if (name == null) {
        continue;
      }
      Matcher m = ZONE.matcher(f.kernelName());
      if (!m.matches()) {
        throw new IllegalStateException("not a zone name: " + f.kernelName());
      }
      int lastColon = f.kernelName().lastIndexOf(':');
      String parentKernelName = m.group(2).indexOf(':', 1) > 0 ? f.kernelName().substring(0, lastColon) : null;
      String parentName = parentKernelName == null ? null : names.get(parentKernelName);
      zones.add(new Zone(m.group(1), f.kernelName(), f.directory(), name, parentKernelName, parentName));
    }
    zones.sort(Comparator.comparing(Zone::kernelName, ZoneScanner::compareKernelNames));
    return new ZoneScan(zones, withoutCounter, dangling, problems);
  }

  /** Records a zone directory the first time its real path is reached. */
  private void visit(Path directory, String kernelName) {
    Path real = realDirectory(directory, kernelName);
    if (real == null || !seen.add(real)) {
      return;
    }
    Path nameFile = directory.resolve("name");
    try {
      names.put(kernelName, reader.readLine(nameFile));
    } catch (IOException e) {
      problems.add(kernelName + " skipped: cannot read " + nameFile + " (" + AttributeFailure.describe(e)
          + "); a zone is identified by its name, never by its index");
    }
    if (Files.exists(directory.resolve("energy_uj"))) {
      found.add(new Found(kernelName, directory));
    } else {
      withoutCounter.add(kernelName);
    }
  }

  /** Visits the subzones below a zone (or the zones of a control type directory), once per real directory. */
  private void descend(Path directory, String kernelName) {
    Path real = realDirectory(directory, kernelName);
    if (real == null || !descended.add(real)) {
      return;
    }
    for (Path child : listQuietly(directory)) {
      String childName = fileName(child);
      if (isChild(kernelName, childName)) {
        visit(child, childName);
        descend(child, childName);
      }
    }
  }

  private @Nullable Path realDirectory(Path directory, String kernelName) {
    try {
      Path real = directory.toRealPath();
      return Files.isDirectory(real) ? real : null;
    } catch (NoSuchFileException e) {
      if (!dangling.contains(directory)) {
        dangling.add(directory);
      }
      return null;
    } catch (IOException e) {
      String problem = kernelName + " skipped: cannot resolve " + directory + " (" + AttributeFailure.describe(e) + ")";
      if (!problems.contains(problem)) {
        problems.add(problem);
      }
      return null;
    }
  }

  /** Tells whether {@code child} names a direct subzone of {@code parent}: the parent's name plus one id. */
  private static boolean isChild(String parent, String child) {
    return child.length() > parent.length() + 1
        && child.startsWith(parent)
        && child.charAt(parent.length()) == ':'
        && child.indexOf(':', parent.length() + 1) < 0
        && ZONE.matcher(child).matches();
  }

  private List<Path> listQuietly(Path directory) {
    try {
      return list(directory);
    } catch (IOException e) {
      problems.add("cannot list " + directory + " (" + AttributeFailure.describe(e) + "); its subzones are skipped");
      return List.of();
    }
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.sorted().collect(Collectors.toList());
    }
  }

  private static String fileName(Path path) {
    Path name = path.getFileName();
    return name == null ? "" : name.toString();
  }

  /**
   * Orders kernel names by control type, then by each hexadecimal id numerically ({@code :2} before {@code :a}).
   *
   * @param a a kernel name
   * @param b another
   * @return the comparison
   */
  static int compareKernelNames(String a, String b) {
    String[] pa = a.split(":");
    String[] pb = b.split(":");
    int c = pa[0].compareTo(pb[0]);
    for (int i = 1; c == 0 && i < Math.min(pa.length, pb.length); i++) {
      c = Long.compare(Long.parseLong(pa[i], 16), Long.parseLong(pb[i], 16));
    }
    return c != 0 ? c : Integer.compare(pa.length, pb.length);
  }
}
