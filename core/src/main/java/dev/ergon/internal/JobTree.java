package dev.ergon.internal;

import dev.ergon.spi.ChannelFault;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The open jobs and their accounts: the stage that turns each interval's energy into what every open job, at every
 * level, is charged.
 *
 * <p>Per channel, each interval's energy is first cut at time-bucket boundaries (an exact split: the pieces sum to
 * the delta), then each piece goes down the tree: the top-level jobs share it by their {@link Attributor} weights
 * (the rest is unattributed), and every job's amount is shared among its open children the same way (the rest is
 * the job's own). Every division rounds down in whole microjoules, so at every level, for every channel and every
 * bucket, the children's sum never exceeds their parent's amount and the top level never exceeds what was measured.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: every method runs under the
 * sampler's reading lock.
 */
public final class JobTree implements Sampler.IntervalConsumer {

  private final Attributor attributor;
  private final long bucketMillis;
  private final List<String> channelIds;
  private final List<JobAccount> roots = new ArrayList<>();
  private final long[] totalMeasured;
  private final long[] totalAttributed;
  private final long[] totalDropped;
  private double share;
  private double[] rootWeights = new double[4];
  private long[] rootOut = new long[4];

  /**
   * Creates an empty tree.
   *
   * @param attributor the policy
   * @param bucketMillis the time-bucket length, ms; divides a day
   * @param channelIds the channels' ids, in reading order
   */
  public JobTree(Attributor attributor, long bucketMillis, List<String> channelIds) {
    this.attributor = attributor;
    this.bucketMillis = bucketMillis;
    this.channelIds = List.copyOf(channelIds);
    int n = channelIds.size();
    this.totalMeasured = new long[n];
    this.totalAttributed = new long[n];
    this.totalDropped = new long[n];
  }

  @Override
  public void accept(Sampler.Interval iv) {
    share = attributor.begin(iv.elapsedNanos(), roots);
    if (!roots.isEmpty()) {
      weigh(null, roots);
    }
    for (int i = 0; i < iv.channels(); i++) {
      long d = iv.delta(i);
      if (d == ChannelReader.FAULTED) {
        ChannelFault f = iv.fault(i);
        String msg = "channel " + channelIds.get(i) + ": "
            + (f == null ? "no reading" : f.reason() + ": " + f.message());
        forEachOpen(a -> a.problem(msg));
        continue;
      }
      if (d == ChannelReader.DROPPED) {
        totalDropped[i]++;
        int c = i;
        forEachOpen(a -> a.dropped[c]++);
        continue;
      }
      totalMeasured[i] = Math.addExact(totalMeasured[i], d);
      if (d == 0 || roots.isEmpty()) {
        continue;
      }
      long first = Math.floorDiv(iv.from().toEpochMilli(), bucketMillis);
      long endMillis = iv.to().toEpochMilli();
      if (endMillis - first * bucketMillis <= bucketMillis) {
        distribute(i, first, d); // the whole interval lies in one bucket: the usual case
      } else {
        int c = i;
        IntervalSplit.overBuckets(d, iv.from(), iv.to(), bucketMillis, (bucket, piece) -> distribute(c, bucket, piece));
      }
    }
  }

  private void weigh(@Nullable JobAccount parent, List<JobAccount> jobs) {
    attributor.weigh(parent, jobs);
    for (JobAccount j : jobs) {
      if (!j.openChildren.isEmpty()) {
        weigh(j, j.openChildren);
      }
    }
  }

  private void distribute(int channel, long bucket, long piece) {
    int n = roots.size();
    if (rootWeights.length < n) {
      rootWeights = new double[Math.max(n, rootWeights.length * 2)];
      rootOut = new long[rootWeights.length];
    }
    double[] w = rootWeights;
    long[] out = rootOut;
    for (int r = 0; r < n; r++) {
      w[r] = roots.get(r).weight;
    }
    for (int r = n; r < w.length; r++) {
      w[r] = 0;
    }
    totalAttributed[channel] += IntervalSplit.split(piece, share, w, out);
    for (int r = 0; r < n; r++) {
      give(roots.get(r), channel, bucket, out[r], piece);
    }
  }

  private static void give(JobAccount job, int channel, long bucket, long amount, long piece) {
    job.measured[channel] += piece;
    job.energy[channel] += amount;
    if (amount > 0) {
      job.addBucket(bucket, amount);
    }
    List<JobAccount> kids = job.openChildren;
    int n = kids.size();
    if (n == 0) {
      return;
    }
    double[] w = new double[n];
    long[] out = new long[n];
    for (int k = 0; k < n; k++) {
      w[k] = kids.get(k).weight;
    }
    job.children[channel] += IntervalSplit.split(amount, 1.0, w, out);
    for (int k = 0; k < n; k++) {
      give(kids.get(k), channel, bucket, out[k], piece);
    }
  }

  private void forEachOpen(Consumer<JobAccount> action) {
    for (JobAccount r : roots) {
      visit(r, action);
    }
  }

  private static void visit(JobAccount job, Consumer<JobAccount> action) {
    action.accept(job);
    for (JobAccount c : job.openChildren) {
      visit(c, action);
    }
  }

  /**
   * Adds a job at the current reading boundary.
   *
   * @param job the new account
   * @param nowNanos the boundary's monotonic time, ns
   * @throws IllegalStateException if its parent is closed
   */
  public void open(JobAccount job, long nowNanos) {
    JobAccount parent = job.parent;
    if (parent == null) {
      roots.add(job);
    } else {
      if (parent.isClosed()) {
        throw new IllegalStateException("parent job '" + parent.name + "' (" + parent.id
            + ") is closed; start children while it is open");
      }
      parent.openChildren.add(job);
    }
    job.lastCheckpointNanos = nowNanos;
  }

  /**
   * Closes a job at the current reading boundary, its open descendants first.
   *
   * @param job the account
   * @param at the boundary
   * @param problem a problem to record on the job (why it was closed for it), or null for a normal close
   * @param closed receives every account closed, descendants before ancestors
   */
  public void close(JobAccount job, Instant at, @Nullable String problem, List<JobAccount> closed) {
    if (job.isClosed()) {
      return;
    }
    for (JobAccount child : List.copyOf(job.openChildren)) {
      close(child, at, "closed with its parent job '" + job.name + "' while still open", closed);
    }
    if (problem != null) {
      job.problem(problem);
    }
    String p = attributor.closingProblem(job);
    if (p != null) {
      job.problem(p);
    }
    JobAccount parent = job.parent;
    if (parent == null) {
      roots.remove(job);
    } else {
      parent.openChildren.remove(job);
      parent.childUnits = saturatedAdd(parent.childUnits, saturatedUnits(job));
    }
    job.markClosed(at);
    closed.add(job);
  }

  /**
   * Closes every open job.
   *
   * @param at the boundary
   * @param problem why
   * @param closed receives every account closed
   */
  public void closeAll(Instant at, String problem, List<JobAccount> closed) {
    for (JobAccount r : List.copyOf(roots)) {
      close(r, at, problem, closed);
    }
  }

  /**
   * Copies a job's account at the current boundary.
   *
   * @param job the account
   * @param at the boundary (the close instant for a closed job)
   * @return the copy
   */
  public static JobSnapshot snapshot(JobAccount job, Instant at) {
    List<String> problems = job.problems();
    long units = saturatedUnits(job);
    if (units == Long.MAX_VALUE) {
      problems = new ArrayList<>(problems);
      problems.add("units overflowed: more than " + Long.MAX_VALUE + " were added; the count is capped there");
    }
    JobAccount parent = job.parent;
    Instant end = job.end != null ? job.end : at;
    boolean open = !job.isClosed();
    // A closed account never changes again: its arrays need no copy.
    return new JobSnapshot(job.id, parent == null ? null : parent.id, job.name, job.tags, job.start, end,
        open ? job.energy.clone() : job.energy, open ? job.children.clone() : job.children,
        open ? job.measured.clone() : job.measured, open ? job.dropped.clone() : job.dropped, job.buckets(), problems,
        units, job.failure(), open);
  }

  private static long saturatedUnits(JobAccount job) {
    try {
      long u = job.rolledUnits();
      return u < 0 ? Long.MAX_VALUE : u;
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static long saturatedAdd(long a, long b) {
    long s = a + b;
    return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
  }

  /**
   * Returns the open top-level jobs and all their open descendants that are due for a checkpoint, and marks them
   * checkpointed.
   *
   * @param nowNanos the boundary's monotonic time, ns
   * @param periodNanos the checkpoint period, ns
   * @return the due accounts
   */
  public List<JobAccount> dueForCheckpoint(long nowNanos, long periodNanos) {
    List<JobAccount> due = new ArrayList<>();
    forEachOpen(a -> {
      if (nowNanos - a.lastCheckpointNanos >= periodNanos) {
        a.lastCheckpointNanos = nowNanos;
        due.add(a);
      }
    });
    return due;
  }

  /**
   * Returns the energy measured per channel since the tree was created.
   *
   * @return µJ; the live array, read under the lock
   */
  public long[] measured() {
    return totalMeasured;
  }

  /**
   * Returns the energy charged to top-level jobs per channel.
   *
   * @return µJ; the live array, read under the lock
   */
  public long[] attributed() {
    return totalAttributed;
  }

  /**
   * Returns the dropped intervals per channel.
   *
   * @return counts; the live array, read under the lock
   */
  public long[] dropped() {
    return totalDropped;
  }

  /**
   * Tells whether any job is open.
   *
   * @return true if a top-level job is open
   */
  public boolean hasOpenJobs() {
    return !roots.isEmpty();
  }

  /**
   * Returns the bucket length.
   *
   * @return ms
   */
  public long bucketMillis() {
    return bucketMillis;
  }

  /**
   * Visits every open job, each parent before its children.
   *
   * @param action what to do with each account
   */
  public void forEachOpenJob(Consumer<JobAccount> action) {
    forEachOpen(action);
  }

  /**
   * Returns the open top-level jobs.
   *
   * @return a copy
   */
  public List<JobAccount> roots() {
    return List.copyOf(roots);
  }
}
