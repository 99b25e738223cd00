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
   * Creates a reader over open meters.
   *
   * @param meters the open meters; the reader closes them
   * @param maxPowerOverride a plausibility limit for every channel instead of each channel's own, or null
   * @param slackNanos extra time allowed in the plausibility bound, in ns
   */
  public ChannelReader(List<Meter> meters, @Nullable Power maxPowerOverride, long slackNanos) {
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
      unwrappers[i] = new CounterUnwrapper(range, Math.max(watts, 1e-3), slackNanos);
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
