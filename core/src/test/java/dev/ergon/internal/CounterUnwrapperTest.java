package dev.ergon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
  private static final long MS = 1_000_000L;
  private static final long BURST = CounterUnwrapper.MAX_BURST_ALLOWANCE_NANOS;

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
    CounterUnwrapper u = new CounterUnwrapper(RANGE, 1000, CounterUnwrapper.MAX_BURST_ALLOWANCE_NANOS);
    u.advance(5_000_000_000L, 0);
    // Counter reset to ~0: as a wrap it would be ~257 kJ in 1 s; the ceiling (1000 W x 1.2 x 1.1 s) drops it.
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

  /** Issue #11: 1.1 kJ in one 200 ms tick (5.5 kW) once passed a 1 s slack; it is above any package's ceiling. */
  @Test
  void theIssue11GlitchIsDroppedAndCounted() {
    for (double zoneMax : new double[] {250, 1000}) { // a realistic package's max_power, and the 1000 W default
      CounterUnwrapper u = new CounterUnwrapper(RANGE, zoneMax, BURST);
      u.advance(10_000_000, 0);
      assertEquals(CounterUnwrapper.DROPPED, u.advance(10_000_000 + 1_100_000_000L, 200 * MS), "at " + zoneMax);
      assertEquals(1, u.droppedIntervals());
      // the next tick at 200 W is counted from the glitched value: nothing of the glitch leaks into it
      assertEquals(40_000_000, u.advance(1_110_000_000L + 40_000_000, 400 * MS));
    }
  }

  /**
   * NVML's counter refreshes every ~100 ms: a 10 ms poll sees either nothing or a whole 100 ms step. At a steady
   * 700 W on a 700 W GPU none of those steps is dropped, and the deltas add up to the counter's total.
   */
  @Test
  void aBurstyCounterPolledFasterThanItRefreshesIsNeverDroppedAtTheLimit() {
    CounterUnwrapper u = new CounterUnwrapper(0, 700, BURST);
    long refresh = 100 * MS;
    long sum = 0;
    long counter = 0;
    for (long t = 0; t <= 10 * SEC; t += 10 * MS) {
      counter = 700_000 * ((t + 3 * MS) / refresh) * (refresh / MS); // 700 W = 700 000 µJ per ms, stepwise
      long d = u.advance(counter, t);
      assertTrue(d >= 0, "dropped at " + t + " ns");
      sum += d;
    }
    assertEquals(counter, sum);
    assertEquals(0, u.droppedIntervals());
  }

  @Test
  void theBurstAllowanceIsBoundedAndTheCeilingMustBeFinite() {
    assertThrows(IllegalArgumentException.class, () -> new CounterUnwrapper(RANGE, 250, BURST + 1));
    assertThrows(IllegalArgumentException.class, () -> new CounterUnwrapper(RANGE, 250, -1));
    assertThrows(IllegalArgumentException.class, () -> new CounterUnwrapper(RANGE, Double.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> new CounterUnwrapper(RANGE, Double.POSITIVE_INFINITY, 0));
    assertThrows(IllegalArgumentException.class, () -> new CounterUnwrapper(RANGE, 0, 0));
  }

  /**
   * For any power trace that stays at or below the channel's maxPower, read through a counter that refreshes in
   * steps of 1 to 100 ms and wraps, polled at random intervals of at least 10 ms within the safe wrap interval:
   * nothing is dropped, and the deltas sum exactly to the energy the counter shows.
   */
  @Test
  void aTraceUnderTheLimitIsNeverDroppedAndSumsExactly() {
    qt().withExamples(300).forAll(
            integers().between(1, 2000).zip(longs().between(1_000_000_000L, 300_000_000_000L),
                longs().between(MS, 100 * MS), longs().between(0, 1_000_000), Setup::new),
            lists().of(integers().between(0, 1000)).ofSizeBetween(1, 150), // gap, per mille of the safe range
            lists().of(integers().between(0, 1000)).ofSizeBetween(1, 150), // power, per mille of maxPower
            longs().between(0, 300_000_000_000L))                          // the counter's offset, µJ
        .checkAssert((setup, gaps, powers, offset) -> {
          int n = Math.min(gaps.size(), powers.size());
          // the longest gap: half of what keeps one interval's energy, with the allowance, below one range
          long maxGap = Math.min(2 * SEC,
              (long) ((setup.range() * 1e3 / (CounterUnwrapper.CEILING_MARGIN * setup.watts()) - BURST) / 2));
          assertTrue(maxGap >= 10 * MS, "setup " + setup);
          long[] times = new long[n + 1];
          long[] milliwatts = new long[n];
          for (int i = 0; i < n; i++) {
            times[i + 1] = times[i] + 10 * MS + (maxGap - 10 * MS) * gaps.get(i) / 1000;
            milliwatts[i] = (long) setup.watts() * powers.get(i); // watts × per mille = mW
          }
          long phase = setup.phase() % setup.refresh();
          CounterUnwrapper u = new CounterUnwrapper(setup.range(), setup.watts(), BURST);
          long first = visibleMicrojoules(times[0], times, milliwatts, setup.refresh(), phase);
          u.advance((offset + first) % setup.range(), times[0]);
          long measured = 0;
          long shown = first;
          for (int i = 1; i <= n; i++) {
            shown = visibleMicrojoules(times[i], times, milliwatts, setup.refresh(), phase);
            long d = u.advance((offset + shown) % setup.range(), times[i]);
            assertTrue(d >= 0, "dropped interval " + i + " of " + setup);
            measured += d;
          }
          assertEquals(shown - first, measured);
          assertEquals(0, u.droppedIntervals());
        });
  }

  /** For any single interval holding more than the ceiling, {@code maxPower × 1.2 × (Δt + allowance)}: dropped. */
  @Test
  void anIntervalAboveTheCeilingIsDroppedAndCountedOneAtOrBelowIsNot() {
    qt().withExamples(500).forAll(
            integers().between(1, 5000),            // maxPower, W
            longs().between(0, 100 * SEC),          // Δt, ns
            longs().between(0, BURST),              // burst allowance, ns
            longs().between(1, 1_000_000_000_000L)) // excess over the ceiling, µJ
        .checkAssert((watts, dt, allowance, excess) -> {
          double ceiling = watts * CounterUnwrapper.CEILING_MARGIN * 1e-3 * ((double) dt + allowance);
          long atCeiling = (long) Math.floor(ceiling);
          CounterUnwrapper over = new CounterUnwrapper(0, watts, allowance);
          over.advance(1_000, 0);
          assertEquals(CounterUnwrapper.DROPPED, over.advance(1_000 + atCeiling + excess, dt));
          assertEquals(1, over.droppedIntervals());
          CounterUnwrapper at = new CounterUnwrapper(0, watts, allowance);
          at.advance(1_000, 0);
          assertEquals(atCeiling, at.advance(1_000 + atCeiling, dt));
          assertEquals(0, at.droppedIntervals());
        });
  }

  /** One generated channel: its maxPower (W), wrap range (µJ), refresh period (ns) and refresh phase (ns). */
  private record Setup(int watts, long range, long refresh, long phase) {}

  /**
   * Returns the energy a stepwise-refreshed counter shows at a time: the true energy up to its last refresh.
   *
   * @param t the time, ns
   * @param times the poll times; power {@code milliwatts[i]} holds from {@code times[i]} to {@code times[i + 1]}
   * @param milliwatts the power of each interval, mW
   * @param refresh the refresh period, ns
   * @param phase the time of the first refresh, ns
   * @return µJ, rounded down as a counter's resolution does
   */
  private static long visibleMicrojoules(long t, long[] times, long[] milliwatts, long refresh, long phase) {
    if (t < phase) {
      return 0;
    }
    long refreshed = phase + (t - phase) / refresh * refresh;
    long milliwattNanos = 0;
    for (int i = 0; i < milliwatts.length && times[i] < refreshed; i++) {
      milliwattNanos += milliwatts[i] * (Math.min(times[i + 1], refreshed) - times[i]);
    }
    return milliwattNanos / 1_000_000; // 1 mW × 1 ns = 1e-12 J = 1e-6 µJ
  }
}
