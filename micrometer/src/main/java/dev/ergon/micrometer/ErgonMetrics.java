package dev.ergon.micrometer;

import dev.ergon.EnergyMonitor;
import dev.ergon.JobSeriesTable;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.MonitorListener;
import dev.ergon.MonitorSnapshot;
import dev.ergon.Power;
import dev.ergon.Tags;
import dev.ergon.spi.Channel;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds an {@link EnergyMonitor}'s channels, jobs and workloads to a Micrometer {@link MeterRegistry}, following
 * Micrometer's naming conventions (dot-separated lower-case names, base units joules and watts).
 *
 * <pre>{@code
 * ErgonMetrics.builder(monitor).tagKeys("model", "version").build().bindTo(registry);
 * }</pre>
 *
 * <p>Meters (Prometheus names in brackets):
 * <ul>
 *   <li>{@code ergon.energy} [{@code ergon_energy_joules_total}]: function counter per channel, the energy measured
 *       since the monitor started, J; tags {@code channel}, {@code meter}, {@code kind}, {@code method}
 *       ({@code counter}, {@code integrated_power}, {@code model}) and {@code uncertainty} (relative standard
 *       uncertainty, a fraction, e.g. {@code 0.05}), so a dashboard can label estimates;
 *   <li>{@code ergon.power} [{@code ergon_power_watts}]: gauge per channel, mean power over the latest sampling
 *       interval, W ({@code NaN} when that interval was dropped or faulted); same tags;
 *   <li>{@code ergon.energy.unattributed} [{@code ergon_energy_unattributed_joules_total}]: function counter, measured
 *       energy not charged to any top-level job, J;
 *   <li>{@code ergon.job.energy} [{@code ergon_job_energy_joules_total}], {@code ergon.job.units}
 *       [{@code ergon_job_units_total}], {@code ergon.job.idle} [{@code ergon_job_idle}]: per series of job name
 *       (tag {@code job.name}) and allow-listed tag keys ({@link Builder#tagKeys}; a job without one of them gets
 *       {@value JobSeriesTable#NONE}), the energy (J) and units of every job of that series, closed and open
 *       (monotonic: a closed job keeps counting), and 1 while one of its workloads is idle, else 0; tag
 *       {@code method} names the least direct method among the channels ({@code model} if any channel is
 *       modelled);
 *   <li>{@code ergon.metrics.failures}: function counter of failed evaluations and hooks (each cause logged once).
 * </ul>
 *
 * <p><b>Cardinality.</b> At most {@link Builder#maxSeries} job series (default 100); jobs of any later series all
 * count in one overflow series whose {@code job.name} and allow-listed tag values are {@value JobSeriesTable#OTHER}.
 * A child job counts in its own series and in its parent's energy, so do not sum {@code ergon.job.energy} across job
 * names; a workload's hourly segment records are not counted again.
 *
 * <p><b>Failures.</b> A failing registry or evaluation never reaches a job or a request thread: it is caught,
 * logged once per exception class and counted in {@code ergon.metrics.failures}; the meter reports its previous
 * value.
 *
 * <p>Thread-safe. Bind one instance to any number of registries.
 *
 * @since 0.1
 */
public final class ErgonMetrics implements MeterBinder {

  private static final Logger LOG = LoggerFactory.getLogger(ErgonMetrics.class);
  /** Tag keys the binder sets itself; an allow-listed key must not map to one of them. */
  static final Set<String> RESERVED = Set.of("job.name", "method", "channel", "meter", "kind", "uncertainty");
  private static final Pattern PROMETHEUS_LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final EnergyMonitor monitor;
  private final JobSeriesTable table;
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private final AtomicLong failures = new AtomicLong();
  private final Set<String> loggedCauses = ConcurrentHashMap.newKeySet();
  private final String jobMethod;
  private final ChannelsView channelsView = new ChannelsView();
  private volatile boolean listening;

  private ErgonMetrics(Builder b) {
    this.monitor = b.monitor;
    this.table = new JobSeriesTable(b.tagKeys, b.maxSeries, b.cacheFor.toNanos(), monitor::snapshot, this::register);
    this.jobMethod = leastDirect(monitor.channels()).name().toLowerCase(Locale.ROOT);
  }

  /** Model if any channel is modelled, else integrated power if any channel integrates, else counter. */
  static Method leastDirect(List<Channel> channels) {
    Method least = Method.COUNTER;
    for (Channel c : channels) {
      if (c.method() == Method.MODEL) {
        return Method.MODEL;
      }
      if (c.method() == Method.INTEGRATED_POWER) {
        least = Method.INTEGRATED_POWER;
      }
    }
    return least;
  }

  /**
   * Returns a binder for a monitor with no allow-listed tag keys and the default bound.
   *
   * @param monitor the monitor
   * @return the binder
   */
  public static ErgonMetrics of(EnergyMonitor monitor) {
    return builder(monitor).build();
  }

  /**
   * Returns a builder.
   *
   * @param monitor the monitor whose figures to export
   * @return a new builder
   */
  public static Builder builder(EnergyMonitor monitor) {
    return new Builder(monitor);
  }

  /**
   * Registers the meters with the registry, and listens to the monitor for new jobs and closed records.
   *
   * @param registry the registry
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    registries.add(registry);
    ChannelsView view = channelsView; // a field: Micrometer holds the state object of a function meter weakly
    List<MonitorSnapshot.ChannelState> states = monitor.snapshot().channels();
    for (int i = 0; i < states.size(); i++) {
      Channel c = states.get(i).channel();
      List<Tag> tags = List.of(Tag.of("channel", c.id()), Tag.of("meter", states.get(i).meter()),
          Tag.of("kind", c.kind().name().toLowerCase(Locale.ROOT)),
          Tag.of("method", c.method().name().toLowerCase(Locale.ROOT)),
          Tag.of("uncertainty", Double.toString(c.relativeUncertainty())));
      int index = i;
      FunctionCounter.builder("ergon.energy", view, guarded(v -> v.joules(index)))
          .tags(tags).baseUnit("joules").description("Energy measured on a channel since the monitor started")
          .register(registry);
      Gauge.builder("ergon.power", view, guarded(v -> v.watts(index)))
          .tags(tags).baseUnit("watts").description("Mean power of a channel over the latest sampling interval")
          .register(registry);
    }
    FunctionCounter.builder("ergon.energy.unattributed", view, guarded(v -> v.unattributed()))
        .baseUnit("joules").description("Measured energy not charged to any top-level job").register(registry);
    FunctionCounter.builder("ergon.metrics.failures", failures, AtomicLong::get)
        .description("Failed metric evaluations and hooks of the Ergon binder").register(registry);
    synchronized (this) {
      if (!listening) {
        listening = true;
        monitor.addListener(new Hooks());
      }
    }
    try {
      for (MonitorSnapshot.JobState j : monitor.snapshot().jobs()) {
        table.keyOf(j.name(), j.tags());
      }
      for (JobSeriesTable.Key k : table.keys()) {
        registerIn(registry, k);
      }
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  /**
   * Returns how many evaluations or hooks failed.
   *
   * @return the count
   */
  public long failures() {
    return failures.get();
  }

  /**
   * Returns how many job series are registered (the overflow series included).
   *
   * @return the count, at most {@link Builder#maxSeries} + 1
   */
  public int jobSeries() {
    return table.size();
  }

  private void register(JobSeriesTable.Key key) {
    for (MeterRegistry r : registries) {
      registerIn(r, key);
    }
  }

  private void registerIn(MeterRegistry registry, JobSeriesTable.Key key) {
    try {
      List<Tag> tags = new ArrayList<>();
      tags.add(Tag.of("job.name", key.name()));
      tags.add(Tag.of("method", jobMethod));
      for (int i = 0; i < table.tagKeys().size(); i++) {
        tags.add(Tag.of(table.tagKeys().get(i), key.values().get(i)));
      }
      FunctionCounter.builder("ergon.job.energy", table, guarded(t -> t.get(key).joules()))
          .tags(tags).baseUnit("joules").description("Energy of the jobs of a series, closed and open")
          .register(registry);
      FunctionCounter.builder("ergon.job.units", table, guarded(t -> (double) t.get(key).units()))
          .tags(tags).description("Functional units of the jobs of a series, closed and open").register(registry);
      Gauge.builder("ergon.job.idle", table, guarded(t -> t.get(key).idle() ? 1 : 0))
          .tags(tags).description("1 while a workload of the series is idle, else 0").register(registry);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private <T> ToDoubleFunction<T> guarded(ToDoubleFunction<T> f) {
    double[] last = {Double.NaN};
    return t -> {
      try {
        double v = f.applyAsDouble(t);
        last[0] = v;
        return v;
      } catch (RuntimeException e) {
        failed(e);
        return last[0];
      }
    };
  }

  private void failed(RuntimeException e) {
    failures.incrementAndGet();
    if (loggedCauses.add(e.getClass().getName())) {
      LOG.warn("Ergon metrics: {} (logged once per exception class; counted in ergon.metrics.failures)",
          e.getClass().getName(), e);
    }
  }

  /** The monitor's channel figures, one snapshot per read. */
  private final class ChannelsView {
    double joules(int channel) {
      return monitor.snapshot().channels().get(channel).measured().toJoules();
    }

    double watts(int channel) {
      Power p = monitor.snapshot().channels().get(channel).power();
      return p == null ? Double.NaN : p.toWatts();
    }

    double unattributed() {
      return monitor.snapshot().unattributed().toJoules();
    }
  }

  /** Registers series as jobs start and keeps closed jobs' totals. Never throws. */
  private final class Hooks implements MonitorListener {
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
  }

  /**
   * Configures an {@link ErgonMetrics}. Not thread-safe.
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
     * Sets the job tag keys that become tags of the job series (e.g. {@code "model", "version"}); every other tag
     * of a job is left out, so cardinality stays bounded.
     *
     * @param keys Ergon tag keys that, with {@code .} and {@code -} turned into {@code _}, are valid Prometheus
     *     label names, distinct, and not one of {@code job.name, method, channel, meter, kind, uncertainty}
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
        String label = k.replace('.', '_').replace('-', '_');
        if (!PROMETHEUS_LABEL.matcher(label).matches() || label.startsWith("__")) {
          throw new IllegalArgumentException("tag key '" + k + "' becomes label '" + label
              + "', which is not a valid Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)");
        }
        if (RESERVED.contains(k) || RESERVED.stream().anyMatch(r -> r.replace('.', '_').equals(label))) {
          throw new IllegalArgumentException("tag key '" + k + "' is reserved: the binder sets " + RESERVED);
        }
        if (!seen.add(label)) {
          throw new IllegalArgumentException("tag key '" + k + "' collides with another key as label '" + label
              + "': allow-listed keys must stay distinct once '.' and '-' become '_'");
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
     * Sets how long job figures computed for one scrape are reused (default 100 ms), so a scrape of many series
     * takes the monitor's lock once rather than once per series; zero recomputes on every read.
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
     * Builds the binder; nothing is registered until {@link ErgonMetrics#bindTo}.
     *
     * @return the binder
     */
    public ErgonMetrics build() {
      return new ErgonMetrics(this);
    }
  }
}
