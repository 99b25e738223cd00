package dev.ergon.plan;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.ChannelKind;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Series and records for the planner's tests. */
final class Fixtures {
  private Fixtures() {}

  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  /** An hourly series from {@code start}, all of one kind. */
  static IntensitySeries hourly(String zone, Instant start, IntensityKind kind, double... g) {
    IntensityKind[] k = new IntensityKind[g.length];
    java.util.Arrays.fill(k, kind);
    return IntensitySeries.of(zone, start, Duration.ofHours(1), g, k, "test");
  }

  static IntensityData data(IntensitySeries... s) {
    return IntensityData.of(List.of(s));
  }

  static Instant at(int hours) {
    return T0.plus(Duration.ofHours(hours));
  }

  /**
   * A record from {@code start} to {@code end} whose buckets are hourly from the UTC hour of {@code start}, with
   * the given kWh each.
   */
  static EnergyRecord record(String id, String name, @Nullable String region, Instant start, Instant end, Tags tags,
      @Nullable String parent, double... kwhPerBucket) {
    List<BucketEnergy> buckets = new ArrayList<>();
    Instant b = start.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    Energy total = Energy.ZERO;
    for (double k : kwhPerBucket) {
      Energy e = Energy.ofKilowattHours(k);
      buckets.add(new BucketEnergy(b, b.plus(Duration.ofHours(1)), e));
      total = total.plus(e);
      b = b.plus(Duration.ofHours(1));
    }
    ChannelEnergy c = new ChannelEnergy("cpu/package-0", "test", ChannelKind.CPU_PACKAGE, "cpu0", Method.COUNTER, 0,
        total, total, 0, List.of());
    return new EnergyRecord(id, parent, name, tags, "host", region, start, end, 0, Attribution.MACHINE, List.of(c),
        buckets, RecordStatus.COMPLETE, List.of());
  }
}
