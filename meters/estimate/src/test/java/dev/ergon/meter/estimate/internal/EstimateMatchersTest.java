package dev.ergon.meter.estimate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of the rules that name a CPU's microarchitecture, count a host's CPUs and split the shipped CSV files,
 * with the expected answers taken from the rules' own tables (Intel and AMD CPUID ranges, CCF's names).
 */
class EstimateMatchersTest {

  @TempDir Path root;

  private static CpuInfo cpu(String vendor, String name, int family, int model, int stepping) {
    return new CpuInfo(vendor, name, family, model, stepping, -1, -1, 2, 1, 2, true);
  }

  private static Optional<MicroarchitectureMatcher.Match> match(CpuInfo cpu) {
    return new MicroarchitectureMatcher().match(cpu);
  }

  private static Optional<String> arch(CpuInfo cpu) {
    return match(cpu).map(MicroarchitectureMatcher.Match::microarchitecture);
  }

  @Test
  void model85IsSkylakeForSteppings0To4AndCascadeLakeFor5To7() {
    String unnamed = "Intel(R) Xeon(R) CPU @ 2.00GHz";
    assertEquals(Optional.of("Skylake"), arch(cpu("GenuineIntel", unnamed, 6, 85, 0)));
    assertEquals(Optional.of("Skylake"), arch(cpu("GenuineIntel", unnamed, 6, 85, 4)));
    assertEquals(Optional.of("Cascade Lake"), arch(cpu("GenuineIntel", unnamed, 6, 85, 5)));
    assertEquals(Optional.of("Cascade Lake"), arch(cpu("GenuineIntel", unnamed, 6, 85, 7)));
    assertEquals(Optional.empty(), arch(cpu("GenuineIntel", unnamed, 6, 85, 8)));
    assertEquals(Optional.empty(), arch(cpu("GenuineIntel", unnamed, 6, 85, -1)));
    assertEquals("CPUID GenuineIntel family 6 model 85 stepping 5",
        match(cpu("GenuineIntel", unnamed, 6, 85, 5)).orElseThrow().evidence());
  }

  @Test
  void epycByCpuidCoversRomesAndMilansWholeModelRanges() {
    assertEquals(Optional.empty(), arch(cpu("AuthenticAMD", "AMD EPYC", 23, 0x2f, 0)));
    assertEquals(Optional.of("EPYC 2nd Gen"), arch(cpu("AuthenticAMD", "AMD EPYC", 23, 0x30, 0)));
    assertEquals(Optional.of("EPYC 2nd Gen"), arch(cpu("AuthenticAMD", "AMD EPYC", 23, 0x3f, 0)));
    assertEquals(Optional.empty(), arch(cpu("AuthenticAMD", "AMD EPYC", 23, 0x40, 0)));
    assertEquals(Optional.of("EPYC 3rd Gen"), arch(cpu("AuthenticAMD", "AMD EPYC", 25, 0, 0)));
    assertEquals(Optional.of("EPYC 3rd Gen"), arch(cpu("AuthenticAMD", "AMD EPYC", 25, 0x0f, 0)));
    assertEquals(Optional.empty(), arch(cpu("AuthenticAMD", "AMD EPYC", 25, 0x10, 0)));
    assertEquals(Optional.empty(), arch(cpu("AuthenticAMD", "AMD EPYC", 25, -1, 0)));
    assertEquals("CPUID AuthenticAMD family 25 model 0 with EPYC name",
        match(cpu("AuthenticAMD", "AMD EPYC", 25, 0, 0)).orElseThrow().evidence());
  }

  @Test
  void xeonE5AndE3NamesGiveTheirGenerationAndSayWhy() {
    MicroarchitectureMatcher.Match v4 = match(cpu("", "Intel(R) Xeon(R) CPU E5-2686 v4 @ 2.30GHz", -1, -1, -1))
        .orElseThrow();
    assertEquals("Broadwell", v4.microarchitecture());
    assertEquals("Xeon E5-2686 V4 (v4)", v4.evidence());
    MicroarchitectureMatcher.Match first = match(cpu("", "Intel(R) Xeon(R) CPU E5-2680 0 @ 2.70GHz", -1, -1, -1))
        .orElseThrow();
    assertEquals("Sandy Bridge", first.microarchitecture());
    assertEquals("Xeon E5-2680 (no version suffix)", first.evidence());
    assertEquals(Optional.empty(), arch(cpu("", "Intel(R) Xeon(R) CPU E5-2680 v5 @ 2.70GHz", -1, -1, -1)),
        "no E5 v5 exists");
    MicroarchitectureMatcher.Match e3 = match(cpu("", "Intel(R) Xeon(R) CPU E3-1240 v5 @ 3.50GHz", -1, -1, -1))
        .orElseThrow();
    assertEquals("Skylake", e3.microarchitecture());
    assertEquals("Xeon E3-1240 V5", e3.evidence());
    assertEquals(Optional.empty(), arch(cpu("", "Intel(R) Xeon(R) CPU E3-1240 v6 @ 3.70GHz", -1, -1, -1)),
        "E3 v6 is Kaby Lake, which CCF does not list");
    assertEquals(Optional.empty(), arch(cpu("", "E3-1240 v5", -1, -1, -1)), "not a Xeon by name");
    assertEquals(Optional.empty(), arch(cpu("", "E5-2686 v4", -1, -1, -1)), "not a Xeon by name");
  }

  @Test
  void csvFieldsSplitOnCommasOutsideQuotesWithDoubledQuotesKept() {
    assertEquals(List.of("a\"b", "c"), CsvRows.split("\"a\"\"b\",c"));
    assertEquals(List.of("x"), CsvRows.split("\"x\""));
    assertEquals(List.of("x,y", ""), CsvRows.split("\"x,y\","));
    assertEquals(List.of("", "", ""), CsvRows.split(",,"));
    assertEquals(List.of("\""), CsvRows.split("\"\"\"\""));
  }

  private Path file(String relative, String text) throws IOException {
    Path f = root.resolve(relative);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return f;
  }

  @Test
  void theHostsCpusAreTheLargestViewAndATieNamesTheFirst() throws IOException {
    Path online = file("sys/devices/system/cpu/online", "0-3\n");
    file("proc/stat", "cpu  1 2 3 4\ncpu0 1 0 0 0\ncpu1 1 0 0 0\ncpu2 1 0 0 0\ncpu3 1 0 0 0\ncpu\nintr 5\n");
    CpuInfo four = new CpuInfo("", "", -1, -1, -1, -1, -1, 4, 1, 4, false);
    VcpuDetector.HostCpus h = VcpuDetector.hostCpus(root.resolve("proc"), root.resolve("sys"), four);
    assertEquals(4, h.count());
    assertEquals(online + ": 0-3", h.evidence());
    CpuInfo six = new CpuInfo("", "", -1, -1, -1, -1, -1, 6, 1, 6, false);
    assertEquals("6 processor entries in " + root.resolve("proc/cpuinfo"),
        VcpuDetector.hostCpus(root.resolve("proc"), root.resolve("sys"), six).evidence());
    Files.writeString(online, "0\n");
    CpuInfo one = new CpuInfo("", "", -1, -1, -1, -1, -1, 1, 1, 1, false);
    VcpuDetector.HostCpus fromStat = VcpuDetector.hostCpus(root.resolve("proc"), root.resolve("sys"), one);
    assertEquals(4, fromStat.count(), "4 cpuN lines; neither 'cpu  ' nor a bare 'cpu' counts");
    assertEquals("4 cpuN lines in " + root.resolve("proc/stat"), fromStat.evidence());
  }
}
