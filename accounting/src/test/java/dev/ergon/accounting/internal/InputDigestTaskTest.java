package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The task's period guess, and what it does with a failure while digesting. */
class InputDigestTaskTest {

  private static EnergyRecord record(String id, String start, String end, long micro) {
    Instant s = Instant.parse(start);
    Energy e = Energy.ofMicrojoules(micro);
    return new EnergyRecord(id, null, "job", Tags.empty(), "h", "DE", s, Instant.parse(end), 0,
        Attribution.MACHINE, List.of(new ChannelEnergy("c", "m", ChannelKind.CPU_PACKAGE, "d", Method.COUNTER, 0, e, e,
            0, List.of())), List.of(new BucketEnergy(s, Instant.parse(end), e)), RecordStatus.COMPLETE, List.of());
  }

  @Test
  void thePeriodGuessedIsTheWholeYearsFromFirstStartToLastEnd() {
    EnergyRecord a = record("a", "2025-06-01T00:00:00Z", "2025-06-01T00:30:00Z", 5);
    EnergyRecord b = record("b", "2027-03-01T00:00:00Z", "2027-03-01T00:30:00Z", 0);
    EnergyRecord newYear = record("c", "2025-12-31T23:30:00Z", "2026-01-01T00:00:00Z", 5);
    assertEquals(new ReportingPeriod(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2028-01-01T00:00:00Z")),
        InputDigestTask.guessPeriod(new EnergyRecord[] {b, a}));
    // A record ending at midnight on New Year's Day used no time of the new year.
    assertEquals(ReportingPeriod.ofYear(2025), InputDigestTask.guessPeriod(new EnergyRecord[] {a, newYear}));
    assertNull(InputDigestTask.guessPeriod(new EnergyRecord[0]));
  }

  @Test
  void aFailureWhileDigestingIsThrownAsItWasOnEveryExecutor() {
    IllegalStateException boom = new IllegalStateException("boom");
    Function<ReportingPeriod, SortedMap<String, String>> failing = p -> {
      throw boom;
    };
    List<EnergyRecord> records = List.of(record("a", "2025-06-01T00:00:00Z", "2025-06-01T00:30:00Z", 5));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      for (Executor e : List.<Executor>of(Runnable::run, pool, r -> { })) {
        InputDigestTask t = InputDigestTask.start(e, "scope2", failing, null, List.of(), records, List.of(),
            List.of());
        assertSame(boom, assertThrows(IllegalStateException.class, () -> t.finish(new TreeMap<>())));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void withAGivenPeriodTheDigestIsTheCallingThreadsEvenWithoutRecords() {
    ReportingPeriod year = ReportingPeriod.ofYear(2025);
    SortedMap<String, String> opts = new TreeMap<>();
    opts.put("period", year.toString());
    InputDigestTask t = InputDigestTask.start(Runnable::run, "scope2", p -> new TreeMap<>(opts), year, List.of(),
        List.of(), List.of(), List.of());
    assertEquals(InputDigest.of("scope2", opts, List.of(), List.of(), List.of(), List.of()), t.finish(opts));
  }
}
