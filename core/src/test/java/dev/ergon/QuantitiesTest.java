package dev.ergon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

  @Test
  void conversionsMatchTheDefinitions() {
    assertEquals(new Energy(3_600_000, 0), Energy.ofKilowattHours(1));
    assertEquals(new Energy(3_600_000_000L, 0), Energy.ofMegawattHours(1));
    assertEquals(new Energy(1, 500_000), Energy.ofMillijoules(1500));
    assertEquals(new Energy(262_143, 328_850), Energy.ofMicrojoules(262_143_328_850L));
    assertEquals(1.0, Energy.ofJoules(3.6e6).toKilowattHours(), 1e-15);
    assertEquals("12.500000 J", Energy.ofJoules(12.5).toString());
    assertEquals(379.069, CarbonIntensity.ofTonnesPerKilowattHour(0.000379069).toGramsPerKilowattHour(), 1e-9);
    // eGRID-style pounds per MWh: 1000 lb/MWh = 453.59237 g/kWh.
    assertEquals(453.59237, CarbonIntensity.ofPoundsPerMegawattHour(1000).toGramsPerKilowattHour(), 1e-9);
    // 2 kWh at 400 g/kWh is 800 g.
    assertEquals(800.0, CarbonIntensity.ofGramsPerKilowattHour(400).times(Energy.ofKilowattHours(2)).toGrams(), 1e-9);
    assertEquals(1.5, Co2e.ofTonnes(1.5).toTonnes(), 0);
    assertEquals(1500.0, Co2e.ofKilograms(1.5).toGrams(), 0);
    assertEquals(10.0, Energy.ofJoules(100).over(Duration.ofSeconds(10)).toWatts(), 1e-12);
    assertEquals(Energy.ofJoules(300), Power.ofWatts(100).times(Duration.ofSeconds(3)));
    assertEquals(0.25, Power.ofMilliwatts(250).toWatts(), 0);
  }

  @Test
  void rangeGoesFarBeyondALongOfMicrojoules() {
    // A long of µJ ends at about 2.56 GWh; a fleet-year of 1 TWh must still be exact.
    Energy terawattHour = Energy.ofMegawattHours(1_000_000);
    Energy sum = terawattHour.plus(terawattHour).plus(Energy.ofMicrojoules(1));
    assertEquals(new BigInteger("7200000000000000000001"), // 2 TWh = 7.2e21 µJ, plus 1 µJ
        sum.toBigMicrojoules());
    assertThrows(ArithmeticException.class, sum::toMicrojoulesExact);
  }

  @Test
  void overflowAndNegativesAreErrorsNotWraps() {
    Energy max = new Energy(Long.MAX_VALUE, 999_999);
    assertThrows(ArithmeticException.class, () -> max.plus(Energy.ofMicrojoules(1)));
    assertThrows(ArithmeticException.class, () -> Energy.ofJoules(1).minus(Energy.ofJoules(2)));
    assertThrows(IllegalArgumentException.class, () -> Energy.ofMicrojoules(-1));
    assertThrows(IllegalArgumentException.class, () -> Energy.ofJoules(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Power.ofWatts(-1));
    assertThrows(IllegalArgumentException.class, () -> CarbonIntensity.ofGramsPerKilowattHour(Double.POSITIVE_INFINITY));
    assertThrows(ArithmeticException.class, () -> Co2e.ofGrams(Double.MAX_VALUE).plus(Co2e.ofGrams(Double.MAX_VALUE)));
    assertThrows(ArithmeticException.class, () -> max.multipliedBy(2L));
  }

  @Test
  void additionIsExactAssociativeAndInvertible() {
    qt().forAll(longs().between(0, Long.MAX_VALUE / 4), longs().between(0, Long.MAX_VALUE / 4),
            longs().between(0, Long.MAX_VALUE / 4))
        .checkAssert((a, b, c) -> {
          Energy x = Energy.ofMicrojoules(a);
          Energy y = Energy.ofMicrojoules(b);
          Energy z = Energy.ofMicrojoules(c);
          assertEquals(x.plus(y).plus(z), x.plus(y.plus(z)));
          assertEquals(x.plus(y), y.plus(x));
          assertEquals(x, x.plus(y).minus(y));
          assertEquals(BigInteger.valueOf(a).add(BigInteger.valueOf(b)), x.plus(y).toBigMicrojoules());
        });
  }

  @Test
  void unitConversionsRoundTrip() {
    qt().forAll(doubles().between(0, 1e9)).checkAssert(kwh -> {
      Energy e = Energy.ofKilowattHours(kwh);
      // Exact to the microjoule: the round trip is within half a µJ expressed in kWh, plus double rounding.
      assertEquals(kwh, e.toKilowattHours(), Math.max(1e-12, kwh * 1e-15) + 0.5 / 3.6e12);
    });
    qt().forAll(longs().between(0, Long.MAX_VALUE)).checkAssert(uj ->
        assertEquals(uj, Energy.ofMicrojoules(uj).toMicrojoulesExact()));
  }

  @Test
  void multiplicationByAFactorRoundsHalfUpToTheMicrojoule() {
    assertEquals(Energy.ofMicrojoules(2), Energy.ofMicrojoules(3).multipliedBy(0.5));
    assertEquals(Energy.ofMicrojoules(150), Energy.ofMicrojoules(100).multipliedBy(1.5));
    qt().forAll(longs().between(0, 1L << 40), doubles().between(0, 3)).checkAssert((uj, f) -> {
      long got = Energy.ofMicrojoules(uj).multipliedBy(f).toMicrojoulesExact();
      assertTrue(Math.abs(got - uj * f) <= 0.5 + uj * f * 1e-15, uj + " x " + f + " = " + got);
    });
  }
}
