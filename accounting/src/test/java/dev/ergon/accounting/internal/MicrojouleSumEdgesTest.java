package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Sums that land exactly on {@code Long.MAX_VALUE} / {@code Long.MIN_VALUE} µJ, and the first step past each. */
class MicrojouleSumEdgesTest {

  private static BigInteger sum(long... terms) {
    MicrojouleSum s = new MicrojouleSum();
    for (long t : terms) {
      s.add(t);
    }
    return s.value();
  }

  @Test
  void landingOnTheLongLimitsAndOneStepPast() {
    assertEquals(BigInteger.valueOf(Long.MAX_VALUE), sum(Long.MAX_VALUE - 1, 1));
    assertEquals(BigInteger.TWO.pow(63), sum(Long.MAX_VALUE - 1, 1, 1));
    assertEquals(BigInteger.valueOf(Long.MIN_VALUE), sum(Long.MIN_VALUE + 1, -1));
    assertEquals(BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE), sum(Long.MIN_VALUE + 1, -1, -1));
  }

  @Test
  void pastTheLimitAndBackTheSumStaysExact() {
    // 2^63 - 1 + 2^63 - 1 = 2^64 - 2; then minus 2^63 - 1 twice: 0; then 5.
    assertEquals(BigInteger.TWO.pow(64).subtract(BigInteger.TWO), sum(Long.MAX_VALUE, Long.MAX_VALUE));
    assertEquals(BigInteger.valueOf(5), sum(Long.MAX_VALUE, Long.MAX_VALUE, -Long.MAX_VALUE, -Long.MAX_VALUE, 5));
    assertEquals(BigInteger.valueOf(-3), sum(Long.MIN_VALUE, -1, 1, Long.MAX_VALUE, 1, -3));
  }
}
