package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ergon.CarbonIntensity;
import dev.ergon.accounting.factors.EmissionFactor;
import dev.ergon.accounting.factors.FactorKind;
import dev.ergon.accounting.factors.FactorMatch;
import dev.ergon.accounting.factors.FactorPeriod;
import dev.ergon.accounting.factors.FactorUse;
import dev.ergon.accounting.factors.PlaceLevel;
import dev.ergon.accounting.factors.TimeLevel;
import java.math.BigInteger;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The tally keeps one use per purpose, data set, zone, kind, granularity and rung: two matches in a row that differ
 * in exactly one of these give two uses, each with its own energy, emissions and factor count; a match equal in all of
 * them joins the use already there.
 */
class FactorUseTallyTest {

  private static EmissionFactor factor(String zone, FactorPeriod period, FactorKind kind, double gPerKwh,
      String dataSet) {
    return new EmissionFactor(zone, period, kind, CarbonIntensity.ofGramsPerKilowattHour(gPerKwh),
        OptionalDouble.empty(), "src", dataSet, "f.csv:2");
  }

  private static final EmissionFactor BASE = factor("DE", FactorPeriod.year(2025), FactorKind.LOCATION, 400, "ds-a");
  private static final FactorMatch BASE_MATCH = new FactorMatch(BASE, "DE", PlaceLevel.NATIONAL, TimeLevel.YEAR);

  /* One line per use, from its accessors: what the test compares with hand-written lines. */
  private static List<String> lines(FactorUseTally t) {
    List<String> out = new ArrayList<>();
    for (FactorUse u : t.uses()) {
      out.add(u.usedFor() + " " + u.dataSet() + " " + u.zone() + " " + u.kind() + " " + u.granularity() + " "
          + u.placeLevel() + " " + u.timeLevel() + " n=" + u.factorCount() + " "
          + u.minimum().toGramsPerKilowattHour() + ".." + u.maximum().toGramsPerKilowattHour() + " g/kWh "
          + u.energy().toBigMicrojoules() + " uJ " + u.emissions().grams() + " g");
    }
    return out;
  }

  /* Adds the base match (1000 µJ, 0.5 g), the other (3000 µJ, 1.25 g), then the base again (500 µJ, 0.25 g). */
  private static List<String> baseOtherBase(FactorMatch other) {
    FactorUseTally t = new FactorUseTally();
    t.add("location-based", BASE_MATCH, BigInteger.valueOf(1000), 0.5);
    t.add("location-based", other, BigInteger.valueOf(3000), 1.25);
    t.add("location-based", BASE_MATCH, BigInteger.valueOf(500), 0.25);
    return lines(t);
  }

  private static final String BASE_USE = "location-based ds-a DE LOCATION YEAR NATIONAL YEAR n=1 400.0..400.0 g/kWh "
      + "1500 uJ 0.75 g";

  @Test
  void anotherPlaceLevelIsAnotherUse() {
    FactorMatch other = new FactorMatch(BASE, "DE", PlaceLevel.WORLD, TimeLevel.YEAR);
    assertEquals(List.of(BASE_USE,
        "location-based ds-a DE LOCATION YEAR WORLD YEAR n=1 400.0..400.0 g/kWh 3000 uJ 1.25 g"),
        baseOtherBase(other));
  }

  @Test
  void anotherTimeLevelIsAnotherUse() {
    FactorMatch other = new FactorMatch(BASE, "DE", PlaceLevel.NATIONAL, TimeLevel.HOUR);
    // Sorted by the rungs' names: HOUR before YEAR.
    assertEquals(List.of(
        "location-based ds-a DE LOCATION YEAR NATIONAL HOUR n=1 400.0..400.0 g/kWh 3000 uJ 1.25 g", BASE_USE),
        baseOtherBase(other));
  }

  @Test
  void anotherKindIsAnotherUse() {
    FactorMatch other = new FactorMatch(factor("DE", FactorPeriod.year(2025), FactorKind.RESIDUAL_MIX, 600, "ds-a"),
        "DE", PlaceLevel.NATIONAL, TimeLevel.YEAR);
    assertEquals(List.of(BASE_USE,
        "location-based ds-a DE RESIDUAL_MIX YEAR NATIONAL YEAR n=1 600.0..600.0 g/kWh 3000 uJ 1.25 g"),
        baseOtherBase(other));
  }

  @Test
  void anotherGranularityIsAnotherUse() {
    FactorMatch other = new FactorMatch(factor("DE", FactorPeriod.month(YearMonth.of(2025, 3)), FactorKind.LOCATION,
        380, "ds-a"), "DE", PlaceLevel.NATIONAL, TimeLevel.YEAR);
    assertEquals(List.of(
        "location-based ds-a DE LOCATION MONTH NATIONAL YEAR n=1 380.0..380.0 g/kWh 3000 uJ 1.25 g", BASE_USE),
        baseOtherBase(other));
  }

  @Test
  void anotherZoneIsAnotherUse() {
    FactorMatch other = new FactorMatch(factor("FR", FactorPeriod.year(2025), FactorKind.LOCATION, 50, "ds-a"),
        "DE", PlaceLevel.NATIONAL, TimeLevel.YEAR);
    assertEquals(List.of(BASE_USE,
        "location-based ds-a FR LOCATION YEAR NATIONAL YEAR n=1 50.0..50.0 g/kWh 3000 uJ 1.25 g"),
        baseOtherBase(other));
  }

  @Test
  void anotherDataSetIsAnotherUse() {
    FactorMatch other = new FactorMatch(factor("DE", FactorPeriod.year(2025), FactorKind.LOCATION, 410, "ds-b"),
        "DE", PlaceLevel.NATIONAL, TimeLevel.YEAR);
    assertEquals(List.of(BASE_USE,
        "location-based ds-b DE LOCATION YEAR NATIONAL YEAR n=1 410.0..410.0 g/kWh 3000 uJ 1.25 g"),
        baseOtherBase(other));
  }

  @Test
  void anotherFactorOfTheSameKeyJoinsTheUse() {
    // Another year's factor of the same zone, kind, granularity and data set, at the same rungs: one use, two factors.
    FactorMatch other = new FactorMatch(factor("DE", FactorPeriod.year(2026), FactorKind.LOCATION, 360, "ds-a"),
        "DE", PlaceLevel.NATIONAL, TimeLevel.YEAR);
    assertEquals(List.of("location-based ds-a DE LOCATION YEAR NATIONAL YEAR n=2 360.0..400.0 g/kWh 4500 uJ 2.0 g"),
        baseOtherBase(other));
  }

  @Test
  void eachPurposeHasItsOwnUses() {
    FactorUseTally t = new FactorUseTally();
    t.add("location-based", BASE_MATCH, BigInteger.valueOf(1000), 0.5);
    t.add("sci", BASE_MATCH, BigInteger.valueOf(7), 0.125);
    t.add("location-based", BASE_MATCH, BigInteger.valueOf(500), 0.25);
    assertEquals(List.of(BASE_USE, "sci ds-a DE LOCATION YEAR NATIONAL YEAR n=1 400.0..400.0 g/kWh 7 uJ 0.125 g"),
        lines(t));
  }
}
