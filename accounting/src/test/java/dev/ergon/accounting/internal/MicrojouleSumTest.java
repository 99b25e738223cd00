package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** {@link MicrojouleSum} is exact past 2^63 µJ, in either sign, whatever the order of the terms. */
class MicrojouleSumTest {

  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  @Test
  void aSumPastTwoToThe63IsExact() {
    MicrojouleSum s = new MicrojouleSum();
    s.add(Long.MAX_VALUE);
    s.add(1);
    assertEquals(MAX.add(BigInteger.ONE), s.value());
    s.add(Long.MAX_VALUE);
    s.add(Long.MAX_VALUE);
    assertEquals(MAX.multiply(BigInteger.valueOf(3)).add(BigInteger.ONE), s.value());
    s.add(-1);
    assertEquals(MAX.multiply(BigInteger.valueOf(3)), s.value());
  }

  @Test
  void aNegativeOverflowIsExactToo() {
    MicrojouleSum s = new MicrojouleSum();
    s.add(Long.MIN_VALUE);
    s.add(-1);
    assertEquals(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE), s.value());
  }

  @Test
  void bigTermsAddExactlyAndSmallOnesStayOnTheLongPath() {
    MicrojouleSum s = new MicrojouleSum();
    BigInteger huge = BigInteger.TWO.pow(70);
    s.add(huge);
    s.add(BigInteger.valueOf(5));
    s.add(7);
    assertEquals(huge.add(BigInteger.valueOf(12)), s.value());
    MicrojouleSum small = new MicrojouleSum();
    small.add(BigInteger.valueOf(Long.MAX_VALUE)); // 63 bits: still a long
    small.add(BigInteger.valueOf(Long.MAX_VALUE));
    assertEquals(MAX.shiftLeft(1), small.value());
    MicrojouleSum exact = new MicrojouleSum();
    exact.add(BigInteger.TWO.pow(63)); // 64 bits: the BigInteger path
    assertEquals(BigInteger.TWO.pow(63), exact.value());
    assertEquals(BigInteger.ZERO, new MicrojouleSum().value());
  }

  @Test
  void anySumEqualsTheBigIntegerSum() {
    qt().forAll(lists().of(longs().all()).ofSizeBetween(0, 40)).checkAssert(terms -> {
      MicrojouleSum s = new MicrojouleSum();
      BigInteger expected = BigInteger.ZERO;
      for (long t : terms) {
        s.add(t);
        expected = expected.add(BigInteger.valueOf(t));
      }
      assertEquals(expected, s.value());
    });
  }
}
