package dev.ergon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The exporters' per-job series: bounded with one overflow series, closed totals plus live jobs, never decreasing. */
class JobSeriesTableTest {

  private final AtomicReference<MonitorSnapshot> snapshot = new AtomicReference<>(snap());
  private final List<JobSeriesTable.Key> registered = new ArrayList<>();

  private static MonitorSnapshot snap(MonitorSnapshot.JobState... jobs) {
    return new MonitorSnapshot(Instant.EPOCH, List.of(), Energy.ZERO, List.of(jobs));
  }

  private static MonitorSnapshot.JobState open(String name, Tags tags, long microjoules, long units) {
    return new MonitorSnapshot.JobState("01900000-0000-7000-8000-000000000001", null, name, tags, false,
        Energy.ofMicrojoules(microjoules), units, false);
  }

  private static EnergyRecord record(String name, Tags tags, long units, RecordStatus status) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    return new EnergyRecord("01900000-0000-7000-8000-00000000000" + units, null, name, tags, "h", null, t,
        t.plusSeconds(1), units, Attribution.MACHINE, List.of(), List.of(), status, List.of());
  }

  @Test
  void seriesAreBoundedWithOneOverflowSeriesAndAbsentTagsNamedNone() {
    JobSeriesTable table = new JobSeriesTable(List.of("version"), 2, 0, snapshot::get, registered::add);
    JobSeriesTable.Key a = table.keyOf("predict", Tags.of("version", "1"));
    JobSeriesTable.Key b = table.keyOf("train", Tags.empty());
    JobSeriesTable.Key c = table.keyOf("predict", Tags.of("version", "2"));
    assertEquals(List.of("1"), a.values());
    assertEquals(List.of(JobSeriesTable.NONE), b.values());
    assertEquals(new JobSeriesTable.Key(JobSeriesTable.OTHER, List.of(JobSeriesTable.OTHER)), c);
    assertEquals(c, table.keyOf("anything", Tags.empty()), "every later key falls into the overflow series");
    assertEquals(3, table.size());
    assertEquals(List.of(a, b, c), registered, "each key registered once");
  }

  @Test
  void closedTotalsPlusLiveJobsNeverDecreaseAndCheckpointsAreSkipped() {
    JobSeriesTable table = new JobSeriesTable(List.of(), 10, 0, snapshot::get, k -> {});
    JobSeriesTable.Key k = table.keyOf("predict", Tags.empty());
    snapshot.set(snap(open("predict", Tags.empty(), 5_000_000, 40)));
    assertEquals(new JobSeriesTable.Values(5.0, 40, false), table.get(k));
    table.closed(record("predict", Tags.empty(), 3, RecordStatus.OPEN)); // a checkpoint: the final record counts
    snapshot.set(snap()); // the job closed; its record has not arrived yet
    assertEquals(new JobSeriesTable.Values(5.0, 40, false), table.get(k), "held, never decreasing");
    table.closed(record("predict", Tags.empty(), 7, RecordStatus.COMPLETE));
    assertEquals(new JobSeriesTable.Values(5.0, 40, false), table.get(k), "7 units < 40 held: still monotonic");
    snapshot.set(snap(open("predict", Tags.empty(), 1_000_000, 50)));
    assertEquals(new JobSeriesTable.Values(5.0, 57, false), table.get(k), "closed 7 + live 50 units");
  }
}
