package dev.ergon.meter.estimate.internal;

import dev.ergon.spi.Channel;
import java.io.IOException;

/**
 * The modelled memory: power proportional to the memory in use, integrated over time with the trapezoid rule
 * (the mean of the power at the two ends of each interval).
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe.
 */
public final class MemoryModelChannel implements ModelledChannel {
  private final Channel channel;
  private final MemoryGauge gauge;
  private final MemoryPowerModel model;
  private final EnergyAccumulator energy = new EnergyAccumulator();
  private double lastWatts;

  /**
   * Creates the channel.
   *
   * @param channel its description
   * @param gauge where the memory in use comes from
   * @param model watts per byte in use
   */
  public MemoryModelChannel(Channel channel, MemoryGauge gauge, MemoryPowerModel model) {
    this.channel = channel;
    this.gauge = gauge;
    this.model = model;
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public long read(long nanoTime) throws IOException {
    double watts = model.watts(gauge.bytesInUse());
    if (!energy.started()) {
      energy.start(nanoTime);
      lastWatts = watts;
      return 0;
    }
    long total = energy.advance(nanoTime, (lastWatts + watts) / 2);
    lastWatts = watts;
    return total;
  }
}
