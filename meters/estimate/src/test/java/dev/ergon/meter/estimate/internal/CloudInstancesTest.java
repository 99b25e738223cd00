package dev.ergon.meter.estimate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.meter.estimate.CloudProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CloudInstancesTest {

  private final CloudInstances table = CloudInstances.load();

  @Test
  void rowsAreFoundByTheNamesEachCloudUses() {
    CloudInstances.Instance m5 = table.find(CloudProvider.AWS, "M5.Large").orElseThrow();
    assertEquals(2.0, m5.vcpus());
    assertEquals(List.of("Skylake"), m5.microarchitectures());
    assertEquals("Xeon Platinum 8175M", m5.cpu());
    assertEquals(List.of("Cascade Lake"),
        table.find(CloudProvider.GCP, "c2-standard-4").orElseThrow().microarchitectures());
    assertEquals(table.find(CloudProvider.AZURE, "D2s v3"), table.find(CloudProvider.AZURE, "Standard_D2s_v3"));
    assertTrue(table.find(CloudProvider.AZURE, "Standard_D2s_v3").isPresent());
    assertTrue(table.find(CloudProvider.GCP, "m5.large").isEmpty(), "an AWS type is not a GCP type");
    assertTrue(table.size() > 1_000, "CCF lists about 1,140 types: " + table.size());
  }

  /**
   * The microarchitectures Ergon added to CCF's AWS rows (from the CPU names) agree with what the estimate meter's
   * own model-name rules say about the same CPU wherever those rules recognise it.
   */
  @Test
  void theAwsMicroarchitecturesAgreeWithTheModelNameRules() {
    MicroarchitectureMatcher matcher = new MicroarchitectureMatcher();
    List<String> disagreements = new ArrayList<>();
    int recognised = 0;
    for (String type : List.of("m5.large", "m5n.large", "c5.large", "c5.9xlarge", "r5.large", "m4.large",
        "c4.large", "m3.large", "c3.large", "m5a.large", "c5a.large", "i3.large", "x1e.xlarge", "m6i.large")) {
      CloudInstances.Instance i = table.find(CloudProvider.AWS, type).orElseThrow(() -> new AssertionError(type));
      String vendor = i.cpu().startsWith("EPYC") ? "AMD " : "Intel(R) ";
      Optional<MicroarchitectureMatcher.Match> match = matcher.match(CpuInfo.ofModelName(vendor + i.cpu()));
      if (match.isPresent()) {
        recognised++;
        if (!i.microarchitectures().contains(match.get().microarchitecture())) {
          disagreements.add(type + " " + i.cpu() + ": table " + i.microarchitectures() + ", rules "
              + match.get().microarchitecture());
        }
      }
    }
    assertEquals(List.of(), disagreements);
    assertTrue(recognised >= 8, recognised + " of 14 CPU names recognised by the rules");
  }
}
