package dev.ergon.accounting.factors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.accounting.DataSet;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled data: values as published (Electricity Maps yearly 2025: DE 342, FR 31, IE 301, US-MIDA-PJM 418
 * gCO2eq/kWh; Ember world 2024: 472.94 gCO2/kWh; CCF: aws us-east-1 0.000379069 t/kWh), the cloud-region mapping,
 * and the licence files beside the data.
 */
class BundledDataTest {

  private static final Instant T2025 = Instant.parse("2025-06-01T00:00:00Z");

  private static double grams(EmissionFactors f, String place, Instant t) {
    return f.lookup(place, t, FactorKind.LOCATION).orElseThrow().factor().intensity().toGramsPerKilowattHour();
  }

  @Test
  void electricityMapsYearly2025AsPublished() {
    EmissionFactors f = EmissionFactors.bundled();
    assertEquals(342.0, grams(f, "DE", T2025));
    assertEquals(31.0, grams(f, "FR", T2025));
    assertEquals(418.0, grams(f, "US-MIDA-PJM", T2025));
    assertEquals(20.0, grams(f, "SE-SE3", T2025));
    FactorMatch m = f.lookup("DE", T2025, FactorKind.LOCATION).orElseThrow();
    assertEquals(TimeLevel.YEAR, m.timeLevel());
    assertEquals("electricitymaps-yearly-2025", m.factor().dataSet());
    assertEquals(352, f.factors().stream().filter(x -> x.dataSet().equals("electricitymaps-yearly-2025")).count());
    // 2026 consumption gets the 2025 factor as the nearest other year
    assertEquals(TimeLevel.OTHER_YEAR, f.lookup("DE", Instant.parse("2026-06-01T00:00:00Z"), FactorKind.LOCATION)
        .orElseThrow().timeLevel());
  }

  @Test
  void theWorldAverageIsEmberAndTheLastRung() {
    EmissionFactors f = EmissionFactors.bundled();
    FactorMatch m = f.lookup("ZZ", T2025, FactorKind.LOCATION).orElseThrow();
    assertEquals(PlaceLevel.WORLD, m.placeLevel());
    assertEquals(472.94, m.factor().intensity().toGramsPerKilowattHour());
    assertTrue(f.lookup("DE", T2025, FactorKind.RESIDUAL_MIX).isEmpty(), "no residual mix is bundled");
  }

  @Test
  void dataSetsNameTheirLicences() {
    List<DataSet> ds = EmissionFactors.bundled().dataSets();
    assertEquals("ODbL-1.0", ds.get(0).licence());
    assertTrue(ds.get(0).attribution().contains("Electricity Maps"));
    assertEquals("CC-BY-SA-4.0", ds.get(1).licence());
    assertTrue(ds.get(1).attribution().contains("Ember"));
    assertEquals("Apache-2.0", ds.get(2).licence());
    assertEquals("ergon-cloud-regions", ds.get(2).name());
  }

  @Test
  void cloudRegionsOfTheThreeProvidersMapToBundledZones() {
    EmissionFactors f = EmissionFactors.bundled();
    assertEquals("IE", f.cloudRegions().find("aws:eu-west-1").orElseThrow().zone());
    assertEquals("US-MIDA-PJM", f.cloudRegions().find("aws:us-east-1").orElseThrow().zone());
    assertEquals("NL", f.cloudRegions().find("gcp:europe-west4").orElseThrow().zone());
    assertEquals("NL", f.cloudRegions().find("azure:West Europe").orElseThrow().zone());
    assertEquals(301.0, grams(f, "aws:eu-west-1", T2025));
    for (CloudRegion r : f.cloudRegions().all()) {
      FactorMatch m = f.lookup(r.region(), T2025, FactorKind.LOCATION).orElseThrow();
      assertNotEquals(PlaceLevel.WORLD, m.placeLevel(), r.region() + " maps to a zone without a bundled factor");
    }
    assertTrue(f.cloudRegions().all().size() > 140);
  }

  @Test
  void cloudCarbonFootprintFactorsAsUsedByCcf() {
    EmissionFactors f = EmissionFactors.cloudCarbonFootprint();
    FactorMatch m = f.lookup("aws:us-east-1", T2025, FactorKind.LOCATION).orElseThrow();
    assertEquals(379.069, m.factor().intensity().toGramsPerKilowattHour(), 1e-9);
    assertEquals(PlaceLevel.CLOUD_REGION, m.placeLevel());
    // the location-grid factor, not Google's CFE-adjusted one (215.2 g/kWh)
    assertEquals(456.0, grams(f, "gcp:us-central1", T2025), 1e-9);
    // dual- and multi-region rows are sums in CCF's data and are not used: gcp:us falls to the grid zone chain
    assertTrue(f.factors().stream().noneMatch(x -> x.zone().equals("gcp:us") || x.zone().equals("gcp:nam4")));
    assertTrue(f.factors().stream().noneMatch(x -> x.zone().endsWith(":unknown")));
    assertEquals(225.0, grams(f, "azure:uksouth", T2025), 1e-9);
  }

  @Test
  void licenceTextsAreBesideTheData() throws Exception {
    for (String name : new String[] {"DATA-LICENSES.txt", "ccf/LICENSE-Apache-2.0.txt"}) {
      try (InputStream in = EmissionFactors.class.getResourceAsStream("/dev/ergon/accounting/data/" + name)) {
        assertNotNull(in, name);
        String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.length() > 500, name);
      }
    }
  }
}
