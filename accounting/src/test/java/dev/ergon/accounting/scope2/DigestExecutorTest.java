package dev.ergon.accounting.scope2;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.ReportFormat;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.sci.Sci;
import dev.ergon.accounting.sci.SciCalculator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The input digest of records computed on an executor is the digest computed in the calling thread, whatever the
 * executor does: runs the task on another thread, refuses it, never runs it, or the calculation ends without it.
 */
class DigestExecutorTest {

  private static final Executor SAME_THREAD = Runnable::run;
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  private static List<EnergyRecord> records() {
    List<EnergyRecord> out = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      out.add(record(String.format("r%05d", i)).region(i % 2 == 0 ? "DE" : "FR")
          .start(String.format("2025-%02d-01T%02d:00:00Z", 1 + i % 12, i % 24)).kwh(0.5 + i % 7, 1).tags("team",
              "t" + i % 3).build());
    }
    return out;
  }

  private static Scope2Calculator calculator() {
    return Scope2.calculator(EmissionFactors.bundled());
  }

  private static void assertSameReport(Scope2Report expected, Scope2Report actual) {
    assertEquals(expected.inputDigest(), actual.inputDigest());
    assertEquals(ReportFormat.JSON.toString(expected), ReportFormat.JSON.toString(actual));
  }

  @Test
  void aPoolThreadDigestsAsTheCallingThread() {
    List<EnergyRecord> records = records();
    Scope2Report alone = calculator().digestExecutor(SAME_THREAD).calculate(records);
    for (int i = 0; i < 20; i++) {
      assertSameReport(alone, calculator().digestExecutor(pool).calculate(records));
    }
    assertSameReport(alone, calculator().calculate(records)); // the default: the common pool
    // The digest still covers the records: one record fewer gives another digest.
    assertNotEquals(alone.inputDigest(),
        calculator().digestExecutor(pool).calculate(records.subList(1, records.size())).inputDigest());
  }

  @Test
  void aGivenPeriodAndEachMatchingDigestAsTheCallingThread() {
    List<EnergyRecord> records = records();
    Scope2Calculator c = calculator().reportingPeriod(dev.ergon.accounting.ReportingPeriod.ofYear(2025)).pue(1.3);
    assertSameReport(c.digestExecutor(SAME_THREAD).calculate(records), c.digestExecutor(pool).calculate(records));
    var alone = c.digestExecutor(SAME_THREAD).calculateEachMatching(records);
    var pooled = c.digestExecutor(pool).calculateEachMatching(records);
    for (Matching m : Matching.values()) {
      assertSameReport(Objects.requireNonNull(alone.get(m)), Objects.requireNonNull(pooled.get(m)));
    }
    assertNotEquals(Objects.requireNonNull(pooled.get(Matching.ANNUAL)).inputDigest(),
        Objects.requireNonNull(pooled.get(Matching.HOURLY)).inputDigest());
  }

  @Test
  void sciDigestsAsTheCallingThread() {
    List<EnergyRecord> records = records();
    SciCalculator sci = Sci.calculator(EmissionFactors.bundled());
    assertEquals(sci.digestExecutor(SAME_THREAD).calculate(records).inputDigest(),
        sci.digestExecutor(pool).calculate(records).inputDigest());
    assertEquals(sci.digestExecutor(SAME_THREAD).calculate(records).inputDigest(),
        sci.calculate(records).inputDigest());
  }

  @Test
  void aPeriodTheRecordsTimesDoNotGiveIsDigestedAsTheCallingThread() {
    // The energy lies in 2025 only; a record without energy ends in 2027. The derived period is 2025, not the
    // 2025-2027 the records' times suggest, so the digest begun beside the calculation must be done again.
    List<EnergyRecord> records = List.of(
        record("a").region("DE").start("2025-06-01T00:00:00Z").kwh(2).build(),
        record("b").region("DE").start("2027-03-01T00:00:00Z").kwh(0).build());
    Scope2Report alone = calculator().digestExecutor(SAME_THREAD).calculate(records);
    Scope2Report pooled = calculator().digestExecutor(pool).calculate(records);
    assertEquals("2025-01-01T00:00:00Z/2026-01-01T00:00:00Z (derived from the records)",
        pooled.options().get("period"));
    assertSameReport(alone, pooled);
  }

  @Test
  void aRefusingExecutorLeavesTheWorkToTheCallingThread() {
    List<EnergyRecord> records = records();
    Executor refusing = r -> {
      throw new RejectedExecutionException("queue full");
    };
    assertSameReport(calculator().digestExecutor(SAME_THREAD).calculate(records),
        calculator().digestExecutor(refusing).calculate(records));
  }

  @Test
  void anExecutorThatNeverRunsTheTaskDoesNotHoldTheCalculationUp() {
    List<EnergyRecord> records = records();
    List<Runnable> parked = new ArrayList<>();
    Scope2Report r = calculator().digestExecutor(parked::add).calculate(records);
    assertSameReport(calculator().digestExecutor(SAME_THREAD).calculate(records), r);
    assertEquals(1, parked.size());
    Future<?> task = (Future<?>) parked.get(0);
    assertTrue(task.isDone(), "the calling thread ran the digest itself");
    parked.get(0).run(); // Running it late does nothing and throws nothing.
  }

  @Test
  void anExecutorsOwnFailureIsThrown() {
    IllegalStateException broken = new IllegalStateException("executor is broken");
    Executor failing = r -> {
      throw broken;
    };
    assertSame(broken, assertThrows(IllegalStateException.class,
        () -> calculator().digestExecutor(failing).calculate(records())));
  }

  @Test
  void aFailedCalculationAbandonsItsDigest() {
    // Two different records with one id: the aggregation refuses them; the digest handed over is cancelled.
    List<EnergyRecord> records = List.of(record("a").region("DE").kwh(1).build(),
        record("a").region("DE").kwh(2).build());
    List<Runnable> parked = new ArrayList<>();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> calculator().digestExecutor(parked::add).calculate(records));
    String message = String.valueOf(e.getMessage());
    assertTrue(message.contains("two different records have the id a"), message);
    assertTrue(((Future<?>) parked.get(0)).isCancelled());
  }

  @Test
  void anInterruptIsKeptNotThrown() {
    List<EnergyRecord> records = records();
    Scope2Report alone = calculator().digestExecutor(SAME_THREAD).calculate(records);
    Thread.currentThread().interrupt();
    Scope2Report pooled;
    try {
      pooled = calculator().digestExecutor(pool).calculate(records);
    } finally {
      assertTrue(Thread.interrupted(), "the interrupt status is kept (and cleared here)");
    }
    assertSameReport(alone, pooled);
    assertFalse(Thread.currentThread().isInterrupted());
  }
}
