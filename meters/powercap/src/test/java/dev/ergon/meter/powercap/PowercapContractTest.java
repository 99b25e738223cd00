package dev.ergon.meter.powercap;

import dev.ergon.Configuration;
import dev.ergon.spi.MeterProvider;
import dev.ergon.testing.MeterContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Core's shared meter contract, run on a fake two-socket server whose counters start near their wrap. */
class PowercapContractTest extends MeterContract {

  @TempDir Path tmp;
  private FakePowercap fake;

  @BeforeEach
  void setUp() {
    fake = FakePowercap.twoSocketServer(tmp);
    fake.set("intel-rapl:0", FakePowercap.INTEL_RANGE - 1_500_000L); // wraps during the contract's reads
    fake.set("intel-rapl:1:0", FakePowercap.SERVER_DRAM_RANGE - 700_000L);
  }

  @Override
  protected MeterProvider provider() {
    return new PowercapMeterProvider();
  }

  @Override
  protected Configuration configuration() {
    return Configuration.of(Map.of("ergon.powercap.root", fake.root().toString()));
  }

  @Override
  protected void advanceFixture() {
    // 1 J per zone per step: plausible at any sampling interval (1000 W × 1 ms)
    for (String zone : new String[] {"intel-rapl:0", "intel-rapl:0:0", "intel-rapl:1", "intel-rapl:1:0"}) {
      fake.add(zone, 1_000_000L);
    }
  }
}
