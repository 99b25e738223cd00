package dev.ergon.spi;

import dev.ergon.UnavailableReason;
import java.util.Objects;

/**
 * A failed read of one channel.
 *
 * <p>Immutable and thread-safe.
 *
 * @param reason why the read failed
 * @param message what failed, naming the path, device or call
 * @param permanent true if the channel will never answer again (device lost, file vanished); Ergon then stops
 *     reading it and marks it unavailable from then on
 * @since 0.1
 */
public record ChannelFault(UnavailableReason reason, String message, boolean permanent) {
  /**
   * Validates the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public ChannelFault {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }
}
