package dev.ergon.meter.estimate.internal;

import java.util.Optional;

/**
 * Names a processor's generation from its CPUID signature (x86) or its CPU part (Arm) alone, without a model name,
 * and the nearest generation that Cloud Carbon Footprint publishes coefficients for.
 *
 * <p>CCF's coefficients stop at Cascade Lake, EPYC 3rd Gen (Milan) and Graviton2. The processors clouds sell today
 * (Zen 4/5, Ice Lake to Granite Rapids, Graviton3/4, AmpereOne) are newer: for them this names the generation with
 * its source and stands in the nearest published one (same vendor and server line, the latest before it), which the
 * record discloses with a wider uncertainty ({@link CpuRung#GENERATION}) rather than falling to the median over all
 * microarchitectures.
 *
 * <p>Sources of the identifiers: Linux {@code arch/x86/include/asm/intel-family.h} (Intel family 6 model numbers),
 * AMD's Processor Programming References and Linux {@code arch/x86/kernel/cpu/amd.c} (family 17h/19h/1Ah model
 * ranges), Linux {@code arch/arm64/include/asm/cputype.h} (Arm implementer and part numbers).
 *
 * <p>This class is internal and is hence not for public use. Stateless and thread-safe.
 */
public final class CpuGeneration {

  private static final java.util.regex.Pattern DESKTOP_CORE = java.util.regex.Pattern.compile("\\bcore i[3579]\\b");

  /**
   * A recognised generation.
   *
   * @param generation the processor generation, e.g. {@code AMD Zen 5 (EPYC 9005, Turin)}
   * @param ccfProxy the CCF microarchitecture whose coefficients stand in, e.g. {@code EPYC 3rd Gen}
   * @param exact whether CCF publishes coefficients for this very generation (then it is not a proxy)
   * @param evidence the identifiers that decided it, e.g. {@code CPUID AuthenticAMD family 26 model 2}
   */
  public record Match(String generation, String ccfProxy, boolean exact, String evidence) {}

  /**
   * Names the generation of a processor.
   *
   * @param cpu the processor
   * @return the match, or empty if its identifiers name no known server generation
   */
  public Optional<Match> match(CpuInfo cpu) {
    String name = cpu.modelName().toLowerCase(java.util.Locale.ROOT);
    if (name.contains("ryzen") || name.contains("threadripper") || name.contains("core(tm)")
        || name.contains("core ultra") || DESKTOP_CORE.matcher(name).find()) {
      return Optional.empty(); // desktop parts share server CPUID models; their TDP is the better guide
    }
    if (cpu.isAmd()) {
      return amd(cpu.family(), cpu.model());
    }
    if (cpu.isIntel() && cpu.family() == 6) {
      return intel(cpu.model(), cpu.stepping());
    }
    if (cpu.armImplementer() >= 0) {
      return arm(cpu.armImplementer(), cpu.armPart());
    }
    return Optional.empty();
  }

  private static Optional<Match> amd(int family, int model) {
    String evidence = "CPUID AuthenticAMD family " + family + " model " + model;
    String gen;
    String proxy;
    if (family == 0x17 && model <= 0x2f) {
      gen = "AMD Zen/Zen+ (EPYC 7001, Naples)";
      proxy = "EPYC 1st Gen";
    } else if (family == 0x17 && model >= 0x30 && model <= 0x3f) {
      gen = "AMD Zen 2 (EPYC 7002, Rome)";
      proxy = "EPYC 2nd Gen";
    } else if (family == 0x19 && model <= 0x0f) {
      gen = "AMD Zen 3 (EPYC 7003, Milan)";
      proxy = "EPYC 3rd Gen";
    } else if (family == 0x19 && model >= 0x10 && model <= 0x1f) {
      gen = "AMD Zen 4 (EPYC 9004, Genoa)";
      proxy = "EPYC 3rd Gen";
    } else if (family == 0x19 && model >= 0xa0 && model <= 0xaf) {
      gen = "AMD Zen 4c (EPYC 97x4 Bergamo, 8004 Siena)";
      proxy = "EPYC 3rd Gen";
    } else if (family == 0x1a && model <= 0x1f) {
      gen = "AMD Zen 5 (EPYC 9005, Turin)";
      proxy = "EPYC 3rd Gen";
    } else {
      return Optional.empty();
    }
    return Optional.of(new Match(gen, proxy, gen.contains("Naples") || gen.contains("Rome") || gen.contains("Milan"),
        evidence));
  }

  private static Optional<Match> intel(int model, int stepping) {
    String evidence = "CPUID GenuineIntel family 6 model " + model + " stepping " + stepping;
    String gen;
    String proxy;
    boolean exact = false;
    switch (model) {
      case 85 -> {
        if (stepping <= 4) {
          gen = "Intel Skylake-SP (Xeon Scalable 1st Gen)";
          proxy = "Skylake";
          exact = true;
        } else if (stepping <= 7) {
          gen = "Intel Cascade Lake-SP (Xeon Scalable 2nd Gen)";
          proxy = "Cascade Lake";
          exact = true;
        } else {
          gen = "Intel Cooper Lake-SP (Xeon Scalable 3rd Gen)";
          proxy = "Cascade Lake";
        }
      }
      case 106, 108 -> {
        gen = "Intel Ice Lake-SP/D (Xeon Scalable 3rd Gen)";
        proxy = "Cascade Lake";
      }
      case 143 -> {
        gen = "Intel Sapphire Rapids (Xeon Scalable 4th Gen)";
        proxy = "Cascade Lake";
      }
      case 207 -> {
        gen = "Intel Emerald Rapids (Xeon Scalable 5th Gen)";
        proxy = "Cascade Lake";
      }
      case 173, 174 -> {
        gen = "Intel Granite Rapids (Xeon 6 P-core)";
        proxy = "Cascade Lake";
      }
      case 175 -> {
        gen = "Intel Sierra Forest (Xeon 6 E-core)";
        proxy = "Cascade Lake";
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(new Match(gen, proxy, exact, evidence));
  }

  private static Optional<Match> arm(int implementer, int part) {
    String evidence = String.format(java.util.Locale.US, "Arm implementer 0x%x part 0x%x", implementer, part);
    String gen;
    boolean exact = false;
    if (implementer == 0x41 && part == 0xd0c) {
      gen = "Arm Neoverse N1 (AWS Graviton2, Ampere Altra)";
      exact = true;
    } else if (implementer == 0x41 && part == 0xd40) {
      gen = "Arm Neoverse V1 (AWS Graviton3)";
    } else if (implementer == 0x41 && part == 0xd4f) {
      gen = "Arm Neoverse V2 (AWS Graviton4, NVIDIA Grace, Google Axion)";
    } else if (implementer == 0x41 && part == 0xd49) {
      gen = "Arm Neoverse N2 (Azure Cobalt 100)";
    } else if (implementer == 0xc0 && (part == 0xac3 || part == 0xac4 || part == 0xac5)) {
      gen = "AmpereOne";
    } else {
      return Optional.empty();
    }
    return Optional.of(new Match(gen, "Graviton2", exact, evidence));
  }
}
