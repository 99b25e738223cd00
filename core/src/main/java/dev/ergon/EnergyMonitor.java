package dev.ergon;

import dev.ergon.internal.Attributor;
import dev.ergon.internal.ChannelReader;
import dev.ergon.internal.CpuTimes;
import dev.ergon.internal.EqualShareAttributor;
import dev.ergon.internal.JobAccount;
import dev.ergon.internal.JobSnapshot;
import dev.ergon.internal.JobTree;
import dev.ergon.internal.ProcCpuTimes;
import dev.ergon.internal.ProcessShare;
import dev.ergon.internal.RecordAssembler;
import dev.ergon.internal.RecordIds;
import dev.ergon.internal.RecordSink;
import dev.ergon.internal.Sampler;
import dev.ergon.internal.ThreadScopes;
import dev.ergon.internal.ThreadsAttributor;
import dev.ergon.internal.Workloads;
import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.ledger.Ledger;
import dev.ergon.ledger.LedgerProvider;
import dev.ergon.spi.Channel;
import dev.ergon.spi.MeterProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the meters, one sampler thread and the open jobs; the entry point of Ergon.
 *
 * <pre>{@code
 * try (EnergyMonitor monitor = EnergyMonitor.create()) {      // discovers meters, starts the sampler
 *   try (Job job = monitor.start("train", Tags.of("model", "bert-base"))) {
 *     train();
 *     job.addUnits(samples);
 *   }                                                         // record appended to the ledger
 * }
 * }</pre>
 *
 * <p>The monitor is a thin front over a one-way pipeline: meters are read and unwrapped per channel (the sampler),
 * each interval's energy is shared among the open jobs level by level (the job tree, under the {@link Attribution}
 * policy), a closed job's account becomes an {@link EnergyRecord}, and the record goes to the {@link Ledger}.
 *
 * <p><b>Sampling.</b> One daemon thread, named {@code ergon-sampler-N}, reads every meter each period
 * ({@code ergon.sampling.period}, default 1 s, at least 10 ms), never slower than the shortest
 * {@link Channel#maxPollInterval()} of any channel, so no counter wrap is missed. Opening and closing a job also read
 * the meters afresh (concurrent opens and closes share one read), so a job is charged exactly for the intervals it
 * was open.
 *
 * <p><b>Conservation.</b> For every channel and every time bucket: the top-level jobs together are charged at most
 * what was measured (the rest is {@link #unattributed()}), and the children of every job together at most their
 * parent; a record says how much of its energy was its children's ({@link EnergyRecord#childrenTotal()}).
 *
 * <p><b>Threads.</b> A job started on a thread is that thread's current job until it closes; a job started while
 * the thread is inside another job is its child. Work handed to other threads stays in its job through
 * {@link Job#wrap(Runnable)} and its overloads for callables, executors and executor services.
 *
 * <p><b>Outliving the process.</b> Every {@code ergon.checkpoint.period} (default 1 h) an open job appends its energy
 * so far under its own id with status {@link RecordStatus#OPEN}; the final record supersedes it. A shutdown hook
 * ({@code ergon.shutdown.hook}, default on, removed by {@link #close()}) closes open jobs as partial with the reason
 * "process exiting" and flushes the ledger when the JVM exits (main returning, {@code System.exit}, SIGTERM).
 *
 * <p><b>Failures.</b> A meter that fails while jobs are open makes their records partial with the reason; nothing
 * is thrown into the caller's code. A ledger that cannot be written is logged and counted
 * ({@link #ledgerFailures()}); the record is still returned by {@link Job#record()}. The monitor keeps no closed job:
 * its memory is bounded by the jobs open.
 *
 * <p><b>Services.</b> {@link #workload} opens a long-lived job for a service or a model version, with lock-free
 * units, live figures, one segment record per time bucket and optional idle detection (see {@link Workload}).
 * {@link #snapshot()} gives exporters a consistent read-only view (channels, unattributed, open jobs), and
 * {@link #addListener} tells them of new jobs, records and idle workloads; the optional modules
 * {@code ergon-micrometer} and {@code ergon-opentelemetry} are built on these two alone.
 *
 * <p>Thread-safe. {@link #close()} is idempotent and closes open jobs, the sampler, the meters, and the ledger if
 * the monitor opened it.
 *
 * @since 0.1
 */
public final class EnergyMonitor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EnergyMonitor.class);
  private static final AtomicInteger HOOK_NUMBER = new AtomicInteger();

  /** Key of the sampling period. */
  public static final String KEY_SAMPLING_PERIOD = "ergon.sampling.period";
  /** Key of the time-bucket length. */
  public static final String KEY_BUCKET = "ergon.bucket";
  /** Key of the attribution policy. */
  public static final String KEY_ATTRIBUTION = "ergon.attribution";
  /** Key of the ledger: a file path, or a URL a {@link dev.ergon.ledger.LedgerProvider} opens ({@code jdbc:postgresql://...}). */
  public static final String KEY_LEDGER = "ergon.ledger";
  /** Key of the grid region written into records. */
  public static final String KEY_REGION = "ergon.region";
  /** Key of the host name written into records. */
  public static final String KEY_HOST = "ergon.host";
  /** Key of the plausibility limit applied to every channel, in watts. */
  public static final String KEY_MAX_POWER = "ergon.max.power";
  /** Key of the checkpoint period of open jobs. */
  public static final String KEY_CHECKPOINT_PERIOD = "ergon.checkpoint.period";
  /** Key of the shutdown hook switch ({@code true} or {@code false}). */
  public static final String KEY_SHUTDOWN_HOOK = "ergon.shutdown.hook";

  private final Configuration config;
  private final MonitorSettings settings;
  private final List<Channel> channels;
  private final List<MeterStatus> statuses;
  private final Duration period;
  private final long checkpointNanos;
  private final Sampler sampler;
  private final JobTree tree;
  private final ThreadScopes scopes;
  private final RecordAssembler assembler;
  private final RecordSink sink;
  private final RecordIds ids = new RecordIds();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final java.util.concurrent.CountDownLatch shutDown = new java.util.concurrent.CountDownLatch(1);
  private final @Nullable Thread shutdownHook;
  /** Set under the reading lock when the monitor starts closing; later opens are refused. */
  private boolean refusing;
  private final Workloads workloads;
  /** Mean power per channel over the latest interval, W; NaN when unknown. Under the reading lock. */
  private final double[] lastPower;
  private final ConcurrentLinkedQueue<JobSnapshot> pendingSegments = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Workloads.Idle> pendingIdle = new ConcurrentLinkedQueue<>();
  private final CopyOnWriteArrayList<MonitorListener> listeners = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong listenerFailures = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.Set<String> loggedListenerCauses = ConcurrentHashMap.newKeySet();

  private EnergyMonitor(Builder b) {
    this.config = b.config;
    this.settings = new MonitorSettings(b, config);
    MeterDiscovery discovery = new MeterDiscovery();
    List<MeterStatus> loadFailures = new ArrayList<>();
    List<MeterProvider> providers = b.providers != null ? b.providers
        : MeterDiscovery.load(b.classLoader, loadFailures);
    List<String> only = b.only != null ? b.only : config.getList(MeterDiscovery.KEY_METERS);
    List<String> exclude = new ArrayList<>(config.getList(MeterDiscovery.KEY_EXCLUDE));
    exclude.addAll(b.exclude);
    discovery.open(providers, config, only, exclude);
    discovery.statuses.addAll(loadFailures);
    this.statuses = List.copyOf(discovery.statuses);
    ChannelReader reader = new ChannelReader(discovery.meters, settings.maxPower);
    this.channels = reader.channels();
    this.period = settings.period(channels);
    this.checkpointNanos = settings.checkpointPeriod(period).toNanos();

    Ledger l = b.ledger;
    boolean owns = false;
    if (l == null && !b.noLedger) {
      String location = config.get(KEY_LEDGER).orElse("");
      try {
        l = LedgerProvider.isUrl(location) ? LedgerProvider.open(location, config, b.classLoader)
            : JsonLinesLedger.open(config.getPath(KEY_LEDGER).orElseGet(EnergyMonitor::defaultLedgerPath), config);
      } catch (RuntimeException e) {
        reader.close();
        throw e;
      }
      owns = true;
    }
    this.sink = new RecordSink(l, owns);

    CpuTimes cpu = b.cpuTimes != null ? b.cpuTimes : new ProcCpuTimes(Path.of("/proc"));
    Attribution attribution = settings.attribution;
    this.scopes = new ThreadScopes(attribution == Attribution.THREADS ? ThreadScopes.jvmCpuClock() : null);
    Attributor attributor = switch (attribution) {
      case MACHINE -> new EqualShareAttributor(null);
      case PROCESS -> new EqualShareAttributor(new ProcessShare(cpu));
      case THREADS -> new ThreadsAttributor(new ProcessShare(cpu), scopes);
    };
    this.tree = new JobTree(attributor, settings.bucketMillis, channels.stream().map(Channel::id).toList());
    this.workloads = new Workloads(settings.bucketMillis, ids);
    this.lastPower = new double[channels.size()];
    java.util.Arrays.fill(lastPower, Double.NaN);
    this.sampler = new Sampler(reader, b.clock, b.ticker, this::accept);
    this.assembler = new RecordAssembler(reader, settings.host, settings.region, attribution, settings.bucketMillis);
    if (b.samplerThread && !channels.isEmpty()) {
      sampler.startThread(period.toNanos(), this::checkpoint);
    }
    if (settings.shutdownHook) {
      Thread hook = new Thread(() -> shutdown("process exiting", true), "ergon-shutdown-" + HOOK_NUMBER.incrementAndGet());
      Runtime.getRuntime().addShutdownHook(hook);
      this.shutdownHook = hook;
    } else {
      this.shutdownHook = null;
    }
    for (MeterStatus s : statuses) {
      if (s.open()) {
        LOG.debug("meter {} open with channels {}", s.provider(), s.channels());
      }
    }
    if (channels.isEmpty()) {
      LOG.warn("no energy meter is available; records will have status NO_METER (see meterStatus())");
    }
  }

  /**
   * Creates a monitor from the environment: {@code ergon.*} system properties and {@code ERGON_*} variables,
   * meters discovered with {@link java.util.ServiceLoader}, the default JSON Lines ledger.
   *
   * @return a running monitor, owned by the caller
   */
  public static EnergyMonitor create() {
    return builder().build();
  }

  /**
   * Returns a builder whose settings start from the environment ({@link Configuration#fromEnvironment()}).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the default ledger path: {@code $XDG_DATA_HOME/ergon/ledger.jsonl}, else
   * {@code $HOME/.local/share/ergon/ledger.jsonl}, else under the JVM's {@code user.home}.
   *
   * @return the path
   */
  public static Path defaultLedgerPath() {
    return JsonLinesLedger.defaultPath(System.getenv(), System.getProperty("user.home"));
  }

  static String localHostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    try {
      String name = Files.readString(Path.of("/etc/hostname")).strip();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (java.io.IOException | RuntimeException e) {
      // fall through
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown-host";
    }
  }

  /**
   * Starts a job. If the calling thread is inside an open job of this monitor (it opened it, or runs work wrapped
   * for it), the new job is its child.
   *
   * @param name the job's name, not blank
   * @return the open job, to close with try-with-resources
   * @throws IllegalStateException if the monitor is closed
   * @throws IllegalArgumentException if the name is blank
   */
  public Job start(String name) {
    return start(name, Tags.empty());
  }

  /**
   * Starts a job with tags. If the calling thread is inside an open job of this monitor (it opened it, or runs work
   * wrapped for it), the new job is its child.
   *
   * @param name the job's name, not blank
   * @param tags the job's tags
   * @return the open job, to close with try-with-resources
   * @throws IllegalStateException if the monitor is closed
   * @throws IllegalArgumentException if the name is blank
   */
  public Job start(String name, Tags tags) {
    JobAccount current = scopes.current();
    return startJob(name, tags, current == null ? null : (Job) current.handle());
  }

  /**
   * Returns the calling thread's current job: the innermost open job of this monitor that the thread opened, runs
   * wrapped work for, or joined.
   *
   * @return the job, or empty
   */
  public Optional<Job> currentJob() {
    JobAccount current = scopes.current();
    return current == null ? Optional.empty() : Optional.of((Job) current.handle());
  }

  /**
   * Runs a body inside a new job: starts it (a child of the calling thread's current job, if any), runs the body,
   * marks the job failed if the body throws (the exception is rethrown), and closes it.
   *
   * @param name the job's name
   * @param tags the job's tags
   * @param body the work
   * @return the job's record
   * @throws IllegalStateException if the monitor is closed
   */
  public EnergyRecord run(String name, Tags tags, Runnable body) {
    Job job = start(name, tags);
    try {
      body.run();
    } catch (RuntimeException | Error e) {
      job.fail(e);
      throw e;
    } finally {
      job.close();
    }
    return job.end();
  }

  /**
   * Calls a body inside a new job, as {@link #run}, and returns its result.
   *
   * @param name the job's name
   * @param tags the job's tags
   * @param body the work
   * @param <T> the result type
   * @return the body's result
   * @throws Exception what the body threw, after the job was marked failed and closed
   */
  public <T> T call(String name, Tags tags, Callable<T> body) throws Exception {
    Job job = start(name, tags);
    try {
      return body.call();
    } catch (Exception | Error e) {
      job.fail(e);
      throw e;
    } finally {
      job.close();
    }
  }

  /**
   * Opens a workload: a long-lived top-level job for a service or a model version, whose units request threads
   * count lock-free and whose energy and units are read live. Idle detection is off.
   *
   * @param name the workload's name, not blank
   * @param tags its tags (e.g. model and version)
   * @return the open workload, to close when the service stops
   * @throws IllegalStateException if the monitor is closed
   * @throws IllegalArgumentException if the name is blank
   */
  public Workload workload(String name, Tags tags) {
    return openWorkload(name, tags, null);
  }

  /**
   * Opens a workload with idle detection: once its units have not moved for {@code idleAfter} while its energy
   * keeps growing, it is idle (see {@link Workload}).
   *
   * @param name the workload's name, not blank
   * @param tags its tags
   * @param idleAfter how long units may stand still, positive
   * @return the open workload
   * @throws IllegalStateException if the monitor is closed
   * @throws IllegalArgumentException if the name is blank or {@code idleAfter} is not positive
   */
  public Workload workload(String name, Tags tags, Duration idleAfter) {
    Objects.requireNonNull(idleAfter, "idleAfter");
    if (idleAfter.isNegative() || idleAfter.isZero()) {
      throw new IllegalArgumentException("idleAfter of workload '" + name + "' must be positive, got " + idleAfter
          + "; omit it to turn idle detection off");
    }
    return openWorkload(name, tags, idleAfter);
  }

  private Workload openWorkload(String name, Tags tags, @Nullable Duration idleAfter) {
    Objects.requireNonNull(tags, "tags");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("workload name must not be blank");
    }
    if (closed.get()) {
      throw new IllegalStateException("monitor is closed; open workloads before closing it");
    }
    OpenJob open = new OpenJob(name, tags, null);
    open.workload = true;
    open.idleAfter = idleAfter;
    sampler.submit(open);
    Workload w = Objects.requireNonNull(open.workloadHandle);
    started(w.job(), true);
    return w;
  }

  boolean isIdle(Job job) {
    return sampler.locked(() -> workloads.isIdle(job.account));
  }

  /**
   * Registers a listener for records and idle workloads. Its failures are logged once per cause and counted,
   * never thrown into jobs.
   *
   * @param listener the listener
   */
  public void addListener(MonitorListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a listener registered with {@link #addListener}.
   *
   * @param listener the listener
   * @return true if it was registered
   */
  public boolean removeListener(MonitorListener listener) {
    return listeners.remove(listener);
  }

  /**
   * Returns how many times a listener threw.
   *
   * @return the count
   */
  public long listenerFailures() {
    return listenerFailures.get();
  }

  /**
   * Returns a consistent, immutable view of the monitor as of its latest reading (no fresh read): per channel the
   * measured energy and the last interval's power, the unattributed energy, and every open job and workload with
   * its live energy and units. Takes the reading lock for as long as copying the open jobs takes.
   *
   * @return the snapshot
   */
  public MonitorSnapshot snapshot() {
    return sampler.locked(() -> {
      long[] measured = tree.measured();
      List<MonitorSnapshot.ChannelState> cs = new ArrayList<>(channels.size());
      ChannelReader reader = sampler.reader();
      for (int i = 0; i < channels.size(); i++) {
        double w = lastPower[i];
        cs.add(new MonitorSnapshot.ChannelState(channels.get(i), reader.meterName(i),
            Energy.ofMicrojoules(measured[i]), Double.isNaN(w) ? null : Power.ofWatts(w)));
      }
      List<MonitorSnapshot.JobState> js = new ArrayList<>();
      tree.forEachOpenJob(a -> {
        JobAccount p = a.parent();
        js.add(new MonitorSnapshot.JobState(a.id(), p == null ? null : p.id(), a.name(), a.tags(),
            workloads.isWorkload(a), sum(a.energyArray()), Workloads.rolledUnits(a), workloads.isIdle(a)));
      });
      Energy unattributed = sum(measured).minus(sum(tree.attributed()));
      return new MonitorSnapshot(sampler.lastReading(), cs, unattributed, js);
    });
  }

  /** The sampler's consumer: the tree first, then power and workloads. Under the reading lock. */
  private void accept(Sampler.Interval iv) {
    tree.accept(iv);
    long elapsed = iv.elapsedNanos();
    for (int i = 0; elapsed > 0 && i < lastPower.length; i++) { // an empty interval (same instant) says nothing
      long d = iv.delta(i);
      lastPower[i] = d >= 0 ? d * 1e3 / elapsed : Double.NaN; // µJ/ns = kW
    }
    List<JobSnapshot> segments = new ArrayList<>(0);
    List<Workloads.Idle> idle = new ArrayList<>(0);
    workloads.afterInterval(iv.to(), iv.toNanos(), segments, idle);
    pendingSegments.addAll(segments);
    pendingIdle.addAll(idle);
  }

  /** Appends the segments closed and tells listeners of idle workloads. Outside every lock. */
  private void drain() {
    List<EnergyRecord> records = new ArrayList<>(0);
    JobSnapshot s;
    while ((s = pendingSegments.poll()) != null) {
      try {
        records.add(assembler.assemble(s));
      } catch (RuntimeException e) {
        LOG.error("could not assemble a segment record of workload '{}'", s.name(), e);
      }
    }
    if (!records.isEmpty()) {
      sink.append(records);
      tell(records);
    }
    Workloads.Idle idle;
    while ((idle = pendingIdle.poll()) != null) {
      Workload w = (Workload) idle.owner();
      Duration idleFor = Duration.ofNanos(idle.idleNanos());
      Energy since = Energy.ofMicrojoules(idle.energySinceLastUnitMicrojoules());
      for (MonitorListener l : listeners) {
        try {
          l.onIdle(w, idleFor, since);
        } catch (RuntimeException e) {
          listenerFailed(e);
        }
      }
    }
  }

  private void started(Job job, boolean workload) {
    if (listeners.isEmpty()) {
      return;
    }
    MonitorSnapshot.JobState state = new MonitorSnapshot.JobState(job.id(), job.parentId().orElse(null), job.name(),
        job.account.tags(), workload, Energy.ZERO, 0, false);
    for (MonitorListener l : listeners) {
      try {
        l.onStart(state);
      } catch (RuntimeException e) {
        listenerFailed(e);
      }
    }
  }

  private void tell(List<EnergyRecord> records) {
    for (MonitorListener l : listeners) {
      for (EnergyRecord r : records) {
        try {
          l.onRecord(r);
        } catch (RuntimeException e) {
          listenerFailed(e);
        }
      }
    }
  }

  private void listenerFailed(RuntimeException e) {
    listenerFailures.incrementAndGet();
    if (loggedListenerCauses.add(e.getClass().getName())) {
      LOG.warn("a monitor listener threw {} (logged once per exception class; see listenerFailures())",
          e.getClass().getName(), e);
    }
  }

  Job startJob(String name, Tags tags, @Nullable Job parent) {
    Objects.requireNonNull(tags, "tags");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("job name must not be blank");
    }
    if (closed.get()) {
      throw new IllegalStateException("monitor is closed; start jobs before closing it");
    }
    OpenJob open = new OpenJob(name, tags, parent);
    sampler.submit(open);
    Job job = Objects.requireNonNull(open.job);
    job.enter();
    started(job, false);
    return job;
  }

  /** Opens a job at a reading boundary. */
  private final class OpenJob extends Sampler.Action {
    private final String name;
    private final Tags tags;
    private final @Nullable Job parent;
    @Nullable Job job;
    boolean workload;
    @Nullable Duration idleAfter;
    @Nullable Workload workloadHandle;

    OpenJob(String name, Tags tags, @Nullable Job parent) {
      this.name = name;
      this.tags = tags;
      this.parent = parent;
    }

    @Override
    protected void run(Sampler.Interval at) {
      if (refusing) {
        throw new IllegalStateException("monitor is closed; start jobs before closing it");
      }
      Instant start = at.to();
      Job j = new Job(EnergyMonitor.this, ids.next(start.toEpochMilli()), name, tags, start,
          parent == null ? null : parent.account, channels.size());
      tree.open(j.account, at.toNanos());
      if (workload) {
        Duration idle = idleAfter;
        Workload w = new Workload(j, idle);
        workloads.open(j.account, w, idle == null ? 0 : idle.toNanos(), start, at.toNanos());
        workloadHandle = w;
      }
      job = j;
    }
  }

  /** Closes jobs at a reading boundary and copies their accounts. */
  private final class CloseJobs extends Sampler.Action {
    private final @Nullable JobAccount job;
    private final @Nullable String problem;
    final List<JobAccount> closedAccounts = new ArrayList<>();
    final List<JobSnapshot> snapshots = new ArrayList<>();

    /** Closes one job, or every open job when {@code job} is null (the monitor closing). */
    CloseJobs(@Nullable JobAccount job, @Nullable String problem) {
      this.job = job;
      this.problem = problem;
    }

    @Override
    protected void run(Sampler.Interval at) {
      JobAccount j = job;
      if (j == null) {
        refusing = true;
        tree.closeAll(at.to(), Objects.requireNonNull(problem), closedAccounts);
      } else {
        tree.close(j, at.to(), problem, closedAccounts);
      }
      for (JobAccount a : closedAccounts) {
        snapshots.add(JobTree.snapshot(a, at.to()));
        JobSnapshot last = workloads.closed(a, at.to());
        if (last != null) {
          pendingSegments.add(last);
        }
      }
    }
  }

  void closeJob(Job job, @Nullable String problem) {
    if (!job.account.isClosed()) {
      CloseJobs close = new CloseJobs(job.account, problem);
      try {
        sampler.submit(close);
      } catch (RuntimeException e) {
        LOG.error("closing job '{}' failed", job.name(), e);
      }
      publish(close.closedAccounts, close.snapshots);
    }
  }

  /** Assembles the records of closed jobs, hands each to its job and appends them. Outside every lock. */
  private void publish(List<JobAccount> accounts, List<JobSnapshot> snapshots) {
    List<EnergyRecord> records = new ArrayList<>(snapshots.size());
    for (int i = 0; i < snapshots.size(); i++) {
      try {
        EnergyRecord r = assembler.assemble(snapshots.get(i));
        ((Job) accounts.get(i).handle()).publish(r);
        records.add(r);
      } catch (RuntimeException e) {
        LOG.error("could not assemble the record of job '{}'", accounts.get(i).name(), e);
      }
    }
    drain();
    sink.append(records);
    tell(records);
  }

  /** After each periodic reading, on the sampler thread: checkpoints of the open jobs that are due. */
  private void checkpoint() {
    drain();
    if (!sink.hasLedger()) {
      return;
    }
    List<JobSnapshot> due = sampler.locked(() -> {
      List<JobSnapshot> out = new ArrayList<>();
      if (tree.hasOpenJobs()) {
        Instant at = sampler.lastReading();
        for (JobAccount a : tree.dueForCheckpoint(sampler.lastReadingNanos(), checkpointNanos)) {
          out.add(JobTree.snapshot(a, at));
        }
      }
      return out;
    });
    if (due.isEmpty()) {
      return;
    }
    List<EnergyRecord> records = new ArrayList<>(due.size());
    for (JobSnapshot s : due) {
      records.add(assembler.assemble(s));
    }
    sink.append(records);
    tell(records);
  }

  Energy energySoFar(Job job) {
    return sampler.locked(() -> sum(job.account.energyArray()));
  }

  ThreadScopes scopes() {
    return scopes;
  }

  /**
   * Reads every meter now and charges the interval since the previous reading to the open jobs.
   *
   * <p>The sampler thread does this every period; call it to force a reading (deterministic tests, or just before
   * reading {@link Job#energySoFar()}).
   *
   * @throws IllegalStateException if the monitor is closed
   */
  public void sample() {
    if (closed.get()) {
      throw new IllegalStateException("monitor is closed");
    }
    sampler.sample();
    drain();
  }

  /**
   * Returns the channels being read, in record order.
   *
   * @return an immutable list; empty if no meter is available
   */
  public List<Channel> channels() {
    return channels;
  }

  /**
   * Returns what became of every meter provider found: opened with its channels, or why not.
   *
   * @return an immutable list, opened meters first in priority order
   */
  public List<MeterStatus> meterStatus() {
    return statuses;
  }

  /**
   * Returns the sampling period in force (the configured one, shortened to the channels' safe polling interval).
   *
   * @return the period
   */
  public Duration samplingPeriod() {
    return period;
  }

  /**
   * Returns the checkpoint period in force (the configured one, never shorter than the sampling period).
   *
   * @return the period
   */
  public Duration checkpointPeriod() {
    return Duration.ofNanos(checkpointNanos);
  }

  /**
   * Returns the attribution policy.
   *
   * @return the policy
   */
  public Attribution attribution() {
    return settings.attribution;
  }

  /**
   * Returns the configuration the monitor was built with.
   *
   * @return the configuration
   */
  public Configuration configuration() {
    return config;
  }

  /**
   * Returns the energy measured on all channels since the monitor started, as of the last reading.
   *
   * @return the measured energy
   */
  public Energy measured() {
    return sampler.locked(() -> sum(tree.measured()));
  }

  /**
   * Returns the measured energy not charged to any top-level job, as of the last reading.
   *
   * @return measured minus attributed, never negative
   */
  public Energy unattributed() {
    return sampler.locked(() -> sum(tree.measured()).minus(sum(tree.attributed())));
  }

  /**
   * Returns the number of sampling intervals dropped on all channels since the monitor started.
   *
   * @return the count
   */
  public long droppedIntervals() {
    return sampler.locked(() -> {
      long n = 0;
      for (long d : tree.dropped()) {
        n += d;
      }
      return n;
    });
  }

  /**
   * Returns how many records (final or checkpoint) could not be appended to the ledger.
   *
   * @return the count
   */
  public int ledgerFailures() {
    return sink.failures();
  }

  private static Energy sum(long[] values) {
    Energy e = Energy.ZERO;
    for (long v : values) {
      e = e.plusMicrojoules(v);
    }
    return e;
  }

  /**
   * Closes open jobs (their records are written, partial), stops the sampler, closes the meters, flushes the
   * ledger and closes it if the monitor opened it, and removes the shutdown hook. Idempotent; never throws.
   */
  @Override
  public void close() {
    shutdown("closed by EnergyMonitor.close() while still open", false);
  }

  private void shutdown(String reason, boolean fromHook) {
    if (!closed.compareAndSet(false, true)) {
      // Another thread (the shutdown hook, or a concurrent close) is closing: return once it has finished, so the
      // records of the jobs it closed are published.
      try {
        shutDown.await(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    try {
      closeEverything(reason, fromHook);
    } finally {
      shutDown.countDown();
    }
  }

  private void closeEverything(String reason, boolean fromHook) {
    Thread hook = shutdownHook;
    if (hook != null && !fromHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down; the hook finds the monitor closed
      }
    }
    CloseJobs close = new CloseJobs(null, reason);
    try {
      sampler.submit(close);
    } catch (RuntimeException e) {
      LOG.error("final reading failed", e);
    }
    publish(close.closedAccounts, close.snapshots);
    sampler.close();
    sink.close();
  }

  /**
   * Builds a monitor. Every setting has a configuration key; a builder value wins over the configuration.
   *
   * <p>Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    Configuration config = Configuration.fromEnvironment();
    @Nullable List<MeterProvider> providers;
    ClassLoader classLoader = EnergyMonitor.class.getClassLoader();
    @Nullable List<String> only;
    final List<String> exclude = new ArrayList<>();
    @Nullable Ledger ledger;
    boolean noLedger;
    @Nullable Duration period;
    @Nullable Duration bucket;
    @Nullable Attribution attribution;
    @Nullable String host;
    @Nullable String region;
    @Nullable Power maxPower;
    InstantSource clock = InstantSource.system();
    LongSupplier ticker = System::nanoTime;
    @Nullable CpuTimes cpuTimes;
    boolean samplerThread = true;
    @Nullable Duration checkpointPeriod;
    @Nullable Boolean shutdownHook;

    private Builder() {}

    /**
     * Replaces the configuration (by default {@link Configuration#fromEnvironment()}).
     *
     * @param configuration the settings
     * @return this builder
     */
    public Builder configuration(Configuration configuration) {
      this.config = Objects.requireNonNull(configuration);
      return this;
    }

    /**
     * Sets one configuration value, e.g. {@code set("ergon.powercap.root", "/host/sys/class/powercap")}.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder set(String key, String value) {
      this.config = config.with(key, value);
      return this;
    }

    /**
     * Uses these providers instead of discovering them with {@link java.util.ServiceLoader}.
     *
     * @param providers the providers
     * @return this builder
     */
    public Builder providers(List<? extends MeterProvider> providers) {
      this.providers = List.copyOf(providers);
      return this;
    }

    /**
     * Discovers providers with this class loader (default: the one that loaded Ergon).
     *
     * @param loader the class loader
     * @return this builder
     */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = Objects.requireNonNull(loader);
      return this;
    }

    /**
     * Uses only the meters with these names ({@code ergon.meters}).
     *
     * @param names provider names, e.g. {@code "powercap", "nvml"}
     * @return this builder
     */
    public Builder meters(String... names) {
      this.only = List.of(names);
      return this;
    }

    /**
     * Never uses the meters with these names ({@code ergon.meters.exclude}).
     *
     * @param names provider names
     * @return this builder
     */
    public Builder excludeMeters(String... names) {
      this.exclude.addAll(List.of(names));
      return this;
    }

    /**
     * Appends records to this ledger (owned by the caller, who closes it).
     *
     * @param ledger the ledger
     * @return this builder
     */
    public Builder ledger(Ledger ledger) {
      this.ledger = Objects.requireNonNull(ledger);
      this.noLedger = false;
      return this;
    }

    /**
     * Writes records nowhere; they are only returned by {@link Job#record()}.
     *
     * @return this builder
     */
    public Builder noLedger() {
      this.ledger = null;
      this.noLedger = true;
      return this;
    }

    /**
     * Sets the longest sampling period ({@code ergon.sampling.period}, default 1 s); the channels' safe polling
     * intervals may shorten it.
     *
     * @param period positive
     * @return this builder
     */
    public Builder samplingPeriod(Duration period) {
      this.period = Objects.requireNonNull(period);
      return this;
    }

    /**
     * Sets the UTC time-bucket length of records ({@code ergon.bucket}, default 1 h); must divide a day.
     *
     * @param bucket the length
     * @return this builder
     */
    public Builder bucket(Duration bucket) {
      this.bucket = Objects.requireNonNull(bucket);
      return this;
    }

    /**
     * Sets the attribution policy ({@code ergon.attribution}, default {@link Attribution#MACHINE}).
     *
     * @param attribution the policy
     * @return this builder
     */
    public Builder attribution(Attribution attribution) {
      this.attribution = Objects.requireNonNull(attribution);
      return this;
    }

    /**
     * Sets the host name written into records ({@code ergon.host}; default the machine's name).
     *
     * @param host the name
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host);
      return this;
    }

    /**
     * Sets the grid region written into records ({@code ergon.region}), e.g. {@code DE}, {@code aws:eu-west-1}.
     *
     * @param region the zone
     * @return this builder
     */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region);
      return this;
    }

    /**
     * Sets a plausibility limit for every channel ({@code ergon.max.power}, in W), instead of each channel's own.
     *
     * @param maxPower the limit
     * @return this builder
     */
    public Builder maxPower(Power maxPower) {
      this.maxPower = Objects.requireNonNull(maxPower);
      return this;
    }

    /**
     * Sets the wall clock for record times and buckets (default the system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Sets the monotonic clock, in ns, that meters integrate power over (default {@link System#nanoTime()}).
     *
     * @param ticker the clock
     * @return this builder
     */
    public Builder ticker(LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker);
      return this;
    }

    /**
     * Starts no sampler thread: meters are read only when jobs open and close and on {@link #sample()}. For tests
     * and for simulations; counters that wrap need regular {@link EnergyMonitor#sample()} calls.
     *
     * @return this builder
     */
    public Builder withoutSamplerThread() {
      this.samplerThread = false;
      return this;
    }

    /**
     * Sets how often open jobs append their energy so far to the ledger as a checkpoint
     * ({@code ergon.checkpoint.period}, default 1 h; never shorter than the sampling period).
     *
     * @param period positive
     * @return this builder
     */
    public Builder checkpointPeriod(Duration period) {
      this.checkpointPeriod = Objects.requireNonNull(period);
      return this;
    }

    /**
     * Turns the shutdown hook on or off ({@code ergon.shutdown.hook}, default on): when the JVM exits with jobs
     * open, the hook closes them as partial ("process exiting") and flushes the ledger.
     *
     * @param enabled whether to install it
     * @return this builder
     */
    public Builder shutdownHook(boolean enabled) {
      this.shutdownHook = enabled;
      return this;
    }

    Builder cpuTimes(CpuTimes cpuTimes) {
      this.cpuTimes = cpuTimes;
      return this;
    }

    /**
     * Discovers and opens the meters, primes their counters and starts the sampler.
     *
     * @return a running monitor, owned by the caller
     * @throws IllegalArgumentException if a setting is malformed or outside physical sense (the message names the
     *     key, where it was set, and the fix)
     * @throws dev.ergon.ledger.LedgerException if the default ledger file cannot be opened
     */
    public EnergyMonitor build() {
      return new EnergyMonitor(this);
    }
  }
}
