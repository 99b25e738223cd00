package dev.ergon.meter.powercap;

/**
 * Which RAPL domains the powercap meter counts, chosen so that no energy is counted twice.
 *
 * <p>RAPL domains nest: {@code core} (PP0) and {@code uncore} (PP1) are parts of their {@code package}; {@code dram}
 * is not part of the package; {@code psys} (platform) includes the packages and DRAM. So there are two sums that
 * count every joule once: the packages plus DRAM per socket, or the platform alone. Core and uncore are never added,
 * under any policy, and a domain that appears through two interfaces ({@code intel-rapl} and
 * {@code intel-rapl-mmio} or {@code intel-rapl-tpmi}) is counted once.
 *
 * <p>Set with {@code ergon.powercap.policy} (environment {@code ERGON_POWERCAP_POLICY}) as
 * {@code packages-and-dram}, {@code packages} or {@code platform}, or with
 * {@link PowercapMeterProvider.Builder#policy(PowercapPolicy)}.
 *
 * @since 0.1
 */
public enum PowercapPolicy {

  /**
   * Every CPU package (per die where the kernel names zones {@code package-N-die-M}) and every socket's DRAM. The
   * default: what the CPUs and their memory spend, on Intel servers, Intel clients and AMD (which has no DRAM
   * domain, so packages only).
   */
  PACKAGES_AND_DRAM,

  /** Every CPU package (per die where the kernel splits them), without DRAM. */
  PACKAGES,

  /**
   * The platform domain {@code psys} alone (Skylake and later clients, some servers): the whole SoC as the firmware
   * defines it, which includes the packages and DRAM; unavailable where there is no {@code psys} zone.
   */
  PLATFORM
}
