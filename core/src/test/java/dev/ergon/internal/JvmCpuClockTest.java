package dev.ergon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The JVM's thread CPU clocks as THREADS attribution reads them. */
class JvmCpuClockTest {

  private static long burn(long nanos) {
    long start = System.nanoTime();
    long x = 0;
    while (System.nanoTime() - start < nanos) {
      x += Long.numberOfTrailingZeros(x + start);
    }
    return x;
  }

  @Test
  void theCallingThreadsClockAdvancesWithItsWorkAndAgreesWithItsClockByThread() {
    assumeTrue(ManagementFactory.getThreadMXBean().isThreadCpuTimeSupported(), "no thread CPU clock on this JVM");
    ThreadScopes.CpuClock clock = ThreadScopes.jvmCpuClock();
    long before = clock.current();
    assertTrue(before > 0, "a running thread has used some CPU time: " + before);
    burn(50_000_000L); // 50 ms of wall time, mostly on the CPU
    long after = clock.current();
    assertTrue(after > before, before + " then " + after);
    long byThread = clock.of(Thread.currentThread());
    assertTrue(byThread >= after, "the same clock asked by thread: " + byThread + " vs " + after);
  }

  @Test
  void aThreadThatEndedHasNoClock() throws InterruptedException {
    assumeTrue(ManagementFactory.getThreadMXBean().isThreadCpuTimeSupported(), "no thread CPU clock on this JVM");
    Thread t = new Thread(() -> burn(1_000_000L));
    t.start();
    t.join(10_000);
    assertEquals(-1, ThreadScopes.jvmCpuClock().of(t));
  }
}
