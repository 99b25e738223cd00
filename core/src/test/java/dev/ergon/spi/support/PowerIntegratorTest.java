package dev.ergon.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Trapezoid integration of mW samples over ns into µJ, exact to the floor of the true sum. */
class PowerIntegratorTest {

  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;

  @Test
  void aConstantHundredWattsForOneSecondIsOneHundredJoules() {
    PowerIntegrator p = new PowerIntegrator();
    assertEquals(0, p.add(5 * S, 100_000));
    assertEquals(100_000_000L, p.add(6 * S, 100_000), "100 W × 1 s = 100 J = 1e8 µJ");
  }

  @Test
  void aRampIsIntegratedExactlyByTheTrapezoid() {
    PowerIntegrator p = new PowerIntegrator();
    p.add(0, 0);
    assertEquals(150_000_000L, p.add(1 * S, 300_000), "0 → 300 W in 1 s: mean 150 W × 1 s = 150 J");
  }

  @Test
  void subMicrojouleStepsAreCarriedNotLost() {
    // 1 mW for 0.5 ms is 0.5 µJ: rounding each step would lose all of it; 1000 steps are 500 µJ.
    PowerIntegrator p = new PowerIntegrator();
    long t = 0;
    p.add(t, 1);
    for (int i = 0; i < 1000; i++) {
      t += MS / 2;
      p.add(t, 1);
    }
    assertEquals(500, p.microjoules());
  }

  @Test
  void aClockThatStepsBackAddsNothing() {
    PowerIntegrator p = new PowerIntegrator();
    p.add(10 * S, 100_000);
    assertEquals(100_000_000L, p.add(11 * S, 100_000));
    assertEquals(100_000_000L, p.add(9 * S, 100_000));
    assertEquals(200_000_000L, p.add(12 * S, 100_000), "integrates from the latest time, 11 s");
  }

  @Test
  void powerOutsideAnUnsigned32BitValueIsRejected() {
    PowerIntegrator p = new PowerIntegrator();
    assertThrows(IllegalArgumentException.class, () -> p.add(0, -1));
    assertThrows(IllegalArgumentException.class, () -> p.add(0, 1L << 32));
  }

  @Test
  void longGapsAtTheLargestPowerDoNotOverflowAProduct() {
    PowerIntegrator p = new PowerIntegrator();
    p.add(0, 0xFFFF_FFFFL);
    // (2^32 - 1) mW for 1000 s + 0.999999999 s: exact value by hand = (2^32 - 1) × 1000999999999 ns / 1e6.
    long expected = BigInteger.valueOf(0xFFFF_FFFFL).multiply(BigInteger.valueOf(1000 * S + S - 1))
        .divide(BigInteger.valueOf(1_000_000)).longValueExact();
    assertEquals(expected, p.add(1000 * S + S - 1, 0xFFFF_FFFFL));
  }

  @Test
  void constantPowerOverAnySplitOfTheTimeIsTheFloorOfPowerTimesTime() {
    qt().forAll(longs().between(0, 4_000_000L), lists().of(longs().between(1, 3 * S)).ofSizeBetween(1, 40))
        .check((mw, steps) -> {
          PowerIntegrator p = new PowerIntegrator();
          long t = 0;
          p.add(t, mw);
          for (long dt : steps) {
            t += dt;
            p.add(t, mw);
          }
          // mW × ns = 1e-12 J = 1e-6 µJ
          long expected = BigInteger.valueOf(mw).multiply(BigInteger.valueOf(t))
              .divide(BigInteger.valueOf(1_000_000)).longValueExact();
          return p.microjoules() == expected;
        });
  }

  @Test
  void anySamplesGiveTheFloorOfTheExactTrapezoidSumAndNeverDecrease() {
    qt().forAll(
            lists().of(longs().between(0, 0xFFFF_FFFFL)).ofSizeBetween(2, 30),
            lists().of(longs().between(0, 5 * S)).ofSize(30))
        .check((powers, steps) -> {
          PowerIntegrator p = new PowerIntegrator();
          long t = 0;
          long previous = p.add(t, powers.get(0));
          BigInteger exactTwiceMilliwattNanos = BigInteger.ZERO;
          for (int i = 1; i < powers.size(); i++) {
            long dt = steps.get(i);
            t += dt;
            long now = p.add(t, powers.get(i));
            if (now < previous) {
              return false;
            }
            previous = now;
            exactTwiceMilliwattNanos = exactTwiceMilliwattNanos.add(
                BigInteger.valueOf(powers.get(i - 1) + powers.get(i)).multiply(BigInteger.valueOf(dt)));
          }
          return previous == exactTwiceMilliwattNanos.divide(BigInteger.valueOf(2_000_000)).longValueExact();
        });
  }

  @Test
  void theFirstSampleOnlyPrimes() {
    PowerIntegrator p = new PowerIntegrator();
    assertFalse(p.primed());
    assertEquals(0, p.add(123, 999_999));
    assertTrue(p.primed());
    assertEquals(0, p.microjoules());
  }
}
