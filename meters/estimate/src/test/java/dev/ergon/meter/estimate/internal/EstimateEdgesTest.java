package dev.ergon.meter.estimate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boundaries of the estimate meter's inputs, each checked with values worked out by hand: CPUID ranges of the
 * server generations, the first-value rule of /proc/cpuinfo, CPU-name words, utilisation and memory gauges over
 * fake /proc and cgroup files, quota and limit edges.
 */
class EstimateEdgesTest {

  @TempDir Path root;

  private Path write(String relative, String text) throws IOException {
    Path f = root.resolve(relative);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return f;
  }

  // ---- CPUID ranges ------------------------------------------------------------------------------------------

  private static Optional<String> generation(String vendor, int family, int model, int stepping) {
    return new CpuGeneration().match(new CpuInfo(vendor, "", family, model, stepping, -1, -1, 2, 1, 2, true))
        .map(CpuGeneration.Match::generation);
  }

  private static Optional<String> amd(int family, int model) {
    return generation("AuthenticAMD", family, model, 0);
  }

  @Test
  void amdGenerationsEndExactlyAtTheirLastModel() {
    String naples = "AMD Zen/Zen+ (EPYC 7001, Naples)";
    String rome = "AMD Zen 2 (EPYC 7002, Rome)";
    String milan = "AMD Zen 3 (EPYC 7003, Milan)";
    String genoa = "AMD Zen 4 (EPYC 9004, Genoa)";
    String bergamo = "AMD Zen 4c (EPYC 97x4 Bergamo, 8004 Siena)";
    String turin = "AMD Zen 5 (EPYC 9005, Turin)";
    assertEquals(Optional.of(naples), amd(0x17, 0x2f));
    assertEquals(Optional.of(rome), amd(0x17, 0x30));
    assertEquals(Optional.of(rome), amd(0x17, 0x3f));
    assertEquals(Optional.empty(), amd(0x17, 0x40));
    assertEquals(Optional.of(milan), amd(0x19, 0x0f));
    assertEquals(Optional.of(genoa), amd(0x19, 0x10));
    assertEquals(Optional.of(genoa), amd(0x19, 0x1f));
    assertEquals(Optional.empty(), amd(0x19, 0x20));
    assertEquals(Optional.empty(), amd(0x19, 0x9f));
    assertEquals(Optional.of(bergamo), amd(0x19, 0xa0));
    assertEquals(Optional.of(bergamo), amd(0x19, 0xaf));
    assertEquals(Optional.empty(), amd(0x19, 0xb0));
    assertEquals(Optional.of(turin), amd(0x1a, 0x1f));
    assertEquals(Optional.empty(), amd(0x1a, 0x20));
  }

  @Test
  void intelModel85IsSkylakeUpToStepping4AndCascadeLakeUpTo7() {
    assertEquals(Optional.of("Intel Skylake-SP (Xeon Scalable 1st Gen)"), generation("GenuineIntel", 6, 85, 4));
    assertEquals(Optional.of("Intel Cascade Lake-SP (Xeon Scalable 2nd Gen)"), generation("GenuineIntel", 6, 85, 5));
    assertEquals(Optional.of("Intel Cascade Lake-SP (Xeon Scalable 2nd Gen)"), generation("GenuineIntel", 6, 85, 7));
    assertEquals(Optional.of("Intel Cooper Lake-SP (Xeon Scalable 3rd Gen)"), generation("GenuineIntel", 6, 85, 8));
    assertEquals(Optional.empty(), generation("AuthenticAMD", 6, 85, 4), "family 6 of another vendor");
  }

  // ---- /proc/cpuinfo ------------------------------------------------------------------------------------------

  @Test
  void cpuinfoKeepsTheFirstValueOfEachFieldEvenAZero() {
    CpuInfo c = CpuInfo.parse("""
        processor\t: 0
        vendor_id\t: GenuineIntel
        cpu family\t: 0
        model\t\t: 0
        model name\t: First
        stepping\t: 0
        CPU implementer\t: 0
        CPU part\t: 0
        siblings\t: 0

        processor\t: 1
        vendor_id\t: AuthenticAMD
        cpu family\t: 6
        model\t\t: 85
        model name\t: Second
        stepping\t: 7
        CPU implementer\t: 0x41
        CPU part\t: 0xd0c
        siblings\t: 2
        """);
    assertEquals(new CpuInfo("GenuineIntel", "First", 0, 0, 0, 0, 0, 2, 1, 0, false), c);
    assertEquals("First (GenuineIntel family 0 model 0 stepping 0)", c.describe());
  }

  @Test
  void cpuinfoReadsHexadecimalArmIdentifiers() {
    CpuInfo c = CpuInfo.parse("processor\t: 0\nCPU implementer\t: 0x41\nCPU part\t: 0XD0C\ncpu family\t: x\n");
    assertEquals(0x41, c.armImplementer());
    assertEquals(0xd0c, c.armPart());
    assertEquals(-1, c.family(), "not a number");
    assertEquals(" (Arm implementer 0x41 part 0xd0c)", c.describe().replace("unnamed CPU", ""));
    assertEquals("unnamed CPU (Arm implementer 0x0 part 0x0)",
        new CpuInfo("", "", -1, -1, -1, 0, 0, 1, 1, 1, false).describe());
  }

  @Test
  void aConfiguredModelNameGetsTheVendorItNames() {
    assertEquals("GenuineIntel", CpuInfo.ofModelName("Intel(R) Xeon(R) Gold 6338").vendor());
    assertEquals("AuthenticAMD", CpuInfo.ofModelName(" AMD EPYC 9654 ").vendor());
    assertEquals("AMD EPYC 9654", CpuInfo.ofModelName(" AMD EPYC 9654 ").modelName());
    assertEquals("", CpuInfo.ofModelName("Graviton3").vendor());
    CpuInfo amd = new CpuInfo("AuthenticAMD", "x", 25, 1, 1, -1, -1, 8, 1, 8, true);
    assertEquals(false, amd.isIntel());
    assertEquals("AuthenticAMD", amd.withModelName("y", null).vendor(), "no configured vendor: keep");
    assertEquals("GenuineIntel", amd.withModelName("y", "GenuineIntel").vendor());
    assertEquals(new CpuInfo("AuthenticAMD", "y", -1, -1, -1, -1, -1, 8, 1, 8, true), amd.withModelName("y", null));
  }

  // ---- CPU-name words ----------------------------------------------------------------------------------------

  @Test
  void coreCountsAreDroppedOnlyWhenTheyAreDigitsDashCore() {
    assertEquals(List.of("amd", "epyc", "9654"), TdpTable.words("AMD EPYC 9654 96-Core Processor"));
    assertEquals(List.of("-core", "x6-core", "64-cores", "e5-2680", "v4"),
        TdpTable.words("-core x6-core 64-cores E5-2680 v4"));
    assertEquals(List.of("intel", "xeon", "gold", "6338"), TdpTable.words("Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz"));
    assertEquals(List.of(), TdpTable.words("@ 2.00GHz"), "everything from @ on is the clock");
    assertEquals(List.of("a", "b"), TdpTable.words("a,b"));
  }

  // ---- gauges ------------------------------------------------------------------------------------------------

  @Test
  void cgroupUtilisationIsCpuTimeOverElapsedTimesVcpusAndKeepsItsBaselineUntilTimeMoves() throws IOException {
    Path usage = write("cg/cpuacct.usage", "0\n");
    Cgroups v1 = Cgroups.detect(root.resolve("proc"), root.resolve("cg"));
    CgroupUsageGauge g = new CgroupUsageGauge(v1, usage, 2);
    assertTrue(Double.isNaN(g.sample(1_000)), "the first sample is the baseline");
    Files.writeString(usage, "500\n");
    assertEquals(0.5, g.sample(1_500), 1e-12, "500 ns of CPU over 500 ns × 2 vCPUs");
    Files.writeString(usage, "700\n");
    assertTrue(Double.isNaN(g.sample(1_500)), "no time passed");
    Files.writeString(usage, "1500\n");
    assertEquals(0.5, g.sample(2_500), 1e-12, "(1500 - 500) ns over 1000 ns × 2: the baseline stayed at 1 500 ns");
    Files.writeString(usage, "1500\n");
    assertEquals(0.0, g.sample(3_500), 1e-12, "no CPU time in 1 000 ns");
    Files.writeString(usage, "100\n");
    assertTrue(Double.isNaN(g.sample(4_500)), "a counter that went back says nothing");
    Files.writeString(usage, "1100\n");
    assertEquals(0.5, g.sample(5_500), 1e-12, "from the new baseline: 1 000 ns over 1 000 ns × 2");
    assertEquals("measured from " + usage + " deltas (the cgroup's CPU time over elapsed time × 2.0 quota vCPUs)",
        g.description());
  }

  @Test
  void procStatUtilisationFromAZeroBaselineIncludingZeroBusyAndAStandingClock() throws IOException {
    Path stat = write("stat", "cpu  0 0 0 0\n");
    ProcStatGauge g = new ProcStatGauge(stat, null);
    assertTrue(Double.isNaN(g.sample(0)));
    Files.writeString(stat, "cpu  50 0 0 50\n");
    assertEquals(0.5, g.sample(1), 1e-12);
    Files.writeString(stat, "cpu  50 0 0 150\n");
    assertEquals(0.0, g.sample(2), 1e-12, "busy unchanged over 100 jiffies");
    Files.writeString(stat, "cpu  60 0 0 140\n");
    assertTrue(Double.isNaN(g.sample(3)), "no jiffies passed");
    Files.writeString(stat, "cpu  100 0 0 200\n");
    assertEquals(0.5, g.sample(4), 1e-12, "from the kept baseline 50/150: 50 busy of 100");
    assertEquals("measured from " + stat + " deltas (busy = user+nice+system+irq+softirq over all incl. idle, iowait,"
        + " steal), all CPUs", g.description());
  }

  @Test
  void procStatCountsOnlyCpuNLinesOfTheSetAndSaysWhichAreMissing() throws IOException {
    BitSet zero = new BitSet();
    zero.set(0);
    Path stat = write("stat", "cpu  100 0 0 100\ncpu0 0 0 0 0\ncpuZ 0 0 0 0\n");
    ProcStatGauge g = new ProcStatGauge(stat, zero);
    g.sample(0);
    Files.writeString(stat, "cpu  300 0 0 300\ncpu0 25 0 0 75\ncpuZ 100 0 0 0\n");
    assertEquals(0.25, g.sample(1), 1e-12, "cpuZ is no CPU of the set");
    assertEquals("measured from " + stat + " deltas (busy = user+nice+system+irq+softirq over all incl. idle, iowait,"
        + " steal), CPUs {0} of the cgroup cpuset", g.description());
    BitSet five = new BitSet();
    five.set(5);
    IOException e = assertThrows(IOException.class, () -> new ProcStatGauge(stat, five).sample(0));
    assertEquals(stat + ": no lines for CPUs {5}", e.getMessage());
    Path empty = write("empty", "intr 0\n");
    IOException none = assertThrows(IOException.class, () -> new ProcStatGauge(empty, null).sample(0));
    assertEquals(empty + ": no 'cpu' line", none.getMessage());
  }

  @Test
  void meminfoInUseIsTotalMinusAvailableEvenWhenAvailableIsZero() throws IOException {
    Path m = write("meminfo", """
        MemTotal: 1000 kB
        MemFree: 100 kB
        MemAvailable: 0 kB
        Buffers: 100 kB
        Cached: 100 kB
        """);
    MeminfoGauge g = MeminfoGauge.open(m);
    assertEquals(1_024_000, g.capacityBytes());
    assertEquals(1_024_000, g.bytesInUse(), "nothing available: all in use");
    Files.writeString(m, "MemTotal: 4096\nMemFree: 1024\nBuffers: 0\nCached: 1024\n");
    assertEquals(2048, g.bytesInUse(), "no unit means bytes; without MemAvailable, free + buffers + cached");
    assertEquals("memory in use = MemTotal − MemAvailable from " + m, g.description());
    Files.writeString(m, "MemTotal: 0 kB\n");
    IOException e = assertThrows(IOException.class, g::bytesInUse);
    assertEquals(m + ": no MemTotal line", e.getMessage());
  }

  // ---- cgroup quotas and limits ------------------------------------------------------------------------------

  @Test
  void aV2QuotaWithoutPeriodUsesTheDefaultPeriodAndZerosAreNoQuota() throws IOException {
    write("cg/cgroup.controllers", "cpu memory\n");
    write("proc/self/cgroup", "0::/a/b\n");
    write("cg/a/cpu.max", "50000\n");
    write("cg/a/b/cpu.max", "max 100000\n");
    assertEquals(0.5, Cgroups.detect(root.resolve("proc"), root.resolve("cg")).quota().orElseThrow().vcpus(),
        "50 000 µs per default 100 000 µs period");
    write("cg/a/cpu.max", "0 100000\n");
    assertEquals(Optional.empty(), Cgroups.detect(root.resolve("proc"), root.resolve("cg")).quota());
    write("cg/a/cpu.max", "100000 0\n");
    assertEquals(Optional.empty(), Cgroups.detect(root.resolve("proc"), root.resolve("cg")).quota());
  }

  @Test
  void ofEqualQuotasTheDeepestGroupsFileIsNamed() throws IOException {
    write("cg/cgroup.controllers", "cpu memory\n");
    write("proc/self/cgroup", "0::/a/b\n");
    write("cg/a/cpu.max", "100000 100000\n");
    Path deep = write("cg/a/b/cpu.max", "100000 100000\n");
    Cgroups.Quota q = Cgroups.detect(root.resolve("proc"), root.resolve("cg")).quota().orElseThrow();
    assertEquals(1.0, q.vcpus());
    assertEquals(deep, q.file());
  }

  @Test
  void v1ZerosAreNoQuotaAndUsageComesFromTheCpuacctMount() throws IOException {
    write("proc/self/cgroup", "4:cpu:/docker/abc\n5:cpuacct:/docker/abc\n3:memory:/docker/abc\n");
    write("cg/cpu/docker/abc/cpu.cfs_quota_us", "0\n");
    write("cg/cpu/docker/abc/cpu.cfs_period_us", "100000\n");
    Path usage = write("cg/cpuacct/docker/abc/cpuacct.usage", "42\n");
    Cgroups g = Cgroups.detect(root.resolve("proc"), root.resolve("cg"));
    assertEquals(Optional.empty(), g.quota());
    assertEquals(Optional.of(usage), g.cpuUsageFile());
    write("cg/cpu/docker/abc/cpu.cfs_quota_us", "50000\n");
    write("cg/cpu/docker/abc/cpu.cfs_period_us", "0\n");
    assertEquals(Optional.empty(), Cgroups.detect(root.resolve("proc"), root.resolve("cg")).quota());
  }

  @Test
  void v1MemoryLimitsFromOneByteTo2To62ExcludedCount() throws IOException {
    write("proc/self/cgroup", "3:memory:/docker/abc\n");
    Path limit = write("cg/memory/docker/abc/memory.limit_in_bytes", "0\n");
    Cgroups g = Cgroups.detect(root.resolve("proc"), root.resolve("cg"));
    Path dir = g.memoryDir().orElseThrow();
    assertEquals(Optional.empty(), g.memoryLimitBytes(dir));
    Files.writeString(limit, "1\n");
    assertEquals(Optional.of(1L), g.memoryLimitBytes(dir));
    Files.writeString(limit, ((1L << 62) - 1) + "\n");
    assertEquals(Optional.of((1L << 62) - 1), g.memoryLimitBytes(dir));
    Files.writeString(limit, (1L << 62) + "\n");
    assertEquals(Optional.empty(), g.memoryLimitBytes(dir));
  }

  @Test
  void cpuListsFromCpu0ToCpu65535() {
    BitSet zero = new BitSet();
    zero.set(0);
    assertEquals(zero, Cgroups.parseCpuList("0"));
    BitSet three = new BitSet();
    three.set(3);
    assertEquals(three, Cgroups.parseCpuList("3-3"));
    BitSet last = new BitSet();
    last.set(65_535);
    assertEquals(last, Cgroups.parseCpuList("65535"));
    assertNull(Cgroups.parseCpuList("65536"));
    assertNull(Cgroups.parseCpuList("-3"));
  }
}
