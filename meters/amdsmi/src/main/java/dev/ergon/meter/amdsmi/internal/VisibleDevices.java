package dev.ergon.meter.amdsmi.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Selects the GPUs a process may use from {@code ROCR_VISIBLE_DEVICES} and {@code HIP_VISIBLE_DEVICES}, the way ROCm
 * applies them, as the NVML meter applies {@code CUDA_VISIBLE_DEVICES}.
 *
 * <p>AMD SMI ignores both and always enumerates every GPU; the ROCm runtime applies them in two steps:
 * <ol>
 *   <li>{@code ROCR_VISIBLE_DEVICES} (the ROCr runtime, what Slurm and Kubernetes set) selects from every GPU;</li>
 *   <li>{@code HIP_VISIBLE_DEVICES} (or, when it is unset, {@code CUDA_VISIBLE_DEVICES}, which HIP also honours)
 *       selects by index from what the first step left.</li>
 * </ol>
 * Each is a comma-separated list kept in its order; an entry is an index (counted in AMD SMI's enumeration order,
 * which is ROCr's PCI bus order on a node whose GPUs are not partitioned; a note says so) or, in
 * {@code ROCR_VISIBLE_DEVICES}, a UUID ({@code GPU-} and hexadecimal digits, matched case-insensitively against the
 * hexadecimal digits of the UUID AMD SMI reports, where they must occur in exactly one GPU's). As in the runtime,
 * the first entry that names no GPU ends the list, with a note; an empty value selects no GPU.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public final class VisibleDevices {

  /** The ROCr runtime's variable. */
  public static final String ROCR = "ROCR_VISIBLE_DEVICES";

  /** HIP's variable. */
  public static final String HIP = "HIP_VISIBLE_DEVICES";

  /** The CUDA variable HIP honours when {@value #HIP} is unset. */
  public static final String CUDA = "CUDA_VISIBLE_DEVICES";

  private final @Nullable String rocr;
  private final @Nullable String hip;
  private final String hipName;

  private VisibleDevices(@Nullable String rocr, @Nullable String hip, String hipName) {
    this.rocr = rocr;
    this.hip = hip;
    this.hipName = hipName;
  }

  /**
   * Reads the variables from an environment.
   *
   * @param environment the process environment
   * @return the selection rule
   */
  public static VisibleDevices from(EnvironmentVariables environment) {
    String hip = environment.get(HIP);
    if (hip != null) {
      return new VisibleDevices(environment.get(ROCR), hip, HIP);
    }
    return new VisibleDevices(environment.get(ROCR), environment.get(CUDA), CUDA);
  }

  /**
   * Tells whether either step is set (even to an empty value).
   *
   * @return true if set
   */
  public boolean isSet() {
    return rocr != null || hip != null;
  }

  /**
   * Returns the variables' values, for messages.
   *
   * @return e.g. {@code ROCR_VISIBLE_DEVICES=0,1 HIP_VISIBLE_DEVICES=1}, or {@code ROCR_VISIBLE_DEVICES and
   *     HIP_VISIBLE_DEVICES unset}
   */
  @Override
  public String toString() {
    if (!isSet()) {
      return ROCR + " and " + HIP + " unset";
    }
    List<String> parts = new ArrayList<>();
    if (rocr != null) {
      parts.add(ROCR + "=" + rocr);
    }
    if (hip != null) {
      parts.add(hipName + "=" + hip);
    }
    return String.join(" ", parts);
  }

  /**
   * A selected GPU with the facts its channel must carry.
   *
   * @param gpu the GPU
   * @param notes notes for its channel; may be empty
   */
  public record Selected(DiscoveredGpu gpu, List<String> notes) {
    /** Copies the notes. */
    public Selected {
      notes = List.copyOf(notes);
    }
  }

  /**
   * Applies both steps.
   *
   * @param gpus every GPU AMD SMI enumerates, in its order
   * @return the selected GPUs, in the variables' order (AMD SMI's when unset)
   */
  public List<Selected> select(List<DiscoveredGpu> gpus) {
    List<Selected> all = gpus.stream().map(g -> new Selected(g, List.of())).toList();
    List<Selected> first = rocr == null ? all : apply(ROCR, rocr, all, true);
    return hip == null ? first : apply(hipName, hip, first, false);
  }

  private static List<Selected> apply(String variable, String value, List<Selected> from, boolean uuids) {
    Map<DiscoveredGpu, List<String>> chosen = new LinkedHashMap<>();
    List<String> common = new ArrayList<>();
    String[] entries = value.split(",", -1);
    for (int position = 0; position < entries.length; position++) {
      String entry = entries[position].strip();
      Optional<Selected> s = resolve(entry, from, uuids);
      if (s.isEmpty()) {
        if (!value.isBlank()) {
          common.add(variable + " entry '" + entry + "' (position " + (position + 1) + " of '" + value
              + "') names no GPU; the ROCm runtime ignores it and every entry after it, and so does this meter");
        }
        break;
      }
      List<String> notes = chosen.computeIfAbsent(s.get().gpu(), g -> new ArrayList<>(s.get().notes()));
      if (isIndex(entry) && from.size() > 1) {
        notes.add(variable + " index " + entry + " was taken as GPU " + s.get().gpu().subject() + ", the "
            + ordinal(Integer.parseInt(entry)) + " in " + (uuids ? "AMD SMI's (PCI bus) order" : "the order left by "
            + ROCR) + "; on a node with partitioned GPUs the runtime's numbering may differ: name GPUs by UUID in "
            + ROCR + " to be sure");
      }
    }
    List<Selected> out = new ArrayList<>();
    chosen.forEach((g, notes) -> {
      List<String> n = new ArrayList<>(notes);
      n.addAll(common);
      out.add(new Selected(g, n));
    });
    return List.copyOf(out);
  }

  private static Optional<Selected> resolve(String entry, List<Selected> from, boolean uuids) {
    if (isIndex(entry)) {
      try {
        int index = Integer.parseInt(entry);
        return index < from.size() ? Optional.of(from.get(index)) : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty(); // too large for an index
      }
    }
    String upper = entry.toUpperCase(Locale.ROOT);
    if (!uuids || !upper.startsWith("GPU-")) {
      return Optional.empty();
    }
    String digits = hex(upper.substring(4));
    if (digits.length() < 4) {
      return Optional.empty();
    }
    List<Selected> matches = from.stream()
        .filter(s -> {
          String uuid = s.gpu().uuid();
          return uuid != null && hex(uuid.toUpperCase(Locale.ROOT)).contains(digits);
        })
        .toList();
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }

  private static String hex(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F')) {
        out.append(c);
      } else if (c != '-') {
        return ""; // not a UUID
      }
    }
    return out.toString();
  }

  private static boolean isIndex(String entry) {
    return !entry.isEmpty() && entry.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static String ordinal(int index) {
    int n = index + 1;
    String suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : switch (n % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return n + suffix;
  }
}
