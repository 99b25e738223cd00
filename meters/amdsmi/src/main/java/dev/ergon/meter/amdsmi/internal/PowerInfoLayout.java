package dev.ergon.meter.amdsmi.internal;

import com.sun.jna.Memory;
import java.util.OptionalLong;

/**
 * Reads {@code amdsmi_power_info_t}, whose layout changed between AMD SMI releases, by the release the library
 * reports.
 *
 * <ul>
 *   <li>amdsmi 24.x (ROCm 6.0-6.3; {@code amdsmi_version_t} = {@code {year, major, minor, release, build}}, year
 *       24): {@code uint32_t current_socket_power, average_socket_power, gfx_voltage, ...};</li>
 *   <li>amdsmi 25 and later (ROCm 6.4 on; {@code amdsmi_version_t} = {@code {major, minor, release, build}}, major
 *       25 or more): {@code uint64_t socket_power; uint32_t current_socket_power, average_socket_power; uint64_t
 *       gfx_voltage, ...}.</li>
 * </ul>
 * Both start with a socket power in W in their first 32-bit little-endian word, so a library that does not report
 * its version is read there. A field AMD SMI marks unsupported ({@code UINT16_MAX} from the GPU metrics table,
 * {@code UINT32_MAX}, {@code UINT64_MAX}) is skipped, and so is a zero while a later field has a power: the next
 * field in the order below is used.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public final class PowerInfoLayout {

  /** The first release with the 25.x layouts, as the first word of {@code amdsmi_version_t}. */
  static final int FIRST_NEW_LAYOUT = 25;

  /** A value at or above this (65,535 W) is AMD SMI's "unsupported" marker, not a power. */
  private static final long UNSUPPORTED = 0xFFFFL;

  private final int release;

  private PowerInfoLayout(int release) {
    this.release = release;
  }

  /**
   * Asks the library for its release.
   *
   * @param library the library, initialised or not ({@code amdsmi_get_lib_version} needs no initialisation)
   * @return the layout
   */
  public static PowerInfoLayout of(AmdSmiLibrary library) {
    Memory version = new Memory(AmdSmiLibrary.STRUCT_BUFFER_SIZE);
    version.clear();
    if (library.libVersion(version) != AmdSmiStatus.SUCCESS.code()) {
      return new PowerInfoLayout(0);
    }
    return new PowerInfoLayout(version.getInt(0));
  }

  /**
   * Returns a layout for a given first word of {@code amdsmi_version_t}, for tests.
   *
   * @param release the year (24.x) or major (25 and later); 0 if unknown
   * @return the layout
   */
  static PowerInfoLayout forRelease(int release) {
    return new PowerInfoLayout(release);
  }

  /**
   * Describes the layout, for notes.
   *
   * @return e.g. {@code amdsmi 25 layout}
   */
  public String describe() {
    if (release <= 0) {
      return "release unknown (amdsmi_get_lib_version failed): socket power read from the first word";
    }
    return (release >= FIRST_NEW_LAYOUT ? "amdsmi " + release + " layout" : "amdsmi " + release + ".x layout");
  }

  /**
   * Reads the socket power from a filled {@code amdsmi_power_info_t}.
   *
   * @param info the buffer {@code amdsmi_get_power_info} filled
   * @return the power in W, or empty if every field is marked unsupported
   */
  public OptionalLong watts(Memory info) {
    if (release >= FIRST_NEW_LAYOUT) {
      return first(info.getLong(0), unsigned(info.getInt(8)), unsigned(info.getInt(12)));
    }
    if (release > 0) {
      return first(unsigned(info.getInt(0)), unsigned(info.getInt(4)));
    }
    return first(unsigned(info.getInt(0)));
  }

  private static long unsigned(int value) {
    return Integer.toUnsignedLong(value);
  }

  /** The first valid non-zero candidate (a field left at zero may be one this GPU does not fill), else zero. */
  private static OptionalLong first(long... candidates) {
    OptionalLong zero = OptionalLong.empty();
    for (long c : candidates) {
      if (c > 0 && c < UNSUPPORTED) {
        return OptionalLong.of(c);
      }
      if (c == 0) {
        zero = OptionalLong.of(0);
      }
    }
    return zero;
  }
}
