package dev.ergon.testing;

import dev.ergon.Energy;
import dev.ergon.Power;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import dev.ergon.spi.ChannelFault;
import dev.ergon.ChannelKind;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterContext;
import dev.ergon.spi.MeterProvider;
import dev.ergon.Method;
import dev.ergon.spi.ReadingBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A test meter that plays a programmed energy trace: the test advances each channel's true energy, and the meter
 * reports it as a raw counter that wraps at the channel's range, can be reset, or can fail.
 *
 * <p>A fixture for testing core's real code path (sampler, unwrapping, attribution), shipped in the core test-jar
 * so meter modules can reuse it. Thread-safe: every method is synchronized.
 */
public final class TraceMeter implements Meter {

  private final String name;
  private final List<Channel> channels;
  private final long[] trueMicrojoules;
  private final long[] raw;
  private final @Nullable ChannelFault[] faults;
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicInteger closes = new AtomicInteger();

  /**
   * Creates a meter.
   *
   * @param name the provider name
   * @param channels the channels
   */
  public TraceMeter(String name, List<Channel> channels) {
    this.name = name;
    this.channels = List.copyOf(channels);
    this.trueMicrojoules = new long[channels.size()];
    this.raw = new long[channels.size()];
    this.faults = new ChannelFault[channels.size()];
  }

  /**
   * Returns a counter channel.
   *
   * @param id the id
   * @param kind the kind
   * @param wrapMicrojoules the wrap range in µJ, or 0 for none
   * @return the channel
   */
  public static Channel counter(String id, ChannelKind kind, long wrapMicrojoules) {
    return counter(id, kind, wrapMicrojoules, 1000);
  }

  /**
   * Returns a counter channel with a plausibility limit.
   *
   * @param id the id
   * @param kind the kind
   * @param wrapMicrojoules the wrap range in µJ, or 0 for none
   * @param maxWatts the largest plausible power, W
   * @return the channel
   */
  public static Channel counter(String id, ChannelKind kind, long wrapMicrojoules, double maxWatts) {
    return new Channel(id, kind, "test device " + id, Method.COUNTER, 0.05,
        wrapMicrojoules > 0 ? Energy.ofMicrojoules(wrapMicrojoules) : null, Duration.ofSeconds(10),
        Power.ofWatts(maxWatts), List.of());
  }

  /**
   * Adds true energy to a channel; the raw counter advances by the same amount, modulo the wrap range.
   *
   * @param channel the index
   * @param microjoules the energy, µJ
   */
  public synchronized void advance(int channel, long microjoules) {
    trueMicrojoules[channel] += microjoules;
    Energy wrap = channels.get(channel).wrapRange();
    long next = raw[channel] + microjoules;
    if (wrap != null) {
      long range = wrap.toMicrojoulesExact();
      // A counter that reaches the range shows 0 again: the modulus is the range itself, as core assumes.
      next = Math.floorMod(next, range);
    }
    raw[channel] = next;
  }

  /**
   * Sets the raw counter to a value without any true energy (a reset or a glitch).
   *
   * @param channel the index
   * @param value the raw value, µJ
   */
  public synchronized void setRaw(int channel, long value) {
    raw[channel] = value;
  }

  /**
   * Makes a channel fail from now on (or recover, with null).
   *
   * @param channel the index
   * @param fault the fault, or null to recover
   */
  public synchronized void fail(int channel, @Nullable ChannelFault fault) {
    faults[channel] = fault;
  }

  /**
   * Returns the true energy of a channel so far.
   *
   * @param channel the index
   * @return µJ
   */
  public synchronized long trueEnergy(int channel) {
    return trueMicrojoules[channel];
  }

  /**
   * Returns how many times the meter was read.
   *
   * @return the count
   */
  public int reads() {
    return reads.get();
  }

  /**
   * Returns how many times the meter was closed.
   *
   * @return the count
   */
  public int closes() {
    return closes.get();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Channel> channels() {
    return channels;
  }

  @Override
  public synchronized void read(ReadingBuffer buffer) {
    reads.incrementAndGet();
    for (int i = 0; i < channels.size(); i++) {
      ChannelFault f = faults[i];
      if (f != null) {
        buffer.fail(i, f);
      } else {
        buffer.put(i, raw[i]);
      }
    }
  }

  @Override
  public void close() {
    closes.incrementAndGet();
  }

  /**
   * Returns a provider that opens this meter (always the same instance).
   *
   * @param priority the provider's priority
   * @return the provider
   */
  public MeterProvider provider(int priority) {
    TraceMeter self = this;
    return new MeterProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int priority() {
        return priority;
      }

      @Override
      public Availability probe(MeterContext context) {
        return Availability.available("trace meter with " + channels.size() + " channels");
      }

      @Override
      public Meter open(MeterContext context) {
        return self;
      }
    };
  }

  /**
   * Returns a provider whose probe answers unavailable.
   *
   * @param name the name
   * @param reason the reason
   * @return the provider
   */
  public static MeterProvider unavailable(String name, UnavailableReason reason) {
    return new MeterProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Availability probe(MeterContext context) {
        return Availability.unavailable(reason, "not here", "install it");
      }

      @Override
      public Meter open(MeterContext context) {
        throw new AssertionError("must not be opened");
      }
    };
  }

  /**
   * Returns a list of counter channels named {@code c0, c1, ...}.
   *
   * @param n how many
   * @param wrapMicrojoules the wrap range of each, µJ (0 for none)
   * @return the channels
   */
  public static List<Channel> counters(int n, long wrapMicrojoules) {
    List<Channel> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(counter("test/c" + i, i % 2 == 0 ? ChannelKind.CPU_PACKAGE : ChannelKind.DRAM, wrapMicrojoules));
    }
    return out;
  }
}
