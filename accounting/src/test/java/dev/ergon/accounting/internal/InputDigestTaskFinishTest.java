package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.ChannelKind;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import dev.ergon.accounting.ReportingPeriod;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What finish returns when the guessed options are not the final ones, and the caller's interrupt flag. */
class InputDigestTaskFinishTest {

  private static EnergyRecord record(String id, String start, String end, long micro) {
    Instant s = Instant.parse(start);
    Energy e = Energy.ofMicrojoules(micro);
    return new EnergyRecord(id, null, "job", Tags.empty(), "h", "DE", s, Instant.parse(end), 0,
        Attribution.MACHINE, List.of(new ChannelEnergy("c", "m", ChannelKind.CPU_PACKAGE, "d", Method.COUNTER, 0, e, e,
            0, List.of())), List.of(new BucketEnergy(s, Instant.parse(end), e)), RecordStatus.COMPLETE, List.of());
  }

  private static SortedMap<String, String> options(String period) {
    SortedMap<String, String> o = new TreeMap<>();
    o.put("period", period);
    return o;
  }

  @Test
  void finalOptionsOtherThanTheGuessedOnesAreDigestedAgain() {
    List<EnergyRecord> records = List.of(record("a", "2025-06-01T00:00:00Z", "2025-06-01T00:30:00Z", 5));
    // The task guesses 2025 from the record; the calculation ends up reporting 2024-2025.
    InputDigestTask t = InputDigestTask.start(Runnable::run, "scope2", p -> options(p.toString()), null, List.of(),
        records, List.of(), List.of());
    SortedMap<String, String> wider = options("2024-01-01T00:00:00Z/2026-01-01T00:00:00Z");
    String expected = InputDigest.of("scope2", wider, List.of(), records, List.of(), List.of());
    assertEquals(expected, t.finish(wider));
    assertNotEquals(InputDigest.of("scope2", options(ReportingPeriod.ofYear(2025).toString()), List.of(), records,
        List.of(), List.of()), expected);
    assertFalse(Thread.currentThread().isInterrupted(), "finish sets no interrupt of its own");
  }

  @Test
  void withoutRecordsOrPeriodTheDigestIsComputedUnderTheFinalOptions() {
    SortedMap<String, String> opts = options(ReportingPeriod.ofYear(2025).toString());
    InputDigestTask t = InputDigestTask.start(Runnable::run, "sci", p -> options(p.toString()), null, List.of(),
        List.of(), List.of(), List.of());
    assertEquals(InputDigest.of("sci", opts, List.of(), List.of(), List.of(), List.of()), t.finish(opts));
  }

  @Test
  void anInterruptBeforeFinishingIsKeptForTheCaller() {
    SortedMap<String, String> opts = options(ReportingPeriod.ofYear(2025).toString());
    InputDigestTask t = InputDigestTask.start(r -> { }, "scope2", p -> options(p.toString()),
        ReportingPeriod.ofYear(2025), List.of(), List.of(), List.of(), List.of());
    Thread.currentThread().interrupt();
    try {
      assertEquals(InputDigest.of("scope2", opts, List.of(), List.of(), List.of(), List.of()), t.finish(opts));
    } finally {
      assertTrue(Thread.interrupted(), "the caller's interrupt is kept");
    }
  }
}
