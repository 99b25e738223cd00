package dev.ergon.benchmarks;

import dev.ergon.benchmarks.fixture.SampleRecords;
import dev.ergon.benchmarks.fixture.ScratchDirectory;
import dev.ergon.ledger.RecordJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under a durable ledger append on this disk: one {@code FileChannel.write} of one record's line at the
 * end of a file, then {@code force(false)}; no lock, no encoding. {@code jsonl-record} in
 * {@link LedgerAppendBenchmark} should stay within 1.5 times this. Also the cost of encoding one record: as the
 * ledger does ({@link #encodeLedgerLine}, hand-written UTF-8 into a reused buffer; run with {@code -prof gc} to see
 * that it allocates only the line's bytes) and as self-contained JSON text through Jackson ({@link #encode}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class LedgerFloorBenchmark {
  private ScratchDirectory dir;
  private FileChannel channel;
  private byte[] line;
  private final RecordJson json = new RecordJson();
  private dev.ergon.EnergyRecord record;

  /**
   * Opens the file.
   *
   * @throws IOException if it cannot be created
   */
  @Setup(Level.Iteration)
  @Initializer
  public void setUp() throws IOException {
    record = SampleRecords.generate(1, "DE", 1)[0];
    line = (json.toJson(record) + "\n").getBytes(StandardCharsets.UTF_8);
    dir = ScratchDirectory.onDisk("ergon-bench-floor");
    channel = FileChannel.open(dir.path().resolve(Path.of("floor.jsonl")), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /**
   * Closes and deletes the file.
   *
   * @throws IOException if it cannot be deleted
   */
  @TearDown(Level.Iteration)
  public void tearDown() throws IOException {
    channel.close();
    dir.close();
  }

  /**
   * Writes one line and forces it.
   *
   * @throws IOException if the disk fails
   */
  @Benchmark
  public void writeAndForce() throws IOException {
    ByteBuffer b = ByteBuffer.wrap(line);
    while (b.hasRemaining()) {
      channel.write(b);
    }
    channel.force(false);
  }

  /**
   * Encodes one record as the ledger writes it: a schema 2 line, UTF-8, newline included.
   *
   * @return the line's bytes
   */
  @Benchmark
  public byte[] encodeLedgerLine() {
    return json.toLedgerLine(record);
  }

  /**
   * Encodes one record as its self-contained JSON text (schema 1, through Jackson's generator).
   *
   * @return the text
   */
  @Benchmark
  public String encode() {
    return json.toJson(record);
  }
}
