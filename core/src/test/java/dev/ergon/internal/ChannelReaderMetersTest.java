package dev.ergon.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.ChannelKind;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Channel;
import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.Meter;
import dev.ergon.spi.ReadingBuffer;
import dev.ergon.testing.TraceMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** {@link ChannelReader} over two meters sampled at once: offsets, faults, stale readings and closing. */
class ChannelReaderMetersTest {

  private static final long MS = 1_000_000L;
  private static final long RANGE = 1_000_000_000_000L;

  private static TraceMeter cpu() {
    return new TraceMeter("cpu", List.of(TraceMeter.counter("cpu/package-0", ChannelKind.CPU_PACKAGE, RANGE),
        TraceMeter.counter("cpu/dram-0", ChannelKind.DRAM, RANGE)));
  }

  private static TraceMeter gpu() {
    return new TraceMeter("gpu", List.of(TraceMeter.counter("gpu/0", ChannelKind.GPU, 0)));
  }

  @Test
  void twoMetersAreReadIntoConsecutiveSlotsWithTheirOwnNames() {
    TraceMeter cpu = cpu();
    TraceMeter gpu = gpu();
    try (ChannelReader reader = new ChannelReader(List.of(cpu, gpu), null)) {
      assertEquals(3, reader.size());
      assertEquals(List.of("cpu/package-0", "cpu/dram-0", "gpu/0"),
          reader.channels().stream().map(Channel::id).toList());
      assertEquals(List.of("cpu", "cpu", "gpu"), List.of(reader.meterName(0), reader.meterName(1),
          reader.meterName(2)));
      long[] deltas = new long[3];
      ChannelFault[] faults = new ChannelFault[3];
      reader.read(0, deltas, faults);
      assertArrayEquals(new long[] {0, 0, 0}, deltas);
      cpu.advance(0, 10_000);
      cpu.advance(1, 2_000);
      gpu.advance(0, 30_000);
      reader.read(100 * MS, deltas, faults);
      assertArrayEquals(new long[] {10_000, 2_000, 30_000}, deltas);
      gpu.advance(0, 7);
      reader.read(200 * MS, deltas, faults);
      assertArrayEquals(new long[] {0, 0, 7}, deltas);
      assertEquals(3, cpu.reads());
      assertEquals(3, gpu.reads());
    }
    assertEquals(1, cpu.closes());
    assertEquals(1, gpu.closes());
  }

  @Test
  void aMeterThatThrowsFaultsOnlyItsOwnChannelsAndTheGapIsRecoveredAfter() {
    TraceMeter cpu = cpu();
    Flaky gpu = new Flaky();
    try (ChannelReader reader = new ChannelReader(List.of(cpu, gpu), null)) {
      long[] deltas = new long[3];
      ChannelFault[] faults = new ChannelFault[3];
      gpu.value = 100;
      reader.read(0, deltas, faults);
      cpu.advance(0, 5);
      gpu.value = 150;
      gpu.throwNext = true;
      reader.read(100 * MS, deltas, faults);
      assertEquals(5, deltas[0]);
      assertEquals(0, deltas[1]);
      assertNull(faults[0]);
      assertEquals(ChannelReader.FAULTED, deltas[2]);
      ChannelFault thrown = Objects.requireNonNull(faults[2]);
      assertEquals(UnavailableReason.PROVIDER_ERROR, thrown.reason());
      assertTrue(thrown.message().contains("meter flaky threw while reading"), thrown.message());
      assertTrue(!thrown.permanent());
      gpu.value = 170;
      reader.read(200 * MS, deltas, faults);
      assertEquals(70, deltas[2], "from the last good value, 100, across the gap");
      assertNull(faults[2]);
      assertNull(reader.deadFault(2));
    }
  }

  @Test
  void aMeterThatLeavesASlotEmptyIsFaultedNotReadFromTheLastReading() {
    Flaky gpu = new Flaky();
    TraceMeter cpu = cpu();
    try (ChannelReader reader = new ChannelReader(List.of(gpu, cpu), null)) {
      long[] deltas = new long[3];
      ChannelFault[] faults = new ChannelFault[3];
      gpu.value = 100;
      reader.read(0, deltas, faults);
      gpu.value = 200;
      gpu.skipNext = true; // puts nothing: the buffer's previous value must not be used
      cpu.advance(1, 9);
      reader.read(100 * MS, deltas, faults);
      assertArrayEquals(new long[] {ChannelReader.FAULTED, 0, 9}, deltas);
      ChannelFault f = Objects.requireNonNull(faults[0]);
      assertEquals(UnavailableReason.PROVIDER_ERROR, f.reason());
      assertEquals("meter flaky returned no reading for flaky/0", f.message());
      assertNull(faults[2]);
    }
  }

  @Test
  void aPermanentFaultKillsTheChannelForGoodAndATransientOneDoesNot() {
    TraceMeter cpu = cpu();
    TraceMeter gpu = gpu();
    ChannelFault lost = new ChannelFault(UnavailableReason.DEVICE_LOST, "gone", true);
    ChannelFault busy = new ChannelFault(UnavailableReason.IO_ERROR, "busy", false);
    try (ChannelReader reader = new ChannelReader(List.of(cpu, gpu), null)) {
      long[] deltas = new long[3];
      ChannelFault[] faults = new ChannelFault[3];
      reader.read(0, deltas, faults);
      gpu.fail(0, lost);
      cpu.fail(1, busy);
      reader.read(100 * MS, deltas, faults);
      assertSame(lost, faults[2]);
      assertSame(busy, faults[1]);
      assertSame(lost, reader.deadFault(2));
      assertNull(reader.deadFault(1));
      gpu.fail(0, null);
      cpu.fail(1, null);
      gpu.advance(0, 11);
      cpu.advance(1, 3);
      reader.read(200 * MS, deltas, faults);
      assertEquals(ChannelReader.FAULTED, deltas[2], "dead stays dead");
      assertSame(lost, faults[2]);
      assertEquals(3, deltas[1], "a transient fault recovers");
      assertNull(faults[1]);
    }
  }

  @Test
  void aZeroAllowanceIsAllowedAndMeansNoBurst() {
    TraceMeter cpu = cpu(); // 1000 W: 1.2 µJ per ns at most; 1 ms holds at most 1.2 J
    try (ChannelReader reader = new ChannelReader(List.of(cpu), null, 0)) {
      long[] deltas = new long[2];
      ChannelFault[] faults = new ChannelFault[2];
      reader.read(0, deltas, faults);
      cpu.advance(0, 1_100_000);
      cpu.advance(1, 1_300_000);
      reader.read(MS, deltas, faults);
      assertArrayEquals(new long[] {1_100_000, ChannelReader.DROPPED}, deltas);
    }
  }

  @Test
  void closeClosesEveryMeterEvenWhenOneThrows() {
    Flaky first = new Flaky();
    first.throwOnClose = true;
    TraceMeter second = gpu();
    new ChannelReader(List.of(first, second), null).close();
    assertEquals(1, first.closes);
    assertEquals(1, second.closes());
  }

  /** A one-channel meter that can throw, leave its slot empty, or throw on close. */
  private static final class Flaky implements Meter {
    long value;
    boolean throwNext;
    boolean skipNext;
    boolean throwOnClose;
    int closes;
    private final List<Channel> channels =
        new ArrayList<>(List.of(TraceMeter.counter("flaky/0", ChannelKind.GPU, 0)));

    @Override
    public String name() {
      return "flaky";
    }

    @Override
    public List<Channel> channels() {
      return channels;
    }

    @Override
    public void read(ReadingBuffer buffer) {
      if (throwNext) {
        throwNext = false;
        throw new IllegalStateException("driver hiccup");
      }
      if (skipNext) {
        skipNext = false;
        return;
      }
      buffer.put(0, value);
    }

    @Override
    public void close() {
      closes++;
      if (throwOnClose) {
        throw new IllegalStateException("close failed");
      }
    }
  }
}
