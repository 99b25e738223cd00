package dev.ergon.meter.estimate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Server generations in clouds today, from CPUID or the Arm part alone (no model name needed). */
class CpuGenerationTest {
  private final CpuGeneration generations = new CpuGeneration();

  private static CpuInfo x86(String vendor, String name, int family, int model, int stepping) {
    return new CpuInfo(vendor, name, family, model, stepping, -1, -1, 2, 1, 2, true);
  }

  private static CpuInfo arm(int implementer, int part) {
    return new CpuInfo("", "", -1, -1, -1, implementer, part, 2, 1, 2, true);
  }

  @ParameterizedTest(name = "{0} family {2} model {3} -> {5}")
  @CsvSource(delimiter = '|', value = {
      "AuthenticAMD|AMD EPYC|23|1|2|AMD Zen/Zen+ (EPYC 7001, Naples)|EPYC 1st Gen|true",
      "AuthenticAMD|AMD EPYC|23|49|0|AMD Zen 2 (EPYC 7002, Rome)|EPYC 2nd Gen|true",
      "AuthenticAMD|AMD EPYC|25|1|1|AMD Zen 3 (EPYC 7003, Milan)|EPYC 3rd Gen|true",
      "AuthenticAMD|AMD EPYC 9654 96-Core Processor|25|17|1|AMD Zen 4 (EPYC 9004, Genoa)|EPYC 3rd Gen|false",
      "AuthenticAMD|AMD EPYC 9754 128-Core Processor|25|160|2|AMD Zen 4c (EPYC 97x4 Bergamo, 8004 Siena)|EPYC 3rd Gen|false",
      // this project's own VM: "AMD EPYC", family 26 model 2
      "AuthenticAMD|AMD EPYC|26|2|1|AMD Zen 5 (EPYC 9005, Turin)|EPYC 3rd Gen|false",
      "GenuineIntel|Intel(R) Xeon(R) CPU @ 2.00GHz|6|85|3|Intel Skylake-SP (Xeon Scalable 1st Gen)|Skylake|true",
      "GenuineIntel|Intel(R) Xeon(R) CPU @ 2.80GHz|6|85|7|Intel Cascade Lake-SP (Xeon Scalable 2nd Gen)|Cascade Lake|true",
      "GenuineIntel|Intel(R) Xeon(R) Platinum 8380H CPU @ 2.90GHz|6|85|11|Intel Cooper Lake-SP (Xeon Scalable 3rd Gen)|Cascade Lake|false",
      "GenuineIntel|Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz|6|106|6|Intel Ice Lake-SP/D (Xeon Scalable 3rd Gen)|Cascade Lake|false",
      "GenuineIntel|Intel(R) Xeon(R) Platinum 8488C|6|143|8|Intel Sapphire Rapids (Xeon Scalable 4th Gen)|Cascade Lake|false",
      "GenuineIntel|Intel(R) Xeon(R) Platinum 8580|6|207|2|Intel Emerald Rapids (Xeon Scalable 5th Gen)|Cascade Lake|false",
      "GenuineIntel|Intel(R) Xeon(R) 6980P|6|173|1|Intel Granite Rapids (Xeon 6 P-core)|Cascade Lake|false",
      "GenuineIntel|Intel(R) Xeon(R) 6780E|6|175|3|Intel Sierra Forest (Xeon 6 E-core)|Cascade Lake|false",
  })
  void namesX86ServerGenerations(String vendor, String name, int family, int model, int stepping, String generation,
      String proxy, boolean exact) {
    CpuGeneration.Match m = generations.match(x86(vendor, name, family, model, stepping)).orElseThrow();
    assertEquals(generation, m.generation());
    assertEquals(proxy, m.ccfProxy());
    assertEquals(exact, m.exact());
    assertTrue(m.evidence().contains("family " + family + " model " + model), m.evidence());
  }

  @ParameterizedTest(name = "Arm 0x{0} part 0x{1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "41|d0c|Arm Neoverse N1 (AWS Graviton2, Ampere Altra)|true",
      "41|d40|Arm Neoverse V1 (AWS Graviton3)|false",
      "41|d4f|Arm Neoverse V2 (AWS Graviton4, NVIDIA Grace, Google Axion)|false",
      "41|d49|Arm Neoverse N2 (Azure Cobalt 100)|false",
      "c0|ac3|AmpereOne|false",
  })
  void namesArmServerCoresByPart(String implementer, String part, String generation, boolean exact) {
    CpuGeneration.Match m = generations.match(arm(Integer.parseInt(implementer, 16), Integer.parseInt(part, 16)))
        .orElseThrow();
    assertEquals(generation, m.generation());
    assertEquals("Graviton2", m.ccfProxy());
    assertEquals(exact, m.exact());
  }

  @ParameterizedTest(name = "{1} -> none")
  @CsvSource(delimiter = '|', value = {
      // desktop parts share server CPUID models: the TDP of the model is the better guide
      "AuthenticAMD|AMD Ryzen Threadripper 3970X 32-Core Processor|23|49|0",
      "AuthenticAMD|AMD Ryzen 7 5800X 8-Core Processor|25|33|0",
      "GenuineIntel|Intel(R) Core(TM) i7-8550U CPU @ 1.80GHz|6|142|10",
      // unknown identifiers
      "AuthenticAMD|AMD EPYC|26|68|0",
      "GenuineIntel|Intel(R) Xeon(R) CPU|6|1|0",
      "HygonGenuine|Hygon C86|24|0|1",
  })
  void refusesDesktopPartsAndUnknownIdentifiers(String vendor, String name, int family, int model, int stepping) {
    assertEquals(Optional.empty(), generations.match(x86(vendor, name, family, model, stepping)));
  }
}
