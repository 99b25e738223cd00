package dev.ergon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.ergon.ledger.InMemoryLedger;
import dev.ergon.testing.ManualClock;
import dev.ergon.testing.TraceMeter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A workload's hourly segments partition its record exactly, whatever the readings, energies and units. */
class WorkloadSegmentPropertiesTest {

  @Test
  void segmentsSumExactlyToTheWorkloadAndTileItsTime() {
    qt().withExamples(60).forAll(lists().of(integers().between(1, 1_800)).ofSizeBetween(1, 40),
            integers().between(0, Integer.MAX_VALUE))
        .checkAssert((steps, seed) -> {
          Random random = new Random(seed);
          ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z").plusSeconds(random.nextInt(3600)));
          InMemoryLedger ledger = new InMemoryLedger();
          TraceMeter meter = new TraceMeter("trace", List.of(
              TraceMeter.counter("cpu/package-0", ChannelKind.CPU_PACKAGE, 0, 1000),
              TraceMeter.counter("dram/0", ChannelKind.DRAM, 0, 1000)));
          try (EnergyMonitor m = EnergyMonitor.builder().configuration(Configuration.empty())
              .providers(List.of(meter.provider(100))).ledger(ledger).clock(clock).ticker(clock).host("h")
              .withoutSamplerThread().shutdownHook(false).build()) {
            Workload w = m.workload("w", Tags.of("version", "1"));
            Job other = m.start("other"); // a sibling takes a share: segments follow the workload's share only
            for (int seconds : steps) {
              clock.advance(Duration.ofSeconds(seconds));
              meter.advance(0, (long) seconds * random.nextInt(200_000_000));
              meter.advance(1, (long) seconds * random.nextInt(5_000_000));
              w.addUnits(random.nextInt(1_000));
              m.sample();
            }
            other.close();
            EnergyRecord whole = w.end();
            List<EnergyRecord> segments = new ArrayList<>();
            for (EnergyRecord r : ledger.records()) {
              if (r.tags().get("ergon.segment").isPresent()) {
                segments.add(r);
              }
            }
            assertTrue(!segments.isEmpty());
            long units = 0;
            long[] perChannel = new long[2];
            Instant at = whole.start();
            for (EnergyRecord s : segments) {
              assertEquals(whole.id(), s.parentId());
              assertEquals(at, s.start(), "segments tile the workload's time");
              at = s.end();
              units += s.units();
              for (int c = 0; c < 2; c++) {
                perChannel[c] += s.channels().get(c).energy().toMicrojoulesExact();
              }
              long bucketSum = s.buckets().stream().mapToLong(b -> b.energy().toMicrojoulesExact()).sum();
              assertEquals(s.total().toMicrojoulesExact(), bucketSum, "a segment's buckets sum to its total");
              // At most one sampling interval past its hour: the segment's first bucket holds all but that.
              long firstHour = s.start().getEpochSecond() / 3600;
              assertTrue(s.buckets().stream().allMatch(b -> b.start().getEpochSecond() / 3600 >= firstHour));
            }
            assertEquals(whole.end(), at);
            assertEquals(whole.units(), units);
            for (int c = 0; c < 2; c++) {
              assertEquals(whole.channels().get(c).energy().toMicrojoulesExact(), perChannel[c]);
            }
          }
        });
  }
}
