package dev.ergon.accounting.scope2;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.sci.Sci;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data set's caveat is disclosed when, and only when, one of its factors was applied: never because of a file's
 * or a data set's name.
 */
class DataSetDisclosureTest {

  private static final String CCF_NOTE = "Cloud Carbon Footprint's per-region factors";
  private static final String EM_NOTE = "Electricity Maps' yearly averages: life-cycle";

  @TempDir Path dir;

  private static List<EnergyRecord> in(String region) {
    return List.of(record("r").region(region).start("2026-03-01T00:00:00Z").kwh(1).build());
  }

  private static boolean says(List<Disclosure> disclosures, String part) {
    return disclosures.stream().anyMatch(d -> d.text().contains(part));
  }

  @Test
  void aUserTableNamedLikeCloudCarbonFootprintGetsNoCloudCarbonFootprintCaveat() throws IOException {
    Path f = dir.resolve("ccf-factors.csv");
    Files.writeString(f, "zone,period,kind,intensity,unit\nDE,2026,location,400,g/kWh\n");
    Scope2Report r = Scope2.calculator(EmissionFactors.readTable(f)).calculate(in("DE"));
    assertFalse(says(r.disclosures(), CCF_NOTE), r.disclosures()::toString);
    assertFalse(says(r.disclosures(), EM_NOTE), r.disclosures()::toString);
  }

  @Test
  void theElectricityMapsCaveatOnlyWhenOneOfItsFactorsWasApplied() throws IOException {
    Path f = dir.resolve("mine.csv");
    Files.writeString(f, "zone,period,kind,intensity,unit\nDE,2026,location,400,g/kWh\n");
    EmissionFactors mineOverBundled = EmissionFactors.load(f);
    Scope2Report covered = Scope2.calculator(mineOverBundled).calculate(in("DE"));
    assertFalse(says(covered.disclosures(), EM_NOTE), covered.disclosures()::toString);
    assertFalse(says(Sci.calculator(mineOverBundled).calculate(in("DE")).disclosures(), EM_NOTE));
    Scope2Report fallsThrough = Scope2.calculator(mineOverBundled).calculate(in("FR"));
    assertTrue(says(fallsThrough.disclosures(), EM_NOTE), fallsThrough.disclosures()::toString);
    assertTrue(says(Sci.calculator(mineOverBundled).calculate(in("FR")).disclosures(), EM_NOTE));
  }

  @Test
  void theCloudCarbonFootprintCaveatWhenItsRegionFactorWasApplied() {
    EmissionFactors ccf = EmissionFactors.cloudCarbonFootprint();
    assertTrue(says(Scope2.calculator(ccf).calculate(in("aws:eu-west-1")).disclosures(), CCF_NOTE));
    assertFalse(says(Scope2.calculator(ccf).calculate(in("DE")).disclosures(), CCF_NOTE));
  }
}
