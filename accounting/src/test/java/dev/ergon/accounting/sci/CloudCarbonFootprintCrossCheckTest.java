package dev.ergon.accounting.sci;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.Method;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cloud instance estimate equal to Cloud Carbon Footprint's formula (Methodology.md, EmbodiedEmissions.md; AWS
 * constants at b7a049c; coefficients at dda7621).
 *
 * <p>An AWS m5.xlarge (4 vCPUs, Skylake, family's largest m5.24xlarge has 96 vCPUs) in us-east-1 runs 10 hours at
 * the 50 % utilisation fallback. CCF: average watts per vCPU = min + 0.5 × (max − min) with Skylake 0.65 / 4.26 W;
 * energy = watts × vCPU-hours; operational = energy × PUE 1.135 × 0.000379069 t/kWh (eGRID2020 SERC); embodied =
 * 1610.79 kg × (10 h / 35 040 h) × (4 / 96).
 */
class CloudCarbonFootprintCrossCheckTest {

  static final double MIN_W = 0.65;
  static final double MAX_W = 4.26;
  static final double VCPU_HOURS = 4 * 10.0;
  static final double PUE = 1.135;
  static final double T_PER_KWH = 0.000379069;

  static double ccfKwh() {
    double averageWatts = MIN_W + 0.5 * (MAX_W - MIN_W);
    return averageWatts * VCPU_HOURS / 1000;
  }

  static EnergyRecord instanceRecord() {
    double[] hours = new double[10];
    java.util.Arrays.fill(hours, ccfKwh() / 10);
    return record("i-0123").region("aws:us-east-1").start("2025-02-03T00:00:00Z").kwh(hours)
        .method(Method.MODEL).units(1).build();
  }

  @Test
  void operationalEmissionsEqualCcfsFormula() {
    Scope2Report r = Scope2.calculator(EmissionFactors.cloudCarbonFootprint()).pue(PUE)
        .calculate(List.of(instanceRecord()));
    double ccfTonnes = ccfKwh() * PUE * T_PER_KWH;
    assertEquals(ccfTonnes, r.locationBased().value().toTonnes(), 1e-12 * ccfTonnes);
  }

  @Test
  void embodiedEmissionsEqualCcfsFormula() {
    EmbodiedEmissions m = CloudEmbodiedCoefficients.bundled().instance("aws", "m5.xlarge", null, 4, 96);
    double ccfKg = 1610.79 * (10.0 / 35_040) * (4.0 / 96);
    assertEquals(ccfKg, m.share(Duration.ofHours(10)).toKilograms(), 1e-12 * ccfKg);
  }

  @Test
  void theSciOfTheInstanceIsOperationalPlusEmbodied() {
    SciReport sci = Sci.calculator(EmissionFactors.cloudCarbonFootprint()).pue(PUE)
        .embodied(CloudEmbodiedCoefficients.bundled().instance("aws", "m5.xlarge", null, 4, 96))
        .functionalUnit("instance-run").calculate(List.of(instanceRecord()));
    double operationalG = ccfKwh() * PUE * T_PER_KWH * 1e6;
    double embodiedG = 1610.79e3 * (10.0 / 35_040) * (4.0 / 96);
    assertEquals(Duration.ofHours(10), sci.timeReserved());
    assertEquals(operationalG, sci.operational().value().toGrams(), 1e-9 * operationalG);
    assertEquals(embodiedG, sci.embodied().value().toGrams(), 1e-9 * embodiedG);
    assertEquals(operationalG + embodiedG, java.util.Objects.requireNonNull(sci.perUnit()).value().toGrams(),
        1e-9 * (operationalG + embodiedG));
  }
}
