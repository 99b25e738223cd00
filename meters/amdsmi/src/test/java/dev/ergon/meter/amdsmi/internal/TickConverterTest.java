package dev.ergon.meter.amdsmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.floats;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class TickConverterTest {

  /** floor((ticks mod 2^k) × resolution), computed with BigDecimal from the definition. */
  private static long expected(long ticks, float resolution, int k) {
    BigInteger t = new BigInteger(Long.toUnsignedString(ticks)).mod(BigInteger.ONE.shiftLeft(k));
    return new BigDecimal(t).multiply(new BigDecimal((double) resolution))
        .setScale(0, RoundingMode.FLOOR).longValueExact();
  }

  @Test
  void theUsualResolutionIsExact() {
    TickConverter c = new TickConverter(15.259022f);
    // 15.259022f is 15.2590217590332031250 exactly; 1,000,000 ticks are 15,259,021.759... µJ.
    assertEquals(15_259_021L, c.microjoules(1_000_000L));
    assertEquals(0L, c.microjoules(0L));
    assertEquals(expected(1L << 58, 15.259022f, 70), c.wrapRangeMicrojoules(), "the window is 2^58 ticks");
    assertEquals(0L, c.microjoules(1L << 58), "2^58 ticks is one whole window");
    assertEquals(c.microjoules(5L), c.microjoules(-(1L << 58) + 5), "2^64 - 2^58 + 5 ticks is 5 in the window");
  }

  @Test
  void aWholeMicrojouleResolutionMapsTicksOneToOne() {
    TickConverter c = new TickConverter(1.0f);
    assertEquals(123_456_789L, c.microjoules(123_456_789L));
    assertEquals(1L << 61, c.wrapRangeMicrojoules());
    assertEquals(7L, c.microjoules(-1L - ((1L << 61) - 8)), "2^64 - 2^61 + 7 ticks: 7 in the 2^61 window");
  }

  @Test
  void theConversionIsTheExactFloorForAnyTicksAndResolution() {
    qt().forAll(longs().all(), floats().between(1e-3f, 1e6f)).checkAssert((ticks, resolution) -> {
      TickConverter c = new TickConverter(resolution);
      int k = Long.numberOfTrailingZeros(windowTicks(c, resolution));
      assertEquals(expected(ticks, resolution, k), c.microjoules(ticks), ticks + " ticks of " + resolution);
      assertTrue(c.microjoules(ticks) < c.wrapRangeMicrojoules());
      assertTrue(c.wrapRangeMicrojoules() < (1L << 62) && c.wrapRangeMicrojoules() > 0);
    });
  }

  @Test
  void theConversionIsMonotoneWithinTheWindow() {
    qt().forAll(longs().between(0, (1L << 40)), longs().between(0, 1L << 20), floats().between(1e-3f, 1e6f))
        .checkAssert((ticks, more, resolution) -> {
          TickConverter c = new TickConverter(resolution);
          assertTrue(c.microjoules(ticks) <= c.microjoules(ticks + more));
        });
  }

  @Test
  void anImpossibleResolutionIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TickConverter(0f));
    assertThrows(IllegalArgumentException.class, () -> new TickConverter(-15f));
    assertThrows(IllegalArgumentException.class, () -> new TickConverter(Float.NaN));
    assertThrows(IllegalArgumentException.class, () -> new TickConverter(2e6f));
  }

  /** The window in ticks: the smallest power of two whose converted value is the wrap range. */
  private static long windowTicks(TickConverter c, float resolution) {
    for (int k = 1; k < 63; k++) {
      if (expected(1L << k, resolution, 70) == c.wrapRangeMicrojoules()) {
        return 1L << k;
      }
    }
    throw new AssertionError("no power-of-two window gives " + c.wrapRangeMicrojoules());
  }
}
