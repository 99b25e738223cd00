package dev.ergon.plan;

import static dev.ergon.plan.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ergon.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Profiles from records, worked out by hand from their buckets. */
class JobProfileTest {

  @Test
  void medianDurationMeanShapeAndSpread() {
    // Three 2-hour runs on the hour: (1, 3), (2, 2), (3, 1) kWh. Slot means: 2, 2; sample sd: 1, 1.
    JobProfile p = JobProfile.fromRecords(List.of(
        Fixtures.record("a", "j", "DE", at(0), at(2), Tags.empty(), null, 1, 3),
        Fixtures.record("b", "j", "DE", at(5), at(7), Tags.empty(), null, 2, 2),
        Fixtures.record("c", "j", "DE", at(9), at(11), Tags.empty(), null, 3, 1)), Duration.ofHours(1));
    assertEquals(Duration.ofHours(2), p.duration());
    assertEquals(2, p.slotCount());
    assertEquals(2.0, p.energyKwh(0), 1e-12);
    assertEquals(2.0, p.energyKwh(1), 1e-12);
    assertEquals(1.0, p.spreadKwh(0), 1e-12);
    assertEquals(3, p.runs());
    assertEquals(4.0, p.totalKwh(), 1e-12);
  }

  @Test
  void runsOfOtherLengthsAreStretchedToTheMedian() {
    // Runs of 1 h, 2 h, 4 h: median 2 h. The 4-h run starts at 00:30 so its buckets are 00-01 (1 kWh over 30 min),
    // 01-02 (2), 02-03 (2), 03-04 (2), 04-05 (1 kWh over its first 30 min): its first half (2 h of 4) holds
    // 1 + 2 + 1 (half of the 02-03 bucket's 2... see below) and is stretched onto the profile's first hour.
    // First half of the run is 00:30-02:30: 1 + 2 + 1 = 4 kWh; second half 02:30-04:30: 1 + 2 + 1 = 4 kWh.
    Instant s = at(0).plus(Duration.ofMinutes(30));
    JobProfile p = JobProfile.fromRecords(List.of(
        Fixtures.record("a", "j", null, at(0), at(1), Tags.empty(), null, 2),
        Fixtures.record("b", "j", null, at(0), at(2), Tags.empty(), null, 1, 3),
        Fixtures.record("c", "j", null, s, s.plus(Duration.ofHours(4)), Tags.empty(), null, 1, 2, 2, 2, 1)),
        Duration.ofHours(1));
    assertEquals(Duration.ofHours(2), p.duration());
    // Slot 0: run a's first half (1), b's first hour (1), c's first half (4): mean 2. Slot 1: 1, 3, 4: mean 8/3.
    assertEquals(2.0, p.energyKwh(0), 1e-9);
    assertEquals(8.0 / 3, p.energyKwh(1), 1e-9);
  }

  @Test
  void lastSlotMayBeShort() {
    JobProfile p = JobProfile.fromRecords(List.of(
        Fixtures.record("a", "j", null, at(0), at(0).plus(Duration.ofMinutes(90)), Tags.empty(), null, 2, 1)),
        Duration.ofHours(1));
    assertEquals(2, p.slotCount());
    assertEquals(2.0, p.energyKwh(0), 1e-9);
    assertEquals(1.0, p.energyKwh(1), 1e-9);
  }

  @Test
  void noRunIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> JobProfile.fromRecords(List.of(), Duration.ofHours(1)));
    assertThrows(IllegalArgumentException.class, () -> JobProfile.of(Duration.ofHours(2), Duration.ofHours(1),
        new double[] {1}, new double[] {0}));
  }
}
