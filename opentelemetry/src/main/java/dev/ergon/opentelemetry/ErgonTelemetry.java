package dev.ergon.opentelemetry;

import dev.ergon.ChannelKind;
import dev.ergon.EnergyMonitor;
import dev.ergon.JobSeriesTable;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.MonitorListener;
import dev.ergon.MonitorSnapshot;
import dev.ergon.Power;
import dev.ergon.Tags;
import dev.ergon.spi.Channel;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports an {@link EnergyMonitor}'s channels, jobs and workloads on the OpenTelemetry metrics API, following the
 * hardware metrics of the OpenTelemetry semantic conventions {@value #SEMCONV_VERSION} (status: Development, so
 * names may still change there).
 *
 * <pre>{@code
 * try (ErgonTelemetry t = ErgonTelemetry.builder(monitor).tagKeys("model", "version").build(meterProvider)) { ... }
 * }</pre>
 *
 * <p>Instruments (all asynchronous, read at each collection):
 * <ul>
 *   <li>{@code hw.energy} (counter, {@code J}) and {@code hw.power} (gauge, {@code W}) per component channel, with
 *       {@code hw.id} (the channel id), {@code hw.type} ({@code cpu}, {@code gpu}, {@code memory}), {@code hw.name}
 *       (the device), and Ergon's {@code ergon.meter}, {@code ergon.method} ({@code counter},
 *       {@code integrated_power}, {@code model}) and {@code ergon.uncertainty} (relative standard uncertainty);
 *   <li>{@code hw.host.energy} and {@code hw.host.power}: whole-host channels (platform / psys) only, with the same
 *       attributes less {@code hw.type}, so a sum over {@code hw.energy} never counts the host twice;
 *   <li>{@code ergon.energy.unattributed} (counter, {@code J});
 *   <li>{@code ergon.job.energy} (counter, {@code J}), {@code ergon.job.units} (counter, {@code {unit}}),
 *       {@code ergon.job.idle} (gauge, 1 or 0): per series of {@code ergon.job.name} and the allow-listed tag keys
 *       (bounded as in {@code ergon-micrometer}: at most {@link Builder#maxSeries} series, then one series whose
 *       name and values are {@code _other}); {@code ergon.method} names the least direct method of the channels;
 *   <li>{@code ergon.telemetry.failures} (counter): failed callbacks and hooks.
 * </ul>
 *
 * <p><b>Failures.</b> An exception in a callback or hook is caught, logged once per exception class and counted;
 * it never reaches a job, a request thread or the exporter.
 *
 * <p>Thread-safe. {@link #close()} removes the callbacks and the monitor listener.
 *
 * @since 0.1
 */
public final class ErgonTelemetry implements AutoCloseable {

  /** The semantic conventions version whose hardware metrics this class follows. */
  public static final String SEMCONV_VERSION = "1.37.0";
  /** The instrumentation scope name. */
  public static final String SCOPE = "dev.ergon";

  private static final Logger LOG = LoggerFactory.getLogger(ErgonTelemetry.class);
  private static final Set<String> RESERVED = Set.of("ergon.job.name", "ergon.method", "ergon.meter",
      "ergon.uncertainty", "hw.id", "hw.type", "hw.name");
  private static final AttributeKey<String> HW_ID = AttributeKey.stringKey("hw.id");
  private static final AttributeKey<String> HW_TYPE = AttributeKey.stringKey("hw.type");
  private static final AttributeKey<String> HW_NAME = AttributeKey.stringKey("hw.name");
  private static final AttributeKey<String> METER = AttributeKey.stringKey("ergon.meter");
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("ergon.method");
  private static final AttributeKey<Double> UNCERTAINTY = AttributeKey.doubleKey("ergon.uncertainty");
  private static final AttributeKey<String> JOB_NAME = AttributeKey.stringKey("ergon.job.name");

  private final EnergyMonitor monitor;
  private final JobSeriesTable table;
  private final List<AutoCloseable> instruments = new ArrayList<>();
  private final AtomicLong failures = new AtomicLong();
  private final Set<String> loggedCauses = ConcurrentHashMap.newKeySet();
  private final MonitorListener hooks;
  private final String jobMethod;

  private ErgonTelemetry(Builder b, MeterProvider provider) {
    this.monitor = b.monitor;
    this.table = new JobSeriesTable(b.tagKeys, b.maxSeries, b.cacheFor.toNanos(), monitor::snapshot, k -> {});
    this.jobMethod = leastDirect(monitor.channels());
    Meter meter = provider.meterBuilder(SCOPE).setSchemaUrl("https://opentelemetry.io/schemas/" + SEMCONV_VERSION)
        .build();
    instruments.add(meter.counterBuilder("hw.energy").ofDoubles().setUnit("J")
        .setDescription("Energy consumed by the component").buildWithCallback(m -> channels(m, false, true)));
    instruments.add(meter.gaugeBuilder("hw.power").setUnit("W")
        .setDescription("Instantaneous power consumed by the component").buildWithCallback(m -> channels(m, false,
            false)));
    instruments.add(meter.counterBuilder("hw.host.energy").ofDoubles().setUnit("J")
        .setDescription("Total energy consumed by the entire physical host")
        .buildWithCallback(m -> channels(m, true, true)));
    instruments.add(meter.gaugeBuilder("hw.host.power").setUnit("W")
        .setDescription("Instantaneous power consumed by the entire physical host")
        .buildWithCallback(m -> channels(m, true, false)));
    instruments.add(meter.counterBuilder("ergon.energy.unattributed").ofDoubles().setUnit("J")
        .setDescription("Measured energy not charged to any top-level job")
        .buildWithCallback(guarded(m -> m.record(monitor.snapshot().unattributed().toJoules()))));
    instruments.add(meter.counterBuilder("ergon.job.energy").ofDoubles().setUnit("J")
        .setDescription("Energy of the jobs of a series, closed and open")
        .buildWithCallback(guarded(m -> jobs(m, v -> v.joules()))));
    instruments.add(meter.counterBuilder("ergon.job.units").setUnit("{unit}")
        .setDescription("Functional units of the jobs of a series, closed and open")
        .buildWithCallback(guardedLong(m -> table.values().forEach((k, v) -> m.record(v.units(), attributes(k))))));
    instruments.add(meter.gaugeBuilder("ergon.job.idle").ofLongs().setUnit("1")
        .setDescription("1 while a workload of the series is idle, else 0")
        .buildWithCallback(guardedLong(m -> table.values().forEach((k, v) -> m.record(v.idle() ? 1 : 0,
            attributes(k))))));
    instruments.add(meter.counterBuilder("ergon.telemetry.failures").setUnit("{failure}")
        .setDescription("Failed callbacks and hooks of the Ergon telemetry").buildWithCallback(m -> m.record(
            failures.get())));
    this.hooks = new MonitorListener() {
      @Override
      public void onStart(MonitorSnapshot.JobState job) {
        try {
          table.keyOf(job.name(), job.tags());
        } catch (RuntimeException e) {
          failed(e);
        }
      }

      @Override
      public void onRecord(EnergyRecord record) {
        try {
          table.closed(record);
        } catch (RuntimeException e) {
          failed(e);
        }
      }
    };
    monitor.addListener(hooks);
    try {
      for (MonitorSnapshot.JobState j : monitor.snapshot().jobs()) {
        table.keyOf(j.name(), j.tags());
      }
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  /**
   * Returns a builder.
   *
   * @param monitor the monitor whose figures to report
   * @return a new builder
   */
  public static Builder builder(EnergyMonitor monitor) {
    return new Builder(monitor);
  }

  /**
   * Maps a channel kind to the semantic conventions' {@code hw.type}.
   *
   * @param kind the kind
   * @return {@code cpu}, {@code gpu} or {@code memory}; {@code host} for a whole-host channel
   */
  static String hwType(ChannelKind kind) {
    return switch (kind) {
      case CPU_PACKAGE, MODEL_CPU -> "cpu";
      case DRAM, MEMORY -> "memory";
      case GPU -> "gpu";
      case PLATFORM -> "host";
    };
  }

  private static String leastDirect(List<Channel> channels) {
    Method least = Method.COUNTER;
    for (Channel c : channels) {
      if (c.method() == Method.MODEL) {
        least = Method.MODEL;
        break;
      }
      if (c.method() == Method.INTEGRATED_POWER) {
        least = Method.INTEGRATED_POWER;
      }
    }
    return least.name().toLowerCase(Locale.ROOT);
  }

  private void channels(ObservableDoubleMeasurement m, boolean host, boolean energy) {
    try {
      for (MonitorSnapshot.ChannelState s : monitor.snapshot().channels()) {
        Channel c = s.channel();
        String type = hwType(c.kind());
        if (host != type.equals("host")) {
          continue;
        }
        AttributesBuilder a = Attributes.builder().put(HW_ID, c.id()).put(HW_NAME, c.device())
            .put(METER, s.meter()).put(METHOD, c.method().name().toLowerCase(Locale.ROOT))
            .put(UNCERTAINTY, c.relativeUncertainty());
        if (!host) {
          a.put(HW_TYPE, type);
        }
        if (energy) {
          m.record(s.measured().toJoules(), a.build());
        } else {
          Power p = s.power();
          if (p != null) {
            m.record(p.toWatts(), a.build());
          }
        }
      }
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private void jobs(ObservableDoubleMeasurement m, java.util.function.ToDoubleFunction<JobSeriesTable.Values> f) {
    for (Map.Entry<JobSeriesTable.Key, JobSeriesTable.Values> e : table.values().entrySet()) {
      m.record(f.applyAsDouble(e.getValue()), attributes(e.getKey()));
    }
  }

  private Attributes attributes(JobSeriesTable.Key k) {
    AttributesBuilder a = Attributes.builder().put(JOB_NAME, k.name()).put(METHOD, jobMethod);
    for (int i = 0; i < table.tagKeys().size(); i++) {
      a.put(table.tagKeys().get(i), k.values().get(i));
    }
    return a.build();
  }

  private Consumer<ObservableDoubleMeasurement> guarded(Consumer<ObservableDoubleMeasurement> c) {
    return m -> {
      try {
        c.accept(m);
      } catch (RuntimeException e) {
        failed(e);
      }
    };
  }

  private Consumer<ObservableLongMeasurement> guardedLong(Consumer<ObservableLongMeasurement> c) {
    return m -> {
      try {
        c.accept(m);
      } catch (RuntimeException e) {
        failed(e);
      }
    };
  }

  private void failed(RuntimeException e) {
    failures.incrementAndGet();
    if (loggedCauses.add(e.getClass().getName())) {
      LOG.warn("Ergon telemetry: {} (logged once per exception class; counted in ergon.telemetry.failures)",
          e.getClass().getName(), e);
    }
  }

  /**
   * Returns how many callbacks or hooks failed.
   *
   * @return the count
   */
  public long failures() {
    return failures.get();
  }

  /** Removes the callbacks and the monitor listener. Idempotent; never throws. */
  @Override
  public void close() {
    monitor.removeListener(hooks);
    synchronized (instruments) {
      for (AutoCloseable i : instruments) {
        try {
          i.close();
        } catch (Exception e) {
          LOG.debug("closing an instrument failed", e);
        }
      }
      instruments.clear();
    }
  }

  /**
   * Configures an {@link ErgonTelemetry}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final EnergyMonitor monitor;
    private List<String> tagKeys = List.of();
    private int maxSeries = 100;
    private Duration cacheFor = Duration.ofMillis(100);

    private Builder(EnergyMonitor monitor) {
      this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    /**
     * Sets the job tag keys that become attributes of the job series; every other tag is left out.
     *
     * @param keys valid Ergon tag keys, distinct, none of {@code ergon.job.name, ergon.method, ergon.meter,
     *     ergon.uncertainty, hw.id, hw.type, hw.name}
     * @return this builder
     * @throws IllegalArgumentException naming the key and the rule it breaks
     */
    public Builder tagKeys(String... keys) {
      List<String> list = List.of(keys);
      Set<String> seen = new HashSet<>();
      for (String k : list) {
        if (!Tags.isValidKey(k)) {
          throw new IllegalArgumentException("tag key '" + k + "' is not a valid Ergon tag key: keys start with "
              + "a-z and continue with a-z, 0-9, '_', '.' or '-' (at most 64 characters)");
        }
        if (RESERVED.contains(k)) {
          throw new IllegalArgumentException("tag key '" + k + "' is reserved: the instruments set " + RESERVED);
        }
        if (!seen.add(k)) {
          throw new IllegalArgumentException("tag key '" + k + "' is listed twice");
        }
      }
      this.tagKeys = list;
      return this;
    }

    /**
     * Sets the most job series (default 100); jobs of later series count in one overflow series.
     *
     * @param maxSeries at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxSeries(int maxSeries) {
      if (maxSeries < 1) {
        throw new IllegalArgumentException("maxSeries must be >= 1, got " + maxSeries);
      }
      this.maxSeries = maxSeries;
      return this;
    }

    /**
     * Sets how long job figures computed for one collection are reused (default 100 ms); zero recomputes always.
     *
     * @param duration not negative
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder cacheFor(Duration duration) {
      if (duration.isNegative()) {
        throw new IllegalArgumentException("cacheFor must not be negative, got " + duration);
      }
      this.cacheFor = duration;
      return this;
    }

    /**
     * Registers the instruments with a meter provider and listens to the monitor.
     *
     * @param provider the meter provider (e.g. {@code openTelemetry.getMeterProvider()})
     * @return the registration, to close when done
     */
    public ErgonTelemetry build(MeterProvider provider) {
      return new ErgonTelemetry(this, Objects.requireNonNull(provider, "provider"));
    }
  }
}
