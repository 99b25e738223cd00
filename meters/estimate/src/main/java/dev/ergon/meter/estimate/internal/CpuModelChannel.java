package dev.ergon.meter.estimate.internal;

import dev.ergon.spi.Channel;
import java.io.IOException;

/**
 * The modelled CPU: utilisation measured over each interval, turned into power by a curve, integrated over time.
 * When an interval has no utilisation of its own (two reads within one clock tick), the previous value stands.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe.
 */
public final class CpuModelChannel implements ModelledChannel {
  private final Channel channel;
  private final UtilisationGauge gauge;
  private final PowerCurve curve;
  private final EnergyAccumulator energy = new EnergyAccumulator();
  private double lastUtilisation;

  /**
   * Creates the channel.
   *
   * @param channel its description
   * @param gauge where utilisation comes from
   * @param curve power as a function of utilisation
   */
  public CpuModelChannel(Channel channel, UtilisationGauge gauge, PowerCurve curve) {
    this.channel = channel;
    this.gauge = gauge;
    this.curve = curve;
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public long read(long nanoTime) throws IOException {
    double u = gauge.sample(nanoTime);
    if (!energy.started()) {
      energy.start(nanoTime);
      return 0;
    }
    if (!Double.isNaN(u)) {
      lastUtilisation = u;
    }
    return energy.advance(nanoTime, curve.watts(lastUtilisation));
  }
}
