package dev.ergon.benchmarks;

import dev.ergon.EnergyRecord;
import dev.ergon.benchmarks.fixture.SampleRecords;
import dev.ergon.benchmarks.fixture.ScratchDirectory;
import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.ledger.SyncPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appending to one JSON Lines ledger shared by all benchmark threads (run with {@code -t 8}): in {@code group}
 * mode waiting appends share one write and one fsync; in {@code async} mode they share writes. Throughput in
 * records per second over all threads. Records repeat their ids, which a ledger accepts (readers keep one state
 * per id); one file per trial (tens of MB).
 *
 * <p>The file lives under {@code java.io.tmpdir}, or the directory named by the system property
 * {@code ergon.bench.disk}: on tmpfs an {@code fsync} costs nothing, so point it at a real disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class LedgerSharedAppendBenchmark {

  /** Distinct records cycled through. */
  static final int POOL = 16_384;

  /** The sync mode: {@code record}, {@code group} or {@code async:100ms}. */
  @Param({"record", "group", "async:100ms"})
  public String sync = "group";

  private EnergyRecord[] records;
  private ScratchDirectory dir;
  private JsonLinesLedger current;
  private final AtomicInteger next = new AtomicInteger();

  /**
   * Makes the records and the directory.
   *
   * @throws IOException if the directory cannot be created
   */
  @Setup(Level.Trial)
  @Initializer
  public void setUp() throws IOException {
    records = SampleRecords.generate(POOL, "DE", 1);
    dir = ScratchDirectory.onDisk("ergon-bench-shared-ledger");
    current = open();
  }

  /**
   * Closes the ledger and deletes its directory.
   *
   * @throws IOException if the directory cannot be deleted
   */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    current.close();
    dir.close();
  }

  /** Appends the next record. */
  @Benchmark
  public void append() {
    current.append(records[(next.getAndIncrement() & Integer.MAX_VALUE) % POOL]);
  }

  private JsonLinesLedger open() {
    Path file = dir.path().resolve("shared.jsonl");
    return JsonLinesLedger.open(file, SyncPolicy.parse(sync));
  }

  /**
   * Returns the sync policy's period, for tests.
   *
   * @return the async period, or zero
   */
  Duration period() {
    return SyncPolicy.parse(sync).period();
  }
}
