package dev.ergon;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The evidence of one job: when it ran, what energy it was charged, per channel and per time bucket, how each
 * figure was known, and what was missing.
 *
 * <p>An auditor can redo every figure downstream from records plus the emission-factor data set a report names.
 * Records are written to a {@link dev.ergon.ledger.Ledger}; their ids are globally unique and time-ordered, so
 * ledgers from many processes merge by id.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id a globally unique, time-ordered id (a UUID version 7 in its canonical text form)
 * @param parentId the id of the enclosing job, or {@code null} for a top-level job
 * @param name the job's name, as given to {@link EnergyMonitor#start}
 * @param tags the job's tags
 * @param host the host name of the machine measured
 * @param region the grid region configured for the machine ({@code ergon.region}, e.g. {@code DE} or
 *     {@code US-CAL-CISO} or a cloud region like {@code aws:eu-west-1}), or {@code null} if none was configured
 * @param start when the job opened (UTC)
 * @param end when the job closed (UTC); not before {@code start}
 * @param units functional units counted with {@link Job#addUnits} in the job and all its descendants (units roll
 *     up), {@code >= 0}
 * @param attribution the policy that charged the job
 * @param channels energy per channel, in the monitor's channel order
 * @param buckets energy per UTC-aligned time bucket; their energies sum exactly to {@link #total()}
 * @param status whether the energy is whole
 * @param problems why the record is partial or has no meter, one line each; empty when complete
 * @param failure the class name of the exception that failed the job (never its message, which may hold secrets):
 *     always set for a {@link RecordStatus#FAILED} record, and set for a {@link RecordStatus#NO_METER} record whose job
 *     failed; {@code null} otherwise
 * @param selfCpu the CPU time Ergon itself spent while the job was open, in the process that measured it (sampling,
 *     JIT compilation, reading factor tables): the observer effect. Under {@link Attribution#MACHINE} the energy of
 *     that work is inside the channels' energy; under {@link Attribution#PROCESS} it is left out. {@code null} when
 *     not measured (a monitor embedded in an application does not measure it; the {@code ergon measure} command
 *     does). Non-negative, at most {@link Long#MAX_VALUE} nanoseconds (the ledger writes it as {@code self_cpu_ns})
 * @since 0.1
 */
public record EnergyRecord(
    String id,
    @Nullable String parentId,
    String name,
    Tags tags,
    String host,
    @Nullable String region,
    Instant start,
    Instant end,
    long units,
    Attribution attribution,
    List<ChannelEnergy> channels,
    List<BucketEnergy> buckets,
    RecordStatus status,
    List<String> problems,
    @Nullable String failure,
    @Nullable Duration selfCpu) {

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the end precedes the start, units are negative, buckets do not sum to the
   *     channels' total, or the self CPU time is negative or beyond {@link Long#MAX_VALUE} nanoseconds
   */
  public EnergyRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(attribution, "attribution");
    Objects.requireNonNull(status, "status");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("record id is empty");
    }
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("record " + id + ": end " + end + " is before start " + start);
    }
    if (failure != null && status != RecordStatus.FAILED && status != RecordStatus.NO_METER) {
      throw new IllegalArgumentException("record " + id + ": failure " + failure + " given with status " + status);
    }
    if (status == RecordStatus.FAILED && failure == null) {
      throw new IllegalArgumentException("record " + id + ": status FAILED without the failure's class name");
    }
    if (units < 0) {
      throw new IllegalArgumentException("record " + id + ": negative units " + units);
    }
    if (selfCpu != null && (selfCpu.isNegative() || selfCpu.compareTo(LONGEST_SELF_CPU) > 0)) {
      throw new IllegalArgumentException("record " + id + ": self CPU time " + selfCpu + " is negative or beyond "
          + Long.MAX_VALUE + " ns");
    }
    channels = List.copyOf(channels);
    buckets = List.copyOf(buckets);
    problems = List.copyOf(problems);
    Energy channelTotal = Energy.ZERO;
    for (ChannelEnergy c : channels) {
      channelTotal = channelTotal.plus(c.energy());
    }
    Energy bucketTotal = Energy.ZERO;
    for (BucketEnergy b : buckets) {
      bucketTotal = bucketTotal.plus(b.energy());
    }
    if (!buckets.isEmpty() && !bucketTotal.equals(channelTotal)) {
      throw new IllegalArgumentException(
          "record " + id + ": buckets sum to " + bucketTotal + " but channels to " + channelTotal);
    }
  }

  /** The longest self CPU time a record holds: {@link Long#MAX_VALUE} nanoseconds (about 292 years). */
  private static final Duration LONGEST_SELF_CPU = Duration.ofNanos(Long.MAX_VALUE);

  /**
   * Creates a record whose self CPU time was not measured.
   *
   * @param id a globally unique id
   * @param parentId the enclosing job's id, or null
   * @param name the job's name
   * @param tags the job's tags
   * @param host the host name
   * @param region the grid region, or null
   * @param start when the job opened
   * @param end when the job closed
   * @param units functional units, rolled up
   * @param attribution the policy
   * @param channels energy per channel
   * @param buckets energy per time bucket
   * @param status whether the energy is whole
   * @param problems why the record is partial
   * @param failure the failing exception's class name, or null
   */
  public EnergyRecord(String id, @Nullable String parentId, String name, Tags tags, String host,
      @Nullable String region, Instant start, Instant end, long units, Attribution attribution,
      List<ChannelEnergy> channels, List<BucketEnergy> buckets, RecordStatus status, List<String> problems,
      @Nullable String failure) {
    this(id, parentId, name, tags, host, region, start, end, units, attribution, channels, buckets, status, problems,
        failure, null);
  }

  /**
   * Creates a record of a job that did not fail.
   *
   * @param id a globally unique id
   * @param parentId the enclosing job's id, or null
   * @param name the job's name
   * @param tags the job's tags
   * @param host the host name
   * @param region the grid region, or null
   * @param start when the job opened
   * @param end when the job closed
   * @param units functional units, rolled up
   * @param attribution the policy
   * @param channels energy per channel
   * @param buckets energy per time bucket
   * @param status whether the energy is whole; not {@link RecordStatus#FAILED}
   * @param problems why the record is partial
   */
  public EnergyRecord(String id, @Nullable String parentId, String name, Tags tags, String host,
      @Nullable String region, Instant start, Instant end, long units, Attribution attribution,
      List<ChannelEnergy> channels, List<BucketEnergy> buckets, RecordStatus status, List<String> problems) {
    this(id, parentId, name, tags, host, region, start, end, units, attribution, channels, buckets, status, problems,
        null, null);
  }

  /**
   * Returns this record with Ergon's own CPU time during the job set.
   *
   * @param cpu the CPU time, or {@code null} for not measured
   * @return a copy with {@link #selfCpu()} set; every other field unchanged
   * @throws IllegalArgumentException if the time is negative or beyond {@link Long#MAX_VALUE} nanoseconds
   */
  public EnergyRecord withSelfCpu(@Nullable Duration cpu) {
    return new EnergyRecord(id, parentId, name, tags, host, region, start, end, units, attribution, channels,
        buckets, status, problems, failure, cpu);
  }

  /**
   * Returns the part of {@link #total()} charged to the job's child jobs.
   *
   * @return the children's energy, summed over channels
   */
  public Energy childrenTotal() {
    Energy sum = Energy.ZERO;
    for (ChannelEnergy c : channels) {
      sum = sum.plus(c.children());
    }
    return sum;
  }

  /**
   * Returns the part of {@link #total()} that is the job's own, not its children's.
   *
   * @return total minus children
   */
  public Energy ownTotal() {
    return total().minus(childrenTotal());
  }

  /**
   * Returns the energy charged to the job, summed over channels.
   *
   * @return the total
   */
  public Energy total() {
    Energy sum = Energy.ZERO;
    for (ChannelEnergy c : channels) {
      sum = sum.plus(c.energy());
    }
    return sum;
  }

  /**
   * Returns the machine energy measured while the job was open, summed over channels, before attribution.
   *
   * @return the measured total
   */
  public Energy measured() {
    Energy sum = Energy.ZERO;
    for (ChannelEnergy c : channels) {
      sum = sum.plus(c.measured());
    }
    return sum;
  }

  /**
   * Returns the standard uncertainty of {@link #total()}, combining the channels' relative uncertainties as
   * independent errors (root sum of squares, as in the GUM, JCGM 100:2008, §5.1).
   *
   * @return one standard uncertainty, in joules
   */
  public double totalUncertaintyJoules() {
    double sumSq = 0;
    for (ChannelEnergy c : channels) {
      double u = c.relativeUncertainty() * c.energy().toJoules();
      sumSq += u * u;
    }
    return Math.sqrt(sumSq);
  }

  /**
   * Returns how long the job ran.
   *
   * @return end minus start
   */
  public Duration duration() {
    return Duration.between(start, end);
  }

  /**
   * Tells whether every channel's energy was read for the whole job.
   *
   * @return true if {@link RecordStatus#COMPLETE}
   */
  public boolean isComplete() {
    return status == RecordStatus.COMPLETE;
  }
}
