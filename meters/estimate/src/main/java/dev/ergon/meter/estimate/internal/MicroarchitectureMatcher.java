package dev.ergon.meter.estimate.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the microarchitecture of a processor, among those Cloud Carbon Footprint has coefficients for, from its model
 * name and CPUID signature.
 *
 * <p>Rules, first match wins:
 *
 * <ol>
 *   <li>Intel Xeon Scalable by model number: the digit after the series digit is the generation ({@code 8175M},
 *       {@code 6148}: 1 = Skylake; {@code 8259CL}, {@code 6248}: 2 = Cascade Lake). Later generations (Ice Lake,
 *       Sapphire Rapids, ...) have no CCF coefficients and match nothing.
 *   <li>Intel Xeon E5/E7 by version suffix: none = Sandy Bridge, v2 = Ivy Bridge, v3 = Haswell, v4 = Broadwell; Xeon
 *       E3-12xx likewise, with v5 = Skylake.
 *   <li>AMD EPYC by model number: the last digit of the four-character number is the generation ({@code 7571}: 1st,
 *       {@code 7R32}, {@code 7B12}: 2nd, {@code 7763}, {@code 7B13}: 3rd; {@code 9654}, 4th, has no coefficients).
 *   <li>Intel family 6 by CPUID model (for clouds that hide the model name, e.g. {@code Intel(R) Xeon(R) CPU @
 *       2.20GHz}): 42/45 Sandy Bridge, 58/62 Ivy Bridge, 60/63/69/70 Haswell, 61/71/79/86 Broadwell, 78/94 Skylake,
 *       85 Skylake (stepping &lt;= 4) or Cascade Lake (stepping 5 to 7), 158 with stepping &gt;= 10 Coffee Lake.
 *   <li>AMD EPYC by CPUID family (model name says EPYC but no number, e.g. {@code AMD EPYC}): family 23 model 1
 *       (Naples) 1st Gen, family 23 models 0x30 to 0x3f (Rome) 2nd Gen, family 25 models 0x00 to 0x0f (Milan) 3rd Gen.
 *   <li>Arm Neoverse N1 (implementer 0x41, part 0xd0c): CCF's Graviton2 entry.
 * </ol>
 *
 * <p>This class is internal and is hence not for public use. Stateless and thread-safe.
 */
public final class MicroarchitectureMatcher {
  private static final Pattern XEON_SCALABLE =
      Pattern.compile("xeon\\S*\\s+(?:platinum|gold|silver|bronze)\\s+(?:p-)?([1-9])(\\d)\\d\\d");
  private static final Pattern XEON_E5_E7 = Pattern.compile("\\be[57]-\\d{4}[a-z]*(?:\\s+v(\\d))?");
  private static final Pattern XEON_E3 = Pattern.compile("\\be3-12\\d\\d[a-z]*(?:\\s+v(\\d))?");
  private static final Pattern EPYC_NUMBER = Pattern.compile("epyc\\S*\\s+(\\d[0-9a-z]{2}(\\d))");

  /**
   * A match and the evidence for it.
   *
   * @param microarchitecture the CCF name, e.g. {@code Cascade Lake}
   * @param evidence what decided it, e.g. {@code Xeon Scalable model number 8259 (2nd generation)}
   */
  public record Match(String microarchitecture, String evidence) {}

  /**
   * Names the microarchitecture of a processor.
   *
   * @param cpu the processor
   * @return the match, or empty if no rule knows it
   */
  public Optional<Match> match(CpuInfo cpu) {
    String name = cpu.modelName().toLowerCase(Locale.ROOT).replace("(r)", "").replace("(tm)", "");
    Optional<Match> byName = byName(name);
    if (byName.isPresent()) {
      return byName;
    }
    if (cpu.isIntel() && cpu.family() == 6) {
      return intelCpuid(cpu.model(), cpu.stepping());
    }
    if (cpu.isAmd() && name.contains("epyc")) {
      return amdCpuid(cpu.family(), cpu.model());
    }
    if (cpu.armImplementer() == 0x41 && cpu.armPart() == 0xd0c) {
      return Optional.of(new Match("Graviton2", "Arm Neoverse N1 (implementer 0x41, part 0xd0c)"));
    }
    return Optional.empty();
  }

  private static Optional<Match> byName(String name) {
    Matcher m = XEON_SCALABLE.matcher(name);
    if (m.find()) {
      String number = m.group(1) + m.group(2);
      return switch (m.group(2)) {
        case "1" -> Optional.of(new Match("Skylake",
            "Xeon Scalable model number " + number + "xx (1st generation, Skylake-SP)"));
        case "2" -> Optional.of(new Match("Cascade Lake",
            "Xeon Scalable model number " + number + "xx (2nd generation, Cascade Lake)"));
        default -> Optional.empty();
      };
    }
    m = XEON_E5_E7.matcher(name);
    if (name.contains("xeon") && m.find()) {
      String version = m.group(1);
      String arch = version == null ? "Sandy Bridge" : switch (version) {
        case "2" -> "Ivy Bridge";
        case "3" -> "Haswell";
        case "4" -> "Broadwell";
        default -> "";
      };
      return arch.isEmpty() ? Optional.empty()
          : Optional.of(new Match(arch, "Xeon " + m.group().toUpperCase(Locale.ROOT) + " ("
              + (version == null ? "no version suffix" : "v" + version) + ")"));
    }
    m = XEON_E3.matcher(name);
    if (name.contains("xeon") && m.find()) {
      String version = m.group(1);
      String arch = version == null ? "Sandy Bridge" : switch (version) {
        case "2" -> "Ivy Bridge";
        case "3" -> "Haswell";
        case "4" -> "Broadwell";
        case "5" -> "Skylake";
        default -> "";
      };
      return arch.isEmpty() ? Optional.empty()
          : Optional.of(new Match(arch, "Xeon " + m.group().toUpperCase(Locale.ROOT)));
    }
    m = EPYC_NUMBER.matcher(name);
    if (m.find()) {
      String number = m.group(1).toUpperCase(Locale.ROOT);
      return switch (m.group(2)) {
        case "1" -> Optional.of(new Match("EPYC 1st Gen", "EPYC model number " + number + " (Naples)"));
        case "2" -> Optional.of(new Match("EPYC 2nd Gen", "EPYC model number " + number + " (Rome)"));
        case "3" -> Optional.of(new Match("EPYC 3rd Gen", "EPYC model number " + number + " (Milan)"));
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }

  private static Optional<Match> intelCpuid(int model, int stepping) {
    String arch = switch (model) {
      case 42, 45 -> "Sandy Bridge";
      case 58, 62 -> "Ivy Bridge";
      case 60, 63, 69, 70 -> "Haswell";
      case 61, 71, 79, 86 -> "Broadwell";
      case 78, 94 -> "Skylake";
      case 85 -> stepping >= 0 && stepping <= 4 ? "Skylake" : stepping >= 5 && stepping <= 7 ? "Cascade Lake" : "";
      case 158 -> stepping >= 10 ? "Coffee Lake" : "";
      default -> "";
    };
    return arch.isEmpty() ? Optional.empty()
        : Optional.of(new Match(arch, "CPUID GenuineIntel family 6 model " + model + " stepping " + stepping));
  }

  private static Optional<Match> amdCpuid(int family, int model) {
    String arch = "";
    if (family == 23 && model == 1) {
      arch = "EPYC 1st Gen";
    } else if (family == 23 && model >= 0x30 && model <= 0x3f) {
      arch = "EPYC 2nd Gen";
    } else if (family == 25 && model >= 0 && model <= 0x0f) {
      arch = "EPYC 3rd Gen";
    }
    return arch.isEmpty() ? Optional.empty()
        : Optional.of(new Match(arch, "CPUID AuthenticAMD family " + family + " model " + model + " with EPYC name"));
  }
}
