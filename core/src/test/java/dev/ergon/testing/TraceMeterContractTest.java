package dev.ergon.testing;

import dev.ergon.Configuration;
import dev.ergon.spi.MeterProvider;

/** The meter contract, run on the trace meter fixture itself, so the contract is known to be satisfiable. */
class TraceMeterContractTest extends MeterContract {
  private final TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(3, 1_000_000_000L));

  @Override
  protected MeterProvider provider() {
    return meter.provider(1);
  }

  @Override
  protected Configuration configuration() {
    return Configuration.empty();
  }

  @Override
  protected void advanceFixture() {
    for (int i = 0; i < 3; i++) {
      meter.advance(i, 1_000L * (i + 1));
    }
  }
}
