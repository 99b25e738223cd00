package dev.ergon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ProcCpuTimes} over a fake proc root: the fields it sums, the tick unit, and its fallbacks. */
class ProcCpuTimesTest {

  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100

  @TempDir
  Path proc;

  private void write(String name, String text) throws IOException {
    Path f = proc.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text, StandardCharsets.US_ASCII);
  }

  @Test
  void processTimeIsUtimePlusStimeInTicksEvenWithParenthesesAndSpacesInTheName() throws IOException {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime ...
    write("self/stat", "4242 (java (x) y) S 1 2 3 4 5 6 7 8 9 10 300 45 777 888 20 0 1 0\n");
    assertEquals((300 + 45) * NANOS_PER_TICK, new ProcCpuTimes(proc).processNanos());
  }

  @Test
  void withoutProcTheProcessTimeIsTheJvmsOwn() {
    long jvm = new ProcCpuTimes(proc).processNanos(); // proc is empty: falls back to the JVM's process CPU time
    assertTrue(jvm > 0, "the JVM has used some CPU: " + jvm);
  }

  @Test
  void machineBusyIsUserNiceSystemIrqSoftirqNotIdleIowaitSteal() throws IOException {
    // cpu user nice system idle iowait irq softirq steal guest guest_nice
    write("stat", "cpu0 1 1 1 1 1 1 1 1 1 1\ncpu  1000 20 300 99999 7777 4 5 6666 50 3\ncpu0 1 1 1 1 1 1 1 1\n");
    ProcCpuTimes t = new ProcCpuTimes(proc);
    assertEquals((1000 + 20 + 300 + 4 + 5) * NANOS_PER_TICK, t.machineBusyNanos(123));
  }

  @Test
  void aShortCpuLineSumsTheFieldsItHas() throws IOException {
    write("stat", "cpu  10 20 30 40\n"); // an old kernel: no irq or softirq columns
    assertEquals(60 * NANOS_PER_TICK, new ProcCpuTimes(proc).machineBusyNanos(0));
    write("stat", "cpu  10 20 30 40 50\n"); // up to iowait: still no irq (field 6)
    assertEquals(60 * NANOS_PER_TICK, new ProcCpuTimes(proc).machineBusyNanos(0));
    write("stat", "cpu  10 20 30 40 50 6\n"); // irq, no softirq (field 7)
    assertEquals(66 * NANOS_PER_TICK, new ProcCpuTimes(proc).machineBusyNanos(0));
  }

  @Test
  void withoutProcStatBusyTimeIsElapsedTimesProcessorsAccumulated() throws IOException {
    int cpus = Runtime.getRuntime().availableProcessors();
    ProcCpuTimes t = new ProcCpuTimes(proc);
    assertEquals(1000L * cpus, t.machineBusyNanos(1000));
    assertEquals(1500L * cpus, t.machineBusyNanos(500));
    assertEquals(1500L * cpus, t.machineBusyNanos(-7), "a negative elapsed time adds nothing");
    write("stat", "intr 1 2 3\n"); // no cpu line: the same fallback
    assertEquals(1600L * cpus, t.machineBusyNanos(100));
  }

  @Test
  void aMalformedCpuLineFallsBackToTheCapacityEstimate() throws IOException {
    write("stat", "cpu  10 x 30 40\n");
    int cpus = Runtime.getRuntime().availableProcessors();
    assertEquals(7L * cpus, new ProcCpuTimes(proc).machineBusyNanos(7));
  }
}
