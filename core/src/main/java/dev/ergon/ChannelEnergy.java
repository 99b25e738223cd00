package dev.ergon;

import java.util.List;
import java.util.Objects;

/**
 * The energy of one channel in a record, with its provenance.
 *
 * <p>Immutable and thread-safe.
 *
 * @param channel the channel id, e.g. {@code cpu/package-0}
 * @param meter the meter (provider name) that read it, e.g. {@code powercap}
 * @param kind what it measures
 * @param device the device's identity
 * @param method how the energy is known
 * @param relativeUncertainty relative standard uncertainty (1σ, fraction) of the meter for this channel
 * @param energy the energy charged to the job under its attribution policy
 * @param measured the channel's whole energy while the job was open (before attribution); {@code >= energy}
 * @param droppedIntervals sampling intervals whose delta was dropped (reset, unexplained decrease, implausible
 *     jump) while the job was open
 * @param notes facts from the meter and the monitor (e.g. a fault); may be empty
 * @param children the part of {@code energy} charged to the job's child jobs; {@code energy - children} is the
 *     job's own. Zero for a job without children. {@code <= energy}
 * @since 0.1
 */
public record ChannelEnergy(
    String channel,
    String meter,
    ChannelKind kind,
    String device,
    Method method,
    double relativeUncertainty,
    Energy energy,
    Energy measured,
    int droppedIntervals,
    List<String> notes,
    Energy children) {

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the attributed energy exceeds the measured energy, the children's exceeds
   *     the attributed, or a count is negative
   */
  public ChannelEnergy {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(energy, "energy");
    Objects.requireNonNull(measured, "measured");
    Objects.requireNonNull(children, "children");
    if (energy.compareTo(measured) > 0) {
      throw new IllegalArgumentException(
          "channel " + channel + ": attributed " + energy + " exceeds measured " + measured);
    }
    if (droppedIntervals < 0) {
      throw new IllegalArgumentException("channel " + channel + ": negative dropped intervals");
    }
    if (!Double.isFinite(relativeUncertainty) || relativeUncertainty < 0) {
      throw new IllegalArgumentException("channel " + channel + ": bad uncertainty " + relativeUncertainty);
    }
    if (children.compareTo(energy) > 0) {
      throw new IllegalArgumentException(
          "channel " + channel + ": children's " + children + " exceeds the job's " + energy);
    }
    notes = List.copyOf(notes);
  }

  /**
   * Creates a channel's energy for a job without children.
   *
   * @param channel the channel id
   * @param meter the meter's provider name
   * @param kind what it measures
   * @param device the device's identity
   * @param method how the energy is known
   * @param relativeUncertainty relative standard uncertainty (1σ, fraction)
   * @param energy the energy charged to the job
   * @param measured the channel's whole energy while the job was open
   * @param droppedIntervals sampling intervals dropped while the job was open
   * @param notes facts from the meter and the monitor
   */
  public ChannelEnergy(String channel, String meter, ChannelKind kind, String device, Method method,
      double relativeUncertainty, Energy energy, Energy measured, int droppedIntervals, List<String> notes) {
    this(channel, meter, kind, device, method, relativeUncertainty, energy, measured, droppedIntervals, notes,
        Energy.ZERO);
  }

  /**
   * Returns the part of this channel's energy that is the job's own, not its children's.
   *
   * @return {@code energy - children}
   */
  public Energy own() {
    return energy.minus(children);
  }
}
