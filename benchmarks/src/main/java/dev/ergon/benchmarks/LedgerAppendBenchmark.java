package dev.ergon.benchmarks;

import dev.ergon.EnergyRecord;
import dev.ergon.benchmarks.fixture.SampleRecords;
import dev.ergon.benchmarks.fixture.ScratchDirectory;
import dev.ergon.ledger.InMemoryLedger;
import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.ledger.Ledger;
import dev.ergon.ledger.SyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 * Appending one record to a ledger from one thread: in memory, and to a JSON Lines file on disk with each sync
 * mode: {@code record} (own write and fsync), {@code group} (one thread, so the same cost as {@code record}) and
 * {@code async:100ms} (written at once, forced every 100 ms). Records per second are {@code 1e9 / score}. For
 * several threads sharing one ledger see {@link LedgerSharedAppendBenchmark}; for the raw write + force floor on
 * the same disk, {@link LedgerFloorBenchmark}.
 *
 * <p>Records are distinct; after {@value #POOL} appends the ledger is replaced by
 * a fresh one (its file deleted), which keeps memory and disk use bounded and is part of the cost measured. The
 * file lives under {@code java.io.tmpdir}, or the directory named by the system property {@code ergon.bench.disk}:
 * on tmpfs an {@code fsync} costs nothing, so point it at a real disk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LedgerAppendBenchmark {

  /** Records appended to one ledger before it is replaced. */
  static final int POOL = 16_384;

  /** The ledger: {@code memory}, {@code jsonl-record}, {@code jsonl-group} or {@code jsonl-async-100ms}. */
  @Param({"memory", "jsonl-record", "jsonl-group", "jsonl-async-100ms"})
  public String ledger = "memory";

  private EnergyRecord[] records;
  private ScratchDirectory dir;
  private Ledger current;
  private int next;
  private int generation;

  /**
   * Makes the records and opens the first ledger.
   *
   * @throws IOException if the directory cannot be created
   */
  @Setup(Level.Trial)
  @Initializer
  public void setUp() throws IOException {
    records = SampleRecords.generate(POOL, "DE", 1);
    dir = ScratchDirectory.onDisk("ergon-bench-ledger");
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

  /**
   * Appends the next record.
   *
   * @throws IOException if a full ledger's file cannot be deleted
   */
  @Benchmark
  public void append() throws IOException {
    if (next == POOL) {
      rotate();
    }
    current.append(records[next++]);
  }

  private void rotate() throws IOException {
    current.close();
    if (current instanceof JsonLinesLedger file) {
      Files.delete(file.path());
    }
    generation++;
    current = open();
    next = 0;
  }

  private Ledger open() {
    Path file = dir.path().resolve("ledger-" + generation + ".jsonl");
    return switch (ledger) {
      case "memory" -> new InMemoryLedger();
      case "jsonl-record" -> JsonLinesLedger.open(file, SyncPolicy.RECORD);
      case "jsonl-group" -> JsonLinesLedger.open(file, SyncPolicy.GROUP);
      case "jsonl-async-100ms" -> JsonLinesLedger.open(file, SyncPolicy.async(Duration.ofMillis(100)));
      default -> throw new IllegalArgumentException("unknown ledger '" + ledger
          + "'; use memory, jsonl-record, jsonl-group or jsonl-async-100ms");
    };
  }
}
