package dev.ergon.internal;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.spi.Channel;
import dev.ergon.spi.ChannelFault;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link JobSnapshot} into an {@link EnergyRecord}: channels with their provenance, buckets, status and
 * problems. Pure: reads nothing but the snapshot and the fixed facts it was created with.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (immutable, apart from the channel
 * reader's permanent faults, which are only ever set once).
 */
public final class RecordAssembler {

  private final List<Channel> channels;
  private final ChannelReader reader;
  private final String host;
  private final @Nullable String region;
  private final Attribution attribution;
  private final long bucketMillis;

  /**
   * Creates an assembler.
   *
   * @param reader the channel reader (channels, meter names, permanent faults)
   * @param host the host name
   * @param region the grid region, or null
   * @param attribution the policy
   * @param bucketMillis the bucket length, ms
   */
  public RecordAssembler(ChannelReader reader, String host, @Nullable String region, Attribution attribution,
      long bucketMillis) {
    this.reader = reader;
    this.channels = reader.channels();
    this.host = host;
    this.region = region;
    this.attribution = attribution;
    this.bucketMillis = bucketMillis;
  }

  /**
   * Builds the record.
   *
   * @param s the snapshot
   * @return the record; status {@link RecordStatus#OPEN} for a checkpoint
   */
  public EnergyRecord assemble(JobSnapshot s) {
    List<ChannelEnergy> ces = new ArrayList<>(channels.size());
    List<String> problems = new ArrayList<>(s.problems());
    for (int i = 0; i < channels.size(); i++) {
      Channel c = channels.get(i);
      List<String> notes = c.notes();
      ChannelFault dead = reader.deadFault(i);
      if (dead != null) {
        notes = new ArrayList<>(notes);
        notes.add("unavailable: " + dead.reason() + ": " + dead.message());
      }
      if (s.dropped()[i] > 0) {
        problems.add("channel " + c.id() + ": " + s.dropped()[i] + " sampling interval(s) dropped (counter reset, "
            + "decrease no single wrap explains, or energy above the channel's physical ceiling)");
      }
      ces.add(new ChannelEnergy(c.id(), reader.meterName(i), c.kind(), c.device(), c.method(),
          c.relativeUncertainty(), Energy.ofMicrojoules(s.energy()[i]), Energy.ofMicrojoules(s.measured()[i]),
          s.dropped()[i], notes, Energy.ofMicrojoules(s.children()[i])));
    }
    List<BucketEnergy> buckets = new ArrayList<>(s.buckets().size());
    for (Map.Entry<Long, Long> e : s.buckets().entrySet()) {
      Instant start = Instant.ofEpochMilli(e.getKey() * bucketMillis);
      buckets.add(new BucketEnergy(start, start.plusMillis(bucketMillis), Energy.ofMicrojoules(e.getValue())));
    }
    String failure = s.failure();
    RecordStatus status;
    if (s.open()) {
      status = RecordStatus.OPEN;
      failure = null;
    } else if (channels.isEmpty()) {
      status = RecordStatus.NO_METER;
      problems.add("no energy meter was available (see `ergon meters` or EnergyMonitor.meterStatus())");
    } else if (failure != null) {
      status = RecordStatus.FAILED;
    } else {
      status = problems.isEmpty() ? RecordStatus.COMPLETE : RecordStatus.PARTIAL;
    }
    return new EnergyRecord(s.id(), s.parentId(), s.name(), s.tags(), host, region, s.start(), s.end(), s.units(),
        attribution, ces, buckets, status, problems, failure);
  }
}
