package dev.ergon.meter.estimate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class EnergyAccumulatorTest {

  @Test
  void tenWattsForOneSecondIsTenJoules() {
    EnergyAccumulator a = new EnergyAccumulator();
    a.start(5_000_000_000L);
    assertEquals(10_000_000L, a.advance(6_000_000_000L, 10.0));
    assertEquals(10_000_000L, a.advance(6_000_000_000L, 10.0)); // no time, no energy
    assertEquals(10_000_000L, a.advance(5_500_000_000L, 10.0)); // time going back adds nothing
    assertEquals(12_500_000L, a.advance(6_250_000_000L, 10.0));
  }

  @Test
  void subMicrojouleStepsAreCarriedNotLost() {
    EnergyAccumulator a = new EnergyAccumulator();
    a.start(0);
    long t = 0;
    for (int i = 0; i < 1000; i++) {
      t += 50; // 50 ns at 1 W = 0.05 µJ per step
      a.advance(t, 1.0);
    }
    assertEquals(50L, a.microjoules()); // 1000 x 0.05 µJ
  }

  @Test
  void mustStartFirst() {
    assertThrows(IllegalStateException.class, () -> new EnergyAccumulator().advance(1, 1));
  }

  @Test
  void splittingAnIntervalNeverChangesTheTotalByMoreThanOneMicrojoule() {
    qt().forAll(doubles().between(0, 5000), integers().between(1, 10_000_000), integers().between(1, 50))
        .checkAssert((watts, stepNanos, steps) -> {
          EnergyAccumulator split = new EnergyAccumulator();
          split.start(0);
          for (int i = 1; i <= steps; i++) {
            split.advance((long) i * stepNanos, watts);
          }
          double exact = watts * steps * (double) stepNanos / 1000.0;
          assertTrue(Math.abs(split.microjoules() - exact) <= 1.0,
              split.microjoules() + " vs " + exact);
        });
  }
}
