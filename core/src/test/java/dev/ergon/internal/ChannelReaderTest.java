package dev.ergon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ergon.ChannelKind;
import dev.ergon.Power;
import dev.ergon.spi.ChannelFault;
import dev.ergon.testing.TraceMeter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelReaderTest {

  private static final long MS = 1_000_000L;
  private static final long RANGE = 262_143_328_850L;

  private static long[] readTwice(ChannelReader reader, TraceMeter meter, long jump, long dt) {
    long[] deltas = new long[reader.size()];
    ChannelFault[] faults = new ChannelFault[reader.size()];
    reader.read(0, deltas, faults);
    meter.advance(0, jump);
    reader.read(dt, deltas, faults);
    return deltas;
  }

  private static TraceMeter packageOf(double watts) {
    return new TraceMeter("trace", List.of(TraceMeter.counter("cpu/package-0", ChannelKind.CPU_PACKAGE, RANGE, watts)));
  }

  /** The 1 s slack core passes today is capped at 100 ms: 200 J in 200 ms on a 250 W zone is not let through. */
  @Test
  void aLongSlackIsCappedAtTheBurstAllowance() {
    TraceMeter meter = packageOf(250);
    // 1 s of slack would allow 250 W × 1.2 × 1.2 s = 360 J; 100 ms allows 250 W × 1.2 × 0.3 s = 90 J
    try (ChannelReader reader = new ChannelReader(List.of(meter), null, 1_000_000_000L)) {
      assertEquals(ChannelReader.DROPPED, readTwice(reader, meter, 200_000_000, 200 * MS)[0]);
    }
  }

  @Test
  void theIssue11GlitchIsDroppedWhileAStepUnderTheCeilingIsCounted() {
    TraceMeter meter = packageOf(250);
    try (ChannelReader reader = new ChannelReader(List.of(meter), null)) {
      assertEquals(ChannelReader.DROPPED, readTwice(reader, meter, 1_100_000_000, 200 * MS)[0]);
    }
    TraceMeter steady = packageOf(250);
    try (ChannelReader reader = new ChannelReader(List.of(steady), null)) {
      assertEquals(90_000_000, readTwice(reader, steady, 90_000_000, 200 * MS)[0], "exactly at the ceiling");
    }
  }

  @Test
  void anOverrideReplacesTheChannelsCeiling() {
    TraceMeter meter = packageOf(250);
    try (ChannelReader reader = new ChannelReader(List.of(meter), Power.ofWatts(5000))) {
      assertEquals(1_100_000_000, readTwice(reader, meter, 1_100_000_000, 200 * MS)[0]);
    }
    TraceMeter strict = packageOf(1000);
    try (ChannelReader reader = new ChannelReader(List.of(strict), Power.ofWatts(100))) {
      assertEquals(ChannelReader.DROPPED, readTwice(reader, strict, 50_000_000, 200 * MS)[0], "over 36 J");
    }
  }

  @Test
  void aNegativeAllowanceIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ChannelReader(List.of(packageOf(250)), null, -1));
  }
}
