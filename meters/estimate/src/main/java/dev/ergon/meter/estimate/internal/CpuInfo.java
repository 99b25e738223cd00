package dev.ergon.meter.estimate.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What {@code /proc/cpuinfo} says about the processor: identity (vendor, model name, CPUID family, model and
 * stepping, or the Arm implementer and part), and the logical topology the operating system sees.
 *
 * <p>The identity is taken from the first processor entry (all entries of a Linux machine describe the same model).
 * Inside a virtual machine the topology is the guest's, not the host's; {@link #hypervisor()} says so.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 *
 * @param vendor the {@code vendor_id}, e.g. {@code GenuineIntel}, {@code AuthenticAMD}; empty if absent (Arm)
 * @param modelName the {@code model name}, e.g. {@code Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz}; empty if absent
 * @param family the CPUID {@code cpu family}, or -1 if absent
 * @param model the CPUID {@code model}, or -1 if absent
 * @param stepping the CPUID {@code stepping}, or -1 if absent
 * @param armImplementer the Arm {@code CPU implementer} (e.g. {@code 0x41}), or -1 if absent
 * @param armPart the Arm {@code CPU part} (e.g. {@code 0xd0c}), or -1 if absent
 * @param logicalCpus the number of {@code processor} entries, {@code >= 0}
 * @param packages the number of distinct {@code physical id}s, at least 1 when there is any processor
 * @param threadsPerPackage the {@code siblings} value (logical CPUs per package), or -1 if absent
 * @param hypervisor true if the {@code flags} include {@code hypervisor} (x86 guests)
 */
public record CpuInfo(
    String vendor,
    String modelName,
    int family,
    int model,
    int stepping,
    int armImplementer,
    int armPart,
    int logicalCpus,
    int packages,
    int threadsPerPackage,
    boolean hypervisor) {

  /** Validates the fields. */
  public CpuInfo {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(modelName, "modelName");
  }

  /**
   * Returns an identity with no topology, for a CPU model given by configuration.
   *
   * @param modelName the model name as {@code /proc/cpuinfo} would print it
   * @return the identity
   */
  public static CpuInfo ofModelName(String modelName) {
    String lower = modelName.toLowerCase(Locale.ROOT);
    String vendor = lower.contains("intel") ? "GenuineIntel" : lower.contains("amd") ? "AuthenticAMD" : "";
    return new CpuInfo(vendor, modelName.strip(), -1, -1, -1, -1, -1, 0, 0, -1, false);
  }

  /**
   * Parses the text of {@code /proc/cpuinfo}.
   *
   * @param text the file's content
   * @return what it says; fields it lacks take their "absent" value
   */
  public static CpuInfo parse(String text) {
    String vendor = "";
    String modelName = "";
    int family = -1;
    int model = -1;
    int stepping = -1;
    int implementer = -1;
    int part = -1;
    int processors = 0;
    int siblings = -1;
    boolean hypervisor = false;
    Set<String> physicalIds = new HashSet<>();
    for (String line : text.split("\n", -1)) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      switch (key) {
        case "processor" -> processors++;
        case "vendor_id" -> vendor = vendor.isEmpty() ? value : vendor;
        case "model name" -> modelName = modelName.isEmpty() ? value : modelName;
        case "cpu family" -> family = family < 0 ? parseInt(value) : family;
        case "model" -> model = model < 0 ? parseInt(value) : model;
        case "stepping" -> stepping = stepping < 0 ? parseInt(value) : stepping;
        case "CPU implementer" -> implementer = implementer < 0 ? parseInt(value) : implementer;
        case "CPU part" -> part = part < 0 ? parseInt(value) : part;
        case "physical id" -> physicalIds.add(value);
        case "siblings" -> siblings = siblings < 0 ? parseInt(value) : siblings;
        case "flags" -> hypervisor |= (" " + value + " ").contains(" hypervisor ");
        default -> {
          // other fields say nothing the models use
        }
      }
    }
    int packages = physicalIds.isEmpty() ? (processors > 0 ? 1 : 0) : physicalIds.size();
    return new CpuInfo(
        vendor, modelName, family, model, stepping, implementer, part, processors, packages, siblings, hypervisor);
  }

  private static int parseInt(String value) {
    try {
      if (value.startsWith("0x") || value.startsWith("0X")) {
        return Integer.parseInt(value.substring(2), 16);
      }
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Tells whether this is an Intel processor.
   *
   * @return true for {@code GenuineIntel}
   */
  public boolean isIntel() {
    return vendor.equals("GenuineIntel");
  }

  /**
   * Tells whether this is an AMD processor.
   *
   * @return true for {@code AuthenticAMD}
   */
  public boolean isAmd() {
    return vendor.equals("AuthenticAMD");
  }

  /**
   * Returns the processor's identity for people and auditors, e.g.
   * {@code Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz (GenuineIntel family 6 model 85 stepping 7)}.
   *
   * @return the text
   */
  public String describe() {
    StringBuilder s = new StringBuilder(modelName.isEmpty() ? "unnamed CPU" : modelName);
    if (family >= 0) {
      s.append(" (").append(vendor.isEmpty() ? "vendor unknown" : vendor).append(" family ").append(family)
          .append(" model ").append(model).append(" stepping ").append(stepping).append(')');
    } else if (armImplementer >= 0) {
      s.append(String.format(Locale.US, " (Arm implementer 0x%x part 0x%x)", armImplementer, armPart));
    }
    return s.toString();
  }

  /**
   * Returns a copy with another model name, keeping the topology (a configured model over a detected machine).
   *
   * @param name the model name
   * @param configuredVendor the vendor to use, or null to keep this one
   * @return the copy, with the CPUID fields cleared since they describe the detected CPU
   */
  public CpuInfo withModelName(String name, @Nullable String configuredVendor) {
    return new CpuInfo(
        configuredVendor == null ? vendor : configuredVendor, name, -1, -1, -1, -1, -1, logicalCpus, packages,
        threadsPerPackage, hypervisor);
  }
}
