package dev.ergon.meter.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Configuration;
import dev.ergon.MeterUnavailableException;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import dev.ergon.spi.ChannelFault;
import dev.ergon.ChannelKind;
import dev.ergon.Component;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterContext;
import dev.ergon.spi.MeterProvider;
import dev.ergon.Method;
import dev.ergon.spi.ReadingBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The estimate meter against fake machines. Expected energies are computed here from the published figures (CCF
 * per-vCPU watts, the Teads curve, CCF's memory coefficient), never taken from the code under test. Time is 1 s
 * between reads unless stated; one watt for one second is 1 000 000 µJ.
 */
class EstimateMeterProviderTest {
  private static final long T0 = 7_000_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final String CASCADE_LAKE = "Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz";

  @TempDir Path dir;

  private static Meter open(FakeMachine m) {
    return new EstimateMeterProvider().open(MeterContext.of(m.config()));
  }

  private static Meter open(FakeMachine m, Set<Component> covered) {
    return new EstimateMeterProvider().open(new MeterContext(m.config(), covered));
  }

  private static ReadingBuffer read(Meter meter, long nanoTime) {
    ReadingBuffer b = new ReadingBuffer(meter.channels().size());
    b.reset(nanoTime);
    meter.read(b);
    return b;
  }

  private static int index(Meter meter, String id) {
    List<Channel> cs = meter.channels();
    for (int i = 0; i < cs.size(); i++) {
      if (cs.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new AssertionError("no channel " + id + " in " + cs);
  }

  private static void assertMicrojoules(double expected, long actual) {
    assertEquals(expected, (double) actual, 2.0, "µJ (the accumulator floors; floating error may cost one)");
  }

  private static ChannelFault fault(ReadingBuffer b, int channel) {
    ChannelFault f = b.fault(channel);
    if (f == null) {
      throw new AssertionError("channel " + channel + " did not fail");
    }
    return f;
  }

  private static String notes(Channel c) {
    return String.join("\n", c.notes());
  }

  @Test
  void idleThenBusyCascadeLakeMachine() {
    // AWS m5-like guest, 4 vCPUs; CCF Cascade Lake: 0.64 W min, 3.97 W max per vCPU
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true).stat(0, 0);
    try (Meter meter = open(m)) {
      int cpu = index(meter, "cpu/model");
      assertEquals(0, read(meter, T0).value(cpu), "the first read sets the baseline");
      m.stat(0, 400); // one second, 4 CPUs x 100 jiffies, all idle
      long idle = read(meter, T0 + SECOND).value(cpu);
      assertMicrojoules(4 * 0.64 * 1e6, idle); // 2.56 J
      m.stat(400, 400); // the next second all busy
      long both = read(meter, T0 + 2 * SECOND).value(cpu);
      assertMicrojoules((4 * 0.64 + 4 * 3.97) * 1e6, both); // 2.56 J + 15.88 J
      m.stat(500, 700); // a quarter busy: 100 of 400 jiffies
      long quarter = read(meter, T0 + 3 * SECOND).value(cpu) - both;
      assertMicrojoules(4 * (0.64 + 0.25 * (3.97 - 0.64)) * 1e6, quarter); // 5.89 J
    }
  }

  /** This project's own VM: "AMD EPYC", CPUID family 26 model 2 (Zen 5), no model number. */
  @Test
  void aZen5WithoutAModelNumberIsKnownByItsGenerationNotTheGlobalAverage() {
    FakeMachine m = new FakeMachine(dir).x86("AuthenticAMD", "AMD EPYC", 26, 2, 1, 2, 1, true).stat(0, 0);
    try (Meter meter = open(m)) {
      Channel c = meter.channels().get(index(meter, "cpu/model"));
      assertEquals(0.40, c.relativeUncertainty(), "wider than an exact match, narrower than the global median");
      assertTrue(c.device().contains("EPYC 3rd Gen") && c.device().contains("CPU generation by CPUID"), c.device());
      String notes = notes(c);
      assertTrue(notes.contains("CPUID AuthenticAMD family 26 model 2: AMD Zen 5 (EPYC 9005, Turin)"), notes);
      assertTrue(notes.contains("nearest published generation, EPYC 3rd Gen, stands in"), notes);
    }
  }

  @Test
  void cascadeLakeChannelSaysHowItWasEstimated() {
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true).stat(0, 0);
    try (Meter meter = open(m)) {
      assertEquals("estimate", meter.name());
      Channel c = meter.channels().get(index(meter, "cpu/model"));
      assertEquals(ChannelKind.MODEL_CPU, c.kind());
      assertEquals(Method.MODEL, c.method());
      assertNull(c.wrapRange());
      assertEquals(Duration.ofSeconds(1), c.maxPollInterval());
      assertEquals(4 * 3.97, c.maxPower().toWatts(), 1e-9, "the model at 100 %: its ceiling");
      assertEquals(0.30, c.relativeUncertainty());
      assertTrue(c.device().contains("Cascade Lake") && c.device().contains("microarchitecture match")
          && c.device().contains("4 vCPUs"), c.device());
      String notes = notes(c);
      assertTrue(notes.contains("not a measurement"), notes);
      assertTrue(notes.contains("rung: microarchitecture match (Xeon Scalable model number 82xx"), notes);
      assertTrue(notes.contains("min 0.64 W, max 3.97 W per vCPU"), notes);
      assertTrue(notes.contains("vCPUs: 4 from /proc/cpuinfo"), notes);
      assertTrue(notes.contains("utilisation: measured from " + m.proc.resolve("stat")), notes);
      assertTrue(notes.contains("uncertainty: 1σ 30 %"), notes);
    }
  }

  @Test
  void amdEpycSecondGeneration() {
    // AWS c5a guest: AMD EPYC 7R32 (Rome); CCF EPYC 2nd Gen: 0.47 / 1.69 W per vCPU; 2 vCPUs at 50 %
    FakeMachine m = new FakeMachine(dir).x86("AuthenticAMD", "AMD EPYC 7R32", 23, 49, 0, 2, 1, true).stat(0, 0);
    try (Meter meter = open(m)) {
      int cpu = index(meter, "cpu/model");
      read(meter, T0);
      m.stat(100, 100);
      assertMicrojoules(2 * (0.47 + 0.5 * (1.69 - 0.47)) * 1e6, read(meter, T0 + SECOND).value(cpu)); // 2.16 J
      assertTrue(notes(meter.channels().get(cpu)).contains("EPYC model number 7R32 (Rome)"));
    }
  }

  @Test
  void amdEpycWithoutModelNumberIsRecognisedByCpuid() {
    // this machine's own cpuinfo: "AMD EPYC", family 25 model 1 = Milan; CCF EPYC 3rd Gen 0.45 / 2.02 W
    FakeMachine m = new FakeMachine(dir).x86("AuthenticAMD", "AMD EPYC", 25, 1, 1, 2, 1, true).stat(0, 0);
    try (Meter meter = open(m)) {
      int cpu = index(meter, "cpu/model");
      read(meter, T0);
      m.stat(0, 200);
      assertMicrojoules(2 * 0.45 * 1e6, read(meter, T0 + SECOND).value(cpu));
      assertTrue(meter.channels().get(cpu).device().contains("CCF EPYC 3rd Gen"));
    }
  }

  @Test
  void unknownCpuFallsBackToTheGlobalMedianWithALargerUncertainty() {
    // global median over the 11 CCF rows: min 0.71 W, max 3.97 W per vCPU; 2 vCPUs at 25 %
    FakeMachine m = new FakeMachine(dir).x86("AcmeGenuine", "Acme RISC-V Turbo 9000X", 1, 2, 3, 2, 1, true)
        .stat(0, 0);
    try (Meter meter = open(m)) {
      int cpu = index(meter, "cpu/model");
      read(meter, T0);
      m.stat(50, 150);
      assertMicrojoules(2 * (0.71 + 0.25 * (3.97 - 0.71)) * 1e6, read(meter, T0 + SECOND).value(cpu)); // 3.05 J
      Channel c = meter.channels().get(cpu);
      assertEquals(0.50, c.relativeUncertainty());
      assertTrue(c.device().contains("global average"), c.device());
      String notes = notes(c);
      assertTrue(notes.contains("rung: global average"), notes);
      assertTrue(notes.contains("not used: microarchitecture: no rule recognises Acme RISC-V Turbo 9000X"), notes);
      assertTrue(notes.contains("not used: TDP: no unambiguous cpu_power.csv entry"), notes);
    }
  }

  @Test
  void unknownCpuInADetectedCloudUsesTheProviderAverage() {
    // AWS average: 0.74 / 3.5 W per vCPU; 2 vCPUs at 25 %
    FakeMachine m = new FakeMachine(dir).x86("AcmeGenuine", "Acme RISC-V Turbo 9000X", 1, 2, 3, 2, 1, true)
        .stat(0, 0).dmi("sys_vendor", "Amazon EC2");
    try (Meter meter = open(m)) {
      int cpu = index(meter, "cpu/model");
      read(meter, T0);
      m.stat(50, 150);
      assertMicrojoules(2 * (0.74 + 0.25 * (3.5 - 0.74)) * 1e6, read(meter, T0 + SECOND).value(cpu)); // 2.86 J
      Channel c = meter.channels().get(cpu);
      assertEquals(0.45, c.relativeUncertainty());
      assertTrue(notes(c).contains("rung: provider average (cloud detected from " + m.sys.resolve("class/dmi/id")),
          notes(c));
    }
  }

  @Test
  void configuredCloudProfileOverridesDetection() {
    // GCP median: 0.68 / 4.11 W per vCPU, 3 configured vCPUs, all idle
    FakeMachine m = new FakeMachine(dir).x86("AcmeGenuine", "Acme RISC-V Turbo 9000X", 1, 2, 3, 4, 1, true)
        .stat(0, 0).dmi("sys_vendor", "Amazon EC2")
        .set(EstimateProfile.CLOUD, "gcp").set(EstimateProfile.VCPUS, "3")
        .set(EstimateProfile.INSTANCE_TYPE, "n1-standard-4");
    try (Meter meter = open(m)) {
      int cpu = index(meter, "cpu/model");
      read(meter, T0);
      m.stat(0, 200);
      assertMicrojoules(3 * 0.68 * 1e6, read(meter, T0 + SECOND).value(cpu));
      String notes = notes(meter.channels().get(cpu));
      assertTrue(notes.contains("vCPUs: 3 from configured ergon.estimate.vcpus (detected: 4"), notes);
      assertTrue(notes.contains("instance type n1-standard-4"), notes);
    }
  }

  @Test
  void configuredArchitectureBeatsTheMatcher() {
    FakeMachine m = new FakeMachine(dir).x86("AcmeGenuine", "Acme RISC-V Turbo 9000X", 1, 2, 3, 2, 1, true)
        .stat(0, 0).set(EstimateProfile.CPU_ARCHITECTURE, "haswell");
    try (Meter meter = open(m)) {
      int cpu = index(meter, "cpu/model");
      read(meter, T0);
      m.stat(200, 0);
      assertMicrojoules(2 * 4.74 * 1e6, read(meter, T0 + SECOND).value(cpu)); // CCF Haswell max 4.74 W
    }
  }

  @Test
  void aConfiguredCpuModelIsLookedUpInsteadOfCpuinfos() {
    // AWS m5a hides nothing, but a sandbox might: "AMD EPYC 7571" is Naples, CCF EPYC 1st Gen 0.82 / 2.55 W
    FakeMachine m = new FakeMachine(dir).x86("AcmeGenuine", "Acme RISC-V Turbo 9000X", 1, 2, 3, 2, 1, true)
        .stat(0, 0).set(EstimateProfile.CPU_MODEL, "AMD EPYC 7571");
    try (Meter meter = open(m)) {
      int cpu = index(meter, "cpu/model");
      read(meter, T0);
      m.stat(200, 0);
      assertMicrojoules(2 * 2.55 * 1e6, read(meter, T0 + SECOND).value(cpu));
      Channel c = meter.channels().get(cpu);
      assertTrue(c.device().startsWith("AMD EPYC 7571 (configured ergon.estimate.cpu.model)"), c.device());
      assertTrue(notes(c).contains("EPYC model number 7571 (Naples)"), notes(c));
    }
  }

  @Test
  void anExplicitProfileBeatsConfiguration() {
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true).stat(0, 0)
        .set(EstimateProfile.VCPUS, "8");
    EstimateProfile profile = EstimateProfile.builder().vcpus(2).build();
    try (Meter meter = new EstimateMeterProvider(profile).open(MeterContext.of(m.config()))) {
      int cpu = index(meter, "cpu/model");
      read(meter, T0);
      m.stat(0, 400);
      assertMicrojoules(2 * 0.64 * 1e6, read(meter, T0 + SECOND).value(cpu));
    }
  }

  @Test
  void knownTdpOnBareMetalUsesTheTeadsCurve() {
    // Xeon Gold 6338 (Ice Lake: no CCF coefficients), cpu_power.csv TDP 205 W; 2 packages x 64 threads, bare metal.
    // share = 128 vCPUs / 64 per package = 2; at 30 % load the Teads fraction is 0.32 + 0.5 x (0.75 - 0.32) = 0.535
    FakeMachine m = new FakeMachine(dir)
        .x86("GenuineIntel", "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz", 6, 106, 6, 128, 2, false).stat(0, 0);
    try (Meter meter = open(m)) {
      int cpu = index(meter, "cpu/model");
      read(meter, T0);
      m.stat(3840, 8960); // 30 % of 128 x 100 jiffies
      assertMicrojoules(205 * 2 * 0.535 * 1e6, read(meter, T0 + SECOND).value(cpu)); // 219.35 J
      Channel c = meter.channels().get(cpu);
      assertEquals(0.35, c.relativeUncertainty());
      assertEquals(205 * 2 * 1.02, c.maxPower().toWatts(), 1e-9, "the TDP curve at 100 %");
      String notes = notes(c);
      assertTrue(notes.contains("rung: TDP match ('Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz' matched cpu_power.csv "
          + "entry 'Intel Xeon Gold 6338'"), notes);
      assertTrue(notes.contains("64 logical CPUs per package (/proc/cpuinfo siblings)"), notes);
    }
  }

  @Test
  void knownTdpInsideAVirtualMachineNeedsTheHostThreadsPerPackage() {
    FakeMachine m = new FakeMachine(dir)
        .x86("GenuineIntel", "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz", 6, 106, 6, 4, 1, true).stat(0, 0);
    try (Meter meter = open(m)) {
      Channel c = meter.channels().get(index(meter, "cpu/model"));
      // Without the host's threads per package the TDP rung cannot answer; CPUID names Ice Lake, and the nearest
      // published generation (Cascade Lake) stands in rather than the median over all microarchitectures.
      assertTrue(c.device().contains("CPU generation by CPUID"), c.device());
      assertEquals(0.40, c.relativeUncertainty());
      assertTrue(notes(c).contains("set ergon.estimate.cpu.threads-per-package"), notes(c));
      assertTrue(notes(c).contains("Intel Ice Lake-SP/D (Xeon Scalable 3rd Gen); CCF publishes no coefficients for "
          + "it, so its nearest published generation, Cascade Lake, stands in"), notes(c));
    }
    // with the host's 64 threads per package, 4 vCPUs are 4/64 of a 205 W package; idle: 0.12 x TDP
    m.set(EstimateProfile.CPU_THREADS_PER_PACKAGE, "64");
    try (Meter meter = open(m)) {
      int cpu = index(meter, "cpu/model");
      read(meter, T0);
      m.stat(0, 400);
      assertMicrojoules(205 * (4.0 / 64) * 0.12 * 1e6, read(meter, T0 + SECOND).value(cpu)); // 1.5375 J
    }
  }

  @Test
  void containerWithACgroupV2QuotaCountsTheQuotaAndItsOwnCpuTime() {
    // an 8-CPU Cascade Lake host; the container may use 1.5 CPUs (cpu.max 150000 100000) and used 0.75 CPU-s
    // in one second: utilisation 0.75 / 1.5 = 0.5 although the host's /proc/stat shows it idle
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 8, 1, true).stat(0, 0)
        .cgroupV2("/docker/abc")
        .cgroupFile("docker/abc/cpu.max", "150000 100000")
        .cgroupFile("docker/abc/cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0")
        .cgroupFile("docker/abc/memory.current", String.valueOf(2L << 30))
        .cgroupFile("docker/abc/memory.stat", "anon 1\ninactive_file " + (512L << 20))
        .cgroupFile("docker/abc/memory.max", String.valueOf(4L << 30));
    try (Meter meter = open(m)) {
      int cpu = index(meter, "cpu/model");
      int mem = index(meter, "memory/model");
      read(meter, T0);
      m.stat(0, 800).cgroupFile("docker/abc/cpu.stat", "usage_usec 750000\nuser_usec 700000\nsystem_usec 50000");
      ReadingBuffer b = read(meter, T0 + SECOND);
      assertMicrojoules(1.5 * (0.64 + 0.5 * (3.97 - 0.64)) * 1e6, b.value(cpu)); // 3.4575 J
      // memory: 2 GiB used - 0.5 GiB inactive file cache = 1.5 GiB at 0.392 W/GiB
      assertMicrojoules(1.5 * 0.392 * 1e6, b.value(mem));
      Channel c = meter.channels().get(cpu);
      String notes = notes(c);
      assertTrue(notes.contains("vCPUs: 1.5 from cgroup cpu.max quota (" + m.cgroup.resolve("docker/abc/cpu.max")),
          notes);
      assertTrue(notes.contains("the cgroup's CPU time"), notes);
      assertTrue(notes.contains("container's CPU share"), notes);
      assertTrue(meter.channels().get(mem).device().contains("cgroup limit 4 GiB"),
          meter.channels().get(mem).device());
    }
  }

  @Test
  void containerPinnedToACpusetCountsOnlyThoseCpus() {
    // 4-CPU host, cpuset 2-3: CPU 2 fully busy, CPU 3 idle, CPUs 0-1 busy with someone else's work
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true)
        .statPerCpu(new long[] {0, 0, 0, 0}, new long[] {0, 0, 0, 0})
        .cgroupV2("/pinned").cgroupFile("pinned/cpuset.cpus.effective", "2-3");
    try (Meter meter = open(m)) {
      int cpu = index(meter, "cpu/model");
      read(meter, T0);
      m.statPerCpu(new long[] {100, 100, 100, 0}, new long[] {0, 0, 0, 100});
      assertMicrojoules(2 * (0.64 + 0.5 * (3.97 - 0.64)) * 1e6, read(meter, T0 + SECOND).value(cpu)); // 4.61 J
      assertTrue(notes(meter.channels().get(cpu)).contains("vCPUs: 2 from cgroup cpuset"));
    }
  }

  @Test
  void memoryIsCcfsCoefficientOverTheMemoryInUse() {
    // 16 GiB installed, 12 GiB available: 4 GiB in use x 0.392 W/GiB = 1.568 W; then 8 GiB in use (3.136 W):
    // the trapezoid over the second second gives (1.568 + 3.136) / 2 = 2.352 J
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true).stat(0, 0);
    try (Meter meter = open(m)) {
      int mem = index(meter, "memory/model");
      Channel c = meter.channels().get(mem);
      assertEquals(ChannelKind.MEMORY, c.kind());
      assertEquals(Method.MODEL, c.method());
      assertEquals(0.40, c.relativeUncertainty());
      assertEquals(16 * 0.392, c.maxPower().toWatts(), 1e-9, "all 16 GiB in use");
      assertTrue(notes(c).contains("0.000392 kWh per GB-hour"), notes(c));
      read(meter, T0);
      assertMicrojoules(1.568e6, read(meter, T0 + SECOND).value(mem));
      m.meminfo(16L << 20, 8L << 20);
      assertMicrojoules((1.568 + 2.352) * 1e6, read(meter, T0 + 2 * SECOND).value(mem));
    }
  }

  @Test
  void configuredGpusAreModelledAtCcfsFallbackUtilisation() {
    // CCF/Teads A100: 46 W idle, 407 W max; at 50 %: 46 + 0.5 x 361 = 226.5 W per GPU
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true).stat(0, 0)
        .set(EstimateProfile.GPU_MODEL, "NVIDIA A100-SXM4-40GB").set(EstimateProfile.GPU_COUNT, "2");
    try (Meter meter = open(m)) {
      int g0 = index(meter, "gpu/model-0");
      int g1 = index(meter, "gpu/model-1");
      assertEquals(ChannelKind.GPU, meter.channels().get(g0).kind());
      assertEquals(Method.MODEL, meter.channels().get(g1).method());
      assertEquals(0.50, meter.channels().get(g0).relativeUncertainty());
      assertTrue(notes(meter.channels().get(g0)).contains("not measured"));
      read(meter, T0);
      ReadingBuffer b = read(meter, T0 + SECOND);
      assertMicrojoules(226.5e6, b.value(g0));
      assertMicrojoules(226.5e6, b.value(g1));
    }
    m.set(EstimateProfile.GPU_UTILIZATION, "1").set(EstimateProfile.GPU_COUNT, "1");
    try (Meter meter = open(m)) {
      int g0 = index(meter, "gpu/model-0");
      read(meter, T0);
      assertMicrojoules(407e6, read(meter, T0 + SECOND).value(g0));
    }
  }

  @Test
  void coveredComponentsAreLeftOut() {
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true).stat(0, 0)
        .set(EstimateProfile.GPU_MAX_WATTS, "300");
    try (Meter meter = open(m, Set.of(Component.CPU))) {
      assertEquals(List.of("memory/model", "gpu/model-0"), ids(meter));
    }
    try (Meter meter = open(m, Set.of(Component.CPU, Component.MEMORY))) {
      assertEquals(List.of("gpu/model-0"), ids(meter));
    }
    try (Meter meter = open(m, Set.of(Component.GPU, Component.MEMORY))) {
      assertEquals(List.of("cpu/model"), ids(meter));
    }
    MeterContext all = new MeterContext(m.config(), Set.of(Component.CPU, Component.MEMORY, Component.GPU));
    Availability a = new EstimateMeterProvider().probe(all);
    assertFalse(a.available());
    assertEquals(UnavailableReason.COVERED, a.reason());
    MeterUnavailableException e = assertThrows(MeterUnavailableException.class,
        () -> new EstimateMeterProvider().open(all));
    assertEquals(UnavailableReason.COVERED, e.reason());
    // without GPUs configured, CPU and memory are everything
    FakeMachine plain = new FakeMachine(dir.resolve("plain")).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true);
    assertEquals(UnavailableReason.COVERED, new EstimateMeterProvider()
        .probe(new MeterContext(plain.config(), Set.of(Component.CPU, Component.MEMORY))).reason());
  }

  private static List<String> ids(Meter meter) {
    List<String> out = new ArrayList<>();
    meter.channels().forEach(c -> out.add(c.id()));
    return out;
  }

  @Test
  void aFailedReadIsAFaultAndTheNextReadCoversTheGap() throws IOException {
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true).stat(0, 0);
    try (Meter meter = open(m)) {
      int cpu = index(meter, "cpu/model");
      read(meter, T0);
      Files.delete(m.proc.resolve("stat"));
      ReadingBuffer b = read(meter, T0 + SECOND);
      assertFalse(b.hasValue(cpu));
      ChannelFault f = fault(b, cpu);
      assertTrue(f.reason() == UnavailableReason.IO_ERROR && !f.permanent(), String.valueOf(f));
      assertTrue(f.message().contains(m.proc.resolve("stat").toString()), f.message());
      // two seconds, all busy, seen by the next successful read
      m.stat(800, 0);
      assertMicrojoules(2 * 4 * 3.97 * 1e6, read(meter, T0 + 2 * SECOND).value(cpu));
    }
  }

  @Test
  void withoutProcStatOrMeminfoTheJvmMeasures() throws IOException {
    // macOS, Windows: no /proc; the JVM's system CPU load and physical memory stand in, and the notes say so
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, false);
    Files.delete(m.proc.resolve("meminfo"));
    try (Meter meter = open(m)) {
      assertTrue(notes(meter.channels().get(index(meter, "cpu/model"))).contains("by the JVM"));
      assertTrue(notes(meter.channels().get(index(meter, "memory/model"))).contains("from the JVM"));
      read(meter, T0);
      ReadingBuffer b = read(meter, T0 + SECOND);
      // the JVM's load is the real machine's, within 0..100 %: between 4 x 0.64 W and 4 x 3.97 W
      long cpu = b.value(index(meter, "cpu/model"));
      assertTrue(cpu >= 4 * 0.64e6 - 2 && cpu <= 4 * 3.97e6 + 2, "µJ " + cpu);
      assertTrue(b.value(index(meter, "memory/model")) > 0);
    }
  }

  @Test
  void aClosedMeterFaultsPermanently() {
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true).stat(0, 0);
    Meter meter = open(m);
    meter.close();
    meter.close();
    ReadingBuffer b = read(meter, T0);
    assertTrue(fault(b, 0).permanent());
  }

  @Test
  void badSettingsAreNamedNotThrownFromProbe() {
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true).stat(0, 0);
    for (Map.Entry<String, String> bad : List.of(
        Map.entry(EstimateProfile.VCPUS, "-2"),
        Map.entry(EstimateProfile.VCPUS, "0"),
        Map.entry(EstimateProfile.VCPUS, "NaN"),
        Map.entry(EstimateProfile.VCPUS, "two"),
        Map.entry(EstimateProfile.VCPUS, "99999999999"),
        Map.entry(EstimateProfile.CPU_TDP, "5000"),
        Map.entry(EstimateProfile.CPU_THREADS_PER_PACKAGE, "100000"),
        Map.entry(EstimateProfile.GPU_MAX_WATTS, "70000"),
        Map.entry(EstimateProfile.GPU_IDLE_WATTS, "-1"),
        Map.entry(EstimateProfile.GPU_IDLE_WATTS, "2500"),
        Map.entry(EstimateProfile.CPU_ARCHITECTURE, "Pentium 4"),
        Map.entry(EstimateProfile.GPU_MODEL, "Voodoo2"),
        Map.entry(EstimateProfile.CLOUD, "ibm"))) {
      Configuration config = m.config().with(bad.getKey(), bad.getValue());
      Availability a = new EstimateMeterProvider().probe(MeterContext.of(config));
      assertFalse(a.available(), bad.toString());
      assertEquals(UnavailableReason.MISCONFIGURED, a.reason());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new EstimateMeterProvider().open(MeterContext.of(config)));
      assertTrue(String.valueOf(e.getMessage()).contains(bad.getKey()), e.getMessage());
      assertTrue(a.detail().contains(bad.getKey()), a.detail());
    }
  }

  /**
   * Issue #11: {@code ERGON_ESTIMATE_VCPUS=99999999999} gave a complete record of 18 GJ for {@code true}. A vCPU count
   * above the host's logical CPUs is refused, naming the key, where it was set, the value, the host's count and the
   * fix.
   */
  @Test
  void aVcpuCountAboveTheHostsIsRefusedAsMisconfigured() {
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true).stat(0, 0);
    Configuration config = Configuration.fromEnvironment(new Properties(),
        Map.of("ERGON_ESTIMATE_VCPUS", "99999999999"));
    for (Map.Entry<String, String> e : Map.of(EstimateProfile.PROC_ROOT, m.proc.toString(),
        EstimateProfile.CGROUP_ROOT, m.cgroup.toString(), EstimateProfile.SYS_ROOT, m.sys.toString()).entrySet()) {
      config = config.with(e.getKey(), e.getValue());
    }
    Availability a = new EstimateMeterProvider().probe(MeterContext.of(config));
    assertFalse(a.available());
    assertEquals(UnavailableReason.MISCONFIGURED, a.reason());
    for (String part : List.of("ergon.estimate.vcpus = 99999999999", "from environment variable ERGON_ESTIMATE_VCPUS",
        "above this host's 4 logical CPUs", "4 processor entries in", "set it to at most 4", "unset it")) {
      assertTrue(a.detail().contains(part), part + " in: " + a.detail());
    }
    Configuration refused = config;
    assertThrows(IllegalArgumentException.class, () -> new EstimateMeterProvider().open(MeterContext.of(refused)));

    // a fraction above the count is refused too; the count itself is the host's and is fine
    Availability fraction = new EstimateMeterProvider().probe(MeterContext.of(m.config()
        .with(EstimateProfile.VCPUS, "4.5")));
    assertEquals(UnavailableReason.MISCONFIGURED, fraction.reason(), fraction.detail());
    assertTrue(fraction.detail().contains("from setting ergon.estimate.vcpus"), fraction.detail());
    assertTrue(new EstimateMeterProvider().probe(MeterContext.of(m.config().with(EstimateProfile.VCPUS, "4")))
        .available());

    // set in code: the message says so
    Availability coded = new EstimateMeterProvider(EstimateProfile.builder().vcpus(16).build())
        .probe(MeterContext.of(m.config()));
    assertEquals(UnavailableReason.MISCONFIGURED, coded.reason());
    assertTrue(coded.detail().contains("from an EstimateProfile built in code"), coded.detail());
  }

  /** In a container /proc/cpuinfo may show its share (lxcfs); the host's online CPUs are the bound. */
  @Test
  void theHostsOnlineCpusBoundTheCountNotTheContainersView() {
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true).stat(0, 0);
    FakeMachine.write(m.sys.resolve("devices/system/cpu/online"), "0-63\n");
    assertTrue(new EstimateMeterProvider().probe(MeterContext.of(m.config().with(EstimateProfile.VCPUS, "48")))
        .available());
    Availability a = new EstimateMeterProvider().probe(MeterContext.of(m.config().with(EstimateProfile.VCPUS, "65")));
    assertEquals(UnavailableReason.MISCONFIGURED, a.reason());
    assertTrue(a.detail().contains("above this host's 64 logical CPUs (" + m.sys.resolve("devices/system/cpu/online")
        + ": 0-63)"), a.detail());
  }

  /** The model's maximum bounds every channel: a modelled interval is never dropped, and a GPU's ceiling is its max. */
  @Test
  void eachChannelsCeilingIsItsModelsMaximum() {
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true).stat(0, 0)
        .set(EstimateProfile.GPU_MAX_WATTS, "300").set(EstimateProfile.GPU_IDLE_WATTS, "50");
    try (Meter meter = open(m)) {
      assertEquals(300, meter.channels().get(index(meter, "gpu/model-0")).maxPower().toWatts(), 1e-9);
      int cpu = index(meter, "cpu/model");
      read(meter, T0);
      m.stat(400, 0); // 100 % busy: the model at its maximum
      long uj = read(meter, T0 + SECOND).value(cpu);
      assertMicrojoules(4 * 3.97 * 1e6, uj);
      assertTrue(uj <= meter.channels().get(cpu).maxPower().toWatts() * 1e6 + 1, "at or below the ceiling");
    }
  }

  @Test
  void probeDescribesWhatItWouldOpen() {
    FakeMachine m = new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true).stat(0, 0);
    Availability a = new EstimateMeterProvider().probe(MeterContext.of(m.config()));
    assertTrue(a.available());
    assertTrue(a.detail().contains("cpu/model") && a.detail().contains("Cascade Lake")
        && a.detail().contains("memory/model"), a.detail());
  }

  @Test
  void isDiscoveredByServiceLoaderAsAModelOfLowestPriority() {
    getClass().getModule().addUses(MeterProvider.class);
    MeterProvider found = null;
    for (MeterProvider p : ServiceLoader.load(MeterProvider.class)) {
      if (p.name().equals("estimate")) {
        found = p;
      }
    }
    if (!(found instanceof EstimateMeterProvider)) {
      throw new AssertionError("ServiceLoader did not find the estimate provider: " + found);
    }
    assertEquals(MeterProvider.PRIORITY_MODEL, found.priority());
  }
}
