package dev.ergon.meter.powercap.internal;

import dev.ergon.Energy;
import dev.ergon.Power;
import dev.ergon.spi.Channel;
import dev.ergon.ChannelKind;
import dev.ergon.Method;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns a selected zone into a {@link Channel}: wrap range, polling interval, plausible power and uncertainty.
 *
 * <p><b>Wrap range.</b> The zone's {@code max_energy_range_uj} (world-readable, µJ): 262 143 328 850 µJ for an
 * Intel package (ESU 14), 65 712 999 613 µJ for server DRAM (fixed 15.3 µJ unit), 65 532 610 987 µJ on AMD (ESU 16).
 * If it cannot be read, the channel declares no wrap range, so a decrease is dropped and counted by core, never
 * negated or guessed (the CodeCarbon #1309 bug), and the channel carries a note saying so.
 *
 * <p><b>Polling.</b> Only one wrap is detectable between two reads, so each channel asks to be read at least every
 * {@code min(60 s, 1/4 × range / maxPower)} (SPECS A.8): 60 s for an Intel package at 1000 W (the counter wraps in
 * 262 s), 32.9 s for server DRAM at 500 W (wraps in 131 s), 16.4 s for an AMD package at 1000 W (wraps in 65.5 s).
 * The factor of four leaves room for a late sampler. With no readable range, the smallest range seen on real
 * hardware (AMD's 65 532 610 987 µJ) is assumed for the interval, so that a wrap is still never missed.
 *
 * <p><b>Ceiling</b> (core drops an interval above {@code maxPower × 1.2 × (Δt + 100 ms)}, see core's
 * {@code CounterUnwrapper}): the zone's own figures when it has them, else a default per domain.
 * <ul>
 *   <li>The zone's figures: the largest of its {@code constraint_N_max_power_uw} (the firmware's maximum for each
 *       power limit; for PL4, {@code peak_power}, the kernel reports twice the package maximum) and
 *       {@code max_power_range_uw}, in µW. Because a programmed limit may sit above the firmware's maximum (boards
 *       that unlock PL2), a {@code constraint_N_power_limit_uw} larger than that raises the ceiling to it. A
 *       programmed limit alone, with no maximum, does not set the ceiling: PL1 (45 W on a laptop) is a long-term
 *       average the package exceeds for seconds at a time. Unreadable files (EIO and ENODATA are common on
 *       constraint files) and zeros are ignored.</li>
 *   <li>The defaults, when the zone states no maximum (AMD zones have no constraints at all): 1000 W for a package
 *       or die (twice the 500 W TDP of the largest sockets of 2024-2025, Xeon 6980P and EPYC 9965, to allow for PL2
 *       bursts); 500 W for one socket's DRAM (24 DDR5 RDIMMs at about 20 W each); 3000 W for psys (a loaded
 *       two-socket platform).</li>
 * </ul>
 * {@code ergon.powercap.max-power-watts} replaces both. The channel's notes say which applied.
 *
 * <p><b>Uncertainty</b> (relative standard uncertainty, 1σ, of a job's energy):
 * <ul>
 *   <li>package: {@value #PACKAGE_UNCERTAINTY}. Khan et al., "RAPL in Action: Experiences in Using RAPL for Power
 *       Measurements", ACM TOMPECS 3(2), 2018, found RAPL 99 % correlated with wall-plug power, with a mean
 *       absolute percentage error of 1.7 % (summarised in ionutbalosin/jvm-energy-consumption,
 *       docs/jvm-energy-consumption-article-jdk17.md). For normally distributed errors the mean absolute error is
 *       σ·√(2/π) ≈ 0.80 σ, so σ ≈ 1.7 % / 0.80 = 2.1 %.</li>
 *   <li>DRAM: {@value #DRAM_UNCERTAINTY}. Desrochers, Paradis and Weaver, "A Validation of DRAM RAPL Power
 *       Measurements", MEMSYS 2016: DRAM RAPL within 20 % of measured DRAM power (closer on Haswell servers, which
 *       measure through the voltage regulator). Read as an error spread evenly within ±20 %: σ = 20 % / √3 =
 *       11.5 %.</li>
 *   <li>psys: {@value #PLATFORM_UNCERTAINTY}. No validation study was found; CodeCarbon
 *       (docs/explanation/rapl.md) reports psys 6.66 W against a 6 W battery discharge on an idle Core Ultra 7 265H,
 *       11 % apart, taken here as one standard deviation.</li>
 * </ul>
 * Not included: Intel's energy filtering (enabled with SGX or by the filtering bit after CVE-2020-8694/8695), which
 * can skew readings by up to about 50 % over short windows and averages out over long ones; and the parts RAPL does
 * not cover (PSU losses, fans, disks, NICs, discrete GPUs).
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
public final class ZoneChannels {

  /** Relative standard uncertainty of a package or die channel (see the class comment for the source). */
  public static final double PACKAGE_UNCERTAINTY = 0.021;
  /** Relative standard uncertainty of a DRAM channel (see the class comment for the source). */
  public static final double DRAM_UNCERTAINTY = 0.115;
  /** Relative standard uncertainty of a psys channel (see the class comment for the source). */
  public static final double PLATFORM_UNCERTAINTY = 0.11;

  /** Plausible maximum power of a package or die. */
  public static final Power PACKAGE_MAX_POWER = Power.ofWatts(1000);
  /** Plausible maximum power of one socket's DRAM. */
  public static final Power DRAM_MAX_POWER = Power.ofWatts(500);
  /** Plausible maximum power of psys. */
  public static final Power PLATFORM_MAX_POWER = Power.ofWatts(3000);

  /** The longest polling interval of any zone. */
  public static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(60);
  /** The most constraints probed per zone: the kernel numbers them from 0 (PL1, PL2, PL4 today). */
  static final int MAX_CONSTRAINTS = 8;

  /** The shortest polling interval, whatever the configured power. */
  public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(1);
  /** The range assumed for the polling interval when {@code max_energy_range_uj} is unreadable: AMD's, in µJ. */
  public static final long SMALLEST_KNOWN_RANGE_MICROJOULES = 65_532_610_987L;

  private ZoneChannels() {}

  /**
   * Builds the channel of a selected zone, reading its {@code max_energy_range_uj}.
   *
   * @param selected the zone
   * @param reader reads the range file
   * @param maxPowerOverride the plausible maximum power of every zone, or {@code null} for the defaults above
   * @param readZero whether the counter read 0 when probed: a real counter almost never does, while the stub of a
   *     virtual machine may never move, so the channel says so rather than let a zero pass for a measurement
   * @return the channel and its zone
   */
  public static ZoneChannel of(
      SelectedZone selected, AttributeReader reader, @Nullable Power maxPowerOverride, boolean readZero) {
    Zone zone = selected.zone();
    List<String> notes = new ArrayList<>();
    notes.add(coverage(selected.kind()));
    if (readZero) {
      notes.add(zone.energyFile() + " read 0 when probed: if this is a virtual machine, its counter may be a stub "
          + "that never moves, and zero energy is then no measurement");
    }
    Energy range = null;
    try {
      long uj = reader.readLong(zone.rangeFile());
      if (uj > 0) {
        range = Energy.ofMicrojoules(uj);
      } else {
        notes.add(zone.rangeFile() + " reads 0: counter range unknown, so a counter decrease cannot be corrected "
            + "and its interval is dropped");
      }
    } catch (IOException e) {
      notes.add(zone.rangeFile() + " unreadable (" + AttributeFailure.describe(e) + "): counter range unknown, so "
          + "a counter decrease cannot be corrected and its interval is dropped");
    }
    Power maxPower;
    if (maxPowerOverride != null) {
      maxPower = maxPowerOverride;
      notes.add("ceiling " + maxPowerOverride + " from " + PowercapSettings.MAX_POWER_KEY);
    } else {
      Ceiling c = zoneCeiling(zone, reader);
      if (c != null) {
        maxPower = c.power();
        notes.add("ceiling " + maxPower + " from the zone's " + c.source());
      } else {
        maxPower = defaultMaxPower(selected.kind());
        notes.add("ceiling " + maxPower + ": the default for " + domain(selected.kind())
            + " (the zone states no maximum power)");
      }
    }
    long rangeForPolling = range != null ? range.toMicrojoulesExact() : SMALLEST_KNOWN_RANGE_MICROJOULES;
    Channel channel = new Channel(
        selected.channelId(),
        selected.kind(),
        selected.device(),
        Method.COUNTER,
        uncertainty(selected.kind()),
        range,
        pollInterval(rangeForPolling, maxPower),
        maxPower,
        notes);
    return new ZoneChannel(channel, zone);
  }

  /**
   * Returns the longest interval between reads that cannot miss a wrap: {@code min(60 s, range / maxPower / 4)},
   * at least 1 ms.
   *
   * @param rangeMicrojoules the counter range in µJ, positive
   * @param maxPower the plausible maximum power, positive
   * @return the interval
   */
  public static Duration pollInterval(long rangeMicrojoules, Power maxPower) {
    // µJ / W = µs; a quarter of the wrap time, in ns
    double nanos = rangeMicrojoules / maxPower.watts() * 1e3 / 4;
    if (!(nanos < MAX_POLL_INTERVAL.toNanos())) {
      return MAX_POLL_INTERVAL;
    }
    return Duration.ofNanos(Math.max(MIN_POLL_INTERVAL.toNanos(), (long) nanos));
  }

  /** A zone's own ceiling and the file that set it. */
  record Ceiling(Power power, String source) {}

  /**
   * Reads a zone's own power ceiling: the largest {@code constraint_N_max_power_uw} or {@code max_power_range_uw},
   * raised to any larger {@code constraint_N_power_limit_uw}.
   *
   * @param zone the zone
   * @param reader reads the files
   * @return the ceiling, or {@code null} when the zone states no maximum (no such file readable and above 0)
   */
  static @Nullable Ceiling zoneCeiling(Zone zone, AttributeReader reader) {
    long best = positive(reader, zone.directory().resolve("max_power_range_uw"));
    String source = "max_power_range_uw";
    for (int i = 0; i < MAX_CONSTRAINTS; i++) {
      String file = "constraint_" + i + "_max_power_uw";
      long v = positive(reader, zone.directory().resolve(file));
      if (v > best) {
        best = v;
        source = file;
      }
    }
    if (best <= 0) {
      return null;
    }
    for (int i = 0; i < MAX_CONSTRAINTS; i++) {
      String file = "constraint_" + i + "_power_limit_uw";
      long v = positive(reader, zone.directory().resolve(file));
      if (v > best) {
        best = v;
        source = file + " (a programmed limit above the stated maximum)";
      }
    }
    return new Ceiling(Power.ofMicrowatts(best), source);
  }

  private static long positive(AttributeReader reader, Path file) {
    try {
      return reader.readLong(file);
    } catch (IOException e) {
      return 0; // absent, refused, EIO or ENODATA: this file states nothing
    }
  }

  private static Power defaultMaxPower(ChannelKind kind) {
    return switch (kind) {
      case DRAM -> DRAM_MAX_POWER;
      case PLATFORM -> PLATFORM_MAX_POWER;
      default -> PACKAGE_MAX_POWER;
    };
  }

  private static String domain(ChannelKind kind) {
    return switch (kind) {
      case DRAM -> "one socket's DRAM";
      case PLATFORM -> "psys";
      default -> "a package or die";
    };
  }

  private static double uncertainty(ChannelKind kind) {
    return switch (kind) {
      case DRAM -> DRAM_UNCERTAINTY;
      case PLATFORM -> PLATFORM_UNCERTAINTY;
      default -> PACKAGE_UNCERTAINTY;
    };
  }

  private static String coverage(ChannelKind kind) {
    return switch (kind) {
      case DRAM -> "RAPL DRAM energy of one socket (not part of the package energy)";
      case PLATFORM -> "RAPL psys: the whole platform as the firmware defines it, including the packages and DRAM";
      default -> "RAPL package energy: cores, caches, uncore and integrated GPU; excludes DRAM, PSU losses, fans, "
          + "disks, NICs and discrete GPUs";
    };
  }
}
