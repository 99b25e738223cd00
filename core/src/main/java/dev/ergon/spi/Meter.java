package dev.ergon.spi;

import java.util.List;

/**
 * An open meter: a fixed list of channels, read together.
 *
 * <p>Ergon calls {@link #read} from one thread at a time (the sampler, or a job closing, under a lock), so a meter
 * needs no locking of its own for reads; {@link #close()} may come from another thread after the last read.
 *
 * @since 0.1
 */
public interface Meter extends AutoCloseable {

  /**
   * Returns the name of the provider that opened this meter.
   *
   * @return the provider name
   */
  String name();

  /**
   * Returns the channels, in the order of the reading buffer's indexes. The list never changes.
   *
   * @return an immutable list
   */
  List<Channel> channels();

  /**
   * Reads every channel into the buffer: a value or a fault per channel.
   *
   * <p>Must not throw: a channel that cannot be read gets a {@link ChannelFault}. Ergon still guards against a meter
   * that throws, and faults all its channels for that reading.
   *
   * @param buffer the buffer, reset by the caller with the reading's time; its size is the number of channels
   */
  void read(ReadingBuffer buffer);

  /** Releases what the meter holds (files, native libraries). Idempotent. Never throws. */
  @Override
  void close();
}
