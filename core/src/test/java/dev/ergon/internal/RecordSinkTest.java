package dev.ergon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Attribution;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import dev.ergon.ledger.Ledger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The last stage: failures counted and survived, flush and close passed on as ownership says. */
class RecordSinkTest {

  /** A ledger that records the calls made to it and fails where told. */
  private static final class CallLog implements Ledger {
    final List<String> calls = new ArrayList<>();
    final List<EnergyRecord> kept = new ArrayList<>();
    boolean failAppendOf2;
    boolean failFlush;
    boolean failClose;

    @Override
    public void append(EnergyRecord record) {
      calls.add("append " + record.id());
      if (failAppendOf2 && record.id().equals("r2")) {
        throw new IllegalStateException("disk full");
      }
      kept.add(record);
    }

    @Override
    public void flush() {
      calls.add("flush");
      if (failFlush) {
        throw new IllegalStateException("fsync failed");
      }
    }

    @Override
    public List<EnergyRecord> records() {
      return List.copyOf(kept);
    }

    @Override
    public void close() {
      calls.add("close");
      if (failClose) {
        throw new IllegalStateException("close failed");
      }
    }
  }

  private static EnergyRecord record(String id) {
    Instant t = Instant.parse("2026-03-01T10:00:00Z");
    return new EnergyRecord(id, null, "job", Tags.empty(), "host", null, t, t.plusSeconds(1), 0,
        Attribution.MACHINE, List.of(), List.of(), RecordStatus.COMPLETE, List.of(), null);
  }

  @Test
  void aFailedAppendIsCountedAndTheNextRecordsAreStillAppended() {
    CallLog ledger = new CallLog();
    ledger.failAppendOf2 = true;
    RecordSink sink = new RecordSink(ledger, true);
    assertTrue(sink.hasLedger());
    sink.append(List.of(record("r1"), record("r2"), record("r3")));
    sink.append(List.of(record("r2")));
    assertEquals(2, sink.failures());
    assertEquals(List.of("r1", "r3"), ledger.records().stream().map(EnergyRecord::id).toList());
  }

  @Test
  void anOwnedLedgerIsFlushedThenClosedEvenWhenTheFlushFails() {
    CallLog ledger = new CallLog();
    ledger.failFlush = true;
    ledger.failClose = true;
    RecordSink sink = new RecordSink(ledger, true);
    sink.flush();
    sink.close();
    assertEquals(List.of("flush", "flush", "close"), ledger.calls);
    assertEquals(0, sink.failures(), "flush and close failures are logged, not counted as lost records");
  }

  @Test
  void aBorrowedLedgerIsFlushedButLeftOpen() {
    CallLog ledger = new CallLog();
    RecordSink sink = new RecordSink(ledger, false);
    sink.close();
    assertEquals(List.of("flush"), ledger.calls);
  }

  @Test
  void withoutALedgerNothingIsWrittenAndNothingFails() {
    RecordSink sink = new RecordSink(null, true);
    assertFalse(sink.hasLedger());
    sink.append(List.of(record("r1")));
    sink.flush();
    sink.close();
    assertEquals(0, sink.failures());
  }
}
