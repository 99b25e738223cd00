package dev.ergon.meter.estimate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.meter.estimate.CloudProvider;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoefficientTableTest {
  private final CoefficientTable table = CoefficientTable.load();

  @Test
  void shipsTheCcfCoefficientsOfSpecsSectionC1() {
    assertEquals(new Microarchitecture("Cascade Lake", 0.64, 3.97), table.find("Cascade Lake").orElseThrow());
    assertEquals(new Microarchitecture("Skylake", 0.65, 4.26), table.find("sky lake").orElseThrow());
    assertEquals(new Microarchitecture("Haswell", 1.00, 4.74), table.find("HASWELL").orElseThrow());
    assertEquals(new Microarchitecture("EPYC 2nd Gen", 0.47, 1.69), table.find("rome").orElseThrow());
    assertEquals(new Microarchitecture("EPYC 3rd Gen", 0.45, 2.02), table.find("EPYC 3rd Gen").orElseThrow());
    assertEquals(new Microarchitecture("Graviton2", 0.47, 1.69), table.find("Neoverse N1").orElseThrow());
    assertEquals(Optional.empty(), table.find("Ice Lake"));
    assertEquals(11, table.names().size());
  }

  @Test
  void providerAveragesAreCcfsPublishedFigures() {
    Microarchitecture aws = table.providerAverage(CloudProvider.AWS).orElseThrow();
    assertEquals(0.74, aws.minWattsPerVcpu());
    assertEquals(3.5, aws.maxWattsPerVcpu());
    Microarchitecture gcp = table.providerAverage(CloudProvider.GCP).orElseThrow();
    assertEquals(0.68, gcp.minWattsPerVcpu());
    assertEquals(4.11, gcp.maxWattsPerVcpu());
    assertEquals(3.54, table.providerAverage(CloudProvider.AZURE).orElseThrow().maxWattsPerVcpu());
  }

  @Test
  void theGlobalFigureIsTheMedianOverAllElevenRows() {
    // mins sorted: 0.45 0.47 0.47 0.64 0.65 [0.71] 0.82 1.00 1.14 2.17 3.04 -> 0.71
    // maxs sorted: 1.69 1.69 2.02 2.55 3.69 [3.97] 4.26 4.74 5.42 8.25 8.58 -> 3.97
    assertEquals(0.71, table.global().minWattsPerVcpu());
    assertEquals(3.97, table.global().maxWattsPerVcpu());
    assertTrue(table.global().name().contains("median"));
    assertEquals(2.5, CoefficientTable.median(new double[] {4, 1, 3, 2}));
  }
}
