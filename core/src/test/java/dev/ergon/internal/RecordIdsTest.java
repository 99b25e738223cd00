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
}
