package dev.ergon.spi;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Where a meter writes one reading of all its channels: a cumulative energy, or a fault, per channel.
 *
 * <p>Values are raw cumulative microjoules: for a {@link dev.ergon.Method#COUNTER} channel the counter as read (it may wrap
 * at {@link Channel#wrapRange()}); for other channels the energy since the meter opened. The buffer is reused from
 * read to read so that reading allocates nothing.
 *
 * <p>Not thread-safe: one buffer belongs to one reader at a time.
 *
 * @since 0.1
 */
public final class ReadingBuffer {
  private final long[] microjoules;
  private final @Nullable ChannelFault[] faults;
  private final boolean[] filled;
  private long nanoTime;

  /**
   * Creates a buffer for a meter's channels.
   *
   * @param channels the number of channels, {@code >= 0}
   */
  public ReadingBuffer(int channels) {
    this.microjoules = new long[channels];
    this.faults = new ChannelFault[channels];
    this.filled = new boolean[channels];
  }

  /**
   * Clears the buffer for a new reading taken at a monotonic time.
   *
   * @param nanoTime the reading's time from a monotonic clock ({@link System#nanoTime()} or a test ticker), in ns
   */
  public void reset(long nanoTime) {
    this.nanoTime = nanoTime;
    Arrays.fill(filled, false);
    Arrays.fill(faults, null);
  }

  /**
   * Returns the time of this reading, for meters that integrate power.
   *
   * @return the monotonic time in ns
   */
  public long nanoTime() {
    return nanoTime;
  }

  /**
   * Returns the number of channels.
   *
   * @return the size
   */
  public int size() {
    return microjoules.length;
  }

  /**
   * Records the cumulative energy of a channel.
   *
   * @param channel the channel's index in {@link Meter#channels()}
   * @param cumulativeMicrojoules the raw cumulative energy in µJ, {@code >= 0}
   * @throws IllegalArgumentException if negative
   */
  public void put(int channel, long cumulativeMicrojoules) {
    if (cumulativeMicrojoules < 0) {
      throw new IllegalArgumentException("negative reading " + cumulativeMicrojoules + " µJ for channel " + channel);
    }
    microjoules[channel] = cumulativeMicrojoules;
    faults[channel] = null;
    filled[channel] = true;
  }

  /**
   * Records that a channel could not be read.
   *
   * @param channel the channel's index in {@link Meter#channels()}
   * @param fault what failed
   */
  public void fail(int channel, ChannelFault fault) {
    faults[channel] = fault;
    filled[channel] = false;
  }

  /**
   * Tells whether a channel has a value.
   *
   * @param channel the index
   * @return true if {@link #put} was called since the last reset
   */
  public boolean hasValue(int channel) {
    return filled[channel];
  }

  /**
   * Returns a channel's value.
   *
   * @param channel the index
   * @return the cumulative µJ; meaningful only if {@link #hasValue} is true
   */
  public long value(int channel) {
    return microjoules[channel];
  }

  /**
   * Returns a channel's fault, if it failed.
   *
   * @param channel the index
   * @return the fault, or {@code null}
   */
  public @Nullable ChannelFault fault(int channel) {
    return faults[channel];
  }
}
