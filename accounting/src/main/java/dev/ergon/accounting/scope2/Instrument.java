package dev.ergon.accounting.scope2;

import dev.ergon.CarbonIntensity;
import dev.ergon.Energy;
import dev.ergon.accounting.internal.ZoneIds;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A contractual instrument for the market-based method: an energy attribute certificate, a direct contract or a
 * supplier rate.
 *
 * <p>Instruments that fail a checkable Scope 2 Quality Criterion are not refused here: they are excluded from the
 * market-based total and listed with the reason ({@link InstrumentUse}). Only data that cannot describe an
 * instrument at all (no id, a generation period that ends before it starts, a certificate without a volume) is
 * refused.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the instrument's id or serial number (for a certificate batch, its serial range), unique per claim
 * @param type the instrument type
 * @param market the market boundary: a grid zone ({@code DE}, {@code US}, {@code US-CAL-CISO}) covering itself and
 *     its subdivisions, or {@code EEA} (the 27 EU countries with Iceland, Liechtenstein and Norway, the GO market)
 * @param generationStart start of the generation period (vintage) or, for a supplier rate, of the supply period
 * @param generationEnd end of that period (exclusive), after {@code generationStart}
 * @param volume the electricity it covers; {@code null} only for a supplier rate, which then covers all remaining
 *     consumption in its market and period
 * @param emissionRate the emission rate it conveys (0 for renewable or nuclear certificates), or {@code null} if the
 *     data gives none (the instrument then fails criterion 1)
 * @param technology the generation technology (e.g. {@code wind}), or empty
 * @param retired whether it was retired, redeemed or cancelled
 * @param retiredFor on whose behalf it was retired, or {@code null} if not stated
 * @param facility the generating facility or product name, or empty
 * @param hourlyGeneration generation per UTC hour (hour start to energy), for hourly matching; empty if none. Its
 *     sum equals {@code volume} (to 1 ppm)
 * @param origin where it was read ({@code file:line}) or {@code api}
 * @since 0.1
 */
public record Instrument(
    String id,
    InstrumentType type,
    String market,
    Instant generationStart,
    Instant generationEnd,
    @Nullable Energy volume,
    @Nullable CarbonIntensity emissionRate,
    String technology,
    boolean retired,
    @Nullable String retiredFor,
    String facility,
    NavigableMap<Instant, Energy> hourlyGeneration,
    String origin) {

  /**
   * Validates and normalises the fields.
   *
   * @throws IllegalArgumentException if the id is blank, the market malformed, the period empty, a certificate or
   *     contract has no volume, or the hourly generation is off the hour, outside the period or does not sum to the
   *     volume
   */
  public Instrument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(generationStart, "generationStart");
    Objects.requireNonNull(generationEnd, "generationEnd");
    Objects.requireNonNull(technology, "technology");
    Objects.requireNonNull(facility, "facility");
    Objects.requireNonNull(hourlyGeneration, "hourlyGeneration");
    Objects.requireNonNull(origin, "origin");
    if (id.isBlank()) {
      throw new IllegalArgumentException("instrument id is blank; give each instrument its serial number");
    }
    market = ZoneIds.normalize(market);
    if (ZoneIds.isCloudRegion(market) || market.equals(ZoneIds.WORLD)) {
      throw new IllegalArgumentException("instrument " + id + ": market '" + market + "' must be a grid zone or EEA");
    }
    if (!generationEnd.isAfter(generationStart)) {
      throw new IllegalArgumentException("instrument " + id + ": generation period ends (" + generationEnd
          + ") before it starts (" + generationStart + ")");
    }
    if (volume == null && type.category() != InstrumentCategory.SUPPLIER) {
      throw new IllegalArgumentException("instrument " + id + ": a " + type + " needs a volume (MWh); only a "
          + "supplier rate may leave it open");
    }
    TreeMap<Instant, Energy> hours = new TreeMap<>();
    BigInteger sum = BigInteger.ZERO;
    for (Map.Entry<Instant, Energy> e : hourlyGeneration.entrySet()) {
      Instant h = e.getKey();
      if (!h.truncatedTo(ChronoUnit.HOURS).equals(h)) {
        throw new IllegalArgumentException("instrument " + id + ": hourly generation at " + h + " is not on the hour");
      }
      if (h.isBefore(generationStart) || !h.isBefore(generationEnd)) {
        throw new IllegalArgumentException("instrument " + id + ": hourly generation at " + h + " is outside its "
            + "generation period " + generationStart + " .. " + generationEnd);
      }
      hours.put(h, e.getValue());
      sum = sum.add(e.getValue().toBigMicrojoules());
    }
    if (!hours.isEmpty()) {
      if (volume == null) {
        throw new IllegalArgumentException("instrument " + id + ": hourly generation given but no volume");
      }
      BigInteger v = volume.toBigMicrojoules();
      BigInteger tolerance = v.divide(BigInteger.valueOf(1_000_000)).add(BigInteger.valueOf(hours.size()));
      if (sum.subtract(v).abs().compareTo(tolerance) > 0) {
        throw new IllegalArgumentException("instrument " + id + ": hourly generation sums to "
            + Energy.ofMicrojoules(sum).toMegawattHours() + " MWh but the volume is " + volume.toMegawattHours()
            + " MWh; they must agree");
      }
    }
    hourlyGeneration = Collections.unmodifiableNavigableMap(hours);
  }

  /**
   * Returns a copy with an hourly generation profile.
   *
   * @param hours generation per UTC hour start
   * @return the new instrument
   * @throws IllegalArgumentException if the profile is off the hour, outside the period or does not sum to the volume
   */
  public Instrument withHourlyGeneration(Map<Instant, Energy> hours) {
    return new Instrument(id, type, market, generationStart, generationEnd, volume, emissionRate, technology,
        retired, retiredFor, facility, new TreeMap<>(hours), origin);
  }

  /**
   * Returns the hierarchy rung.
   *
   * @return the type's category
   */
  public InstrumentCategory category() {
    return type.category();
  }
}
