package dev.ergon.meter.estimate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class PowerCurveTest {
  private static final double EPS = 1e-9;

  @Test
  void ccfCascadeLakeByHand() {
    // CCF: W = min + u x (max - min) per vCPU; Cascade Lake 0.64 / 3.97 W
    LinearPowerCurve c = LinearPowerCurve.perVcpu(4, 0.64, 3.97);
    assertEquals(2.56, c.watts(0), EPS);
    assertEquals(4 * (0.64 + 0.25 * (3.97 - 0.64)), c.watts(0.25), EPS); // 5.89 W
    assertEquals(5.89, c.watts(0.25), EPS);
    assertEquals(15.88, c.watts(1), EPS);
    assertEquals(15.88, c.watts(7), EPS); // clamped
    assertEquals(2.56, c.watts(Double.NaN), EPS);
  }

  @Test
  void teadsCurvePassesThroughItsFourPointsAndInterpolates() {
    assertEquals(0.12, TeadsPowerCurve.fraction(0), EPS);
    assertEquals(0.32, TeadsPowerCurve.fraction(0.10), EPS);
    assertEquals(0.75, TeadsPowerCurve.fraction(0.50), EPS);
    assertEquals(1.02, TeadsPowerCurve.fraction(1.00), EPS);
    assertEquals(0.22, TeadsPowerCurve.fraction(0.05), EPS); // halfway 0.12..0.32
    assertEquals(0.535, TeadsPowerCurve.fraction(0.30), EPS); // halfway 0.32..0.75
    assertEquals(0.885, TeadsPowerCurve.fraction(0.75), EPS); // halfway 0.75..1.02
    // Xeon Gold 6338 (TDP 205 W), two packages modelled whole: share 2
    TeadsPowerCurve c = new TeadsPowerCurve(205, 2);
    assertEquals(49.2, c.idleWatts(), EPS);
    assertEquals(219.35, c.watts(0.30), EPS);
    assertEquals(418.2, c.fullWatts(), EPS);
  }

  @Test
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> LinearPowerCurve.perVcpu(0, 1, 2));
    assertThrows(IllegalArgumentException.class, () -> new LinearPowerCurve(3, 2));
    assertThrows(IllegalArgumentException.class, () -> new TeadsPowerCurve(-1, 1));
  }

  @Test
  void ccfPowerIsMonotonicInUtilisationAndBoundedForAnyVcpuCount() {
    CoefficientTable table = CoefficientTable.load();
    qt().forAll(doubles().between(0.01, 1024), doubles().between(0, 1), doubles().between(0, 1),
            integers().between(0, 10))
        .checkAssert((vcpus, u1, u2, row) -> {
          Microarchitecture m = table.find(new String[] {"Cascade Lake", "Skylake", "Broadwell",
              "Haswell", "Coffee Lake", "Sandy Bridge", "Ivy Bridge", "EPYC 1st Gen", "EPYC 2nd Gen",
              "EPYC 3rd Gen", "Graviton2"}[row]).orElseThrow();
          LinearPowerCurve c = LinearPowerCurve.perVcpu(vcpus, m.minWattsPerVcpu(), m.maxWattsPerVcpu());
          double lo = Math.min(u1, u2);
          double hi = Math.max(u1, u2);
          assertTrue(c.watts(lo) <= c.watts(hi) + EPS, "monotonic");
          assertTrue(c.watts(lo) >= vcpus * m.minWattsPerVcpu() * (1 - EPS), "at least min");
          assertTrue(c.watts(hi) <= vcpus * m.maxWattsPerVcpu() * (1 + EPS), "at most max");
        });
  }

  @Test
  void teadsPowerIsMonotonicInUtilisationAndBoundedForAnyShare() {
    qt().forAll(doubles().between(1, 500), doubles().between(0.001, 16), doubles().between(0, 1),
            doubles().between(0, 1))
        .checkAssert((tdp, share, u1, u2) -> {
          TeadsPowerCurve c = new TeadsPowerCurve(tdp, share);
          double lo = Math.min(u1, u2);
          double hi = Math.max(u1, u2);
          assertTrue(c.watts(lo) <= c.watts(hi) + EPS, "monotonic");
          assertTrue(c.watts(lo) >= tdp * share * 0.12 * (1 - EPS), "at least 0.12 TDP");
          assertTrue(c.watts(hi) <= tdp * share * 1.02 * (1 + EPS), "at most 1.02 TDP");
        });
  }
}
