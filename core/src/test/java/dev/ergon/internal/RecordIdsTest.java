package dev.ergon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordIdsTest {

  @Test
  void idsAreVersion7UniqueAndSortInTimeOrder() {
    RecordIds ids = new RecordIds(42);
    Set<String> seen = new HashSet<>();
    String previous = "";
    long t = 1_764_000_000_000L;
    for (int i = 0; i < 20_000; i++) {
      if (i % 1000 == 0) {
        t += 1; // many ids per millisecond, then the next millisecond
      }
      String id = ids.next(t);
      UUID u = UUID.fromString(id);
      assertEquals(7, u.version());
      assertEquals(2, u.variant());
      assertEquals(t, u.getMostSignificantBits() >>> 16, "the first 48 bits are the millisecond");
      assertTrue(seen.add(id));
      assertTrue(id.compareTo(previous) > 0, id + " after " + previous);
      previous = id;
    }
  }

  @Test
  void aClockThatStepsBackNeverBreaksTheOrder() {
    RecordIds ids = new RecordIds(7);
    String a = ids.next(2_000_000_000_000L);
    String b = ids.next(1_000_000_000_000L);
    assertTrue(b.compareTo(a) > 0);
  }

  @Test
  void fourThousandNinetySixIdsInOneMillisecondThenTheCounterRollsIntoTheNext() {
    RecordIds ids = new RecordIds(7);
    long t = 1_750_000_000_000L;
    UUID first = UUID.fromString(ids.next(t));
    int start = (int) (first.getMostSignificantBits() & 0xFFF);
    assertTrue(start < 0x400, "the counter starts below 1024: " + start);
    // The counter counts up to 0xFFF inside the millisecond; the id after that is the next millisecond's first.
    UUID previous = first;
    for (int expected = start + 1; expected <= 0xFFF; expected++) {
      UUID u = UUID.fromString(ids.next(t));
      assertEquals(t, u.getMostSignificantBits() >>> 16, "millisecond of counter " + expected);
      assertEquals(expected, u.getMostSignificantBits() & 0xFFF);
      assertTrue(u.toString().compareTo(previous.toString()) > 0);
      previous = u;
    }
    UUID rolled = UUID.fromString(ids.next(t));
    assertEquals(t + 1, rolled.getMostSignificantBits() >>> 16);
    assertEquals(0, rolled.getMostSignificantBits() & 0xFFF);
    assertEquals(7, rolled.version());
    assertTrue(rolled.toString().compareTo(previous.toString()) > 0);
    // The clock still reads t: the ids stay in the millisecond they rolled into.
    UUID after = UUID.fromString(ids.next(t));
    assertEquals(t + 1, after.getMostSignificantBits() >>> 16);
    assertEquals(1, after.getMostSignificantBits() & 0xFFF);
  }

  @Test
  void generatorsSeededByTheSystemDifferFromEachOther() {
    // 64 generators' first ids in one millisecond: with 64-bit seeds from /dev/urandom, all differ (a seed of a few
    // bits, or the same seed, would make some of them equal).
    Set<String> firsts = new HashSet<>();
    Set<Long> randomParts = new HashSet<>();
    for (int i = 0; i < 64; i++) {
      String id = new RecordIds().next(1_750_000_000_000L);
      firsts.add(id);
      randomParts.add(UUID.fromString(id).getLeastSignificantBits());
    }
    assertEquals(64, firsts.size());
    assertEquals(64, randomParts.size());
  }
}
