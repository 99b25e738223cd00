package dev.ergon.meter.estimate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MicroarchitectureMatcherTest {
  private final MicroarchitectureMatcher matcher = new MicroarchitectureMatcher();

  private static CpuInfo cpu(String vendor, String name, int family, int model, int stepping) {
    return new CpuInfo(vendor, name, family, model, stepping, -1, -1, 2, 1, 2, true);
  }

  @ParameterizedTest(name = "{1} -> {5}")
  @CsvSource(delimiter = '|', value = {
      // model names as AWS, Azure and GCP guests print them
      "GenuineIntel|Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz|6|85|7|Cascade Lake",
      "GenuineIntel|Intel(R) Xeon(R) Platinum 8175M CPU @ 2.50GHz|6|85|4|Skylake",
      "GenuineIntel|Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz|6|85|4|Skylake",
      "GenuineIntel|Intel(R) Xeon(R) Platinum 8272CL CPU @ 2.60GHz|6|85|7|Cascade Lake",
      "GenuineIntel|Intel(R) Xeon(R) CPU E5-2686 v4 @ 2.30GHz|6|79|1|Broadwell",
      "GenuineIntel|Intel(R) Xeon(R) CPU E5-2666 v3 @ 2.90GHz|6|63|2|Haswell",
      "GenuineIntel|Intel(R) Xeon(R) CPU E5-2670 v2 @ 2.50GHz|6|62|4|Ivy Bridge",
      "GenuineIntel|Intel(R) Xeon(R) CPU E5-2670 0 @ 2.60GHz|6|45|7|Sandy Bridge",
      "GenuineIntel|Intel(R) Xeon(R) CPU E3-1240 v5 @ 3.50GHz|6|94|3|Skylake",
      // GCP hides the model number: CPUID decides
      "GenuineIntel|Intel(R) Xeon(R) CPU @ 2.20GHz|6|79|0|Broadwell",
      "GenuineIntel|Intel(R) Xeon(R) CPU @ 2.80GHz|6|85|7|Cascade Lake",
      "GenuineIntel|Intel(R) Xeon(R) CPU @ 2.00GHz|6|85|3|Skylake",
      "GenuineIntel|Intel(R) Xeon(R) CPU @ 2.30GHz|6|63|0|Haswell",
      "GenuineIntel|Intel(R) Core(TM) i7-8700B CPU @ 3.20GHz|6|158|10|Coffee Lake",
      "AuthenticAMD|AMD EPYC 7571|23|1|2|EPYC 1st Gen",
      "AuthenticAMD|AMD EPYC 7R32|23|49|0|EPYC 2nd Gen",
      "AuthenticAMD|AMD EPYC 7B12|23|49|0|EPYC 2nd Gen",
      "AuthenticAMD|AMD EPYC 7763 64-Core Processor|25|1|1|EPYC 3rd Gen",
      "AuthenticAMD|AMD EPYC 72F3 8-Core Processor|25|1|1|EPYC 3rd Gen",
      // this machine: the name has no number, CPUID family 25 model 1 is Milan
      "AuthenticAMD|AMD EPYC|25|1|1|EPYC 3rd Gen",
      "AuthenticAMD|AMD EPYC Processor|23|49|0|EPYC 2nd Gen",
  })
  void recognisesKnownProcessors(String vendor, String name, int family, int model, int stepping, String expected) {
    Optional<MicroarchitectureMatcher.Match> m = matcher.match(cpu(vendor, name, family, model, stepping));
    assertTrue(m.isPresent(), name);
    assertEquals(expected, m.get().microarchitecture());
    assertTrue(!m.get().evidence().isBlank());
  }

  @ParameterizedTest(name = "{1} -> none")
  @CsvSource(delimiter = '|', value = {
      // later generations have no CCF coefficients
      "GenuineIntel|Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz|6|106|6",
      "GenuineIntel|Intel(R) Xeon(R) Platinum 8488C|6|143|8",
      "GenuineIntel|Intel(R) Xeon(R) Platinum 8380H CPU @ 2.90GHz|6|85|11",
      "AuthenticAMD|AMD EPYC 9654 96-Core Processor|25|17|1",
      "AuthenticAMD|AMD Ryzen 7 5800X 8-Core Processor|25|33|0",
      "AuthenticAMD|AMD Ryzen Threadripper 3970X 32-Core Processor|23|49|0",
      "GenuineIntel|Intel(R) Core(TM) i7-8550U CPU @ 1.80GHz|6|142|10",
      "HygonGenuine|Hygon C86 7185 32-core Processor|24|0|1",
      "|Acme RISC-V Turbo 9000X|-1|-1|-1",
  })
  void knowsWhatItDoesNotKnow(String vendor, String name, int family, int model, int stepping) {
    assertEquals(Optional.empty(), matcher.match(cpu(vendor == null ? "" : vendor, name, family, model, stepping)));
  }

  @org.junit.jupiter.api.Test
  void armNeoverseN1IsGraviton2() {
    CpuInfo graviton2 = new CpuInfo("", "", -1, -1, -1, 0x41, 0xd0c, 2, 1, -1, false);
    assertEquals("Graviton2", matcher.match(graviton2).orElseThrow().microarchitecture());
    CpuInfo cortexA72 = new CpuInfo("", "", -1, -1, -1, 0x41, 0xd08, 4, 1, -1, false);
    assertEquals(Optional.empty(), matcher.match(cortexA72));
  }
}
