package dev.ergon.internal;

import dev.ergon.EnergyRecord;
import dev.ergon.ledger.Ledger;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage: hands records to the ledger. A record that cannot be appended is logged and counted, never
 * thrown into the job's code; the caller still has it.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe if the ledger is (every
 * {@link Ledger} is).
 */
public final class RecordSink {
  private static final Logger LOG = LoggerFactory.getLogger(RecordSink.class);

  private final @Nullable Ledger ledger;
  private final boolean owned;
  private final AtomicInteger failures = new AtomicInteger();

  /**
   * Creates a sink.
   *
   * @param ledger the ledger, or null to write nowhere
   * @param owned whether {@link #close()} closes the ledger
   */
  public RecordSink(@Nullable Ledger ledger, boolean owned) {
    this.ledger = ledger;
    this.owned = owned;
  }

  /**
   * Tells whether records go anywhere.
   *
   * @return true if there is a ledger
   */
  public boolean hasLedger() {
    return ledger != null;
  }

  /**
   * Appends records in order; a failure is logged and counted and the next record is still tried.
   *
   * @param records the records
   */
  public void append(List<EnergyRecord> records) {
    Ledger l = ledger;
    if (l == null) {
      return;
    }
    for (EnergyRecord r : records) {
      try {
        l.append(r);
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        LOG.error("could not append record {} ({}) of job '{}' to the ledger; the record is still available from "
            + "Job.record()", r.id(), r.status(), r.name(), e);
      }
    }
  }

  /**
   * Returns how many records could not be appended.
   *
   * @return the count
   */
  public int failures() {
    return failures.get();
  }

  /** Flushes the ledger's buffered records to durable storage; failures are logged. */
  public void flush() {
    Ledger l = ledger;
    if (l == null) {
      return;
    }
    try {
      l.flush();
    } catch (RuntimeException e) {
      LOG.error("flushing the ledger failed", e);
    }
  }

  /** Flushes, and closes the ledger if owned. Never throws. */
  public void close() {
    Ledger l = ledger;
    if (l == null) {
      return;
    }
    flush();
    if (owned) {
      try {
        l.close();
      } catch (RuntimeException e) {
        LOG.error("closing the ledger failed", e);
      }
    }
  }
}
