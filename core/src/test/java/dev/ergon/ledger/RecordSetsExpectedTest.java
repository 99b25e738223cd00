package dev.ergon.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Attribution;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** {@link RecordSets} compared with the expected records, written out by hand. */
class RecordSetsExpectedTest {

  private static final Instant START = Records.START;

  /** A record of job "train" on host-1, tags model=bert, started at START, changed in one field per call. */
  private static EnergyRecord rec(String id, RecordStatus status, long endSeconds) {
    return with(id, status, endSeconds, "train", null, Tags.of("model", "bert"), "host-1", START,
        Attribution.MACHINE, List.of());
  }

  private static EnergyRecord with(String id, RecordStatus status, long endSeconds, String name,
      @Nullable String parent, Tags tags, String host, Instant start, Attribution attribution, List<String> problems) {
    return new EnergyRecord(id, parent, name, tags, host, "DE", start, START.plusSeconds(endSeconds), 1,
        attribution, List.of(), List.of(), status, problems, null);
  }

  @Test
  void theUnionIsEveryIdOnceSortedById() {
    EnergyRecord a = rec(Records.id(1), RecordStatus.COMPLETE, 10);
    EnergyRecord b = rec(Records.id(2), RecordStatus.COMPLETE, 20);
    EnergyRecord c = rec(Records.id(3), RecordStatus.COMPLETE, 30);
    assertEquals(List.of(a, b, c), RecordSets.union(List.of(List.of(c, a), List.of(b, a), List.of())));
    assertEquals(List.of(), RecordSets.union(List.of()));
    assertEquals(List.of(a), RecordSets.union(List.of(List.of(a), List.of(a))));
  }

  @Test
  void aFinalRecordSupersedesItsCheckpointsInEitherOrder() {
    EnergyRecord open = rec(Records.id(1), RecordStatus.OPEN, 50);
    EnergyRecord done = rec(Records.id(1), RecordStatus.COMPLETE, 40); // ends earlier, still wins: it is final
    assertEquals(List.of(done), RecordSets.union(List.of(List.of(open), List.of(done))));
    assertEquals(List.of(done), RecordSets.union(List.of(List.of(done), List.of(open))));
    assertSame(done, RecordSets.later(open, done));
    assertSame(done, RecordSets.later(done, open));
  }

  @Test
  void ofTwoCheckpointsTheLaterEndWinsAndTheSecondOnATie() {
    EnergyRecord early = rec(Records.id(1), RecordStatus.OPEN, 10);
    EnergyRecord late = rec(Records.id(1), RecordStatus.OPEN, 20);
    assertSame(late, RecordSets.later(early, late));
    assertSame(late, RecordSets.later(late, early));
    EnergyRecord twin = with(Records.id(1), RecordStatus.OPEN, 20, "train", null, Tags.of("model", "bert"),
        "host-1", START, Attribution.MACHINE, List.of("a note makes it a different object"));
    assertSame(twin, RecordSets.later(late, twin));
    assertSame(late, RecordSets.later(twin, late));
    assertEquals(List.of(late), RecordSets.union(List.of(List.of(late, early))));
  }

  @Test
  void aDanglingJobClosedLaterIsReplacedByItsFinalRecord() {
    EnergyRecord open = rec(Records.id(1), RecordStatus.OPEN, 10);
    EnergyRecord dangling = RecordSets.closeDangling(open);
    assertEquals(with(Records.id(1), RecordStatus.PARTIAL, 10, "train", null, Tags.of("model", "bert"), "host-1",
        START, Attribution.MACHINE, List.of(RecordSets.DANGLING)), dangling);
    EnergyRecord done = rec(Records.id(1), RecordStatus.COMPLETE, 30);
    assertEquals(List.of(done), RecordSets.union(List.of(List.of(dangling), List.of(done))));
    assertTrue(RecordSets.sameJob(dangling, done));
    // a PARTIAL record for another reason is final: a second final state is a conflict
    EnergyRecord partial = with(Records.id(1), RecordStatus.PARTIAL, 10, "train", null, Tags.of("model", "bert"),
        "host-1", START, Attribution.MACHINE, List.of("a meter failed"));
    assertFalse(RecordSets.sameJob(partial, done));
  }

  @Test
  void closeDanglingLeavesFinalRecordsAsTheyAreAndKeepsTheOrder() {
    EnergyRecord done = rec(Records.id(2), RecordStatus.COMPLETE, 5);
    EnergyRecord open = with(Records.id(1), RecordStatus.OPEN, 7, "train", null, Tags.of("model", "bert"), "host-1",
        START, Attribution.MACHINE, List.of("slow meter"));
    assertSame(done, RecordSets.closeDangling(done));
    assertEquals(List.of(done, with(Records.id(1), RecordStatus.PARTIAL, 7, "train", null, Tags.of("model", "bert"),
        "host-1", START, Attribution.MACHINE, List.of("slow meter", RecordSets.DANGLING))),
        RecordSets.closeDangling(List.of(done, open)));
  }

  @Test
  void recordsDifferingInAnIdentityFieldAreNotOneJobAndConflict() {
    String id = Records.id(9);
    EnergyRecord open = rec(id, RecordStatus.OPEN, 10);
    Tags tags = Tags.of("model", "bert");
    List<EnergyRecord> others = List.of(
        with(id, RecordStatus.COMPLETE, 20, "eval", null, tags, "host-1", START, Attribution.MACHINE, List.of()),
        with(id, RecordStatus.COMPLETE, 20, "train", Records.id(8), tags, "host-1", START, Attribution.MACHINE,
            List.of()),
        with(id, RecordStatus.COMPLETE, 20, "train", null, Tags.of("model", "gpt"), "host-1", START,
            Attribution.MACHINE, List.of()),
        with(id, RecordStatus.COMPLETE, 20, "train", null, tags, "host-2", START, Attribution.MACHINE, List.of()),
        with(id, RecordStatus.COMPLETE, 20, "train", null, tags, "host-1", START.plusSeconds(1),
            Attribution.MACHINE, List.of()),
        with(id, RecordStatus.COMPLETE, 20, "train", null, tags, "host-1", START, Attribution.PROCESS, List.of()));
    for (EnergyRecord other : others) {
      assertFalse(RecordSets.sameJob(open, other), other.toString());
      assertFalse(RecordSets.sameJob(other, open), other.toString());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> RecordSets.union(List.of(List.of(open), List.of(other))));
      assertTrue(String.valueOf(e.getMessage()).startsWith("two different records share id " + id + " (jobs '"),
          e.getMessage());
    }
    EnergyRecord otherId = rec(Records.id(10), RecordStatus.OPEN, 10);
    assertFalse(RecordSets.sameJob(open, otherId));
    EnergyRecord done = rec(id, RecordStatus.COMPLETE, 20);
    EnergyRecord doneAgain = rec(id, RecordStatus.COMPLETE, 30);
    assertFalse(RecordSets.sameJob(done, doneAgain), "two final states");
    assertTrue(RecordSets.sameJob(open, done));
    assertTrue(RecordSets.sameJob(done, open));
  }
}
