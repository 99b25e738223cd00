package dev.ergon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;

class CounterUnwrapperTest {

  private static final long RANGE = 262_143_328_850L; // Intel package max_energy_range_uj
  private static final long SEC = 1_000_000_000L;

  @Test
  void oneWrapIsCorrected() {
    CounterUnwrapper u = new CounterUnwrapper(RANGE, 1000, 0);
    assertEquals(0, u.advance(RANGE - 100, 0));
    // 100 µJ to the wrap point, then 50 past it: 150 µJ in 1 s.
    assertEquals(150, u.advance(50, SEC));
    assertEquals(0, u.droppedIntervals());
  }

  @Test
  void aDecreaseWithoutARangeIsDroppedNeverNegated() {
    CounterUnwrapper u = new CounterUnwrapper(0, 1000, 0);
    u.advance(1_000_000, 0);
    assertEquals(CounterUnwrapper.DROPPED, u.advance(10, SEC));
    assertEquals(1, u.droppedIntervals());
    assertEquals(5, u.advance(15, 2 * SEC), "counting resumes from the new value");
  }

  @Test
  void anImplausibleJumpIsDropped() {
    CounterUnwrapper u = new CounterUnwrapper(RANGE, 100, 0); // at most 100 W
    u.advance(0, 0);
    assertEquals(CounterUnwrapper.DROPPED, u.advance(150_000_000, SEC)); // 150 J in 1 s = 150 W
    assertEquals(90_000_000, u.advance(240_000_000, 2 * SEC)); // 90 W is fine
  }

  @Test
  void aResetThatLooksLikeAWrapIsDroppedBecauseItIsImplausible() {
    CounterUnwrapper u = new CounterUnwrapper(RANGE, 1000, SEC);
    u.advance(5_000_000_000L, 0);
    // Counter reset to ~0: as a wrap it would be ~257 kJ in 1 s; the plausibility bound (1000 W x 2 s) drops it.
    assertEquals(CounterUnwrapper.DROPPED, u.advance(1000, SEC));
  }

  @Test
  void aDecreaseAfterMoreThanOneWrapTimeIsDropped() {
    long range = 1_000_000; // 1 J: wraps in 1 ms at 1000 W
    CounterUnwrapper u = new CounterUnwrapper(range, 1000, 0);
    u.advance(900_000, 0);
    assertEquals(CounterUnwrapper.DROPPED, u.advance(100, 2_000_000)); // 2 ms later: could be 1 or 2 wraps
  }

  /** For any trace polled within the safe interval, the unwrapped deltas sum to the true energy. */
  @Test
  void unwrappedDeltasSumToTheTrueEnergy() {
    qt().withExamples(300).forAll(
            longs().between(1_000, 100_000_000_000L),            // wrap range, µJ
            longs().between(0, 100_000_000_000L),                // initial counter offset
            lists().of(integers().between(0, 1000)).ofSizeBetween(1, 200)) // power per interval, W
        .checkAssert((range, offset, powers) -> {
          double maxWatts = 1000;
          // Safe poll interval: a quarter of the wrap time at max power, at most 1 s.
          long dt = Math.max(1, Math.min(SEC, (long) (range / (maxWatts * 1e-3) / 4)));
          CounterUnwrapper u = new CounterUnwrapper(range, maxWatts, 0);
          long raw = offset % range;
          long t = 0;
          u.advance(raw, t);
          long truth = 0;
          long measured = 0;
          for (int watts : powers) {
            long uj = (long) Math.floor(watts * 1e-3 * dt); // energy in this interval, µJ
            truth += uj;
            raw = (raw + uj) % range;
            t += dt;
            long d = u.advance(raw, t);
            assertTrue(d >= 0, "never negative, never dropped when polled safely: " + d);
            measured += d;
          }
          assertEquals(truth, measured);
          assertEquals(0, u.droppedIntervals());
        });
  }

  @Test
  void deltasAreNeverNegativeWhateverTheReadings() {
    qt().forAll(longs().between(0, 1_000_000), lists().of(longs().between(0, 2_000_000)).ofSizeBetween(1, 50))
        .checkAssert((range, readings) -> {
          CounterUnwrapper u = new CounterUnwrapper(range, 500, 0);
          long t = 0;
          for (long r : readings) {
            t += 1_000_000;
            long d = u.advance(r, t);
            assertTrue(d >= 0 || d == CounterUnwrapper.DROPPED, "delta " + d);
          }
        });
    assertEquals(List.of(), List.of());
  }
}
