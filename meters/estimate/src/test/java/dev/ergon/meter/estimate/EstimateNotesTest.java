package dev.ergon.meter.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Component;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the estimate meter's channels and summary say about the figures they use, word for word. */
class EstimateNotesTest {

  private static final String CASCADE_LAKE = "Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz";

  @TempDir Path dir;

  private FakeMachine machine() {
    return new FakeMachine(dir).x86("GenuineIntel", CASCADE_LAKE, 6, 85, 7, 4, 1, true).stat(0, 0);
  }

  private static Channel channel(Meter meter, String id) {
    return meter.channels().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aGpuWhoseIdleEqualsItsMaxSaysItsFiguresAndTheAssumedUtilisation() {
    FakeMachine m = machine().set(EstimateProfile.GPU_MAX_WATTS, "300").set(EstimateProfile.GPU_IDLE_WATTS, "300");
    try (Meter meter = new EstimateMeterProvider().open(MeterContext.of(m.config()))) {
      List<String> notes = channel(meter, "gpu/model-0").notes();
      assertTrue(notes.contains("coefficients: idle 300 W, max 300 W per GPU (configured"
          + " ergon.estimate.gpu.idle-watts/ergon.estimate.gpu.max-watts); P = idle + u × (max − idle) = 300 W"),
          notes.toString());
      assertTrue(notes.contains("utilisation: assumed 50 % (CCF's fallback of 50 %), not measured: no NVML access"),
          notes.toString());
    }
    m.set(EstimateProfile.GPU_IDLE_WATTS, "100").set(EstimateProfile.GPU_UTILIZATION, "0.25");
    try (Meter meter = new EstimateMeterProvider().open(MeterContext.of(m.config()))) {
      List<String> notes = channel(meter, "gpu/model-0").notes();
      // 100 W + 0.25 × (300 − 100) W = 150 W
      assertTrue(notes.contains("coefficients: idle 100 W, max 300 W per GPU (configured"
          + " ergon.estimate.gpu.idle-watts/ergon.estimate.gpu.max-watts); P = idle + u × (max − idle) = 150 W"),
          notes.toString());
      assertTrue(notes.contains("utilisation: assumed 25 % (configured ergon.estimate.gpu.utilization), not"
          + " measured: no NVML access"), notes.toString());
    }
  }

  @Test
  void theSummaryListsWhatIsLeftOutOnlyWhenSomethingIs() {
    FakeMachine m = machine();
    Availability all = new EstimateMeterProvider().probe(MeterContext.of(m.config()));
    assertFalse(all.detail().contains("left out"), all.detail());
    Availability some = new EstimateMeterProvider().probe(new MeterContext(m.config(), Set.of(Component.CPU)));
    assertTrue(some.detail().startsWith("memory/model ") && some.detail().endsWith(
        "; left out: cpu/model: the CPU is measured by a counter meter"), some.detail());
  }

  @Test
  void aConfiguredCloudAndInstanceTypeAreNamedInTheProfileNote() {
    FakeMachine m = machine().set(EstimateProfile.CLOUD, "aws");
    try (Meter meter = new EstimateMeterProvider().open(MeterContext.of(m.config()))) {
      assertTrue(channel(meter, "cpu/model").notes().contains("profile: cloud aws (configured)"),
          channel(meter, "cpu/model").notes().toString());
    }
    m.set(EstimateProfile.INSTANCE_TYPE, "m5.xlarge");
    try (Meter meter = new EstimateMeterProvider().open(MeterContext.of(m.config()))) {
      assertTrue(channel(meter, "cpu/model").notes().contains(
          "profile: cloud aws (configured), instance type m5.xlarge (configured)"),
          channel(meter, "cpu/model").notes().toString());
    }
  }

  private List<String> cpuNotes(FakeMachine m) {
    try (Meter meter = new EstimateMeterProvider().open(MeterContext.of(m.config()))) {
      return channel(meter, "cpu/model").notes();
    }
  }

  @Test
  void aConfiguredInstanceTypeThatNamesNoCloudOrNoTypeIsNotUsedAndSaysWhy() {
    List<String> notCloud = cpuNotes(machine().set(EstimateProfile.INSTANCE_TYPE, "xyz:m5.large"));
    assertTrue(notCloud.stream().anyMatch(n -> n.startsWith("instance type not used: configured"
        + " ergon.estimate.instance-type = xyz:m5.large (from ") && n.endsWith("): 'xyz' is not a cloud; write"
        + " aws:TYPE, gcp:TYPE or azure:TYPE")), notCloud.toString());
    List<String> leadingColon = cpuNotes(machine().set(EstimateProfile.INSTANCE_TYPE, ":m5.large"));
    assertTrue(leadingColon.stream().noneMatch(n -> n.contains("is not a cloud")), leadingColon.toString());
    List<String> empty = cpuNotes(machine().set(EstimateProfile.INSTANCE_TYPE, "aws:"));
    assertTrue(empty.stream().anyMatch(n -> n.startsWith("instance type not used: ")
        && n.endsWith(": the instance type is empty")), empty.toString());
  }

  @Test
  void anInstanceRowNamesItsSourceLine() {
    var row = dev.ergon.meter.estimate.internal.CloudInstances.load().find(CloudProvider.AWS, "m5.xlarge")
        .orElseThrow();
    assertTrue(row.source().startsWith("Cloud Carbon Footprint aws-instances.csv (cloud-instances.csv line "),
        row.source());
    assertEquals(4.0, row.vcpus(), "CCF lists 4 vCPUs for m5.xlarge");
  }
}
