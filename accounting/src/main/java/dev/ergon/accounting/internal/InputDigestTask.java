package dev.ergon.accounting.internal;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.scope2.Instrument;
import dev.ergon.accounting.scope2.Offset;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/*
 * Why a guess: the options are digested before the records, and unless a reporting period is given they name the
 * period derived from the records' energy, known only once the records are aggregated. The task takes the period
 * from the records' start and end times (the same whole UTC years in every usual ledger) and says which options it
 * digested; finish() compares them with the calculation's and digests again on the calling thread if they differ,
 * so the digest never depends on the guess, only the time does.
 */

/**
 * The input digest of a calculation from records ({@link InputDigest#of}), started on an executor before the records
 * are aggregated so that hashing them runs beside the calculation; {@link #finish} gives the same digest the calling
 * thread would have computed alone.
 *
 * <p>The records are copied into an array once, on the calling thread, when the task starts; only that copy is read
 * by the executor's thread. If the executor refuses the task, or has not begun it when the digest is needed, the
 * calling thread computes it (so a busy, saturated or shut-down executor costs time, never the result or a
 * deadlock). An exception thrown while digesting is rethrown by {@link #finish} as it was thrown. From a thousand
 * records on, the task feeds the records' lines in chunks ({@link RecordLineChunks}), and {@link #finish}, rather than
 * only wait, builds chunks for it: the calling thread, its own work done, shares what is left of the digest's.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: started, finished and abandoned by one
 * thread, run by any.
 */
public final class InputDigestTask {
  /* Fewer records than this are digested on the task's thread alone: sharing would not pay. */
  static final int MIN_CHUNKED = 4 * RecordLineChunks.CHUNK_RECORDS;
  private static final long HELP_PAUSE_NANOS = 20_000;

  private final String calculation;
  private final Function<ReportingPeriod, SortedMap<String, String>> options;
  private final @Nullable ReportingPeriod period;
  private final List<DataSet> dataSets;
  private final EnergyRecord[] records;
  private final List<Instrument> instruments;
  private final List<Offset> offsets;
  private final FutureTask<Digested> task;
  private volatile boolean abandoned;
  /* The record lines in chunks, once the task has sorted the records and is feeding them; null before (and for a few
     records, which are digested on the task's thread alone). */
  private volatile @Nullable RecordLineChunks chunks;

  /* What the task digested: the options it used, or null if it could not guess them, and the digest. */
  private record Digested(@Nullable SortedMap<String, String> options, String digest) {}

  private InputDigestTask(String calculation, Function<ReportingPeriod, SortedMap<String, String>> options,
      @Nullable ReportingPeriod period, List<DataSet> dataSets, Collection<EnergyRecord> records,
      Collection<Instrument> instruments, Collection<Offset> offsets) {
    this.calculation = calculation;
    this.options = options;
    this.period = period;
    this.dataSets = List.copyOf(dataSets);
    this.records = records.toArray(new EnergyRecord[0]);
    this.instruments = List.copyOf(instruments);
    this.offsets = List.copyOf(offsets);
    this.task = new FutureTask<>(this::digest);
  }

  /**
   * Copies the records and hands the digest to an executor.
   *
   * @param executor runs the digest; {@code Runnable::run} computes it here and now
   * @param calculation {@code scope2} or {@code sci}
   * @param options the calculation's options for a reporting period, as {@link InputDigest#of} digests them; must
   *     be a pure function, safe to call from another thread
   * @param period the reporting period given to the calculation, or null when it is derived from the records
   * @param dataSets the data sets, in precedence order
   * @param records the records given; read here only, never by the executor's thread
   * @param instruments the instruments given
   * @param offsets the offsets given
   * @return the task, to {@link #finish} (or {@link #abandon}) on this thread
   * @throws RuntimeException anything the executor throws other than {@link RejectedExecutionException}
   */
  public static InputDigestTask start(Executor executor, String calculation,
      Function<ReportingPeriod, SortedMap<String, String>> options, @Nullable ReportingPeriod period,
      List<DataSet> dataSets, Collection<EnergyRecord> records, Collection<Instrument> instruments,
      Collection<Offset> offsets) {
    InputDigestTask t = new InputDigestTask(calculation, options, period, dataSets, records, instruments, offsets);
    try {
      executor.execute(t.task);
    } catch (RejectedExecutionException refused) {
      // Not an error: finish() runs the task on the calling thread.
    }
    return t;
  }

  /**
   * Returns the input digest under the calculation's final options: the task's when it digested the same options,
   * else one computed now. Runs the task on this thread if no executor thread has begun it; otherwise waits for it
   * (not interruptibly: an interrupt is kept for the caller).
   *
   * @param finalOptions the options the report states
   * @return {@code sha256:<hex>}
   * @throws RuntimeException what digesting threw
   */
  public String finish(SortedMap<String, String> finalOptions) {
    task.run(); // Does nothing if an executor thread has begun (or ended) it.
    help();
    Digested d = await();
    if (finalOptions.equals(d.options())) {
      return d.digest();
    }
    // The guessed period was not the one the records' energy gives: digest again under the final options.
    return InputDigest.of(calculation, finalOptions, dataSets, Arrays.asList(records), instruments, offsets);
  }

  /** Stops the task if the calculation ended without its digest (an exception); safe to call after finishing. */
  public void abandon() {
    abandoned = true;
    task.cancel(false);
  }

  /* Until the task is done: builds record lines for it once it feeds them in chunks (see RecordLineChunks). */
  private void help() {
    while (!task.isDone()) {
      RecordLineChunks c = chunks;
      if (c != null) {
        c.help();
        return;
      }
      LockSupport.parkNanos(HELP_PAUSE_NANOS); // the task is reading the period or sorting the records
    }
  }

  private Digested await() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException("the input digest failed: " + cause, cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Digested digest() {
    ReportingPeriod p = period != null ? period : guessPeriod(records);
    if (p == null) {
      return new Digested(null, "");
    }
    SortedMap<String, String> opts = options.apply(p);
    MessageDigest md = InputDigest.head(calculation, opts, dataSets);
    if (records.length < MIN_CHUNKED) {
      InputDigest.records(md, records, () -> abandoned);
    } else {
      InputDigest.sort(records);
      RecordLineChunks c = new RecordLineChunks(records, () -> abandoned);
      chunks = c;
      c.feed(md);
    }
    return new Digested(opts, InputDigest.tail(md, instruments, offsets));
  }

  /**
   * Guesses the reporting period derived from records: the whole UTC years from the earliest start to the latest
   * end (its last nanosecond), as the records' energy gives it unless some record's energy lies elsewhere.
   *
   * @param records the records
   * @return the period, or null without records or for times no period can hold
   */
  static @Nullable ReportingPeriod guessPeriod(EnergyRecord[] records) {
    if (records.length == 0) {
      return null;
    }
    Instant min = records[0].start();
    Instant max = records[0].end();
    for (EnergyRecord r : records) {
      min = r.start().isBefore(min) ? r.start() : min;
      max = r.end().isAfter(max) ? r.end() : max;
    }
    try {
      Instant last = max.isAfter(min) ? max.minusNanos(1) : max;
      int y0 = LocalDateTime.ofInstant(min, ZoneOffset.UTC).getYear();
      int y1 = LocalDateTime.ofInstant(last, ZoneOffset.UTC).getYear();
      return new ReportingPeriod(ReportingPeriod.ofYear(y0).start(), ReportingPeriod.ofYear(y1).end());
    } catch (RuntimeException outOfRange) {
      return null; // Only a guess: finish() digests under the final options.
    }
  }
}
