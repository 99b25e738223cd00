package dev.ergon.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing the children's and the machine's CPU time from /proc, in 10 ms ticks. */
class CpuTimeSampleTest {

  // Fields 1..17 of /proc/<pid>/stat: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt
  // cmajflt utime stime cutime cstime ...; comm may hold spaces and parentheses.
  private static final String SELF = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 200 3 4 "
      + "11 12 345 55 20 0 30 0 123 456\n";

  @Test
  void childrenTimeIsCutimePlusCstime() {
    // cutime 345 + cstime 55 = 400 ticks = 4 s.
    assertEquals(4_000_000_000L, CpuTimeSample.children(SELF));
  }

  @Test
  void machineBusyIsUserNiceSystemIrqSoftirq() {
    String stat = "cpu  100 20 30 4000 50 6 7 8 0 0\ncpu0 50 10 15 2000 25 3 3 4 0 0\nintr 1\n";
    // 100 + 20 + 30 + 6 + 7 = 163 ticks; idle 4000, iowait 50 and steal 8 excluded.
    assertEquals(1_630_000_000L, CpuTimeSample.machineBusy(stat));
  }

  @Test
  void malformedFilesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> CpuTimeSample.children("4242 java S 1"));
    assertThrows(IllegalArgumentException.class, () -> CpuTimeSample.children("4242 (java) S 1 2 3"));
    assertThrows(IllegalArgumentException.class, () -> CpuTimeSample.machineBusy("intr 1\n"));
  }

  @Test
  void readsAProcTree(@TempDir Path proc) throws Exception {
    Files.createDirectories(proc.resolve("self"));
    Files.writeString(proc.resolve("self/stat"), SELF);
    Files.writeString(proc.resolve("stat"), "cpu  1 2 3 4 5 6 7 8\n");
    CpuTimeSample s = CpuTimeSample.read(proc);
    assertEquals(4_000_000_000L, s.childrenNanos());
    assertEquals((1 + 2 + 3 + 6 + 7) * 10_000_000L, s.machineBusyNanos());
  }

  @Test
  void withoutProcTheErrorNamesTheFileAndTheAlternative(@TempDir Path proc) {
    CommandFailure f = assertThrows(CommandFailure.class, () -> CpuTimeSample.read(proc));
    assertTrue(f.getMessage().contains(proc.resolve("self/stat").toString()), f.getMessage());
    assertTrue(f.getMessage().contains("--attribution machine"), f.getMessage());
  }

  @Test
  void readsTheRealProcOnLinux() {
    if (Files.isReadable(Path.of("/proc/self/stat"))) {
      CpuTimeSample s = CpuTimeSample.read(Path.of("/proc"));
      assertTrue(s.machineBusyNanos() > 0);
      assertTrue(s.childrenNanos() >= 0);
    }
  }
}
