package dev.ergon.accounting;

import dev.ergon.EnergyRecord;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a record's energy was measured at the IT equipment or at the facility meter, which decides whether PUE
 * applies to it.
 *
 * <p>Meters measure IT equipment (CPU packages, DRAM, GPUs), so a record is {@link #IT} unless its tags say
 * otherwise: a record tagged {@code energy.level=facility} (e.g. one built from a utility or building meter, which
 * already includes cooling and power distribution) is {@link #FACILITY} and is never multiplied by a PUE. PUE is
 * applied to a record's total, once, when its consumption enters a report; it is never applied to a channel's
 * figure.
 *
 * @since 0.1
 */
public enum EnergyLevel {
  /** Energy of IT equipment; the facility's energy is this times the PUE. */
  IT,
  /** Energy already measured at the facility level; PUE does not apply. */
  FACILITY;

  /** The tag key that declares a record's level: {@value}. */
  public static final String TAG_KEY = "energy.level";

  /**
   * Returns the level a record declares.
   *
   * @param record the record
   * @return {@link #FACILITY} when tagged {@code energy.level=facility}, otherwise {@link #IT}
   * @throws IllegalArgumentException if the tag holds another value than {@code it} or {@code facility}
   */
  public static EnergyLevel of(EnergyRecord record) {
    Optional<String> value = record.tags().get(TAG_KEY);
    if (value.isEmpty()) {
      return IT;
    }
    return switch (value.get().trim().toLowerCase(Locale.ROOT)) {
      case "it" -> IT;
      case "facility" -> FACILITY;
      default -> throw new IllegalArgumentException("record " + record.id() + ": tag " + TAG_KEY + "='" + value.get()
            + "' is neither 'it' nor 'facility'; fix the tag where the record is made");
    };
  }
}
