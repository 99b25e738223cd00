package dev.ergon.plan;

import static dev.ergon.plan.Fixtures.T0;
import static dev.ergon.plan.Fixtures.at;
import static dev.ergon.plan.Fixtures.data;
import static dev.ergon.plan.Fixtures.hourly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties of the planner over random hourly series and hourly profiles (integers, so that equal sums are exactly
 * equal and the tie rule is what decides between them). The oracle is the plain sum Σ_j e_j · I[k + j] over every
 * whole-hour start, written here independently of the planner's overlap walk.
 */
class PlannerPropertiesTest {

  private static final Gen<List<Integer>> SERIES = lists().of(integers().between(0, 1000)).ofSizeBetween(6, 60);
  private static final Gen<List<Integer>> PROFILE = lists().of(integers().between(0, 20)).ofSizeBetween(1, 6);

  private static double[] doubles(List<Integer> xs) {
    return xs.stream().mapToDouble(Integer::doubleValue).toArray();
  }

  private static JobProfile profile(List<Integer> kwh) {
    return JobProfile.of(Duration.ofHours(kwh.size()), Duration.ofHours(1), doubles(kwh), new double[kwh.size()]);
  }

  /* Grams of a run starting at hour k. */
  private static double oracle(List<Integer> series, List<Integer> kwh, int k) {
    double g = 0;
    for (int j = 0; j < kwh.size(); j++) {
      g += kwh.get(j) * (double) series.get(k + j);
    }
    return g;
  }

  @Test
  void chosenStartIsNeverWorseThanAnyFeasibleStart() {
    qt().forAll(SERIES, PROFILE, integers().between(0, 5), integers().between(0, 60)).assuming(
        (s, p, e, w) -> e + p.size() <= s.size()).checkAssert((s, p, e, w) -> {
          int deadline = Math.min(s.size(), e + p.size() + w);
          Plan plan = CarbonAwarePlanner.over(data(hourly("Z", T0, IntensityKind.FORECAST, doubles(s))))
              .plan(profile(p), new PlanningWindow(at(e), at(deadline)), List.of());
          int best = (int) Duration.between(T0, plan.best().start()).toHours();
          assertTrue(best >= e && best + p.size() <= deadline, "feasible");
          assertEquals(oracle(s, p, best) / 1000, plan.best().expected().value(), 1e-9);
          for (int k = e; k + p.size() <= deadline; k++) {
            assertTrue(plan.best().expected().value() <= oracle(s, p, k) / 1000 + 1e-9,
                "start " + k + " is better than the chosen " + best);
          }
          assertEquals(oracle(s, p, e) / 1000, plan.baseline().expected().value(), 1e-9);
          assertTrue(plan.best().saving().value() >= -1e-12);
        });
  }

  @Test
  void flatSeriesGivesNoSaving() {
    qt().forAll(integers().between(0, 1000), PROFILE, integers().between(0, 30)).checkAssert((c, p, w) -> {
      double[] flat = new double[p.size() + w + 3];
      java.util.Arrays.fill(flat, c);
      Plan plan = CarbonAwarePlanner.over(data(hourly("Z", T0, IntensityKind.ACTUAL, flat)))
          .plan(profile(p), new PlanningWindow(at(1), at(flat.length)), List.of());
      assertFalse(plan.saves());
      assertEquals(plan.baseline().start(), plan.best().start());
      assertEquals(0.0, plan.best().saving().value());
    });
  }

  @Test
  void shiftingTheSeriesByAConstantKeepsTheChoice() {
    qt().forAll(SERIES, PROFILE, integers().between(0, 5000), integers().between(0, 5)).assuming(
        (s, p, c, e) -> e + p.size() <= s.size()).checkAssert((s, p, c, e) -> {
          IntensitySeries base = hourly("Z", T0, IntensityKind.ACTUAL, doubles(s));
          PlanningWindow w = new PlanningWindow(at(e), at(s.size()));
          Plan a = CarbonAwarePlanner.over(data(base)).plan(profile(p), w, List.of());
          Plan b = CarbonAwarePlanner.over(data(base.plus(c))).plan(profile(p), w, List.of());
          assertEquals(a.best().start(), b.best().start());
          // Every run draws the same energy, so the constant adds c × E to each and cancels in the saving.
          double e2 = p.stream().mapToInt(Integer::intValue).sum();
          assertEquals(a.best().saving().value(), b.best().saving().value(), 1e-9);
          assertEquals(a.best().expected().value() + c * e2 / 1000, b.best().expected().value(), 1e-6);
        });
  }

  @Test
  void aFlatProfileOnHourStartsMatchesTheShapedOneOfEqualSlots() {
    // A job of n hours drawing 1 kWh each, given flat (one slot of n h) or as n slots of 1 kWh, is the same job.
    qt().forAll(SERIES, integers().between(1, 5)).assuming((s, n) -> n <= s.size()).checkAssert((s, n) -> {
      IntensityData d = data(hourly("Z", T0, IntensityKind.ACTUAL, doubles(s)));
      PlanningWindow w = new PlanningWindow(at(0), at(s.size()));
      Plan flat = CarbonAwarePlanner.over(d).plan(JobProfile.flat(Duration.ofHours(n),
          dev.ergon.Energy.ofKilowattHours(n)), w, List.of());
      double[] ones = new double[n];
      java.util.Arrays.fill(ones, 1);
      Plan shaped = CarbonAwarePlanner.over(d).plan(JobProfile.of(Duration.ofHours(n), Duration.ofHours(1), ones,
          new double[n]), w, List.of());
      assertEquals(shaped.best().expected().value(), flat.best().expected().value(), 1e-9);
    });
  }
}
