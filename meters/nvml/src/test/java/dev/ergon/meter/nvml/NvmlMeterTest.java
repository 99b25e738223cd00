package dev.ergon.meter.nvml;

import static dev.ergon.meter.nvml.Readings.fault;
import static dev.ergon.meter.nvml.Readings.message;
import static dev.ergon.meter.nvml.Readings.readAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.MeterUnavailableException;
import dev.ergon.Power;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Channel;
import dev.ergon.spi.ChannelFault;
import dev.ergon.ChannelKind;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterContext;
import dev.ergon.Method;
import dev.ergon.spi.ReadingBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NVML meter through the real JNA binding against the fake libnvidia-ml.so.1, on a manual clock. */
class NvmlMeterTest {

  static final String UUID_0 = "GPU-8f2a0c1e-1111-2222-3333-444455556666";
  static final String UUID_1 = "GPU-0b7d9e3f-aaaa-bbbb-cccc-ddddeeeeffff";

  @TempDir Path dir;

  static NvmlMeterProvider provider() {
    return new NvmlMeterProvider(Map.of(), "Linux");
  }

  static Meter open(FakeNvml fake) {
    return provider().open(MeterContext.of(fake.config()));
  }

  /** Two Hopper GPUs with energy counters. */
  private FakeNvml twoHoppers() {
    return FakeNvml.install(dir, FakeNvml.Variant.FULL)
        .set("gpus", 2)
        .set("gpu.0.uuid", UUID_0)
        .set("gpu.0.name", "NVIDIA H100 80GB HBM3")
        .set("gpu.0.energy_mj", 5_000_000)         // 5 000 J before the test starts
        .set("gpu.0.power", "0:100000")            // a constant 100 W
        .set("gpu.1.uuid", UUID_1)
        .set("gpu.1.name", "NVIDIA H200")
        .set("gpu.1.power", "0:200000 10000:400000") // 200 W rising linearly to 400 W over 10 s, then 400 W
        .set("gpu.1.limit_max_mw", 1_000_000);
  }

  @Test
  void counterChannelsReportTheEnergyCounterInMicrojoules() {
    FakeNvml fake = twoHoppers();
    try (Meter meter = open(fake)) {
      List<Channel> channels = meter.channels();
      assertEquals(2, channels.size());
      Channel c0 = channels.get(0);
      assertEquals("gpu/" + UUID_0, c0.id());
      assertEquals(ChannelKind.GPU, c0.kind());
      assertEquals("NVIDIA H100 80GB HBM3 (" + UUID_0 + ", index 0)", c0.device());
      assertEquals(Method.COUNTER, c0.method());
      assertNull(c0.wrapRange(), "a decrease of the NVML counter is a reset, not a wrap");
      assertEquals(Duration.ofSeconds(1), c0.maxPollInterval());
      assertEquals(Power.ofWatts(700), c0.maxPower(), "the 700 W highest settable power limit");
      assertEquals(0.05, c0.relativeUncertainty());
      assertEquals(List.of(), c0.notes());
      assertEquals("gpu/" + UUID_1, channels.get(1).id());
      assertEquals(Power.ofWatts(1000), channels.get(1).maxPower(), "the 1000 W highest settable power limit");

      ReadingBuffer b = readAt(meter, fake, 0);
      assertEquals(5_000_000_000L, b.value(0), "5 000 000 mJ = 5 000 J = 5e9 µJ");
      assertEquals(0, b.value(1));

      b = readAt(meter, fake, 10_000);
      assertEquals(6_000_000_000L, b.value(0), "5 000 J + 100 W × 10 s");
      assertEquals(3_000_000_000L, b.value(1), "mean 300 W × 10 s = 3 000 J");

      b = readAt(meter, fake, 12_500);
      assertEquals(4_000_000_000L, b.value(1), "3 000 J + 400 W × 2.5 s");
    }
  }

  @Test
  void counterDecreaseIsReportedAsReadNeverCorrected() {
    FakeNvml fake = twoHoppers().set("gpu.0.power", "0:0").set("gpu.0.energy_mj", 9_000_000);
    try (Meter meter = open(fake)) {
      assertEquals(9_000_000_000L, readAt(meter, fake, 0).value(0));
      fake.set("gpu.0.energy_mj", 1_000); // the driver was reloaded: the counter restarts
      ReadingBuffer b = readAt(meter, fake, 1_000);
      assertTrue(b.hasValue(0));
      assertEquals(1_000_000L, b.value(0), "the raw counter; core drops the decrease");
    }
  }

  @Test
  void integratesPiecewiseLinearPowerExactlyWhereThereIsNoEnergyCounter() {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.FULL)
        .set("gpus", 1)
        .set("gpu.0.uuid", UUID_0)
        .set("gpu.0.name", "Tesla P100-PCIE-16GB")
        .set("gpu.0.arch", 4)                  // Pascal: no energy counter
        .set("gpu.0.energy", 0)
        .set("gpu.0.power", "0:100000 1000:300000");
    try (Meter meter = open(fake)) {
      Channel c = meter.channels().get(0);
      assertEquals(Method.INTEGRATED_POWER, c.method());
      assertEquals(Duration.ofMillis(100), c.maxPollInterval());
      assertTrue(c.relativeUncertainty() > 0.05, "larger than a counter's");
      assertNull(c.wrapRange());
      assertTrue(c.notes().stream().anyMatch(n -> n.contains("no energy counter") && n.contains("Pascal")),
          c.notes().toString());

      assertEquals(0, readAt(meter, fake, 0).value(0));
      assertEquals(75_000_000L, readAt(meter, fake, 500).value(0), "(100 W + 200 W) / 2 × 0.5 s = 75 J");
      assertEquals(200_000_000L, readAt(meter, fake, 1_000).value(0), "mean 200 W × 1 s = 200 J");
      assertEquals(260_000_000L, readAt(meter, fake, 1_200).value(0), "200 J + 300 W × 0.2 s");
    }
  }

  @Test
  void integratedEnergyIsWithinOnePercentOfTheTraceAtTheDefaultSampling() {
    // A job: idle at 60 W for 3 s, up to 250 W within 50 ms, back down to 120 W within 10 ms at 9.03 s, then a
    // ramp to 300 W from 15 s to 20 s. The steps fall between the 100 ms samples.
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.FULL)
        .set("gpus", 1)
        .set("gpu.0.arch", 6) // Turing
        .set("gpu.0.energy", 0)
        .set("gpu.0.power", "0:60000 3000:60000 3050:250000 9030:250000 9040:120000 15000:120000 20000:300000");
    // By hand, J: 60 × 3 = 180; (60 + 250) / 2 × 0.05 = 7.75; 250 × 5.98 = 1495; (250 + 120) / 2 × 0.01 = 1.85;
    // 120 × 5.96 = 715.2; (120 + 300) / 2 × 5 = 1050. Sum 3449.8 J.
    double expectedJoules = 3449.8;
    try (Meter meter = open(fake)) {
      Duration period = meter.channels().get(0).maxPollInterval();
      long last = 0;
      for (long t = 0; t <= 20_000; t += period.toMillis()) {
        ReadingBuffer b = readAt(meter, fake, t);
        assertTrue(b.hasValue(0));
        last = b.value(0);
      }
      double joules = last / 1e6;
      assertEquals(expectedJoules, joules, expectedJoules * 0.01, "within 1 %: " + joules + " J");
    }
  }

  @Test
  void aFailedPowerSampleIsBridgedByTheNextOne() {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.FULL)
        .set("gpus", 1).set("gpu.0.energy", 0).set("gpu.0.arch", 4).set("gpu.0.power", "0:100000");
    try (Meter meter = open(fake)) {
      assertEquals(0, readAt(meter, fake, 0).value(0));
      fake.set("gpu.0.ret.nvmlDeviceGetPowerUsage", 10); // NVML_ERROR_TIMEOUT
      ReadingBuffer b = readAt(meter, fake, 100);
      assertFalse(b.hasValue(0));
      ChannelFault f = fault(b, 0);
      assertEquals(UnavailableReason.IO_ERROR, f.reason());
      assertFalse(f.permanent());
      assertTrue(f.message().contains("NVML_ERROR_TIMEOUT"), f.message());
      fake.remove("gpu.0.ret.nvmlDeviceGetPowerUsage");
      assertEquals(20_000_000L, readAt(meter, fake, 200).value(0), "100 W × 0.2 s across the failed sample");
    }
  }

  @Test
  void anImplausiblePowerReadingIsDroppedNotIntegrated() {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.FULL)
        .set("gpus", 1).set("gpu.0.energy", 0).set("gpu.0.arch", 4).set("gpu.0.power", "0:100000");
    try (Meter meter = open(fake)) {
      assertEquals(0, readAt(meter, fake, 0).value(0));
      fake.set("gpu.0.power", "0:4294967295"); // NVML_VALUE_NOT_AVAILABLE
      ReadingBuffer b = readAt(meter, fake, 100);
      assertEquals(UnavailableReason.IO_ERROR, fault(b, 0).reason());
      assertTrue(fault(b, 0).message().contains("implausible"), fault(b, 0).message());
      fake.set("gpu.0.power", "0:100000");
      assertEquals(20_000_000L, readAt(meter, fake, 200).value(0));
    }
  }

  @Test
  void theCeilingFallsBackToTheEnforcedLimitThenToTheDefaultAndSaysSo() {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.FULL)
        .set("gpus", 3)
        .set("gpu.0.limit_max_mw", 400_000).set("gpu.0.enforced_limit_mw", 450_000) // raised above: the higher
        .set("gpu.1.ret.nvmlDeviceGetPowerManagementLimitConstraints", 3).set("gpu.1.enforced_limit_mw", 350_000)
        .set("gpu.2.ret.nvmlDeviceGetPowerManagementLimitConstraints", 3)
        .set("gpu.2.ret.nvmlDeviceGetEnforcedPowerLimit", 3);
    try (Meter meter = open(fake)) {
      List<Channel> c = meter.channels();
      assertEquals(Power.ofWatts(450), c.get(0).maxPower());
      assertEquals(List.of(), c.get(0).notes(), "the normal case needs no note");
      assertEquals(Power.ofWatts(350), c.get(1).maxPower());
      assertTrue(c.get(1).notes().stream().anyMatch(n -> n.contains("from the enforced power limit")),
          c.get(1).notes()::toString);
      assertEquals(Power.ofWatts(2000), c.get(2).maxPower());
      assertTrue(c.get(2).notes().stream().anyMatch(n -> n.contains("the default: the driver reports no power limit")),
          c.get(2).notes()::toString);
    }
  }

  @Test
  void anInstantaneousPowerUpToTwiceTheCeilingIsIntegratedAboveIsNot() {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.FULL)
        .set("gpus", 1).set("gpu.0.energy", 0).set("gpu.0.arch", 4).set("gpu.0.limit_max_mw", 250_000)
        .set("gpu.0.power", "0:100000");
    try (Meter meter = open(fake)) {
      assertEquals(Power.ofWatts(250), meter.channels().get(0).maxPower());
      assertEquals(0, readAt(meter, fake, 0).value(0));
      fake.set("gpu.0.power", "0:500000"); // a spike to twice the limit: a real reading on a pre-Ampere GPU
      assertEquals(30_000_000L, readAt(meter, fake, 100).value(0), "(100 W + 500 W) / 2 × 0.1 s");
      fake.set("gpu.0.power", "0:500001");
      ReadingBuffer b = readAt(meter, fake, 200);
      assertTrue(fault(b, 0).message().contains("above the plausible 500000 mW"), fault(b, 0).message());
    }
  }

  @Test
  void aGpuLostMidJobFaultsItsChannelForGoodAndTheOthersKeepReading() {
    FakeNvml fake = twoHoppers();
    try (Meter meter = open(fake)) {
      ReadingBuffer b = readAt(meter, fake, 0);
      assertTrue(b.hasValue(0) && b.hasValue(1));
      fake.set("gpu.1.lost_at_call", 1); // every call on GPU 1 from now on returns NVML_ERROR_GPU_IS_LOST

      b = readAt(meter, fake, 1_000);
      assertEquals(5_100_000_000L, b.value(0));
      assertFalse(b.hasValue(1));
      ChannelFault lost = fault(b, 1);
      assertEquals(UnavailableReason.DEVICE_LOST, lost.reason());
      assertTrue(lost.permanent());
      assertTrue(lost.message().contains("NVML_ERROR_GPU_IS_LOST"), lost.message());
      assertTrue(lost.message().contains(UUID_1), lost.message());
      assertTrue(lost.message().contains("nvmlDeviceGetTotalEnergyConsumption"), lost.message());
      long callsOnLostGpu = fake.calls().stream().filter(l -> l.endsWith(" 1")).count();

      b = readAt(meter, fake, 2_000);
      assertEquals(5_200_000_000L, b.value(0));
      assertEquals(lost, fault(b, 1));
      assertEquals(callsOnLostGpu, fake.calls().stream().filter(l -> l.endsWith(" 1")).count(),
          "a lost GPU is not called again");
    }
  }

  @Test
  void aPassingErrorFaultsOneReadingAndThenTheCounterReadsAgain() {
    FakeNvml fake = twoHoppers();
    try (Meter meter = open(fake)) {
      fake.set("gpu.0.ret.nvmlDeviceGetTotalEnergyConsumption", 10);
      ChannelFault f = fault(readAt(meter, fake, 0), 0);
      assertEquals(UnavailableReason.IO_ERROR, f.reason());
      assertFalse(f.permanent());
      fake.remove("gpu.0.ret.nvmlDeviceGetTotalEnergyConsumption");
      assertEquals(5_000_000_000L, readAt(meter, fake, 0).value(0));
    }
  }

  @Test
  void closeShutsNvmlDownExactlyOnceAndLaterReadsCallNothing() {
    FakeNvml fake = twoHoppers();
    Meter meter = open(fake);
    readAt(meter, fake, 0);
    meter.close();
    meter.close();
    assertEquals(1, fake.calls("nvmlInit_v2"));
    assertEquals(1, fake.calls("nvmlShutdown"));
    int calls = fake.calls().size();
    ReadingBuffer b = readAt(meter, fake, 1_000);
    assertFalse(b.hasValue(0));
    assertFalse(b.hasValue(1));
    assertTrue(fault(b, 0).permanent());
    assertEquals(calls, fake.calls().size(), "no NVML call after shutdown");
  }

  @Test
  void closingFromManyThreadsAtOnceStillShutsDownOnce() throws InterruptedException {
    FakeNvml fake = twoHoppers();
    Meter meter = open(fake);
    Thread[] threads = new Thread[8];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new Thread(meter::close);
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(1, fake.calls("nvmlShutdown"));
  }

  @Test
  void bindsTheVersionedSymbolsWhenTheDriverHasThem() {
    FakeNvml fake = twoHoppers();
    open(fake).close();
    assertEquals(1, fake.calls("nvmlInit_v2"));
    assertEquals(1, fake.calls("nvmlDeviceGetCount_v2"));
    assertEquals(2, fake.calls("nvmlDeviceGetHandleByIndex_v2"));
    assertEquals(0, fake.calls("nvmlInit"), "the legacy v1 init must not be called");
    assertEquals(0, fake.calls("nvmlDeviceGetCount"));
    assertEquals(0, fake.calls("nvmlDeviceGetHandleByIndex"));
  }

  @Test
  void fallsBackToTheV1SymbolsOnADriverWithoutThem() {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.V1_ONLY)
        .set("gpus", 1).set("gpu.0.uuid", UUID_0).set("gpu.0.energy_mj", 42).set("gpu.0.power", "0:0");
    try (Meter meter = open(fake)) {
      assertEquals("gpu/" + UUID_0, meter.channels().get(0).id());
      assertEquals(42_000L, readAt(meter, fake, 0).value(0));
    }
    assertEquals(1, fake.calls("nvmlInit"));
    assertEquals(1, fake.calls("nvmlDeviceGetCount"));
    assertEquals(1, fake.calls("nvmlDeviceGetHandleByIndex"));
    assertEquals(1, fake.calls("nvmlShutdown"));
    assertTrue(fake.calls().stream().noneMatch(l -> l.contains("_v2")), fake.calls().toString());
  }

  @Test
  void aFailureAfterInitShutsDownBeforeThrowing() {
    FakeNvml fake = twoHoppers().set("ret.nvmlDeviceGetCount", 999);
    MeterUnavailableException e = assertThrows(MeterUnavailableException.class, () -> open(fake));
    assertEquals(UnavailableReason.IO_ERROR, e.reason());
    assertTrue(message(e).contains("nvmlDeviceGetCount_v2"), message(e));
    assertTrue(message(e).contains("NVML_ERROR_UNKNOWN (999"), message(e));
    assertEquals(1, fake.calls("nvmlInit_v2"));
    assertEquals(1, fake.calls("nvmlShutdown"));
  }

  @Test
  void migModeSaysTheEnergyIsOfTheWholeGpu() {
    FakeNvml fake = twoHoppers().set("gpu.1.mig", 1);
    try (Meter meter = open(fake)) {
      assertEquals(List.of(), meter.channels().get(0).notes());
      List<String> notes = meter.channels().get(1).notes();
      assertEquals(1, notes.size(), notes.toString());
      assertTrue(notes.get(0).contains("MIG") && notes.get(0).contains("whole physical GPU")
          && notes.get(0).contains("attribution") && notes.get(0).contains("unsupported"), notes.get(0));
    }
  }

  @Test
  void aGpuWhoseHandleIsRefusedIsAChannelThatSaysWhy() {
    FakeNvml fake = twoHoppers().set("gpu.1.ret.nvmlDeviceGetHandleByIndex", 4); // NVML_ERROR_NO_PERMISSION
    try (Meter meter = open(fake)) {
      assertEquals("gpu/" + UUID_0, meter.channels().get(0).id());
      assertEquals("gpu/nvml-index-1", meter.channels().get(1).id());
      ReadingBuffer b = readAt(meter, fake, 0);
      assertEquals(5_000_000_000L, b.value(0));
      ChannelFault f = fault(b, 1);
      assertEquals(UnavailableReason.PERMISSION_DENIED, f.reason());
      assertTrue(f.permanent());
      assertTrue(f.message().contains("NVML_ERROR_NO_PERMISSION") && f.message().contains("/dev/nvidia"),
          f.message());
    }
  }

  @Test
  void aGpuWithNeitherEnergyCounterNorPowerReadingIsNeverReportedAsZero() throws IOException {
    FakeNvml fake = twoHoppers().set("gpu.1.energy", 0).set("gpu.1.power_supported", 0);
    try (Meter meter = open(fake)) {
      ChannelFault f = fault(readAt(meter, fake, 0), 1);
      assertEquals(UnavailableReason.NOT_SUPPORTED, f.reason());
      assertTrue(f.message().contains("no energy counter and no power reading"), f.message());
    }
    FakeNvml only = FakeNvml.install(Files.createDirectory(dir.resolve("only")), FakeNvml.Variant.FULL)
        .set("gpus", 1).set("gpu.0.energy", 0).set("gpu.0.power_supported", 0);
    MeterUnavailableException e = assertThrows(MeterUnavailableException.class, () -> open(only));
    assertEquals(UnavailableReason.NOT_SUPPORTED, e.reason());
  }

  @Test
  void channelIdsKeepOnlyAllowedCharactersAndStayUnique() {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.FULL)
        .set("gpus", 2).set("gpu.0.uuid", "GPU-12 34+ab").set("gpu.1.uuid", "GPU-12 34+ab");
    try (Meter meter = open(fake)) {
      assertEquals(List.of("gpu/GPU-12_34_ab", "gpu/GPU-12_34_ab-2"),
          meter.channels().stream().map(Channel::id).toList());
    }
  }

  @Test
  void otherComputeProcessesOnAGpuAtOpenAreNoted() {
    long self = ProcessHandle.current().pid();
    FakeNvml fake = twoHoppers()
        .set("gpu.0.processes", "4242:2147483648 " + self + ":1048576 4343:536870912")
        .set("gpu.1.processes", self + ":1048576");
    try (Meter meter = open(fake)) {
      List<String> notes = meter.channels().get(0).notes();
      assertEquals(1, notes.size(), notes.toString());
      assertTrue(notes.get(0).contains("2 other compute processes")
          && notes.get(0).contains("4242 (2048 MiB), 4343 (512 MiB)"), notes.get(0));
      assertEquals(List.of(), meter.channels().get(1).notes(), "this process alone is not worth a note");
    }
  }

  @Test
  void aProcessListInTheR535LayoutIsRefusedNotMisread() {
    FakeNvml fake = twoHoppers()
        .set("gpu.0.processes", "4242:2147483648 4343:536870912")
        .set("gpu.0.process_struct_size", 32);
    try (Meter meter = open(fake)) {
      assertEquals(List.of(), meter.channels().get(0).notes());
    }
    assertTrue(fake.calls("nvmlDeviceGetComputeRunningProcesses_v3") >= 2, "the list was read, sized and refused");
  }

  @Test
  void aRefusedProcessListLeavesTheMeterWorking() {
    FakeNvml fake = twoHoppers().set("gpu.0.processes", "4242:1")
        .set("gpu.0.ret.nvmlDeviceGetComputeRunningProcesses", 4);
    try (Meter meter = open(fake)) {
      assertEquals(List.of(), meter.channels().get(0).notes());
      assertEquals(5_000_000_000L, readAt(meter, fake, 0).value(0));
    }
  }
}
