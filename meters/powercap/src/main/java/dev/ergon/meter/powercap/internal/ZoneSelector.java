package dev.ergon.meter.powercap.internal;

import dev.ergon.meter.powercap.PowercapPolicy;
import dev.ergon.ChannelKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Chooses which zones a policy counts, so that no joule is counted twice.
 *
 * <p>Rules (SPECS A.4), applied to zones identified by their {@code name}:
 * <ol>
 *   <li><b>One zone per domain.</b> A domain is the zone's name, under its parent's name for a subzone
 *       ({@code package-0}, {@code package-0/dram}, {@code psys}). Where the same domain appears under several
 *       control types, the zone of the preferred interface is counted and the others are reported as duplicates.
 *       The preference is fixed: {@code intel-rapl} (the MSR interface, which also carries DRAM and psys, so a
 *       machine's zones come from one interface wherever possible), then {@code intel-rapl-tpmi}, then
 *       {@code intel-rapl-mmio}, then any other control type by name.</li>
 *   <li><b>Never a part with its whole.</b> {@code core} and {@code uncore} are parts of their package and are never
 *       counted; {@code psys} includes the packages and DRAM, so it is counted only under
 *       {@link PowercapPolicy#PLATFORM}, which then counts nothing else. Where a socket has per-die zones
 *       ({@code package-N-die-M}), the dies are counted and a plain {@code package-N} of the same socket is not.</li>
 *   <li><b>DRAM is not in the package</b> (geopm #45, Zeus #92): it is added per socket under
 *       {@link PowercapPolicy#PACKAGES_AND_DRAM}.</li>
 *   <li>AMD registers {@code package-N} with a {@code core} subzone (which covers one core only) and no DRAM or psys,
 *       so the default counts its packages.</li>
 * </ol>
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
public final class ZoneSelector {

  private static final Pattern PACKAGE = Pattern.compile("package-(\\d{1,6})(?:-die-(\\d{1,6}))?");
  private static final String PACKAGE_PREFIX = "package-";

  private ZoneSelector() {}

  /**
   * Applies a policy to the zones found.
   *
   * @param zones the zones with an energy counter
   * @param policy the policy
   * @return the zones counted and those left out, with reasons
   */
  public static ZoneSelection select(List<Zone> zones, PowercapPolicy policy) {
    List<SkippedZone> skipped = new ArrayList<>();
    List<Zone> unique = deduplicate(zones, skipped);
    Set<Integer> socketsWithDies = new HashSet<>();
    boolean hasPsys = false;
    for (Zone z : unique) {
      hasPsys |= z.name().equals("psys");
      Matcher m = PACKAGE.matcher(z.name());
      if (m.matches() && m.group(2) != null) {
        socketsWithDies.add(Integer.parseInt(m.group(1)));
      }
    }
    List<SelectedZone> chosen = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Zone z : unique) {
      String reason = classify(z, policy, socketsWithDies, hasPsys, chosen, ids);
      if (reason != null) {
        skipped.add(new SkippedZone(z, reason));
      }
    }
    chosen.sort(Comparator.comparing(SelectedZone::kind)
        .thenComparingInt(c -> unknownLast(c.socket()))
        .thenComparingInt(c -> unknownLast(c.die()))
        .thenComparing(c -> c.zone().kernelName(), ZoneScanner::compareKernelNames));
    skipped.sort(Comparator.comparing(k -> k.zone().kernelName(), ZoneScanner::compareKernelNames));
    return new ZoneSelection(policy, chosen, skipped);
  }

  private static int unknownLast(int number) {
    return number < 0 ? Integer.MAX_VALUE : number;
  }

  /** Returns the reason a zone is not counted, or null after adding it to {@code chosen}. */
  private static @Nullable String classify(
      Zone z,
      PowercapPolicy policy,
      Set<Integer> socketsWithDies,
      boolean hasPsys,
      List<SelectedZone> chosen,
      Set<String> ids) {
    String name = z.name();
    String insidePsys = hasPsys
        ? "part of psys, which policy platform counts"
        : "left out by policy platform, which counts psys only";
    Matcher pkg = PACKAGE.matcher(name);
    if (pkg.matches()) {
      int socket = Integer.parseInt(pkg.group(1));
      String dieText = pkg.group(2);
      if (dieText == null && socketsWithDies.contains(socket)) {
        return "socket " + socket + " also has per-die zones " + name + "-die-M, which are counted instead";
      }
      if (policy == PowercapPolicy.PLATFORM) {
        return insidePsys;
      }
      int die = dieText == null ? -1 : Integer.parseInt(dieText);
      String device = "CPU package " + socket + (die < 0 ? "" : " die " + die);
      add(chosen, ids, z, ChannelKind.CPU_PACKAGE, "cpu/" + name, device, socket, die);
      return null;
    }
    return switch (name) {
      case "dram" -> {
        if (policy == PowercapPolicy.PACKAGES) {
          yield "DRAM is left out by policy packages";
        }
        if (policy == PowercapPolicy.PLATFORM) {
          yield insidePsys;
        }
        addDram(chosen, ids, z);
        yield null;
      }
      case "psys" -> {
        if (policy != PowercapPolicy.PLATFORM) {
          yield "psys is the whole platform and includes the packages and DRAM, so counting it too would count "
              + "them twice; set ergon.powercap.policy=platform to count psys instead";
        }
        add(chosen, ids, z, ChannelKind.PLATFORM, "platform/psys", "platform (SoC)", -1, -1);
        yield null;
      }
      case "core" -> "PP0, part of " + parentOrPackage(z) + " and never added to it; on AMD it covers one core only";
      case "uncore" -> "PP1, part of " + parentOrPackage(z) + " and never added to it";
      default -> "unknown RAPL domain name '" + name + "', not counted";
    };
  }

  private static void addDram(List<SelectedZone> chosen, Set<String> ids, Zone z) {
    String parent = z.parentName();
    Matcher pkg = parent == null ? null : PACKAGE.matcher(parent);
    if (parent != null && pkg != null && pkg.matches()) {
      int socket = Integer.parseInt(pkg.group(1));
      String dieText = pkg.group(2);
      int die = dieText == null ? -1 : Integer.parseInt(dieText);
      String suffix = parent.substring(PACKAGE_PREFIX.length());
      String device = "DRAM of CPU package " + socket + (die < 0 ? "" : " die " + die);
      add(chosen, ids, z, ChannelKind.DRAM, "dram/" + suffix, device, socket, die);
    } else {
      add(chosen, ids, z, ChannelKind.DRAM, "dram/" + z.kernelName(), "DRAM", -1, -1);
    }
  }

  private static void add(
      List<SelectedZone> chosen,
      Set<String> ids,
      Zone z,
      ChannelKind kind,
      String id,
      String device,
      int socket,
      int die) {
    String unique = ids.contains(id) ? id + "/" + z.kernelName() : id;
    ids.add(unique);
    chosen.add(new SelectedZone(z, kind, unique, device + " (powercap " + z.label() + ")", socket, die));
  }

  private static String parentOrPackage(Zone z) {
    String parent = z.parentName();
    return parent == null ? "its package" : parent;
  }

  /** Keeps one zone per domain, preferring one interface; the others are reported as duplicates. */
  private static List<Zone> deduplicate(List<Zone> zones, List<SkippedZone> skipped) {
    Map<String, List<Zone>> byDomain = new LinkedHashMap<>();
    for (Zone z : zones) {
      byDomain.computeIfAbsent(domain(z), k -> new ArrayList<>()).add(z);
    }
    List<Zone> unique = new ArrayList<>();
    for (List<Zone> group : byDomain.values()) {
      Zone best = group.get(0);
      for (Zone z : group) {
        if (compareInterfaces(z.controlType(), best.controlType()) < 0) {
          best = z;
        }
      }
      for (Zone z : group) {
        if (z.controlType().equals(best.controlType())) {
          unique.add(z);
        } else {
          skipped.add(new SkippedZone(z, "same domain as " + best.kernelName() + ", counted once through "
              + best.controlType()));
        }
      }
    }
    return unique;
  }

  private static String domain(Zone z) {
    if (z.parentKernelName() == null) {
      return z.name();
    }
    String parent = z.parentName();
    // a subzone whose parent has no readable name cannot be matched across interfaces: it stands alone
    return parent == null ? "?" + z.kernelName() : parent + "/" + z.name();
  }

  /**
   * Orders control types by preference: {@code intel-rapl}, {@code intel-rapl-tpmi}, {@code intel-rapl-mmio}, then
   * others by name.
   *
   * @param a a control type
   * @param b another
   * @return negative if {@code a} is preferred
   */
  static int compareInterfaces(String a, String b) {
    int c = Integer.compare(rank(a), rank(b));
    return c != 0 ? c : a.compareTo(b);
  }

  private static int rank(String controlType) {
    return switch (controlType) {
      case "intel-rapl" -> 0;
      case "intel-rapl-tpmi" -> 1;
      case "intel-rapl-mmio" -> 2;
      default -> 3;
    };
  }
}
