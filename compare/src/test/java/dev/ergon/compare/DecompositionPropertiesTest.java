package dev.ergon.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * For any pair of periods (places entering and leaving, zero energy, zero units, zero intensity, sizes from a
 * joule to a terawatt-hour), the parts sum exactly to the change, and the rounding they needed is only that of
 * whole micrograms: LMDI-I is exact, so a larger residue would mean a wrong formula.
 */
class DecompositionPropertiesTest {
  private static final String[] ZONES = {"DE", "FR", "PL", "SE", "us-east-1"};

  private static PeriodFigures random(SplittableRandom r, ReportingPeriodPair p, boolean later) {
    List<ZoneFigures> zones = new ArrayList<>();
    double scale = Math.pow(10, r.nextInt(13)); // 1 J .. 1e12 J per place (0.28 GWh)
    for (String z : ZONES) {
      int kind = r.nextInt(6);
      if (kind == 0) {
        continue; // not drawn from
      }
      double joules = kind == 1 ? 0 : Math.floor(r.nextDouble() * scale * 1e3) / 1e3 + 1;
      double intensity = kind == 2 ? 0 : r.nextDouble() * 300; // µg/J: 0 .. 1080 g/kWh
      zones.add(new ZoneFigures(z, joules, Math.round(joules * intensity)));
    }
    double units = r.nextInt(4) == 0 ? 0 : Math.floor(r.nextDouble() * 1e6);
    return new PeriodFigures(later ? p.after : p.before, units, zones);
  }

  private record ReportingPeriodPair(dev.ergon.accounting.ReportingPeriod before,
      dev.ergon.accounting.ReportingPeriod after) {}

  @Test
  void partsSumExactlyToTheChange() {
    ReportingPeriodPair pair = new ReportingPeriodPair(DecompositionTest.Q1, DecompositionTest.Q2);
    qt().withExamples(2000).forAll(longs().all()).checkAssert(seed -> {
      SplittableRandom r = new SplittableRandom(seed);
      PeriodFigures before = random(r, pair, false);
      PeriodFigures after = random(r, pair, true);
      EmissionsDecomposition d = EmissionsDecomposition.between(before, after);
      assertEquals(after.micrograms() - before.micrograms(), d.total());
      long zonesSum = 0;
      for (ZoneChange z : d.zones()) {
        zonesSum += z.mix() + z.intensity();
      }
      assertEquals(d.grid(), zonesSum);
      assertEquals(d.total(), d.activity() + d.grid());
      Long v = d.volume();
      Long e = d.efficiency();
      if (v != null && e != null) {
        assertEquals(d.activity(), v + e);
      }
      // Rounding: at most ½ µg per leaf, plus the double arithmetic's relative error on the masses involved.
      int leaves = 2 + 2 * d.zones().size();
      double scale = before.micrograms() + after.micrograms();
      assertTrue(Math.abs(d.rounding()) <= leaves + 1e-9 * scale,
          "rounding " + d.rounding() + " µg for " + leaves + " parts of " + scale + " µg: " + d);
    });
  }
}
