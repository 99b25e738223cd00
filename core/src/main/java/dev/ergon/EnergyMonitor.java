package dev.ergon;

import dev.ergon.internal.ChannelReader;
import dev.ergon.internal.CpuTimes;
import dev.ergon.internal.IntervalSplit;
import dev.ergon.internal.ProcCpuTimes;
import dev.ergon.internal.RecordIds;
import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.ledger.Ledger;
import dev.ergon.spi.Channel;
import dev.ergon.spi.ChannelFault;
import dev.ergon.spi.MeterProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p><b>Sampling.</b> One daemon thread, named {@code ergon-sampler-N}, reads every meter each period
 * ({@code ergon.sampling.period}, default 1 s), never slower than the shortest {@link Channel#maxPollInterval()} of
 * any channel, so no counter wrap is missed. Opening and closing a job also read the meters afresh, so a job is
 * charged exactly for the intervals it was open.
 *
 * <p><b>Attribution.</b> Each interval's energy per channel is divided among the top-level jobs open in it under
 * the monitor's {@link Attribution} policy; the rest is kept as {@link #unattributed()}. The energy charged to
 * top-level jobs never exceeds what was measured.
 *
 * <p><b>Failures.</b> A meter that fails while jobs are open makes their records partial with the reason; nothing
 * is thrown into the caller's code. A ledger that cannot be written is logged and counted
 * ({@link #ledgerFailures()}); the record is still returned by {@link Job#record()}.
 *
 * <p>Thread-safe. {@link #close()} is idempotent and closes open jobs, the sampler, the meters, and the ledger if
 * the monitor opened it.
 *
 * @since 0.1
 */
public final class EnergyMonitor implements AutoCloseable {

  /* Concurrency: one ReentrantLock guards the channel reader, the open-job tree and every job's accumulators.
   * The sampler thread, job open and job close each take it for one tick (read all meters, split the deltas).
   * Ledger appends happen outside the lock, so a slow disk never delays sampling. */

  private static final Logger LOG = LoggerFactory.getLogger(EnergyMonitor.class);
  private static final AtomicInteger SAMPLER_NUMBER = new AtomicInteger();

  /** Key of the sampling period. */
  public static final String KEY_SAMPLING_PERIOD = "ergon.sampling.period";
  /** Key of the time-bucket length. */
  public static final String KEY_BUCKET = "ergon.bucket";
  /** Key of the attribution policy. */
  public static final String KEY_ATTRIBUTION = "ergon.attribution";
  /** Key of the ledger file path. */
  public static final String KEY_LEDGER = "ergon.ledger";
  /** Key of the grid region written into records. */
  public static final String KEY_REGION = "ergon.region";
  /** Key of the host name written into records. */
  public static final String KEY_HOST = "ergon.host";
  /** Key of the plausibility limit applied to every channel, in watts. */
  public static final String KEY_MAX_POWER = "ergon.max.power";

  private final ReentrantLock lock = new ReentrantLock();
  private final Configuration config;
  private final ChannelReader reader;
  private final List<Channel> channels;
  private final List<MeterStatus> statuses;
  private final @Nullable Ledger ledger;
  private final boolean ownsLedger;
  private final Attribution attribution;
  private final Duration period;
  private final long bucketMillis;
  private final String host;
  private final @Nullable String region;
  private final InstantSource clock;
  private final LongSupplier ticker;
  private final CpuTimes cpuTimes;
  private final ThreadMXBean threadBean;
  private final RecordIds ids = new RecordIds();
  private final ThreadLocal<ArrayDeque<Job>> current = ThreadLocal.withInitial(ArrayDeque::new);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger ledgerFailures = new AtomicInteger();
  private final @Nullable Thread sampler;

  // Guarded by lock.
  private final List<Job> roots = new ArrayList<>();
  private final long[] deltas;
  private final @Nullable ChannelFault[] faults;
  private final long[] totalMeasured;
  private final long[] totalAttributed;
  private final long[] totalDropped;
  private long lastNanos;
  private Instant lastInstant;
  private long lastProcessCpu = -1;
  private long lastMachineCpu = -1;

  private EnergyMonitor(Builder b) {
    this.config = b.config;
    this.clock = b.clock;
    this.ticker = b.ticker;
    this.attribution = b.attribution != null ? b.attribution
        : config.getEnum(KEY_ATTRIBUTION, Attribution.class).orElse(Attribution.MACHINE);
    Duration bucket = b.bucket != null ? b.bucket : config.getDuration(KEY_BUCKET).orElse(Duration.ofHours(1));
    if (bucket.toMillis() <= 0 || Duration.ofDays(1).toMillis() % bucket.toMillis() != 0) {
      throw new IllegalArgumentException("bucket length " + bucket + " (" + config.source(KEY_BUCKET)
          + ") must divide a day evenly, e.g. 15m, 1h");
    }
    this.bucketMillis = bucket.toMillis();
    this.host = b.host != null ? b.host : config.get(KEY_HOST).orElseGet(EnergyMonitor::localHostName);
    this.region = b.region != null ? b.region : config.get(KEY_REGION).orElse(null);
    Power maxPower = b.maxPower != null ? b.maxPower
        : config.getDouble(KEY_MAX_POWER).map(Power::ofWatts).orElse(null);
    this.cpuTimes = b.cpuTimes != null ? b.cpuTimes : new ProcCpuTimes(Path.of("/proc"));
    this.threadBean = ManagementFactory.getThreadMXBean();

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
    this.reader = new ChannelReader(discovery.meters, maxPower, Duration.ofSeconds(1).toNanos());
    this.channels = reader.channels();
    int n = channels.size();
    this.deltas = new long[n];
    this.faults = new ChannelFault[n];
    this.totalMeasured = new long[n];
    this.totalAttributed = new long[n];
    this.totalDropped = new long[n];

    Duration p = b.period != null ? b.period : config.getDuration(KEY_SAMPLING_PERIOD).orElse(Duration.ofSeconds(1));
    if (p.isZero() || p.isNegative()) {
      throw new IllegalArgumentException("sampling period must be positive, got " + p);
    }
    for (Channel c : channels) {
      if (c.maxPollInterval().compareTo(p) < 0) {
        p = c.maxPollInterval();
      }
    }
    this.period = p;

    Ledger l = b.ledger;
    boolean owns = false;
    if (l == null && !b.noLedger) {
      Path path = config.getPath(KEY_LEDGER).orElseGet(EnergyMonitor::defaultLedgerPath);
      l = JsonLinesLedger.open(path);
      owns = true;
    }
    this.ledger = l;
    this.ownsLedger = owns;

    lock.lock();
    try {
      lastNanos = ticker.getAsLong();
      lastInstant = clock.instant();
      reader.read(lastNanos, deltas, faults); // primes every counter
      if (attribution != Attribution.MACHINE) {
        lastProcessCpu = cpuTimes.processNanos();
        lastMachineCpu = cpuTimes.machineBusyNanos(0);
      }
    } finally {
      lock.unlock();
    }
    if (b.samplerThread && n > 0) {
      Thread t = new Thread(this::runSampler, "ergon-sampler-" + SAMPLER_NUMBER.incrementAndGet());
      t.setDaemon(true);
      this.sampler = t;
      t.start();
    } else {
      this.sampler = null;
    }
    for (MeterStatus s : statuses) {
      if (s.open()) {
        LOG.debug("meter {} open with channels {}", s.provider(), s.channels());
      }
    }
    if (n == 0) {
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
   * {@code ~/.local/share/ergon/ledger.jsonl}.
   *
   * @return the path
   */
  public static Path defaultLedgerPath() {
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("ergon").resolve("ledger.jsonl");
  }

  private static String localHostName() {
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
   * Starts a job. If the calling thread is inside an open job of this monitor, the new job is its child.
   *
   * @param name the job's name, not blank
   * @return the open job, to close with try-with-resources
   * @throws IllegalStateException if the monitor is closed
   */
  public Job start(String name) {
    return start(name, Tags.empty());
  }

  /**
   * Starts a job with tags. If the calling thread is inside an open job of this monitor, the new job is its child.
   *
   * @param name the job's name, not blank
   * @param tags the job's tags
   * @return the open job, to close with try-with-resources
   * @throws IllegalStateException if the monitor is closed
   * @throws IllegalArgumentException if the name is blank
   */
  public Job start(String name, Tags tags) {
    ArrayDeque<Job> stack = current.get();
    Job parent = null;
    while (!stack.isEmpty()) {
      Job top = stack.peek();
      if (top != null && !isClosed(top)) {
        parent = top;
        break;
      }
      stack.pop();
    }
    return startJob(name, tags, parent);
  }

  Job startJob(String name, Tags tags, @Nullable Job parent) {
    Objects.requireNonNull(tags, "tags");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("job name must not be blank");
    }
    if (closed.get()) {
      throw new IllegalStateException("monitor is closed; start jobs before closing it");
    }
    Job job;
    lock.lock();
    try {
      if (parent != null && parent.closed) {
        throw new IllegalStateException("parent job '" + parent.name + "' is closed; start children while it is open");
      }
      tick();
      Instant now = lastInstant;
      job = new Job(this, ids.next(now.toEpochMilli()), parent, name, tags, now, attribution, channels.size());
      if (parent == null) {
        roots.add(job);
        job.members.add(job);
        if (attribution == Attribution.THREADS) {
          joinLocked(job, Thread.currentThread());
        }
      } else {
        parent.children.add(job);
        job.root.members.add(job);
      }
    } finally {
      lock.unlock();
    }
    current.get().push(job);
    return job;
  }

  Job.Membership join(Job job) {
    Thread thread = Thread.currentThread();
    Job root = job.root;
    lock.lock();
    try {
      if (job.closed) {
        throw new IllegalStateException("job '" + job.name + "' is closed; join it while it is open");
      }
      for (Job r : roots) {
        if (r != root && r.threads.containsKey(thread.getId())) {
          throw new IllegalStateException("thread " + thread.getName() + " is already joined to job '" + r.name
              + "'; close that membership first");
        }
      }
      tick();
      joinLocked(root, thread);
    } finally {
      lock.unlock();
    }
    AtomicBoolean left = new AtomicBoolean();
    long tid = thread.getId();
    return () -> {
      if (left.compareAndSet(false, true)) {
        lock.lock();
        try {
          if (!root.closed) {
            tick();
            root.threads.remove(tid);
          }
        } finally {
          lock.unlock();
        }
      }
    };
  }

  private void joinLocked(Job root, Thread thread) {
    if (!root.threads.containsKey(thread.getId())) {
      long cpu = threadBean.isThreadCpuTimeSupported() ? threadBean.getThreadCpuTime(thread.getId()) : -1;
      root.threads.put(thread.getId(), Math.max(0, cpu));
    }
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
    lock.lock();
    try {
      tick();
    } finally {
      lock.unlock();
    }
  }

  /** One reading and its attribution. Caller holds the lock. */
  private void tick() {
    long now = ticker.getAsLong();
    Instant nowInstant = clock.instant();
    if (nowInstant.isBefore(lastInstant)) {
      nowInstant = lastInstant; // the wall clock stepped back: keep record times monotonic
    }
    reader.read(now, deltas, faults);
    long elapsed = now - lastNanos;
    double share = 1.0;
    long processDelta = 0;
    if (attribution != Attribution.MACHINE) {
      long p = cpuTimes.processNanos();
      long m = cpuTimes.machineBusyNanos(elapsed);
      processDelta = p >= 0 && lastProcessCpu >= 0 ? Math.max(0, p - lastProcessCpu) : 0;
      long machineDelta = m >= 0 && lastMachineCpu >= 0 ? Math.max(0, m - lastMachineCpu) : 0;
      share = machineDelta > 0 ? Math.min(1.0, (double) processDelta / machineDelta) : 0.0;
      lastProcessCpu = p;
      lastMachineCpu = m;
    }
    int nRoots = roots.size();
    double[] w = new double[nRoots];
    for (int r = 0; r < nRoots; r++) {
      Job root = roots.get(r);
      if (attribution == Attribution.THREADS) {
        long threadCpu = 0;
        for (Iterator<Map.Entry<Long, Long>> it = root.threads.entrySet().iterator(); it.hasNext(); ) {
          Map.Entry<Long, Long> e = it.next();
          long t = threadBean.getThreadCpuTime(e.getKey());
          if (t < 0) {
            it.remove(); // the thread ended; its CPU time up to the last sample was counted
            continue;
          }
          threadCpu += Math.max(0, t - e.getValue());
          e.setValue(t);
        }
        w[r] = processDelta > 0 ? (double) threadCpu / processDelta : 0.0;
      } else {
        w[r] = 1.0 / nRoots;
      }
    }
    long[] rootTotals = new long[nRoots];
    long[] out = new long[nRoots];
    for (int i = 0; i < deltas.length; i++) {
      long d = deltas[i];
      if (d == ChannelReader.FAULTED) {
        ChannelFault f = faults[i];
        String msg = "channel " + channels.get(i).id() + ": " + (f == null ? "no reading" : f.reason() + ": "
            + f.message());
        for (Job root : roots) {
          for (Job j : root.members) {
            j.problems.add(msg);
          }
        }
        continue;
      }
      if (d == ChannelReader.DROPPED) {
        totalDropped[i]++;
        for (Job root : roots) {
          for (Job j : root.members) {
            j.dropped[i]++;
          }
        }
        continue;
      }
      totalMeasured[i] += d;
      if (nRoots == 0 || d == 0) {
        continue;
      }
      totalAttributed[i] += IntervalSplit.split(d, share, w, out);
      for (int r = 0; r < nRoots; r++) {
        Job root = roots.get(r);
        rootTotals[r] += out[r];
        for (Job j : root.members) {
          j.attributed[i] += out[r];
          j.measured[i] += d;
        }
      }
    }
    for (int r = 0; r < nRoots; r++) {
      long amount = rootTotals[r];
      if (amount == 0) {
        continue;
      }
      for (Job j : roots.get(r).members) {
        IntervalSplit.overBuckets(amount, lastInstant, nowInstant, bucketMillis,
            (bucket, uj) -> j.buckets.computeIfAbsent(bucket, k -> new long[1])[0] += uj);
      }
    }
    lastNanos = now;
    lastInstant = nowInstant;
  }

  void closeJob(Job job) {
    List<EnergyRecord> done = new ArrayList<>();
    lock.lock();
    try {
      if (job.closed) {
        return;
      }
      if (!closed.get()) {
        try {
          tick();
        } catch (RuntimeException e) {
          LOG.error("reading meters while closing job '{}' failed", job.name, e);
          job.problems.add("final reading failed: " + e);
        }
      }
      finish(job, done);
    } finally {
      lock.unlock();
    }
    ArrayDeque<Job> stack = current.get();
    stack.remove(job);
    append(done);
  }

  /** Closes a job's open children depth-first, then the job. Caller holds the lock. */
  private void finish(Job job, List<EnergyRecord> done) {
    for (Job child : List.copyOf(job.children)) {
      if (!child.closed) {
        finish(child, done);
      }
    }
    Instant end = lastInstant;
    job.closed = true;
    if (job.parent == null) {
      roots.remove(job);
    } else {
      job.parent.children.remove(job);
      job.root.members.remove(job);
    }
    job.record = buildRecord(job, end);
    done.add(job.record);
  }

  private EnergyRecord buildRecord(Job job, Instant end) {
    List<ChannelEnergy> ces = new ArrayList<>(channels.size());
    List<String> problems = new ArrayList<>(job.problems);
    for (int i = 0; i < channels.size(); i++) {
      Channel c = channels.get(i);
      List<String> notes = new ArrayList<>(c.notes());
      ChannelFault dead = reader.deadFault(i);
      if (dead != null) {
        notes.add("unavailable: " + dead.reason() + ": " + dead.message());
      }
      if (job.dropped[i] > 0) {
        problems.add("channel " + c.id() + ": " + job.dropped[i]
            + " sampling interval(s) dropped (counter reset, decrease no single wrap explains, or implausible jump)");
      }
      ces.add(new ChannelEnergy(c.id(), reader.meterName(i), c.kind(), c.device(), c.method(),
          c.relativeUncertainty(), Energy.ofMicrojoules(job.attributed[i]), Energy.ofMicrojoules(job.measured[i]),
          job.dropped[i], notes));
    }
    List<BucketEnergy> buckets = new ArrayList<>(job.buckets.size());
    for (Map.Entry<Long, long[]> e : job.buckets.entrySet()) {
      Instant s = Instant.ofEpochMilli(e.getKey() * bucketMillis);
      buckets.add(new BucketEnergy(s, s.plusMillis(bucketMillis), Energy.ofMicrojoules(e.getValue()[0])));
    }
    RecordStatus status;
    if (channels.isEmpty()) {
      status = RecordStatus.NO_METER;
      problems.add("no energy meter was available (see `ergon meters` or EnergyMonitor.meterStatus())");
    } else {
      status = problems.isEmpty() ? RecordStatus.COMPLETE : RecordStatus.PARTIAL;
    }
    return new EnergyRecord(job.id, job.parent == null ? null : job.parent.id, job.name, job.tags, host, region,
        job.start, end, job.units(), attribution, ces, buckets, status, problems);
  }

  private void append(List<EnergyRecord> records) {
    Ledger l = ledger;
    if (l == null) {
      return;
    }
    for (EnergyRecord r : records) {
      try {
        l.append(r);
      } catch (RuntimeException e) {
        ledgerFailures.incrementAndGet();
        LOG.error("could not append record {} of job '{}' to the ledger; the record is still available from "
            + "Job.record()", r.id(), r.name(), e);
      }
    }
  }

  boolean isClosed(Job job) {
    return job.closed; // volatile: no lock on the addUnits hot path
  }

  @Nullable EnergyRecord recordOf(Job job) {
    lock.lock();
    try {
      return job.record;
    } finally {
      lock.unlock();
    }
  }

  Energy energySoFar(Job job) {
    lock.lock();
    try {
      long sum = 0;
      for (long a : job.attributed) {
        sum = Math.addExact(sum, a);
      }
      return Energy.ofMicrojoules(sum);
    } finally {
      lock.unlock();
    }
  }

  private void runSampler() {
    long periodNanos = period.toNanos();
    while (!closed.get()) {
      LockSupport.parkNanos(this, periodNanos);
      if (closed.get() || Thread.currentThread().isInterrupted()) {
        return;
      }
      lock.lock();
      try {
        if (!closed.get()) {
          tick();
        }
      } catch (RuntimeException e) {
        LOG.error("sampling failed; will retry next period", e);
      } finally {
        lock.unlock();
      }
    }
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
   * Returns the attribution policy.
   *
   * @return the policy
   */
  public Attribution attribution() {
    return attribution;
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
   * Returns the energy measured on all channels since the monitor started, as of the last sample.
   *
   * @return the measured energy
   */
  public Energy measured() {
    lock.lock();
    try {
      return sum(totalMeasured);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the measured energy not charged to any top-level job, as of the last sample.
   *
   * @return measured minus attributed, never negative
   */
  public Energy unattributed() {
    lock.lock();
    try {
      return sum(totalMeasured).minus(sum(totalAttributed));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the number of sampling intervals dropped on all channels since the monitor started.
   *
   * @return the count
   */
  public long droppedIntervals() {
    lock.lock();
    try {
      long n = 0;
      for (long d : totalDropped) {
        n += d;
      }
      return n;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns how many records could not be appended to the ledger.
   *
   * @return the count
   */
  public int ledgerFailures() {
    return ledgerFailures.get();
  }

  private static Energy sum(long[] values) {
    Energy e = Energy.ZERO;
    for (long v : values) {
      e = e.plusMicrojoules(v);
    }
    return e;
  }

  /**
   * Closes open jobs (their records are written), stops the sampler, closes the meters and, if the monitor opened
   * it, the ledger. Idempotent; never throws.
   */
  @Override
  public void close() {
    List<EnergyRecord> done = new ArrayList<>();
    lock.lock();
    try {
      if (!roots.isEmpty()) {
        try {
          tick();
        } catch (RuntimeException e) {
          LOG.error("final reading failed", e);
        }
        for (Job root : List.copyOf(roots)) {
          root.problems.add("closed by EnergyMonitor.close() while still open");
          finish(root, done);
        }
      }
      if (!closed.compareAndSet(false, true)) {
        return;
      }
    } finally {
      lock.unlock();
    }
    append(done);
    Thread t = sampler;
    if (t != null) {
      LockSupport.unpark(t);
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lock.lock();
    try {
      reader.close();
    } finally {
      lock.unlock();
    }
    Ledger l = ledger;
    if (ownsLedger && l != null) {
      try {
        l.close();
      } catch (RuntimeException e) {
        LOG.error("closing the ledger failed", e);
      }
    }
  }

  /**
   * Builds a monitor. Every setting has a configuration key; a builder value wins over the configuration.
   *
   * <p>Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private Configuration config = Configuration.fromEnvironment();
    private @Nullable List<MeterProvider> providers;
    private ClassLoader classLoader = EnergyMonitor.class.getClassLoader();
    private @Nullable List<String> only;
    private final List<String> exclude = new ArrayList<>();
    private @Nullable Ledger ledger;
    private boolean noLedger;
    private @Nullable Duration period;
    private @Nullable Duration bucket;
    private @Nullable Attribution attribution;
    private @Nullable String host;
    private @Nullable String region;
    private @Nullable Power maxPower;
    private InstantSource clock = InstantSource.system();
    private LongSupplier ticker = System::nanoTime;
    private @Nullable CpuTimes cpuTimes;
    private boolean samplerThread = true;

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

    Builder cpuTimes(CpuTimes cpuTimes) {
      this.cpuTimes = cpuTimes;
      return this;
    }

    /**
     * Discovers and opens the meters, primes their counters and starts the sampler.
     *
     * @return a running monitor, owned by the caller
     * @throws IllegalArgumentException if a setting is malformed (the message names the key and its source)
     * @throws dev.ergon.ledger.LedgerException if the default ledger file cannot be opened
     */
    public EnergyMonitor build() {
      return new EnergyMonitor(this);
    }
  }
}
