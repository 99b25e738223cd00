package dev.ergon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * {@link CounterUnwrapper} on its boundaries: a counter at exactly its range, a gap of exactly one wrap time, a zero
 * or negative range. With a 1 J range and a 1000 W limit, one wrap time is 1 J / 1000 W = 1 ms.
 */
class CounterUnwrapperBoundaryTest {

  private static final long RANGE = 1_000_000; // µJ
  private static final long WRAP_TIME = 1_000_000; // ns: 1e6 µJ at 1000 W (1 µJ per ns)

  @Test
  void aCounterReadAtExactlyItsRangeWrapsFromThere() {
    CounterUnwrapper u = new CounterUnwrapper(RANGE, 1000, 0);
    u.advance(RANGE, 0); // max_energy_range_uj itself, as some zones show before they wrap
    assertEquals(500, u.advance(500, WRAP_TIME / 2)); // (range - range) + 500
    assertEquals(0, u.droppedIntervals());
  }

  @Test
  void aPreviousReadingAboveTheRangeCannotBeAWrap() {
    CounterUnwrapper u = new CounterUnwrapper(RANGE, 1000, 0);
    u.advance(RANGE + 1, 0);
    assertEquals(CounterUnwrapper.DROPPED, u.advance(500, WRAP_TIME / 2));
    assertEquals(1, u.droppedIntervals());
  }

  @Test
  void aDecreaseJustInsideOneWrapTimeIsAWrapAndAtExactlyOneWrapTimeIsNot() {
    CounterUnwrapper inside = new CounterUnwrapper(RANGE, 1000, 0);
    inside.advance(900_000, 0);
    assertEquals(100_100, inside.advance(100, WRAP_TIME - 1)); // 100 000 to the wrap, 100 past it
    CounterUnwrapper at = new CounterUnwrapper(RANGE, 1000, 0);
    at.advance(900_000, 0);
    assertEquals(CounterUnwrapper.DROPPED, at.advance(100, WRAP_TIME)); // one or two wraps: cannot tell
    assertEquals(1, at.droppedIntervals());
  }

  @Test
  void theWrapTimeIsTheRangeOverTheMaximumPower() {
    // 1 J at 500 W wraps in 2 ms: a decrease 1.5 ms later is one wrap, 2 ms later it is not
    CounterUnwrapper inside = new CounterUnwrapper(RANGE, 500, 0);
    inside.advance(900_000, 0);
    assertEquals(100_100, inside.advance(100, 1_500_000));
    CounterUnwrapper after = new CounterUnwrapper(RANGE, 500, 0);
    after.advance(900_000, 0);
    assertEquals(CounterUnwrapper.DROPPED, after.advance(100, 2_000_000));
  }

  @Test
  void anEqualReadingIsAZeroDeltaNotAWrap() {
    CounterUnwrapper u = new CounterUnwrapper(RANGE, 1000, 0);
    u.advance(400, 0);
    assertEquals(0, u.advance(400, 10 * WRAP_TIME));
    assertEquals(0, u.droppedIntervals());
  }

  @Test
  void aZeroRangeIsAllowedAndANegativeOneIsNot() {
    CounterUnwrapper none = new CounterUnwrapper(0, 1, 0);
    none.advance(10, 0);
    assertEquals(CounterUnwrapper.DROPPED, none.advance(5, 1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new CounterUnwrapper(-1, 1000, 0));
    assertEquals("wrap range must be >= 0 µJ, got -1", e.getMessage());
    // the allowance's bounds themselves are allowed
    new CounterUnwrapper(RANGE, 1000, 0);
    new CounterUnwrapper(RANGE, 1000, CounterUnwrapper.MAX_BURST_ALLOWANCE_NANOS);
  }

  @Test
  void theBurstAllowanceWidensTheCeilingByExactlyItsLength() {
    // 1000 W × 1.2 = 1.2 µJ per ns; Δt = 1000 ns and an allowance of 1000 ns: ceiling 2400 µJ
    CounterUnwrapper u = new CounterUnwrapper(0, 1000, 1000);
    u.advance(0, 0);
    assertEquals(2399, u.advance(2399, 1000));
    assertEquals(CounterUnwrapper.DROPPED, u.advance(2399 + 2401, 2000));
    assertEquals(1, u.droppedIntervals());
  }

  @Test
  void timeGoingBackwardsCountsAsNoTime() {
    CounterUnwrapper u = new CounterUnwrapper(0, 1000, 0);
    u.advance(0, 5000);
    assertEquals(CounterUnwrapper.DROPPED, u.advance(1, 4000)); // Δt clamped to 0: a ceiling of 0 µJ
    assertEquals(0, u.advance(1, 3000));
  }
}
