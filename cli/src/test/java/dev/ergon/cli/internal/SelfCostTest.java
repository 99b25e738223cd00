package dev.ergon.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Attribution;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Ergon's own CPU time during a run: parsed from /proc/self/stat, and worded for each attribution. */
class SelfCostTest {

  private static final String SELF = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 200 3 4 "
      + "11 12 345 55 20 0 30 0 123 456\n";

  @Test
  void selfTimeIsUtimePlusStime() {
    // utime 11 + stime 12 = 23 ticks = 230 ms; the children's times (345, 55) are not ergon's own.
    assertEquals(230_000_000L, SelfCost.self(SELF));
    assertThrows(IllegalArgumentException.class, () -> SelfCost.self("4242 java S 1"));
    assertEquals(-1, SelfCost.readSelf(Path.of("/no/such/proc")));
  }

  @Test
  void theNoteGivesTheShareOfOneCoreOverAllAndAfterTheFirstSecond() {
    AtomicLong cpu = new AtomicLong(1_000_000_000L);
    AtomicLong now = new AtomicLong(0);
    SelfCost s = new SelfCost(cpu::get, now::get);
    cpu.addAndGet(300_000_000L); // start-up: 0.3 s of CPU in the first second
    now.set(1_000_000_000L);
    s.settle();
    cpu.addAndGet(90_000_000L); // then 0.09 s over 9 s: 1 %
    now.set(10_000_000_000L);
    String machine = s.note(Attribution.MACHINE);
    assertNotNull(machine);
    assertEquals("ergon itself: 0.39 s of CPU while the command ran (3.9 % of one core over 10.0 s; 1.00 % after "
        + "the first second); its energy is inside this figure, which charges the whole machine", machine);
    SelfCost.Result result = s.end(Attribution.MACHINE);
    assertNotNull(result);
    assertEquals(java.time.Duration.ofMillis(390), result.cpu()); // 0.3 s + 0.09 s
    assertEquals(machine, result.note());
    String process = s.note(Attribution.PROCESS);
    assertNotNull(process);
    assertTrue(process.endsWith("left out of this energy, which charges only the command's processes"), process);
  }

  @Test
  void aShortRunHasNoSteadyShareAndAnUnreadableClockNoNote() {
    String n = SelfCost.note(20_000_000L, 500_000_000L, -1, 0, Attribution.MACHINE);
    assertTrue(n.startsWith("ergon itself: 0.02 s of CPU while the command ran (4.0 % of one core over 0.5 s)"), n);
    assertNull(new SelfCost(() -> -1, System::nanoTime).note(Attribution.MACHINE));
    assertNull(new SelfCost(() -> -1, System::nanoTime).end(Attribution.PROCESS));
  }
}
