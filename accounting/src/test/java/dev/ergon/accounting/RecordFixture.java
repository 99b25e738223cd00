package dev.ergon.accounting;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import dev.ergon.ChannelKind;
import dev.ergon.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds energy records for tests: one channel, hourly buckets of given energies starting at a given hour.
 */
public final class RecordFixture {
  private final String id;
  private @Nullable String parentId;
  private @Nullable String region;
  private Instant start = Instant.parse("2026-03-01T00:00:00Z");
  private final List<Energy> hourly = new ArrayList<>();
  private Method method = Method.COUNTER;
  private double uncertainty = 0.0;
  private Tags tags = Tags.empty();
  private String host = "host-a";
  private RecordStatus status = RecordStatus.COMPLETE;
  private long units;
  private boolean buckets = true;
  private @Nullable Duration duration;

  private RecordFixture(String id) {
    this.id = id;
  }

  /**
   * Starts a record.
   *
   * @param id the id
   * @return the fixture
   */
  public static RecordFixture record(String id) {
    return new RecordFixture(id);
  }

  public RecordFixture region(@Nullable String r) {
    this.region = r;
    return this;
  }

  public RecordFixture parent(String p) {
    this.parentId = p;
    return this;
  }

  public RecordFixture start(String instant) {
    this.start = Instant.parse(instant);
    return this;
  }

  /** Adds hours of energy, in kWh each, from the start. */
  public RecordFixture kwh(double... perHour) {
    for (double k : perHour) {
      hourly.add(Energy.ofKilowattHours(k));
    }
    return this;
  }

  /** Adds hours of energy in µJ each. */
  public RecordFixture micro(long... perHour) {
    for (long m : perHour) {
      hourly.add(Energy.ofMicrojoules(m));
    }
    return this;
  }

  public RecordFixture method(Method m) {
    this.method = m;
    return this;
  }

  public RecordFixture uncertainty(double u) {
    this.uncertainty = u;
    return this;
  }

  public RecordFixture tags(String... kv) {
    this.tags = Tags.of(kv);
    return this;
  }

  public RecordFixture host(String h) {
    this.host = h;
    return this;
  }

  public RecordFixture status(RecordStatus s) {
    this.status = s;
    return this;
  }

  public RecordFixture units(long u) {
    this.units = u;
    return this;
  }

  /** Leaves the buckets out (the record keeps its total and duration). */
  public RecordFixture noBuckets(Duration d) {
    this.buckets = false;
    this.duration = d;
    return this;
  }

  public EnergyRecord build() {
    Energy total = Energy.ZERO;
    List<BucketEnergy> bs = new ArrayList<>();
    Instant t = start;
    for (Energy e : hourly) {
      bs.add(new BucketEnergy(t, t.plus(Duration.ofHours(1)), e));
      total = total.plus(e);
      t = t.plus(Duration.ofHours(1));
    }
    Instant end = duration != null ? start.plus(duration) : t;
    List<ChannelEnergy> channels = new ArrayList<>();
    if (!total.isZero() || status != RecordStatus.NO_METER) {
      channels.add(new ChannelEnergy("cpu/package-0", "test", ChannelKind.CPU_PACKAGE, "cpu0", method, uncertainty,
          total, total, 0, List.of()));
    }
    return new EnergyRecord(id, parentId, "job-" + id, tags, host, region, start, end, units, Attribution.MACHINE,
        channels, buckets ? bs : List.of(), status, status == RecordStatus.COMPLETE ? List.of() : List.of("test"));
  }
}
