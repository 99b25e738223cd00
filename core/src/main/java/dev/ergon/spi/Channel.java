package dev.ergon.spi;

import dev.ergon.ChannelKind;
import dev.ergon.Energy;
import dev.ergon.Method;
import dev.ergon.Power;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One energy source of a meter: a RAPL zone, a GPU, a modelled CPU.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id a stable identifier, unique within a monitor, e.g. {@code cpu/package-0}, {@code dram/0},
 *     {@code gpu/GPU-8f2a...}; lower-case letters, digits and {@code / - _ . :}
 * @param kind what it measures
 * @param device the device's identity for people and auditors (socket, GPU name and UUID, CPU model)
 * @param method how the energy is known
 * @param relativeUncertainty the relative standard uncertainty (one standard deviation, as a fraction: 0.05 is
 *     ±5 %) of energy read from this channel over a job; {@code >= 0}
 * @param wrapRange the value at which the raw counter wraps to zero, or {@code null} when it does not wrap or the
 *     range is unknown (a decrease is then never corrected, only dropped)
 * @param maxPollInterval the longest interval between two reads that loses nothing: for a wrapping counter, well
 *     inside the time it takes to wrap at {@code maxPower}; for integrated power, the sampling period the
 *     integration needs. Positive.
 * @param maxPower the physical ceiling of this channel's power (a zone's maximum power, a GPU's highest power
 *     limit, a model's maximum), not a generous guess: a delta above {@code maxPower × 1.2 × (Δt + 100 ms)} (a
 *     stated margin, and an allowance for counters that refresh in steps) is a reset or a glitch, and its interval
 *     is dropped and counted
 * @param notes facts a record must carry (e.g. "MIG enabled: energy is for the whole GPU"); may be empty
 * @since 0.1
 */
public record Channel(
    String id,
    ChannelKind kind,
    String device,
    Method method,
    double relativeUncertainty,
    @Nullable Energy wrapRange,
    Duration maxPollInterval,
    Power maxPower,
    List<String> notes) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9/_.:\\-]{0,127}", Pattern.CASE_INSENSITIVE);

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the id is malformed, the uncertainty negative or the interval not positive
   */
  public Channel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(maxPollInterval, "maxPollInterval");
    Objects.requireNonNull(maxPower, "maxPower");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "channel id '" + id + "' is malformed; use letters, digits and / - _ . : (at most 128)");
    }
    if (!Double.isFinite(relativeUncertainty) || relativeUncertainty < 0) {
      throw new IllegalArgumentException("relative uncertainty of " + id + " must be >= 0, got " + relativeUncertainty);
    }
    if (maxPollInterval.isNegative() || maxPollInterval.isZero()) {
      throw new IllegalArgumentException("max poll interval of " + id + " must be positive, got " + maxPollInterval);
    }
    if (wrapRange != null && wrapRange.isZero()) {
      throw new IllegalArgumentException("wrap range of " + id + " must be positive or null");
    }
    notes = List.copyOf(notes);
  }

  /**
   * Returns a copy with one more note.
   *
   * @param note the fact to add
   * @return the new channel
   */
  public Channel withNote(String note) {
    List<String> more = new java.util.ArrayList<>(notes);
    more.add(note);
    return new Channel(id, kind, device, method, relativeUncertainty, wrapRange, maxPollInterval, maxPower, more);
  }
}
