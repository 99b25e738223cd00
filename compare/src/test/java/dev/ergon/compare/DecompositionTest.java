package dev.ergon.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.accounting.ReportingPeriod;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-checked LMDI-I decompositions. Masses in µgCO2e, energy in J. */
class DecompositionTest {
  static final ReportingPeriod Q1 = new ReportingPeriod(Instant.parse("2026-01-01T00:00:00Z"),
      Instant.parse("2026-04-01T00:00:00Z"));
  static final ReportingPeriod Q2 = new ReportingPeriod(Instant.parse("2026-04-01T00:00:00Z"),
      Instant.parse("2026-07-01T00:00:00Z"));

  static PeriodFigures period(ReportingPeriod p, double units, ZoneFigures... zones) {
    return new PeriodFigures(p, units, List.of(zones));
  }

  @Test
  void moreUnitsAndLessEnergyPerUnitOnOneGrid() {
    // Before: 100 units, 1000 J at 400 µg/J = 400 000 µg. After: 200 units, 1500 J, same grid = 600 000 µg.
    EmissionsDecomposition d = EmissionsDecomposition.between(
        period(Q1, 100, new ZoneFigures("DE", 1000, 400_000)),
        period(Q2, 200, new ZoneFigures("DE", 1500, 600_000)));
    // L(600000, 400000) = 200000 / ln 1.5; volume = L · ln 2; efficiency = L · ln(7.5 / 10)
    double weight = 200_000 / Math.log(1.5);
    assertEquals(200_000, d.total());
    assertNotNull(d.volume());
    assertNotNull(d.efficiency());
    assertEquals(weight * Math.log(2), (double) d.volume(), 1);       // 341 902
    assertEquals(weight * Math.log(0.75), (double) d.efficiency(), 1); // −141 902
    assertEquals(200_000, d.volume() + d.efficiency());
    assertEquals(0, d.mix());
    assertEquals(0, d.intensity());
    assertTrue(d.rebound(), "energy per unit fell 25 % while energy rose 50 %");
    assertFalse(d.relocation());
    assertTrue(d.notes().stream().anyMatch(n -> n.contains("rebound")), d.notes().toString());
  }

  @Test
  void movingToACleanerGridIsRelocation() {
    // Same units and energy. Before: all 1000 J in DIRTY at 800 µg/J = 800 000 µg.
    // After: 200 J in DIRTY (160 000 µg), 800 J in CLEAN at 50 µg/J (40 000 µg). Change: −600 000.
    EmissionsDecomposition d = EmissionsDecomposition.between(
        period(Q1, 100, new ZoneFigures("DIRTY", 1000, 800_000)),
        period(Q2, 100, new ZoneFigures("CLEAN", 800, 40_000), new ZoneFigures("DIRTY", 200, 160_000)));
    assertEquals(-600_000, d.total());
    // DIRTY: L(160000, 800000) · ln(0.2 / 1) = (160000 − 800000) = −640 000 (share fell, intensity same);
    // CLEAN entered the mix: its whole 40 000 is region mix (analytical limit, L(x, 0) = 0).
    assertEquals(-600_000, d.mix());
    assertEquals(0, d.intensity());
    assertEquals(0, d.volume());
    assertEquals(0, d.efficiency());
    ZoneChange clean = d.zones().get(0);
    ZoneChange dirty = d.zones().get(1);
    assertEquals("CLEAN", clean.zone());
    assertEquals(40_000, clean.mix());
    assertEquals(-640_000, dirty.mix());
    assertTrue(d.relocation());
    assertFalse(d.rebound());
  }

  @Test
  void aCleanerGridIsIntensity() {
    // 1000 J in PL both periods, 100 units; intensity 700 → 600 µg/J: change −100 000, all intensity.
    EmissionsDecomposition d = EmissionsDecomposition.between(
        period(Q1, 100, new ZoneFigures("PL", 1000, 700_000)),
        period(Q2, 100, new ZoneFigures("PL", 1000, 600_000)));
    assertEquals(-100_000, d.total());
    assertEquals(-100_000, d.intensity());
    assertEquals(-100_000, d.zones().get(0).intensity());
    assertEquals(0, d.mix());
    assertEquals(0, d.activity());
    assertFalse(d.relocation());
  }

  @Test
  void twoGridsAllFactorsByHand() {
    // Before: Q = 10, A 600 J at 100 µg/J (60 000), B 400 J at 500 µg/J (200 000): C0 = 260 000.
    // After:  Q = 20, A 1200 J at 80 µg/J (96 000), B 600 J at 500 µg/J (300 000): C1 = 396 000.
    EmissionsDecomposition d = EmissionsDecomposition.between(
        period(Q1, 10, new ZoneFigures("A", 600, 60_000), new ZoneFigures("B", 400, 200_000)),
        period(Q2, 20, new ZoneFigures("A", 1200, 96_000), new ZoneFigures("B", 600, 300_000)));
    double wa = (96_000 - 60_000) / Math.log(96_000.0 / 60_000);
    double wb = (300_000 - 200_000) / Math.log(300_000.0 / 200_000);
    double volume = (wa + wb) * Math.log(2);                    // units doubled
    double efficiency = (wa + wb) * Math.log(90.0 / 100);       // 1000/10 = 100 → 1800/20 = 90 J per unit
    double mixA = wa * Math.log((1200.0 / 1800) / (600.0 / 1000));
    double mixB = wb * Math.log((600.0 / 1800) / (400.0 / 1000));
    double intA = wa * Math.log(80.0 / 100);
    assertEquals(136_000, d.total());
    assertNotNull(d.volume());
    assertNotNull(d.efficiency());
    assertEquals(volume, (double) d.volume(), 1);
    assertEquals(efficiency, (double) d.efficiency(), 1);
    assertEquals(mixA, (double) d.zones().get(0).mix(), 1);
    assertEquals(mixB, (double) d.zones().get(1).mix(), 1);
    assertEquals(intA, (double) d.zones().get(0).intensity(), 1);
    assertEquals(0, d.zones().get(1).intensity());
    assertEquals(d.total(), d.volume() + d.efficiency() + d.mix() + d.intensity());
    assertTrue(Math.abs(d.rounding()) <= 3, "rounding " + d.rounding());
  }

  @Test
  void aPeriodWithoutUnitsLeavesVolumeAndEfficiencyUnsplit() {
    EmissionsDecomposition d = EmissionsDecomposition.between(
        period(Q1, 0, new ZoneFigures("DE", 1000, 400_000)),
        period(Q2, 50, new ZoneFigures("DE", 2000, 800_000)));
    assertNull(d.volume());
    assertNull(d.efficiency());
    assertEquals(400_000, d.activity());
    assertEquals(400_000, d.total());
  }

  @Test
  void aPeriodWithoutEnergyIsAllActivity() {
    // Nothing ran before: the whole change is volume (the work did not exist).
    EmissionsDecomposition d = EmissionsDecomposition.between(period(Q1, 0),
        period(Q2, 50, new ZoneFigures("DE", 2000, 800_000)));
    assertEquals(800_000, d.total());
    assertEquals(800_000, d.volume());
    assertEquals(0, d.efficiency());
    assertEquals(0, d.grid());
  }

  @Test
  void textAndJsonCarryTheParts() {
    EmissionsDecomposition d = EmissionsDecomposition.between(
        period(Q1, 100, new ZoneFigures("DIRTY", 1000, 800_000)),
        period(Q2, 100, new ZoneFigures("CLEAN", 800, 40_000), new ZoneFigures("DIRTY", 200, 160_000)));
    String json = CompareFormat.JSON.toString(d);
    assertTrue(json.contains("\"total_g\" : -0.600000"), json);
    assertTrue(json.contains("\"mix_g\" : -0.600000"), json);
    assertTrue(json.contains("\"relocation\" : true"), json);
    String text = CompareFormat.TEXT.toString(d);
    assertTrue(text.contains("region mix") && text.contains("-0.600000"), text);
  }
}
