package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/**
 * µJ to kWh is the quotient by 3.6e12 rounded to 16 significant digits (half even), then to the nearest double —
 * written here with BigDecimal from that definition, and compared bit for bit with the engine's conversion, which
 * takes a faster way for most values: at every magnitude, at the digit-count boundaries (36 × 10^n), at halves
 * that round to even, and at the ends of the long range.
 */
class KilowattHoursTest {

  private static double definition(long micro) {
    return new BigDecimal(micro).divide(new BigDecimal(3_600_000_000_000L), MathContext.DECIMAL64).doubleValue();
  }

  private static void same(long micro) {
    assertEquals(Double.doubleToRawLongBits(definition(micro)),
        Double.doubleToRawLongBits(ConsumptionModel.kilowattHours(micro)), () -> micro + " µJ: expected "
            + definition(micro) + " kWh, got " + ConsumptionModel.kilowattHours(micro));
    assertEquals(Double.doubleToRawLongBits(definition(micro)),
        Double.doubleToRawLongBits(ConsumptionModel.kilowattHours(BigInteger.valueOf(micro))), () -> micro + " µJ");
  }

  @Test
  void everyMagnitudeConvertsAsTheDefinitionSays() {
    // A random mantissa at a random power of ten: each digit count from 1 to 19 equally often.
    qt().withExamples(200_000).forAll(longs().between(1, Long.MAX_VALUE), integers().between(0, 18))
        .checkAssert((m, digits) -> {
          long micro = digits == 18 ? m : m % (long) Math.pow(10, digits + 1) + 1;
          same(micro);
        });
  }

  @Test
  void boundariesAndTiesConvertAsTheDefinitionSays() {
    same(0);
    same(1);
    same(Long.MAX_VALUE);
    same(Long.MIN_VALUE);
    same(-3_600_000_000_000L);
    for (long p = 1; p <= 100_000_000_000_000_000L; p *= 10) {
      for (long d = -2; d <= 2; d++) {
        same(36 * p + d);
        same(p + d);
      }
    }
    // Quotients whose 17th digit is exactly 5 (ties): micro = 3.6e12 × (q + 0.5) × 10^-s for 16-digit q.
    for (long q = 1_000_000_000_000_000L; q < 1_000_000_000_000_100L; q++) {
      same((2 * q + 1) * 18); // (q + 0.5) × 36 → a quotient of q.5 × 10^-11 kWh
    }
    for (long q = 9_007_199_254_740_000L; q < 9_007_199_254_741_000L; q++) {
      same(q * 36 / 10); // near 2^53 in the scaled quotient
    }
  }

  @Test
  void beyondALongTheDefinitionIsUsed() {
    BigInteger big = BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(1000)).add(BigInteger.ONE);
    assertEquals(new BigDecimal(big).divide(new BigDecimal(3_600_000_000_000L), MathContext.DECIMAL64).doubleValue(),
        ConsumptionModel.kilowattHours(big));
  }

  /*
   * Whether the long-arithmetic way applies: the quotient is at least 1e-7 kWh (its 16 digits then need at most 22
   * decimals) and, without trailing zeros (down to no decimals), its digits stay below 2^53, so one IEEE division
   * of exact numbers gives the nearest double.
   */
  private static boolean longsApply(long micro) {
    BigDecimal q = new BigDecimal(micro).divide(new BigDecimal(3_600_000_000_000L), MathContext.DECIMAL64);
    if (q.compareTo(new BigDecimal("1e-7")) < 0) {
      return false;
    }
    BigDecimal stripped = q.stripTrailingZeros();
    if (stripped.scale() < 0) {
      stripped = stripped.setScale(0);
    }
    return stripped.unscaledValue().bitLength() <= 53;
  }

  /* The long way answers exactly where it applies and hands over (NaN) elsewhere. */
  private static void longWay(long micro) {
    double fast = ConsumptionModel.kilowattHoursInLongs(micro);
    if (longsApply(micro)) {
      assertEquals(Double.doubleToRawLongBits(definition(micro)), Double.doubleToRawLongBits(fast),
          () -> micro + " µJ: the long way gave " + fast);
    } else {
      assertTrue(Double.isNaN(fast), () -> micro + " µJ: the long way answered " + fast + " where it cannot be exact");
    }
  }

  @Test
  void theLongWayAnswersAtEveryDigitBoundary() {
    // Powers of ten and 36 × 10^m (where the quotient gains a digit), and one either side: the digit count of the
    // quotient is worked out, not tried, at exactly these values.
    for (long p = 1; p <= 1_000_000_000_000_000_000L; p *= 10) {
      for (long d = -1; d <= 1; d++) {
        if (p + d > 0) {
          longWay(p + d);
        }
        if (p <= Long.MAX_VALUE / 36) {
          longWay(36 * p + d);
        }
      }
    }
    longWay(Long.MAX_VALUE);
    // The smallest quotients the long way takes: 1e-7 kWh needs 22 decimals (1e6 µJ ≈ 2.78e-7 kWh).
    assertEquals(definition(1_000_000), ConsumptionModel.kilowattHoursInLongs(1_000_000));
    assertEquals(definition(999_999), ConsumptionModel.kilowattHoursInLongs(999_999));
    // 2^63 µJ no longer fits a long: the BigInteger form must not read it as one.
    BigInteger twoTo63 = BigInteger.ONE.shiftLeft(63);
    assertEquals(new BigDecimal(twoTo63).divide(new BigDecimal(3_600_000_000_000L), MathContext.DECIMAL64)
        .doubleValue(), ConsumptionModel.kilowattHours(twoTo63));
  }

  @Test
  void theLongWayAnswersExactlyWhereItApplies() {
    // Not only the same result: the fast way itself must answer (not hand over to BigDecimal) where it can.
    qt().withExamples(100_000).forAll(longs().between(1, Long.MAX_VALUE), integers().between(5, 18))
        .checkAssert((m, digits) -> {
          long micro = digits == 18 ? m : m % (long) Math.pow(10, digits + 1) + 1;
          double fast = ConsumptionModel.kilowattHoursInLongs(micro);
          if (longsApply(micro)) {
            assertEquals(Double.doubleToRawLongBits(definition(micro)), Double.doubleToRawLongBits(fast),
                () -> micro + " µJ: the long way gave " + fast);
          } else {
            assertTrue(Double.isNaN(fast), () -> micro + " µJ: the long way answered " + fast
                + " where it cannot be exact");
          }
        });
    assertEquals(1.0, ConsumptionModel.kilowattHoursInLongs(3_600_000_000_000L));
    assertEquals(10.0, ConsumptionModel.kilowattHoursInLongs(36_000_000_000_000L));
    assertEquals(0.5, ConsumptionModel.kilowattHoursInLongs(1_800_000_000_000L));
  }
}
