package dev.ergon.internal;

import dev.ergon.Power;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Channel;
import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.Meter;
import dev.ergon.spi.ReadingBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads every channel of a set of open meters and turns each raw reading into a delta through the channel's own
 * {@link CounterUnwrapper}.
 *
 * <p>Each channel's ceiling is its {@code maxPower} (a physical limit: a zone's maximum power, a GPU's highest power
 * limit, a model's maximum) times {@value CounterUnwrapper#CEILING_MARGIN}; an interval holding more than the ceiling
 * over {@code Δt} plus a bounded burst allowance is dropped and counted, never slackened into the total (see
 * {@link CounterUnwrapper}).
 *
 * <p>A meter that throws from {@code read} faults all its channels for that reading; a permanent fault makes a
 * channel dead for the rest of the monitor's life. After a transient fault the unwrapper keeps the last good value,
 * so the next good reading recovers the energy of the gap when one wrap can explain it, and drops it otherwise.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: used under the monitor's lock.
 */
public final class ChannelReader implements AutoCloseable {

  /** A delta that could not be read: see the fault. */
  public static final long FAULTED = -2;

  /** A delta that was dropped by the unwrapper (reset, unexplained decrease, implausible jump). */
  public static final long DROPPED = CounterUnwrapper.DROPPED;

  private final List<Meter> meters;
  private final ReadingBuffer[] buffers;
  private final List<Channel> channels = new ArrayList<>();
  private final List<String> meterNames = new ArrayList<>();
  private final CounterUnwrapper[] unwrappers;
  private final @Nullable ChannelFault[] deadFaults;

  /**
   * Creates a reader over open meters, with the full burst allowance
   * ({@value CounterUnwrapper#MAX_BURST_ALLOWANCE_NANOS} ns) for counters that refresh in steps.
   *
   * @param meters the open meters; the reader closes them
   * @param maxPowerOverride a physical ceiling for every channel instead of each channel's own {@code maxPower},
   *     or null; either way {@value CounterUnwrapper#CEILING_MARGIN} times it is the largest power accepted
   */
  public ChannelReader(List<Meter> meters, @Nullable Power maxPowerOverride) {
    this(meters, maxPowerOverride, CounterUnwrapper.MAX_BURST_ALLOWANCE_NANOS);
  }

  /**
   * Creates a reader over open meters.
   *
   * <p>The third parameter is the burst allowance: the time one read may see beyond its interval because a counter
   * refreshes in steps. It is capped at {@value CounterUnwrapper#MAX_BURST_ALLOWANCE_NANOS} ns (100 ms, the slowest
   * refresh of a supported counter): a longer "slack" would let a glitch of seconds' worth of energy into a short
   * interval (issue #11: 1.1 kJ in 200 ms passed a 1 s slack). Passing 1 s therefore means 100 ms.
   *
   * @param meters the open meters; the reader closes them
   * @param maxPowerOverride a physical ceiling for every channel instead of each channel's own {@code maxPower},
   *     or null; either way {@value CounterUnwrapper#CEILING_MARGIN} times it is the largest power accepted
   * @param slackNanos the burst allowance, in ns, {@code >= 0}; values above
   *     {@value CounterUnwrapper#MAX_BURST_ALLOWANCE_NANOS} are capped to it
   * @throws IllegalArgumentException if {@code slackNanos} is negative
   */
  public ChannelReader(List<Meter> meters, @Nullable Power maxPowerOverride, long slackNanos) {
    if (slackNanos < 0) {
      throw new IllegalArgumentException("burst allowance must be >= 0 ns, got " + slackNanos);
    }
    long allowance = Math.min(slackNanos, CounterUnwrapper.MAX_BURST_ALLOWANCE_NANOS);
    this.meters = List.copyOf(meters);
    this.buffers = new ReadingBuffer[this.meters.size()];
    for (int m = 0; m < this.meters.size(); m++) {
      Meter meter = this.meters.get(m);
      buffers[m] = new ReadingBuffer(meter.channels().size());
      for (Channel c : meter.channels()) {
        channels.add(c);
        meterNames.add(meter.name());
      }
    }
    unwrappers = new CounterUnwrapper[channels.size()];
    deadFaults = new ChannelFault[channels.size()];
    for (int i = 0; i < channels.size(); i++) {
      Channel c = channels.get(i);
      double watts = maxPowerOverride != null ? maxPowerOverride.toWatts() : c.maxPower().toWatts();
      long range = c.wrapRange() == null ? 0 : c.wrapRange().toMicrojoulesExact();
      unwrappers[i] = new CounterUnwrapper(range, Math.max(watts, 1e-3), allowance);
    }
  }

  /**
   * Returns the channels of all meters, in reading order.
   *
   * @return an immutable list
   */
  public List<Channel> channels() {
    return List.copyOf(channels);
  }

  /**
   * Returns the name of the meter that owns a channel.
   *
   * @param channel the index
   * @return the provider name
   */
  public String meterName(int channel) {
    return meterNames.get(channel);
  }

  /**
   * Returns the number of channels.
   *
   * @return the count
   */
  public int size() {
    return channels.size();
  }

  /**
   * Reads all meters and writes one delta per channel.
   *
   * @param nanoTime the reading's monotonic time, ns
   * @param deltas out: µJ since the previous reading, or {@link #DROPPED}, or {@link #FAULTED}
   * @param faults out: the fault of each {@link #FAULTED} channel, else null
   */
  public void read(long nanoTime, long[] deltas, @Nullable ChannelFault[] faults) {
    int base = 0;
    for (int m = 0; m < meters.size(); m++) {
      Meter meter = meters.get(m);
      ReadingBuffer buffer = buffers[m];
      buffer.reset(nanoTime);
      @Nullable ChannelFault thrown = null;
      try {
        meter.read(buffer);
      } catch (RuntimeException | Error e) {
        if (e instanceof VirtualMachineError vme) {
          throw vme;
        }
        thrown = new ChannelFault(UnavailableReason.PROVIDER_ERROR,
            "meter " + meter.name() + " threw while reading: " + e, false);
      }
      for (int c = 0; c < buffer.size(); c++) {
        int i = base + c;
        ChannelFault dead = deadFaults[i];
        if (dead != null) {
          deltas[i] = FAULTED;
          faults[i] = dead;
          continue;
        }
        if (thrown == null && buffer.hasValue(c)) {
          deltas[i] = unwrappers[i].advance(buffer.value(c), nanoTime);
          faults[i] = null;
          continue;
        }
        ChannelFault fault = thrown != null ? thrown : buffer.fault(c);
        if (fault == null) {
          fault = new ChannelFault(UnavailableReason.PROVIDER_ERROR,
              "meter " + meter.name() + " returned no reading for " + channels.get(i).id(), false);
        }
        if (fault.permanent()) {
          deadFaults[i] = fault;
        }
        deltas[i] = FAULTED;
        faults[i] = fault;
      }
      base += buffer.size();
    }
  }

  /**
   * Tells whether a channel failed permanently.
   *
   * @param channel the index
   * @return the permanent fault, or null
   */
  public @Nullable ChannelFault deadFault(int channel) {
    return deadFaults[channel];
  }

  /** Closes every meter; a meter that throws is skipped. */
  @Override
  public void close() {
    for (Meter m : meters) {
      try {
        m.close();
      } catch (RuntimeException e) {
        // a meter's close must not throw; ignore it so the others are closed
      }
    }
  }
}
