package dev.ergon;

import dev.ergon.spi.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A read-only view of a monitor as of its latest reading, taken under the reading lock so its figures agree with
 * one another: per channel the cumulative measured energy and the last interval's power, the unattributed energy,
 * and every open job with its live energy and units. For exporters (Micrometer, OpenTelemetry) and dashboards.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at the latest reading's boundary (UTC)
 * @param channels one entry per channel, in the monitor's channel order
 * @param unattributed measured energy not charged to any top-level job since the monitor started
 * @param jobs the open jobs and workloads, each parent before its children
 * @since 0.1
 */
public record MonitorSnapshot(Instant at, List<ChannelState> channels, Energy unattributed, List<JobState> jobs) {

  /**
   * Copies the lists.
   *
   * @throws NullPointerException if a component is null
   */
  public MonitorSnapshot {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(unattributed, "unattributed");
    channels = List.copyOf(channels);
    jobs = List.copyOf(jobs);
  }

  /**
   * One channel's figures.
   *
   * @param channel the channel (id, kind, method, relative uncertainty)
   * @param meter the name of the meter provider that reads it
   * @param measured energy measured since the monitor started; never decreases
   * @param power the mean power over the latest sampling interval, or null if that interval was dropped, faulted
   *     or empty in time
   * @since 0.1
   */
  public record ChannelState(Channel channel, String meter, Energy measured, @Nullable Power power) {
    /**
     * Validates the components.
     *
     * @throws NullPointerException if a required component is null
     */
    public ChannelState {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(meter, "meter");
      Objects.requireNonNull(measured, "measured");
    }
  }

  /**
   * One open job's figures.
   *
   * @param id the job's record id
   * @param parentId its parent's id, or null at the top level
   * @param name the job's name
   * @param tags the job's tags
   * @param workload whether it is a workload ({@link EnergyMonitor#workload})
   * @param energy the energy charged to it so far (children included)
   * @param units the units counted in it and its descendants so far
   * @param idle whether it is a workload that is idle now
   * @since 0.1
   */
  public record JobState(String id, @Nullable String parentId, String name, Tags tags, boolean workload,
      Energy energy, long units, boolean idle) {
    /**
     * Validates the components.
     *
     * @throws NullPointerException if a required component is null
     */
    public JobState {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(tags, "tags");
      Objects.requireNonNull(energy, "energy");
    }
  }
}
