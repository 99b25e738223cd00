package dev.ergon.meter.powercap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ergon.Energy;
import dev.ergon.EnergyMonitor;
import dev.ergon.EnergyRecord;
import dev.ergon.Job;
import dev.ergon.RecordStatus;
import dev.ergon.spi.Channel;
import dev.ergon.testing.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counters that wrap, driven through the real monitor (core's unwrapping): the energy measured equals the energy
 * spent, to the microjoule.
 */
class WraparoundTest {

  @TempDir Path tmp;

  /**
   * A two-socket server under heavy load for 20 minutes, read every 30 s while a job is open: each package spends
   * 27 000.000123 J per read (900 W) and wraps at 262 143.328850 J, each DRAM 13 500.000071 J (450 W) and wraps at
   * 65 712.999613 J.
   */
  @Test
  void severalWrapsOfEveryZoneWhileAJobIsOpenLoseNothing() {
    FakePowercap fake = FakePowercap.twoSocketServer(tmp);
    fake.set("intel-rapl:0", FakePowercap.INTEL_RANGE - 5_000_000_000L); // first wrap comes early
    fake.set("intel-rapl:0:0", 65_000_000_000L);
    ManualClock clock = Fixtures.clock();
    PowercapMeterProvider provider = Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES_AND_DRAM);
    try (EnergyMonitor monitor = Fixtures.monitor(provider, clock)) {
      Duration step = Duration.ofSeconds(30);
      for (Channel c : monitor.channels()) {
        assertTrue(step.compareTo(c.maxPollInterval()) <= 0, c.id() + " must be read at least every "
            + c.maxPollInterval());
      }
      int steps = 40;
      long pkgPerStep = 27_000_000_123L;
      long dramPerStep = 13_500_000_071L;
      long pkg0Wraps = 0;
      long dram0Wraps = 0;
      Job job = monitor.start("heavy");
      for (int i = 0; i < steps; i++) {
        clock.advance(step);
        long pkgBefore = fake.raw("intel-rapl:0");
        long dramBefore = fake.raw("intel-rapl:0:0");
        fake.add("intel-rapl:0", pkgPerStep);
        fake.add("intel-rapl:1", pkgPerStep);
        fake.add("intel-rapl:0:0", dramPerStep);
        fake.add("intel-rapl:1:0", dramPerStep);
        pkg0Wraps += fake.raw("intel-rapl:0") < pkgBefore ? 1 : 0;
        dram0Wraps += fake.raw("intel-rapl:0:0") < dramBefore ? 1 : 0;
        monitor.sample();
      }
      EnergyRecord r = job.end();

      assertTrue(pkg0Wraps >= 4, "package-0 wrapped " + pkg0Wraps + " times");
      assertTrue(dram0Wraps >= 8, "dram-0 wrapped " + dram0Wraps + " times");
      // 40 × 27 000 000 123 µJ and 40 × 13 500 000 071 µJ
      assertEquals(1_080_000_004_920L, Fixtures.microjoules(r).get("cpu/package-0"));
      assertEquals(1_080_000_004_920L, Fixtures.microjoules(r).get("cpu/package-1"));
      assertEquals(540_000_002_840L, Fixtures.microjoules(r).get("dram/0"));
      assertEquals(540_000_002_840L, Fixtures.microjoules(r).get("dram/1"));
      assertEquals(RecordStatus.COMPLETE, r.status(), r.problems()::toString);
      r.channels().forEach(ce -> assertEquals(0, ce.droppedIntervals(), ce.channel()));
    }
  }

  /**
   * For random wrap ranges, powers and read jitter, read at the meter's own interval (0.5 to 1.5 times it): the
   * measured energy equals the true energy and never decreases.
   */
  @Test
  void randomTracesReadAtTheMetersOwnIntervalMeasureTheTrueEnergy() {
    qt().withExamples(100)
        .forAll(
            longs().between(100_000_000L, 300_000_000_000L), // package range, µJ (100 J .. 300 kJ)
            longs().between(100_000_000L, 300_000_000_000L), // dram range, µJ
            integers().between(1, 20), // reads
            longs().all()) // seed of powers and jitter
        .checkAssert((pkgRange, dramRange, reads, seed) -> {
          Path dir = createTempDirectory(tmp);
          try {
            runTrace(dir, pkgRange, dramRange, reads, new Random(seed));
          } finally {
            delete(dir);
          }
        });
  }

  private static void runTrace(Path dir, long pkgRange, long dramRange, int reads, Random random) {
    FakePowercap fake = new FakePowercap(dir)
        .zone("intel-rapl:0", "package-0", pkgRange)
        .zone("intel-rapl:0:0", "dram", dramRange);
    fake.set("intel-rapl:0", Math.floorMod(random.nextLong(), pkgRange));
    fake.set("intel-rapl:0:0", Math.floorMod(random.nextLong(), dramRange));
    ManualClock clock = Fixtures.clock();
    PowercapMeterProvider provider = Fixtures.provider(fake.root(), PowercapPolicy.PACKAGES_AND_DRAM);
    try (EnergyMonitor monitor = Fixtures.monitor(provider, clock)) {
      List<Channel> channels = monitor.channels();
      Channel pkg = channels.get(0);
      Channel dram = channels.get(1);
      Duration interval = pkg.maxPollInterval().compareTo(dram.maxPollInterval()) < 0
          ? pkg.maxPollInterval() : dram.maxPollInterval();
      long truePkg = 0;
      long trueDram = 0;
      Energy previous = Energy.ZERO;
      Job job = monitor.start("trace");
      for (int i = 0; i < reads; i++) {
        long dt = (long) (interval.toNanos() * (0.5 + random.nextDouble()));
        clock.advance(Duration.ofNanos(dt));
        // power between 0 and the channel's plausible maximum; energy in µJ = W × ns / 1000
        long pkgSpent = (long) (random.nextDouble() * pkg.maxPower().watts() * dt / 1000);
        long dramSpent = (long) (random.nextDouble() * dram.maxPower().watts() * dt / 1000);
        fake.add("intel-rapl:0", pkgSpent);
        fake.add("intel-rapl:0:0", dramSpent);
        truePkg += pkgSpent;
        trueDram += dramSpent;
        monitor.sample();
        Energy now = job.energySoFar();
        assertTrue(now.compareTo(previous) >= 0, "energy went down: " + previous + " -> " + now);
        previous = now;
      }
      EnergyRecord r = job.end();
      assertEquals(truePkg, Fixtures.microjoules(r).get("cpu/package-0"));
      assertEquals(trueDram, Fixtures.microjoules(r).get("dram/0"));
      assertEquals(RecordStatus.COMPLETE, r.status(), r.problems()::toString);
    }
  }

  private static Path createTempDirectory(Path parent) {
    try {
      return Files.createTempDirectory(parent, "trace");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
