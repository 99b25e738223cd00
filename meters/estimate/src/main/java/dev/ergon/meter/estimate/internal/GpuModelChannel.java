package dev.ergon.meter.estimate.internal;

import dev.ergon.spi.Channel;

/**
 * A modelled GPU without a utilisation reading: a configured (or CCF's 50 %) utilisation on the GPU's idle-to-max
 * line, integrated over time.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe.
 */
public final class GpuModelChannel implements ModelledChannel {
  private final Channel channel;
  private final double watts;
  private final EnergyAccumulator energy = new EnergyAccumulator();

  /**
   * Creates the channel.
   *
   * @param channel its description
   * @param curve the GPU's idle-to-max line
   * @param utilisation the assumed utilisation, {@code 0..1}
   */
  public GpuModelChannel(Channel channel, PowerCurve curve, double utilisation) {
    this.channel = channel;
    this.watts = curve.watts(utilisation);
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public long read(long nanoTime) {
    if (!energy.started()) {
      energy.start(nanoTime);
      return 0;
    }
    return energy.advance(nanoTime, watts);
  }
}
