package dev.ergon.accounting.internal;

import java.math.BigInteger;

/**
 * A running sum of energies in µJ, exact at any size: it adds in a {@code long} and moves to {@link BigInteger}
 * only if the sum would pass {@link Long#MAX_VALUE} µJ (about 2.6 TWh), so summing allocates nothing in practice.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe; used by one calculation.
 */
final class MicrojouleSum {
  private long small;
  private BigInteger big = BigInteger.ZERO;

  /** Creates a sum of zero. */
  MicrojouleSum() {}

  /**
   * Adds an energy.
   *
   * @param micro µJ
   */
  void add(BigInteger micro) {
    if (micro.bitLength() < Long.SIZE) {
      add(micro.longValue());
    } else {
      big = big.add(micro);
    }
  }

  /**
   * Adds an energy.
   *
   * @param micro µJ
   */
  void add(long micro) {
    long sum = small + micro;
    if (((small ^ sum) & (micro ^ sum)) < 0) {
      big = big.add(BigInteger.valueOf(small)).add(BigInteger.valueOf(micro));
      small = 0;
    } else {
      small = sum;
    }
  }

  /**
   * Returns the sum.
   *
   * @return µJ
   */
  BigInteger value() {
    return big.signum() == 0 ? BigInteger.valueOf(small) : big.add(BigInteger.valueOf(small));
  }
}
