package dev.ergon.meter.estimate;

import dev.ergon.Configuration;
import dev.ergon.spi.MeterProvider;
import dev.ergon.testing.MeterContract;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;

/** Core's meter contract, run on the estimate meter over a fake Cascade Lake machine whose CPU keeps working. */
class EstimateMeterContractTest extends MeterContract {

  @TempDir
  Path root;

  private @Nullable FakeMachine machine;
  private long busy = 1_000;

  private FakeMachine machine() {
    FakeMachine m = machine;
    if (m == null) {
      m = new FakeMachine(root)
          .x86("GenuineIntel", "Intel(R) Xeon(R) Platinum 8275CL CPU @ 3.00GHz", 6, 85, 7, 4, 1, false)
          .stat(busy, 10_000);
      machine = m;
    }
    return m;
  }

  @Override
  protected MeterProvider provider() {
    return new EstimateMeterProvider();
  }

  @Override
  protected Configuration configuration() {
    return machine().config();
  }

  @Override
  protected void advanceFixture() {
    busy += 500;
    machine().stat(busy, 10_000 + busy);
  }
}
