package dev.ergon.meter.powercap;

import dev.ergon.Attribution;
import dev.ergon.ChannelEnergy;
import dev.ergon.Configuration;
import dev.ergon.Energy;
import dev.ergon.EnergyMonitor;
import dev.ergon.EnergyRecord;
import dev.ergon.meter.powercap.internal.AttributeReader;
import dev.ergon.meter.powercap.internal.SysfsAttributeReader;
import dev.ergon.spi.Channel;
import dev.ergon.spi.MeterContext;
import dev.ergon.spi.MeterProvider;
import dev.ergon.testing.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared helpers: providers over a fake tree, a deterministic monitor, and record read-outs. */
final class Fixtures {

  static final MeterContext EMPTY = MeterContext.of(Configuration.empty());

  private Fixtures() {}

  static PowercapMeterProvider provider(Path root, PowercapPolicy policy, AttributeReader reader) {
    return new PowercapMeterProvider(root, policy, null, reader);
  }

  static PowercapMeterProvider provider(Path root, PowercapPolicy policy) {
    return provider(root, policy, new SysfsAttributeReader());
  }

  static ManualClock clock() {
    return new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  }

  /** A monitor with no sampler thread and no ledger, reading only the given provider, on a manual clock. */
  static EnergyMonitor monitor(MeterProvider provider, ManualClock clock) {
    return EnergyMonitor.builder()
        .configuration(Configuration.empty())
        .providers(List.of(provider))
        .noLedger()
        .withoutSamplerThread()
        .clock(clock)
        .ticker(clock)
        .host("test-host")
        .attribution(Attribution.MACHINE)
        .build();
  }

  static List<String> ids(List<Channel> channels) {
    List<String> ids = new ArrayList<>();
    channels.forEach(c -> ids.add(c.id()));
    return ids;
  }

  /** Returns each channel's energy in µJ, in record order. */
  static Map<String, Long> microjoules(EnergyRecord record) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (ChannelEnergy ce : record.channels()) {
      m.put(ce.channel(), ce.energy().toMicrojoulesExact());
    }
    return m;
  }

  static Energy uj(long microjoules) {
    return Energy.ofMicrojoules(microjoules);
  }
}
