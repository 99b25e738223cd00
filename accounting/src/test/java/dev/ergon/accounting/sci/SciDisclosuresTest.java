package dev.ergon.accounting.sci;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ergon.Co2e;
import dev.ergon.EnergyRecord;
import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.factors.EmissionFactors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an SCI report says, word for word, written here from the inputs: the formula with E, I, M and R, the notes
 * that follow from what was and was not given, the software boundary; and the uncertainty of a record split over
 * two hours, whose parts are one measurement (fully correlated), not two.
 */
class SciDisclosuresTest {

  private static final String MARKET = "Market-based measures (energy attribute certificates, PPAs, offsets and other "
      + "credits) are excluded from the SCI by its specification and were not used.";
  private static final String NO_EMBODIED = "No embodied emissions were given (M = 0): the score understates the "
      + "software's carbon intensity; give the hardware's embodied emissions and lifespan, or its cloud instance type.";
  /* The fixture's one channel, as the tally describes it (name, kind, method), and the records' policy. */
  private static final String CHANNELS = "energy of the channels cpu/package-0 (CPU_PACKAGE, COUNTER), as attributed "
      + "to the jobs (policy MACHINE); ";
  private static final String NOT_INCLUDED = "not included: networking, storage, end-user devices, and any hardware "
      + "without a channel in the records.";

  @TempDir Path dir;
  EmissionFactors factors;

  @BeforeEach
  void setUp() throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit
        DE,2026,location,400,g/kWh
        DE,2026,marginal,700,g/kWh
        FR,2026,location,50,g/kWh
        """);
    factors = EmissionFactors.readTable(f);
  }

  private static List<String> texts(SciReport r, Disclosure.Topic topic) {
    List<String> out = new ArrayList<>();
    for (Disclosure d : r.disclosures()) {
      if (d.topic() == topic) {
        out.add(d.text());
      }
    }
    return out;
  }

  private static EnergyRecord oneKwh(String id, String region) {
    return record(id).region(region).start("2026-02-01T00:00:00Z").kwh(1).units(2).build();
  }

  @Test
  void theFormulaAndItsNotesFollowFromTheInputs() {
    SciReport r = Sci.calculator(factors).calculate(List.of(oneKwh("de", "DE")));
    assertEquals(List.of("SCI = ((E × I) + M) per R (ISO/IEC 21031:2024): E = 1.00000 kWh, I = 400.000 gCO2e/kWh "
        + "(grid average), M = 0.00000 gCO2e, R = 2 unit.", MARKET, NO_EMBODIED), texts(r, Disclosure.Topic.SCI));
    assertEquals(List.of(), texts(r, Disclosure.Topic.FACTOR_FALLBACK));
  }

  @Test
  void aScorePerManyUnitsSaysSoAndNamesTheUnit() {
    SciReport r = Sci.calculator(factors).functionalUnit("prediction", 1000).calculate(List.of(oneKwh("de", "DE")));
    assertEquals("SCI = ((E × I) + M) per R (ISO/IEC 21031:2024): E = 1.00000 kWh, I = 400.000 gCO2e/kWh (grid "
        + "average), M = 0.00000 gCO2e, R = 2 prediction. The score is per 1000 prediction: (O + M) / R × 1000.",
        texts(r, Disclosure.Topic.SCI).get(0));
  }

  @Test
  void marginalIntensityNamesThePlacesThatHadNone() {
    SciReport r = Sci.calculator(factors).intensity(SciIntensity.MARGINAL)
        .calculate(List.of(oneKwh("de", "DE"), oneKwh("fr", "FR")));
    // DE at its marginal 700 g/kWh, FR at its average 50: I = 750 g / 2 kWh.
    assertEquals("SCI = ((E × I) + M) per R (ISO/IEC 21031:2024): E = 2.00000 kWh, I = 375.000 gCO2e/kWh "
        + "(marginal), M = 0.00000 gCO2e, R = 4 unit.", texts(r, Disclosure.Topic.SCI).get(0));
    assertEquals(List.of("No marginal factor was available for: FR; the grid average was used there."),
        texts(r, Disclosure.Topic.FACTOR_FALLBACK));
  }

  @Test
  void theBoundarySaysWhatIsAndIsNotIncluded() {
    SciReport plain = Sci.calculator(factors).calculate(List.of(oneKwh("de", "DE")));
    assertEquals("1 job record(s) [job-de] on 1 host(s); " + CHANNELS + "data-centre overhead not included (no PUE); "
        + "no embodied emissions; " + NOT_INCLUDED, plain.boundary());

    EmbodiedEmissions m = EmbodiedEmissions.of(Co2e.ofKilograms(1000), Duration.ofDays(1460), 1, 1, "a test server");
    SciReport full = Sci.calculator(factors).pue(1.5).embodied(m).boundaryNote("Training only.")
        .calculate(List.of(oneKwh("de", "DE")));
    assertEquals("1 job record(s) [job-de] on 1 host(s); " + CHANNELS + "data-centre overhead included through PUE; "
        + "embodied emissions of the hardware for PT1H reserved: a test server; " + NOT_INCLUDED + " Training only.",
        full.boundary());
  }

  @Test
  void theBoundaryNamesEightRecordsAndCountsTheRest() {
    List<EnergyRecord> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      records.add(oneKwh("r" + i, "DE"));
    }
    SciReport r = Sci.calculator(factors).calculate(records);
    assertEquals("10 job record(s) [job-r0, job-r1, job-r2, job-r3, job-r4, job-r5, job-r6, job-r7, and 2 more] on 1 "
        + "host(s); " + CHANNELS + "data-centre overhead not included (no PUE); no embodied emissions; " + NOT_INCLUDED,
        r.boundary());
  }

  @Test
  void aRecordOverTwoHoursIsOneMeasurementInTheUncertainty() {
    EnergyRecord two = record("two").region("DE").start("2026-02-01T00:00:00Z").kwh(1, 1).uncertainty(0.1).units(1)
        .build();
    SciReport r = Sci.calculator(factors).calculate(List.of(two));
    // O = 2 kWh × 400 g/kWh = 800 g; the two hours' energy errors are the same error: u = 0.1 × 800 g, not
    // sqrt(2) × 0.1 × 400 g as for two independent records.
    assertEquals(800.0, r.operational().value().toGrams(), 1e-9);
    assertEquals(80.0, r.operational().standardUncertaintyGrams(), 1e-9);
  }

  @Test
  void theSciSaysHowCompleteTheRecordsWere() {
    SciReport r = Sci.calculator(factors).calculate(List.of(oneKwh("de", "DE")));
    assertEquals(List.of("1 record(s) counted: 1 complete, 0 partial, 0 without a meter. 100.0 % of the energy was "
        + "measured (hardware counters or integrated power), 0.0 % estimated from models."),
        texts(r, Disclosure.Topic.RECORD_COMPLETENESS));
  }

  @Test
  void theEmbodiedDataSetIsNamedOnceAfterTheFactors() {
    DataSet ccf = new DataSet("Cloud Carbon Footprint coefficients", "dda7621", "embodied", "Apache-2.0", "CCF");
    EmbodiedEmissions m = new EmbodiedEmissions(Co2e.ofKilograms(1000), Duration.ofDays(1460), 1, 1,
        OptionalDouble.empty(), "a test server", ccf);
    List<DataSet> factorSets = factors.dataSets();
    SciReport r = Sci.calculator(factors).embodied(m).calculate(List.of(oneKwh("de", "DE")));
    List<DataSet> expected = new ArrayList<>(factorSets);
    expected.add(ccf);
    assertEquals(expected, r.dataSets());
    // Embodied data without a data set (a figure the caller supplies) adds none.
    EmbodiedEmissions own = EmbodiedEmissions.of(Co2e.ofKilograms(1000), Duration.ofDays(1460), 1, 1, "own figure");
    assertEquals(factorSets, Sci.calculator(factors).embodied(own).calculate(List.of(oneKwh("de", "DE"))).dataSets());
  }

  @Test
  void theOptionsStateEveryChoice() {
    SciReport plain = Sci.calculator(factors).calculate(List.of(oneKwh("de", "DE")));
    SortedMap<String, String> expected = new TreeMap<>();
    expected.put("calculation", "Software Carbon Intensity, ISO/IEC 21031:2024");
    expected.put("intensity", "AVERAGE");
    expected.put("functional.unit", "unit");
    expected.put("period", "2026-01-01T00:00:00Z/2027-01-01T00:00:00Z (derived from the records)");
    expected.put("uncertainty", "GUM first-order, k=2");
    expected.put("time.reserved", "union of record run times per host");
    expected.put("embodied", "not included");
    expected.put("boundary.note", "none");
    expected.put("pue.default", "not set (1.0 used)");
    expected.put("region.default", "not set");
    assertEquals(expected, plain.options());

    SciReport chosen = Sci.calculator(factors).functionalUnit("prediction", 1000)
        .reportingPeriod(ReportingPeriod.ofYear(2026)).timeReserved(Duration.ofHours(2)).pue(1.25)
        .calculate(List.of(oneKwh("de", "DE")));
    expected.put("functional.unit", "per 1000 prediction");
    expected.put("period", "2026-01-01T00:00:00Z/2027-01-01T00:00:00Z");
    expected.put("time.reserved", "PT2H");
    expected.put("pue.default", "1.25");
    assertEquals(expected, chosen.options());
  }
}
