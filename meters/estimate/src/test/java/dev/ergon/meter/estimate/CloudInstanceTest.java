package dev.ergon.meter.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.spi.Channel;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterContext;
import dev.ergon.spi.ReadingBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloud instance type → vCPUs and microarchitecture, from Cloud Carbon Footprint's instance tables, on fake
 * machines with a fake DMI tree. Expected energies are computed here from CCF's published per-vCPU watts (Skylake
 * 0.65/4.26 W, Cascade Lake 0.64/3.97 W, AWS average 0.74/3.5 W, Azure average 0.74/3.54 W).
 */
class CloudInstanceTest {
  private static final long T0 = 7_000_000_000L;
  private static final long SECOND = 1_000_000_000L;
  /** A CPU no rule recognises, so that only the instance type can name the microarchitecture. */
  private static final String UNKNOWN_CPU = "Acme RISC-V Turbo 9000X";

  @TempDir Path dir;

  private static Meter open(FakeMachine m) {
    return new EstimateMeterProvider().open(MeterContext.of(m.config()));
  }

  private static long joulesAt25Percent(Meter meter, FakeMachine m) {
    ReadingBuffer b = new ReadingBuffer(meter.channels().size());
    b.reset(T0);
    meter.read(b);
    m.stat(50, 150);
    b.reset(T0 + SECOND);
    meter.read(b);
    return b.value(0);
  }

  private static Channel cpu(Meter meter) {
    Channel c = meter.channels().get(0);
    assertEquals("cpu/model", c.id());
    return c;
  }

  private static String notes(Channel c) {
    return String.join("\n", c.notes());
  }

  @Test
  void onAwsTheDmiProductNameIsTheInstanceTypeAndNamesTheMicroarchitecture() {
    // m5.large: 2 vCPUs, Xeon Platinum 8175M, Skylake 0.65 / 4.26 W per vCPU; 2 × (0.65 + 0.25 × 3.61) = 3.105 J
    FakeMachine m = new FakeMachine(dir).x86("AcmeGenuine", UNKNOWN_CPU, 1, 2, 3, 2, 1, true).stat(0, 0)
        .dmi("sys_vendor", "Amazon EC2").dmi("product_name", "m5.large");
    try (Meter meter = open(m)) {
      assertEquals(3_105_000.0, (double) joulesAt25Percent(meter, m), 2.0);
      Channel c = cpu(meter);
      assertEquals(0.30, c.relativeUncertainty());
      String notes = notes(c);
      assertTrue(notes.contains("rung: cloud instance type (instance type aws:m5.large (DMI "
          + m.sys.resolve("class/dmi/id/product_name") + " 'm5.large'"), notes);
      assertTrue(notes.contains("lists Skylake (Xeon Platinum 8175M)"), notes);
      assertTrue(notes.contains("vCPUs: 2 from instance type aws:m5.large"), notes);
      assertTrue(c.device().contains("CCF Skylake (cloud instance type)"), c.device());
    }
  }

  @Test
  void aConfiguredProviderColonTypeWorksWithoutDmi() {
    // gcp:n2-standard-4: 4 vCPUs, Cascade Lake 0.64 / 3.97 W; 4 × (0.64 + 0.25 × 3.33) = 5.89 J
    FakeMachine m = new FakeMachine(dir).x86("AcmeGenuine", UNKNOWN_CPU, 1, 2, 3, 4, 1, true).stat(0, 0)
        .set(EstimateProfile.INSTANCE_TYPE, "gcp:n2-standard-4");
    try (Meter meter = open(m)) {
      assertEquals(5_890_000.0, (double) joulesAt25Percent(meter, m), 2.0);
      assertTrue(notes(cpu(meter)).contains("rung: cloud instance type (instance type gcp:n2-standard-4 (configured "
          + "ergon.estimate.instance-type = gcp:n2-standard-4"), notes(cpu(meter)));
    }
  }

  @Test
  void theInstancesVcpusAreModelledWhenTheMachineShowsMore() {
    // the machine shows 4 logical CPUs but is said to be an m5.large: 2 vCPUs of Skylake, 3.105 J at 25 %
    FakeMachine m = new FakeMachine(dir).x86("AcmeGenuine", UNKNOWN_CPU, 1, 2, 3, 4, 1, true).stat(0, 0)
        .set(EstimateProfile.INSTANCE_TYPE, "aws:m5.large");
    try (Meter meter = open(m)) {
      assertEquals(3_105_000.0, (double) joulesAt25Percent(meter, m), 2.0);
      assertTrue(notes(cpu(meter)).contains("the machine shows 4 from /proc/cpuinfo"), notes(cpu(meter)));
    }
  }

  @Test
  void anInstanceWithMoreVcpusThanTheHostKeepsTheDetectedCount() {
    // m5.24xlarge has 96 vCPUs; this host has 2: the 2 are modelled, with Skylake, and the note asks
    FakeMachine m = new FakeMachine(dir).x86("AcmeGenuine", UNKNOWN_CPU, 1, 2, 3, 2, 1, true).stat(0, 0)
        .set(EstimateProfile.INSTANCE_TYPE, "aws:m5.24xlarge");
    try (Meter meter = open(m)) {
      assertEquals(3_105_000.0, (double) joulesAt25Percent(meter, m), 2.0);
      assertTrue(notes(cpu(meter)).contains("instance vCPUs not used: CCF lists 96 vCPUs for aws:m5.24xlarge, more "
          + "than this host's 2 logical CPUs"), notes(cpu(meter)));
    }
  }

  @Test
  void anAzureApiNameIsFoundAndSeveralMicroarchitecturesFallBackToTheCloudAverage() {
    // D2s v3 runs on Haswell, Broadwell, Skylake or Cascade Lake: the Azure average 0.74 / 3.54 W stands in;
    // 2 × (0.74 + 0.25 × 2.8) = 2.88 J
    FakeMachine m = new FakeMachine(dir).x86("AcmeGenuine", UNKNOWN_CPU, 1, 2, 3, 2, 1, true).stat(0, 0)
        .set(EstimateProfile.CLOUD, "azure").set(EstimateProfile.INSTANCE_TYPE, "Standard_D2s_v3");
    try (Meter meter = open(m)) {
      assertEquals(2_880_000.0, (double) joulesAt25Percent(meter, m), 2.0);
      String notes = notes(cpu(meter));
      assertTrue(notes.contains("rung: provider average"), notes);
      assertTrue(notes.contains("CCF lists several microarchitectures for it (Haswell, Cascade Lake, Skylake, "
          + "Broadwell)"), notes);
      assertTrue(notes.contains("instance type azure:D2s v3"), notes);
    }
  }

  @Test
  void anUnknownTypeOrCloudIsSaidAndTheMeterStillEstimates() {
    FakeMachine m = new FakeMachine(dir).x86("AcmeGenuine", UNKNOWN_CPU, 1, 2, 3, 2, 1, true).stat(0, 0)
        .dmi("sys_vendor", "Amazon EC2").set(EstimateProfile.INSTANCE_TYPE, "zz9.plural");
    try (Meter meter = open(m)) {
      // AWS average 0.74 / 3.5 W: 2 × (0.74 + 0.25 × 2.76) = 2.86 J
      assertEquals(2_860_000.0, (double) joulesAt25Percent(meter, m), 2.0);
      assertTrue(notes(cpu(meter)).contains("instance type aws:zz9.plural (configured ergon.estimate.instance-type"
          + " = zz9.plural (from "), notes(cpu(meter)));
      assertTrue(notes(cpu(meter)).contains("is not in Cloud Carbon Footprint's instance tables"), notes(cpu(meter)));
    }
    FakeMachine n = new FakeMachine(dir.resolve("n")).x86("AcmeGenuine", UNKNOWN_CPU, 1, 2, 3, 2, 1, true)
        .stat(0, 0).set(EstimateProfile.INSTANCE_TYPE, "m5.large");
    try (Meter meter = open(n)) {
      assertTrue(notes(cpu(meter)).contains("the cloud is neither configured nor detected; write it as "
          + "PROVIDER:TYPE (e.g. aws:m5.large)"), notes(cpu(meter)));
      assertTrue(notes(cpu(meter)).contains("rung: global average"), notes(cpu(meter)));
    }
  }
}
