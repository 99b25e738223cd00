package dev.ergon.plan;

import static dev.ergon.plan.Fixtures.T0;
import static dev.ergon.plan.Fixtures.at;
import static dev.ergon.plan.Fixtures.data;
import static dev.ergon.plan.Fixtures.hourly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-checked plans: every expected figure below is worked out from the inputs in the comments. */
class CarbonAwarePlannerTest {

  private static final double EPS = 1e-9;

  @Test
  void flatJobPicksTheCleanestTwoHours() {
    // 1 kWh an hour for 2 h. Starts 00..06: 00 → 500+400 = 900 g; 01 → 500; 02 → 100+100 = 200 g (best);
    // 03 → 400; 04 → 900; 05 → 1300; 06 → 1400.
    IntensityData d = data(hourly("DE", T0, IntensityKind.FORECAST, 500, 400, 100, 100, 300, 600, 700, 700));
    Plan p = CarbonAwarePlanner.over(d).plan(JobProfile.flat(Duration.ofHours(2), Energy.ofKilowattHours(2)),
        new PlanningWindow(at(0), at(8)), List.of("DE"));
    assertEquals(at(2), p.best().start());
    assertEquals(at(4), p.best().end());
    assertEquals("DE", p.best().region());
    assertEquals(0.2, p.best().expected().value(), EPS);
    assertEquals(0.9, p.baseline().expected().value(), EPS);
    assertEquals(0.7, p.best().saving().value(), EPS);
    assertEquals(100, p.best().meanGramsPerKwh(), EPS);
    assertTrue(p.saves());
    assertEquals(7, p.startsCompared());
    // Forecast hours, 15 %: sd(best) = 0.15 × 200 g = 30 g; 95 %: ±1.959964 × 0.030 kg.
    assertEquals(0.2 - 1.959964 * 0.030, p.best().expected().lower(), 1e-12);
    assertEquals(0.2 + 1.959964 * 0.030, p.best().expected().upper(), 1e-12);
    // Saving: baseline sd 0.15 × 900 = 135 g, best 30 g, independent: sqrt(135² + 30²) g.
    double sd = Math.sqrt(135 * 135 + 30 * 30) / 1000;
    assertEquals(0.7 - 1.959964 * sd, p.best().saving().lower(), 1e-12);
    assertEquals(0.7 + 1.959964 * sd, p.best().saving().upper(), 1e-12);
    assertEquals(Co2eInterval.ZERO, p.baseline().saving());
  }

  @Test
  void actualHoursCarryTheSmallerUncertainty() {
    IntensityData d = data(hourly("DE", T0, IntensityKind.ACTUAL, 200, 200));
    Plan p = CarbonAwarePlanner.over(d).plan(JobProfile.flat(Duration.ofHours(1), Energy.ofKilowattHours(1)),
        new PlanningWindow(at(0), at(2)), List.of());
    // 1 kWh × 200 g/kWh, 5 %: sd 10 g.
    assertEquals(0.2 + 1.959964 * 0.010, p.best().expected().upper(), 1e-12);
    assertFalse(p.saves(), "equal hours: no saving");
  }

  @Test
  void startOffTheHourIsComparedAsItIs() {
    // 1 kWh over 1 h from 00:30: half in 600, half in 100 → 350 g. Then 01:00 → 100 g, 02:00 → 300 g.
    IntensityData d = data(hourly("DE", T0, IntensityKind.ACTUAL, 600, 100, 300));
    Plan p = CarbonAwarePlanner.over(d).plan(JobProfile.flat(Duration.ofHours(1), Energy.ofKilowattHours(1)),
        new PlanningWindow(T0.plus(Duration.ofMinutes(30)), at(3)), List.of("DE"));
    assertEquals(0.35, p.baseline().expected().value(), EPS);
    assertEquals(at(1), p.best().start());
    assertEquals(0.25, p.best().saving().value(), EPS);
    assertEquals(3, p.startsCompared());
  }

  @Test
  void theShapeOfTheJobDecides() {
    // Series 100, 500, 50, 500, 200. Front-loaded job (3 kWh then 1 kWh): starts 0 → 300+500 = 800, 1 → 1550,
    // 2 → 150+500 = 650 (best), 3 → 1700. Back-loaded (1 then 3): 0 → 1600, 1 → 500+150 = 650 (best), 2 → 1550,
    // 3 → 1100.
    IntensityData d = data(hourly("DE", T0, IntensityKind.ACTUAL, 100, 500, 50, 500, 200));
    PlanningWindow w = new PlanningWindow(at(0), at(5));
    Duration h = Duration.ofHours(1);
    JobProfile front = JobProfile.of(Duration.ofHours(2), h, new double[] {3, 1}, new double[] {0, 0});
    JobProfile back = JobProfile.of(Duration.ofHours(2), h, new double[] {1, 3}, new double[] {0, 0});
    Plan pf = CarbonAwarePlanner.over(d).plan(front, w, List.of("DE"));
    Plan pb = CarbonAwarePlanner.over(d).plan(back, w, List.of("DE"));
    assertEquals(at(2), pf.best().start());
    assertEquals(0.65, pf.best().expected().value(), EPS);
    assertEquals(at(1), pb.best().start());
    assertEquals(0.65, pb.best().expected().value(), EPS);
    assertEquals(0.95, pb.best().saving().value(), EPS);
  }

  @Test
  void profileSpreadWidensTheInterval() {
    // 2 slots: 1 ± 0.5 kWh and 1 ± 0.5 kWh, actual 100 g/kWh (5 %). p = 0.5×100 + 0.5×100 = 100 g;
    // f = 0.05 × 200 = 10 g; sd = sqrt(100² + 10²) g.
    IntensityData d = data(hourly("DE", T0, IntensityKind.ACTUAL, 100, 100));
    JobProfile p = JobProfile.of(Duration.ofHours(2), Duration.ofHours(1), new double[] {1, 1},
        new double[] {0.5, 0.5});
    Plan plan = CarbonAwarePlanner.over(d).plan(p, new PlanningWindow(at(0), at(2)), List.of());
    double sd = Math.sqrt(100 * 100 + 10 * 10) / 1000;
    assertEquals(0.2 + 1.959964 * sd, plan.best().expected().upper(), 1e-12);
    assertEquals(0.2 - 1.959964 * sd, plan.best().expected().lower(), 1e-12);
  }

  @Test
  void relocationIsComparedAndDisclosed() {
    IntensityData d = data(hourly("DE", T0, IntensityKind.FORECAST, 300, 300, 300, 300),
        hourly("FR", T0, IntensityKind.FORECAST, 50, 50, 50, 50));
    Plan p = CarbonAwarePlanner.over(d).plan(JobProfile.flat(Duration.ofHours(2), Energy.ofKilowattHours(4)),
        new PlanningWindow(at(0), at(4)), List.of("DE", "FR"));
    // FR at 00:00: 4 kWh × 50 = 200 g; DE now: 4 × 300 = 1200 g; saving 1.0 kg. Ties in FR go to the earliest.
    assertEquals("FR", p.best().region());
    assertEquals(at(0), p.best().start());
    assertEquals(1.0, p.best().saving().value(), EPS);
    assertTrue(p.disclosures().stream().anyMatch(s -> s.contains("not what the grids emit in total")),
        p.disclosures().toString());
  }

  @Test
  void alternativesAreDistinctWindows() {
    // 1-h job, 1 kWh. Hours: 10 (0), 20 (1), 30 (2), 400 (3), 15 (4). Best 00:00 (10 g); alternatives by value:
    // 04:00 (15), 01:00 (20), 02:00 (30): none overlaps another for a 1-h job.
    IntensityData d = data(hourly("DE", T0, IntensityKind.ACTUAL, 10, 20, 30, 400, 15));
    Plan p = CarbonAwarePlanner.over(d).plan(JobProfile.flat(Duration.ofHours(1), Energy.ofKilowattHours(1)),
        new PlanningWindow(at(0), at(5)), List.of());
    assertEquals(at(0), p.best().start());
    assertFalse(p.saves());
    assertEquals(List.of(at(4), at(1), at(2)), p.alternatives().stream().map(PlannedStart::start).toList());
    // A 2-h job: best 00:00 (30 g); then by value 01:00 (50, overlaps), 02:00 (430), 03:00 (415): 03:00 first.
    Plan p2 = CarbonAwarePlanner.over(d).withAlternatives(5).plan(JobProfile.flat(Duration.ofHours(2),
        Energy.ofKilowattHours(2)), new PlanningWindow(at(0), at(5)), List.of());
    assertEquals(List.of(at(3)), p2.alternatives().stream().map(PlannedStart::start).toList());
    assertEquals(-(0.415 - 0.030), p2.alternatives().get(0).saving().value(), EPS);
  }

  @Test
  void deadlineBeforeEarliestIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PlanningWindow(at(5), at(2)));
    assertTrue(String.valueOf(e.getMessage()).contains("before the earliest start"), String.valueOf(e.getMessage()));
  }

  @Test
  void profileLongerThanTheWindowIsRefused() {
    IntensityData d = data(hourly("DE", T0, IntensityKind.ACTUAL, 1, 2, 3, 4, 5, 6, 7, 8));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CarbonAwarePlanner.over(d)
        .plan(JobProfile.flat(Duration.ofHours(6), Energy.ofKilowattHours(40)), new PlanningWindow(at(0), at(4)),
            List.of()));
    assertTrue(String.valueOf(e.getMessage()).contains("takes 6 h") && String.valueOf(e.getMessage()).contains("only 4 h")
        && String.valueOf(e.getMessage()).contains("2026-03-01T06:00:00Z"), String.valueOf(e.getMessage()));
  }

  @Test
  void regionWithoutDataIsNamed() {
    IntensityData d = data(hourly("DE", T0, IntensityKind.ACTUAL, 1, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CarbonAwarePlanner.over(d)
        .plan(JobProfile.flat(Duration.ofHours(1), Energy.ofKilowattHours(1)), new PlanningWindow(at(0), at(2)),
            List.of("FR")));
    assertTrue(String.valueOf(e.getMessage()).contains("no intensity data for region FR") && String.valueOf(e.getMessage()).contains("DE"),
        String.valueOf(e.getMessage()));
  }

  @Test
  void baselineOutsideTheDataIsRefused() {
    IntensityData d = data(hourly("DE", at(3), IntensityKind.ACTUAL, 1, 2, 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CarbonAwarePlanner.over(d)
        .plan(JobProfile.flat(Duration.ofHours(1), Energy.ofKilowattHours(1)), new PlanningWindow(at(0), at(6)),
            List.of("DE")));
    assertTrue(String.valueOf(e.getMessage()).contains("cover 2026-03-01T03:00:00Z"), String.valueOf(e.getMessage()));
  }

  @Test
  void severalZonesNeedARegion() {
    IntensityData d = data(hourly("DE", T0, IntensityKind.ACTUAL, 1), hourly("FR", T0, IntensityKind.ACTUAL, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CarbonAwarePlanner.over(d)
        .plan(JobProfile.flat(Duration.ofHours(1), Energy.ofKilowattHours(1)), new PlanningWindow(at(0), at(1)),
            List.of()));
    assertTrue(String.valueOf(e.getMessage()).contains("DE, FR"), String.valueOf(e.getMessage()));
  }

  @Test
  void whatIfSumsTheSavingsOfFlexibleJobs() {
    // Hours from 00:00: 400, 400, 100, 100, 400, 400, 400, 400.
    IntensityData d = data(hourly("DE", T0, IntensityKind.ACTUAL, 400, 400, 100, 100, 400, 400, 400, 400));
    Tags flex = Tags.of("ergon.flexible", "true");
    // "etl" ran 00:00–01:00 with 1 kWh: 400 g; slack 2 h lets it end by 03:00: best 02:00, 100 g; saves 300 g.
    EnergyRecord a = Fixtures.record("a", "etl", "DE", at(0), at(1), flex, null, 1);
    // "etl" again 01:00–02:00, 2 kWh: 800 g; could start 01..03: best 02:00 → 200 g; saves 600 g.
    EnergyRecord b = Fixtures.record("b", "etl", "DE", at(1), at(2), flex, null, 2);
    // "train" 04:00–05:00, 1 kWh, its own slack PT0H: cannot move; saves 0.
    EnergyRecord c = Fixtures.record("c", "train", "DE", at(4), at(5), Tags.of("ergon.flexible", "true",
        "ergon.slack", "PT0H"), null, 1);
    // Not flexible: ignored. A flexible child of a: counted in its parent, not again.
    EnergyRecord x = Fixtures.record("x", "report", "DE", at(0), at(1), Tags.empty(), null, 5);
    EnergyRecord child = Fixtures.record("a1", "etl-step", "DE", at(0), at(1), flex, "a", 1);
    // No region and no default: skipped, named.
    EnergyRecord nowhere = Fixtures.record("n", "etl", null, at(0), at(1), flex, null, 1);
    CarbonAwarePlanner.WhatIf w = CarbonAwarePlanner.over(d).whatIf(List.of(a, b, c, x, child, nowhere),
        Duration.ofHours(2), null);
    assertEquals(3, w.total().jobs());
    assertEquals(0.9, w.total().saving().value(), EPS);
    assertEquals(0.4 + 0.8 + 0.4, w.total().actual().value(), EPS);
    assertEquals(0.9, java.util.Objects.requireNonNull(w.byName().get("etl")).saving().value(), EPS);
    assertEquals(2, java.util.Objects.requireNonNull(w.byName().get("etl")).jobs());
    assertEquals(0.0, java.util.Objects.requireNonNull(w.byName().get("train")).saving().value(), EPS);
    assertEquals(1, w.skipped().size());
    assertTrue(w.skipped().get(0).startsWith("n (etl): no region"), w.skipped().toString());
  }

  @Test
  void whatIfSkipsJobsOutsideTheData() {
    IntensityData d = data(hourly("DE", T0, IntensityKind.ACTUAL, 100, 100));
    EnergyRecord late = Fixtures.record("z", "etl", "DE", at(10), at(11), Tags.of("ergon.flexible", "true"), null, 1);
    CarbonAwarePlanner.WhatIf w = CarbonAwarePlanner.over(d).whatIf(List.of(late), Duration.ofHours(1), null);
    assertEquals(0, w.total().jobs());
    assertEquals(0.0, w.total().saving().value());
    assertTrue(w.skipped().get(0).contains("cover"), w.skipped().toString());
  }

  @Test
  void baselineIsTheEarliestInstantExactly() {
    IntensityData d = data(hourly("DE", T0, IntensityKind.ACTUAL, 5, 5, 5));
    Instant e = T0.plusSeconds(1);
    Plan p = CarbonAwarePlanner.over(d).plan(JobProfile.flat(Duration.ofHours(1), Energy.ofKilowattHours(1)),
        new PlanningWindow(e, at(3)), List.of());
    assertEquals(e, p.baseline().start());
    assertEquals(e, p.best().start(), "flat: the baseline wins the tie");
  }
}
