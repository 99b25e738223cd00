package dev.ergon.cli.internal;

import dev.ergon.Attribution;
import dev.ergon.EnergyRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The observer effect of {@code ergon measure}: the CPU time this JVM itself spent (sampling, JIT, loading factors)
 * while the command ran, and from its first second on, when start-up work is over.
 *
 * <p>Under {@code --attribution machine} that CPU time, and the energy it drew, is inside the record's energy; under
 * {@code --attribution process} it is left out, since only the command's processes are charged. The record carries
 * the CPU time ({@link EnergyRecord#selfCpu()}, {@code self_cpu_ns} in the ledger) and the summary prints a sentence
 * that starts with {@link #PREFIX}. Read from {@code utime + stime} of {@code /proc/self/stat}, in ticks of 10 ms; not measured where that file does not
 * exist.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe.
 */
final class SelfCost {

  /** How every self-cost note begins. */
  static final String PREFIX = "ergon itself:";

  /** When start-up work is taken to be over. */
  static final long SETTLE_NANOS = 1_000_000_000L;

  private final LongSupplier cpuNanos;
  private final LongSupplier ticker;
  private final long startCpu;
  private final long startTime;
  private volatile long settledCpu = -1;
  private volatile long settledTime;

  SelfCost(LongSupplier cpuNanos, LongSupplier ticker) {
    this.cpuNanos = cpuNanos;
    this.ticker = ticker;
    this.startCpu = cpuNanos.getAsLong();
    this.startTime = ticker.getAsLong();
  }

  /**
   * Starts measuring this process now, and takes a second reading after {@link #SETTLE_NANOS} on a daemon thread.
   *
   * @return the measurement
   */
  static SelfCost start() {
    SelfCost s = new SelfCost(() -> readSelf(Path.of("/proc")), System::nanoTime);
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(SETTLE_NANOS / 1_000_000);
        s.settle();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "ergon-self-cost");
    t.setDaemon(true);
    t.start();
    return s;
  }

  /** Takes the reading after which the steady share is computed. */
  void settle() {
    long cpu = cpuNanos.getAsLong();
    settledTime = ticker.getAsLong();
    settledCpu = cpu;
  }

  /**
   * What the measurement found.
   *
   * @param cpu this process's CPU time over the run
   * @param note the summary's sentence, starting with {@link #PREFIX}
   */
  record Result(Duration cpu, String note) {}

  /**
   * Ends the measurement, or returns {@code null} if this process's CPU time cannot be read.
   *
   * @param attribution the record's attribution
   * @return the CPU time and the note
   */
  @Nullable Result end(Attribution attribution) {
    long endCpu = cpuNanos.getAsLong();
    long endTime = ticker.getAsLong();
    if (startCpu < 0 || endCpu < 0) {
      return null;
    }
    long cpu = Math.max(0, endCpu - startCpu);
    return new Result(Duration.ofNanos(cpu), note(cpu, endTime - startTime,
        settledCpu < 0 ? -1 : endCpu - settledCpu, endTime - settledTime, attribution));
  }

  /**
   * Ends the measurement and returns the note, or {@code null} if this process's CPU time cannot be read.
   *
   * @param attribution the record's attribution
   * @return the note
   */
  @Nullable String note(Attribution attribution) {
    Result r = end(attribution);
    return r == null ? null : r.note();
  }

  /**
   * Words the note.
   *
   * @param cpu CPU time over the run, ns
   * @param window the run's length, ns
   * @param steadyCpu CPU time from the first second on, ns; negative if the run was shorter
   * @param steadyWindow the length of that part, ns
   * @param attribution the record's attribution
   * @return the note
   */
  static String note(long cpu, long window, long steadyCpu, long steadyWindow, Attribution attribution) {
    StringBuilder b = new StringBuilder(PREFIX).append(String.format(Locale.US,
        " %.2f s of CPU while the command ran (%.1f %% of one core over %.1f s",
        cpu / 1e9, window > 0 ? 100.0 * cpu / window : 0.0, window / 1e9));
    if (steadyCpu >= 0 && steadyWindow > 0) {
      b.append(String.format(Locale.US, "; %.2f %% after the first second", 100.0 * steadyCpu / steadyWindow));
    }
    b.append(attribution == Attribution.PROCESS
        ? "); left out of this energy, which charges only the command's processes"
        : "); its energy is inside this figure, which charges the whole machine");
    return b.toString();
  }

  /** This process's CPU time, ns, or -1 if it cannot be read. */
  static long readSelf(Path procRoot) {
    try {
      return self(Files.readString(procRoot.resolve("self").resolve("stat"), StandardCharsets.US_ASCII));
    } catch (IOException | IllegalArgumentException | ArithmeticException e) {
      return -1;
    }
  }

  /** Parses {@code utime + stime} (fields 14 and 15) from the text of {@code /proc/<pid>/stat}, in ns. */
  static long self(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("no ')' after the command name");
    }
    String[] f = stat.substring(close + 1).trim().split("\\s+");
    if (f.length < 13) {
      throw new IllegalArgumentException("only " + (f.length + 2) + " fields");
    }
    return Math.multiplyExact(Long.parseLong(f[11]) + Long.parseLong(f[12]), CpuTimeSample.NANOS_PER_TICK);
  }
}
