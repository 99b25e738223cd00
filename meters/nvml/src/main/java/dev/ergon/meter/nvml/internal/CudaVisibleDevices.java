package dev.ergon.meter.nvml.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Selects the GPUs a process may use from {@code CUDA_VISIBLE_DEVICES}, the way CUDA reads it.
 *
 * <p>NVML ignores the variable and always enumerates every GPU; CUDA applies it. So that a job is charged for the
 * GPUs it can use, this class applies it to NVML's list:
 * <ul>
 *   <li>unset: every GPU;</li>
 *   <li>a comma-separated list, kept in its order; each entry is
 *       <ul>
 *         <li>an index: the N-th GPU that CUDA can open, counted over the GPUs NVML gave a handle and UUID for,
 *             in NVML's (PCI bus) order. CUDA's default order, {@code CUDA_DEVICE_ORDER=FASTEST_FIRST}, can differ
 *             when the GPUs are of different models; that case gets a note;</li>
 *         <li>a GPU UUID or a unique prefix of one ({@code GPU-8f2a}), case-insensitive;</li>
 *         <li>a MIG instance ({@code MIG-<uuid>}, resolved through NVML, or the older
 *             {@code MIG-GPU-<uuid>/<gi>/<ci>}): its physical GPU, with a note that NVML measures the whole GPU;</li>
 *       </ul></li>
 *   <li>as in CUDA, the first entry that names no GPU ends the list: it and every later entry are ignored (with a
 *       note); an empty value, or one such as {@code -1}, selects no GPU.</li>
 * </ul>
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public final class CudaVisibleDevices {

  /** The environment variable. */
  public static final String VARIABLE = "CUDA_VISIBLE_DEVICES";

  /** The environment variable that sets CUDA's numbering; {@code PCI_BUS_ID} makes it match NVML's. */
  public static final String ORDER_VARIABLE = "CUDA_DEVICE_ORDER";

  private final @Nullable String value;
  private final boolean pciBusOrder;

  private CudaVisibleDevices(@Nullable String value, boolean pciBusOrder) {
    this.value = value;
    this.pciBusOrder = pciBusOrder;
  }

  /**
   * Reads the two variables from an environment.
   *
   * @param environment the process environment (e.g. {@code System::getenv})
   * @return the selection rule
   */
  public static CudaVisibleDevices from(EnvironmentVariables environment) {
    String order = environment.get(ORDER_VARIABLE);
    return new CudaVisibleDevices(
        environment.get(VARIABLE), order != null && order.strip().equalsIgnoreCase("PCI_BUS_ID"));
  }

  /**
   * Tells whether the variable is set (even to an empty value).
   *
   * @return true if set
   */
  public boolean isSet() {
    return value != null;
  }

  /**
   * Returns the variable's value, for messages.
   *
   * @return {@code CUDA_VISIBLE_DEVICES=<value>}, or {@code CUDA_VISIBLE_DEVICES unset}
   */
  @Override
  public String toString() {
    return value == null ? VARIABLE + " unset" : VARIABLE + "=" + value;
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
   * Applies the rule.
   *
   * @param gpus every GPU NVML counts, in NVML index order
   * @param migParent finds the UUID of the physical GPU of a MIG UUID
   * @return the selected GPUs, in the variable's order (NVML's when unset)
   */
  public List<Selected> select(List<DiscoveredGpu> gpus, Function<String, Optional<String>> migParent) {
    if (value == null) {
      return gpus.stream().map(g -> new Selected(g, List.of())).toList();
    }
    List<DiscoveredGpu> cudaVisible = gpus.stream().filter(DiscoveredGpu::identified).toList();
    boolean mixedModels = cudaVisible.stream().map(DiscoveredGpu::name).distinct().count() > 1;
    Map<DiscoveredGpu, List<String>> chosen = new LinkedHashMap<>();
    List<String> common = new ArrayList<>();
    String[] entries = value.split(",", -1);
    for (int position = 0; position < entries.length; position++) {
      String entry = entries[position].strip();
      List<String> notes = new ArrayList<>();
      Optional<DiscoveredGpu> gpu = resolve(entry, cudaVisible, migParent, notes);
      if (gpu.isEmpty()) {
        if (!(value.isBlank() || (entries.length == 1 && entry.equals("-1")))) {
          common.add(VARIABLE + " entry '" + entry + "' (position " + (position + 1) + " of '" + value
              + "') names no GPU that CUDA can open; CUDA ignores it and every entry after it, and so does this"
              + " meter");
        }
        break;
      }
      if (isIndex(entry) && mixedModels && !pciBusOrder) {
        notes.add(VARIABLE + " index " + entry + " was taken as the " + ordinal(Integer.parseInt(entry))
            + " GPU in PCI bus order; with GPUs of different models CUDA's default order (FASTEST_FIRST) may"
            + " differ: set " + ORDER_VARIABLE + "=PCI_BUS_ID, or name GPUs by UUID");
      }
      chosen.computeIfAbsent(gpu.get(), g -> new ArrayList<>()).addAll(notes);
    }
    List<Selected> out = new ArrayList<>();
    chosen.forEach((g, notes) -> {
      List<String> all = new ArrayList<>(notes);
      all.addAll(common);
      out.add(new Selected(g, all));
    });
    return List.copyOf(out);
  }

  private static Optional<DiscoveredGpu> resolve(String entry, List<DiscoveredGpu> visible,
      Function<String, Optional<String>> migParent, List<String> notes) {
    String upper = entry.toUpperCase(Locale.ROOT);
    if (isIndex(entry)) {
      try {
        int index = Integer.parseInt(entry);
        return index < visible.size() ? Optional.of(visible.get(index)) : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty(); // too large for an index
      }
    }
    if (upper.startsWith("GPU-")) {
      return byUuidPrefix(entry, visible);
    }
    if (upper.startsWith("MIG-")) {
      int slash = entry.indexOf('/');
      Optional<DiscoveredGpu> parent = slash > 0
          ? byUuidPrefix(entry.substring(4, slash), visible) // MIG-GPU-<uuid>/<gi>/<ci>, drivers before R470
          : migParent.apply(entry).flatMap(uuid -> byUuidPrefix(uuid, visible));
      parent.ifPresent(g -> notes.add(VARIABLE + " names MIG instance " + entry + ": NVML measures only the whole"
          + " physical GPU " + g.uuid() + ", so this energy includes every other instance on it"));
      return parent;
    }
    return Optional.empty();
  }

  private static Optional<DiscoveredGpu> byUuidPrefix(String prefix, List<DiscoveredGpu> visible) {
    if (prefix.length() <= "GPU-".length()) {
      return Optional.empty();
    }
    String p = prefix.toUpperCase(Locale.ROOT);
    List<DiscoveredGpu> matches = visible.stream()
        .filter(g -> {
          String uuid = g.uuid();
          return uuid != null && uuid.toUpperCase(Locale.ROOT).startsWith(p);
        })
        .toList();
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
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
