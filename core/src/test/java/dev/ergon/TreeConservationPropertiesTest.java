package dev.ergon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.ergon.internal.CpuTimes;
import dev.ergon.ledger.InMemoryLedger;
import dev.ergon.testing.ManualClock;
import dev.ergon.testing.TraceMeter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Conservation at every level, for random job trees with random concurrent open and close times and random interval
 * energies, exactly to the microjoule: for every job, channel and time bucket the children's energy never exceeds
 * the parent's, the parent's {@code children_uj} is exactly their sum, the top level never exceeds what was
 * measured, unattributed is measured minus the top level, and units roll up.
 */
class TreeConservationPropertiesTest {

  /** Ops: 0 = open a root, 1-2 = open a child of a random open job, 3 = close a random open job, 4-5 = advance. */
  @Test
  void everyLevelConservesEnergyUnderMachineAttribution() {
    check(Attribution.MACHINE);
  }

  @Test
  void everyLevelConservesEnergyUnderProcessAttribution() {
    check(Attribution.PROCESS);
  }

  private static void check(Attribution attribution) {
    qt().withExamples(150).forAll(lists().of(integers().between(0, 5)).ofSizeBetween(1, 120),
            integers().between(0, Integer.MAX_VALUE))
        .checkAssert((ops, seed) -> {
          Random random = new Random(seed);
          TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(2, 0));
          ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:59:50Z"));
          InMemoryLedger ledger = new InMemoryLedger();
          Map<String, Long> ownUnits = new HashMap<>();
          EnergyMonitor.Builder b = EnergyMonitor.builder().configuration(Configuration.empty())
              .providers(List.of(meter.provider(1))).ledger(ledger).clock(clock).ticker(clock)
              .withoutSamplerThread().shutdownHook(false).bucket(Duration.ofSeconds(15)).attribution(attribution);
          if (attribution == Attribution.PROCESS) {
            b.cpuTimes(new RandomCpuTimes(random));
          }
          try (EnergyMonitor m = b.build()) {
            List<Job> open = new ArrayList<>();
            for (int op : ops) {
              switch (op) {
                case 0 -> open.add(m.startJob("root", Tags.empty(), null));
                case 1, 2 -> {
                  if (!open.isEmpty()) {
                    open.add(open.get(random.nextInt(open.size())).start("child"));
                  }
                }
                case 3 -> {
                  if (!open.isEmpty()) {
                    open.remove(random.nextInt(open.size())).close();
                    open.removeIf(j -> !j.isOpen());
                  }
                }
                default -> {
                  for (Job j : open) {
                    long u = random.nextInt(3);
                    j.addUnits(u);
                    ownUnits.merge(j.id(), u, Long::sum);
                  }
                  clock.advance(Duration.ofMillis(1 + random.nextInt(9000)));
                  meter.advance(0, random.nextInt(50_000_000));
                  meter.advance(1, random.nextInt(1_000));
                  m.sample();
                }
              }
            }
            open.forEach(Job::close);
            long measured = m.measured().toMicrojoulesExact();
            assertEquals(meter.trueEnergy(0) + meter.trueEnergy(1), measured);
            verifyTree(ledger.records(), measured, m.unattributed().toMicrojoulesExact(), ownUnits);
          }
        });
  }

  /** Checks every invariant over a complete set of final records. */
  static void verifyTree(List<EnergyRecord> records, long measured, long unattributed, Map<String, Long> ownUnits) {
    Map<String, List<EnergyRecord>> children = new HashMap<>();
    for (EnergyRecord r : records) {
      if (r.parentId() != null) {
        children.computeIfAbsent(r.parentId(), k -> new ArrayList<>()).add(r);
      }
    }
    long roots = 0;
    for (EnergyRecord r : records) {
      assertTrue(r.total().compareTo(r.measured()) <= 0, "job above the machine");
      if (r.parentId() == null) {
        roots += r.total().toMicrojoulesExact();
      }
      List<EnergyRecord> kids = children.getOrDefault(r.id(), List.of());
      for (int c = 0; c < r.channels().size(); c++) {
        long parent = r.channels().get(c).energy().toMicrojoulesExact();
        long sum = 0;
        for (EnergyRecord k : kids) {
          sum += k.channels().get(c).energy().toMicrojoulesExact();
        }
        assertTrue(sum <= parent, "children " + sum + " > parent " + parent + " on channel " + c);
        assertEquals(sum, r.channels().get(c).children().toMicrojoulesExact(), "children_uj is the children's sum");
      }
      Map<Instant, Long> parentBuckets = new HashMap<>();
      r.buckets().forEach(bk -> parentBuckets.put(bk.start(), bk.energy().toMicrojoulesExact()));
      Map<Instant, Long> kidBuckets = new HashMap<>();
      for (EnergyRecord k : kids) {
        k.buckets().forEach(bk -> kidBuckets.merge(bk.start(), bk.energy().toMicrojoulesExact(), Long::sum));
      }
      kidBuckets.forEach((start, e) -> assertTrue(e <= parentBuckets.getOrDefault(start, 0L),
          "children's bucket " + start + " above the parent's"));
      long buckets = r.buckets().stream().mapToLong(bk -> bk.energy().toMicrojoulesExact()).sum();
      assertEquals(r.total().toMicrojoulesExact(), buckets, "buckets sum to the total");
      long expectedUnits = ownUnits.getOrDefault(r.id(), 0L);
      for (EnergyRecord k : kids) {
        expectedUnits += k.units();
      }
      assertEquals(expectedUnits, r.units(), "units roll up");
    }
    assertTrue(roots <= measured, roots + " > " + measured);
    assertEquals(measured - roots, unattributed);
  }

  /** CPU times that advance randomly, the process using a random part of the machine. */
  private static final class RandomCpuTimes implements CpuTimes {
    private final Random random;
    private long process;
    private long machine;

    RandomCpuTimes(Random random) {
      this.random = random;
    }

    @Override
    public long processNanos() {
      return process;
    }

    @Override
    public long machineBusyNanos(long elapsedNanos) {
      int m = random.nextInt(1_000_000);
      machine += m;
      process += random.nextInt(m + 1);
      return machine;
    }
  }
}
