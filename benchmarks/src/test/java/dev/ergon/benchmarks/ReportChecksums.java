package dev.ergon.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import dev.ergon.EnergyRecord;
import dev.ergon.accounting.ReportFormat;
import dev.ergon.accounting.cells.ConsumptionCells;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.sci.Sci;
import dev.ergon.accounting.sci.SciReport;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.scope2.Scope2Calculator;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.benchmarks.fixture.SampleRecords;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Prints the SHA-256 of every report format (Scope 2 and SCI) over the AccountingBenchmark's sample records, with
 * and without certificates, and times the Scope 2 calculation by the calculating thread's CPU time, the process's
 * CPU time, wall time and the bytes allocated by all threads (allocation and CPU time are steadier on a shared
 * machine than wall time), with the input digest on the common pool (the default) and in the calling thread. A check that a speed-up changes no byte: run it on the
 * build before and after and compare the lines.
 *
 * <p>Usage: {@code ReportChecksums [digests] [time N REPS] [cells N REPS]}. Not thread-safe (a main).
 */
public final class ReportChecksums {
  private static final String ENTITY = "Bench Ltd";

  private ReportChecksums() {}

  /**
   * Runs the checks named in the arguments ({@code digests} when none).
   *
   * @param args {@code digests}, {@code time N REPS} (records, repetitions) or {@code cells N REPS}
   */
  public static void main(String[] args) {
    List<String> a = args.length == 0 ? List.of("digests") : Arrays.asList(args);
    for (int i = 0; i < a.size(); i++) {
      switch (a.get(i)) {
        case "digests" -> digests();
        case "time" -> time(Integer.parseInt(a.get(++i)), Integer.parseInt(a.get(++i)), false);
        case "cells" -> time(Integer.parseInt(a.get(++i)), Integer.parseInt(a.get(++i)), true);
        default -> throw new IllegalArgumentException("unknown check '" + a.get(i) + "'; use digests, time, cells");
      }
    }
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private static List<EnergyRecord> records(int n) {
    return Arrays.asList(SampleRecords.generate(n, List.of("DE", "FR", "aws:eu-west-1"), 2025));
  }

  /* As AccountingBenchmark.setUp builds it. */
  private static Scope2Calculator calculator(String instruments) {
    Scope2Calculator c = Scope2.calculator(EmissionFactors.bundled());
    if (instruments.equals("none")) {
      return c;
    }
    return c.instruments(AccountingBenchmark.certificates()).reportingEntity(ENTITY);
  }

  private static void digests() {
    List<EnergyRecord> records = records(100_000);
    for (String instruments : List.of("none", "certificates")) {
      Scope2Report r = calculator(instruments).calculate(records);
      System.out.println("scope2 " + instruments + " input " + r.inputDigest());
      for (ReportFormat f : ReportFormat.values()) {
        System.out.println("scope2 " + instruments + " " + f + " " + sha256Hex(f.toString(r)));
      }
      Scope2Report fromCells = calculator(instruments).calculate(ConsumptionCells.of(records));
      System.out.println("scope2-cells " + instruments + " input " + fromCells.inputDigest());
      for (ReportFormat f : ReportFormat.values()) {
        System.out.println("scope2-cells " + instruments + " " + f + " " + sha256Hex(f.toString(fromCells)));
      }
    }
    SciReport sci = Sci.calculator(EmissionFactors.bundled()).calculate(records);
    System.out.println("sci input " + sci.inputDigest());
    for (ReportFormat f : ReportFormat.values()) {
      System.out.println("sci " + f + " " + sha256Hex(f.toString(sci)));
    }
  }

  private static void time(int n, int reps, boolean cellsOnly) {
    List<EnergyRecord> records = records(n);
    ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (String instruments : List.of("none", "certificates")) {
      if (cellsOnly && instruments.equals("certificates")) {
        continue;
      }
      // The calculator as configured by default (input digest on the common pool) and with everything in the
      // calling thread (Runnable::run): calling-thread CPU, whole-process CPU (all threads, GC included), wall
      // time and bytes allocated by all threads, best of the repetitions.
      for (String digest : cellsOnly ? List.of("-") : List.of("pool", "same-thread")) {
        Scope2Calculator c = digest.equals("same-thread") ? calculator(instruments).digestExecutor(Runnable::run)
            : calculator(instruments);
        long bestCpu = Long.MAX_VALUE;
        long bestProcessCpu = Long.MAX_VALUE;
        long bestWall = Long.MAX_VALUE;
        long bestAlloc = Long.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
          long cpu0 = mx.getCurrentThreadCpuTime();
          long process0 = os.getProcessCpuTime();
          long alloc0 = allocated(mx);
          long wall0 = System.nanoTime();
          Object out = cellsOnly ? ConsumptionCells.of(records) : c.calculate(records);
          long wall = System.nanoTime() - wall0;
          long cpu = mx.getCurrentThreadCpuTime() - cpu0;
          long processCpu = os.getProcessCpuTime() - process0;
          long alloc = allocated(mx) - alloc0;
          Objects.requireNonNull(out, "no result");
          bestCpu = Math.min(bestCpu, cpu);
          bestProcessCpu = Math.min(bestProcessCpu, processCpu);
          bestWall = Math.min(bestWall, wall);
          bestAlloc = Math.min(bestAlloc, alloc);
        }
        System.out.printf("%s %s digest=%s n=%d reps=%d best: %.0f records/s calling-thread CPU, %.0f records/s "
            + "process CPU, %.0f records/s wall, %.0f B/record%n", cellsOnly ? "cells" : "scope2", instruments, digest,
            n, reps, n / (bestCpu / 1e9), n / (bestProcessCpu / 1e9), n / (bestWall / 1e9), (double) bestAlloc / n);
      }
    }
  }

  /* Bytes allocated so far by the live threads (the common pool's workers included). */
  private static long allocated(ThreadMXBean mx) {
    long sum = 0;
    for (long b : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) {
      sum += Math.max(0, b);
    }
    return sum;
  }
}
