package dev.ergon;

import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import java.util.List;
import java.util.Objects;

/**
 * What became of one meter provider when a monitor started: its probe answer and, if it was opened, its channels.
 *
 * <p>Immutable and thread-safe.
 *
 * @param provider the provider's name
 * @param priority its priority (counters before models)
 * @param availability the probe answer, or why opening failed; for a provider that threw, reason
 *     {@link UnavailableReason#PROVIDER_ERROR}
 * @param channels the channels of the opened meter; empty if not opened
 * @param open whether a meter was opened and is being read
 * @since 0.1
 */
public record MeterStatus(
    String provider, int priority, Availability availability, List<Channel> channels, boolean open) {
  /**
   * Copies the list.
   *
   * @throws NullPointerException if a field is null
   */
  public MeterStatus {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(availability, "availability");
    channels = List.copyOf(channels);
  }

  /**
   * Returns the answer for a provider that was not opened.
   *
   * @param provider the name
   * @param priority the priority
   * @param availability why
   * @return the status
   */
  static MeterStatus closed(String provider, int priority, Availability availability) {
    return new MeterStatus(provider, priority, availability, List.of(), false);
  }

  /**
   * Returns the status as a person reads it, e.g. {@code powercap: open, channels cpu/package-0, dram/0; available:
   * 2 zones} or {@code nvml: not open; unavailable (DRIVER_MISSING): no NVML library …; remedy: …}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(provider).append(open ? ": open" : ": not open");
    if (!channels.isEmpty()) {
      b.append(", channels ");
      for (int i = 0; i < channels.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(channels.get(i).id());
      }
    }
    return b.append("; ").append(availability).toString();
  }
}
