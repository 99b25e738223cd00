package dev.ergon.accounting.internal;

import dev.ergon.CarbonIntensity;
import java.util.Locale;
import java.util.Optional;

/**
 * The units in which data files may state an emission intensity, each converted to gCO₂e/kWh by the named factory
 * of {@link CarbonIntensity}.
 *
 * <p>Accepted spellings (case-insensitive; a gas label {@code CO2}, {@code CO2e} or {@code CO2eq} between the mass
 * and the slash is allowed, e.g. {@code gCO2eq/kWh}): {@code g/kWh}, {@code kg/MWh}, {@code kg/kWh},
 * {@code g/MWh}, {@code t/kWh} (metric tonnes, Cloud Carbon Footprint's unit), {@code t/MWh}, {@code lb/MWh} or
 * {@code lbs/MWh} (US EPA eGRID's unit). Anything else is refused: a silent unit guess is the classic
 * three-orders-of-magnitude error.
 *
 * <p>This class is internal and is hence not for public use.
 */
public enum IntensityUnit {
  /** Grams per kilowatt-hour. */
  G_PER_KWH("g/kWh"),
  /** Kilograms per megawatt-hour (numerically equal to g/kWh). */
  KG_PER_MWH("kg/MWh"),
  /** Kilograms per kilowatt-hour. */
  KG_PER_KWH("kg/kWh"),
  /** Grams per megawatt-hour. */
  G_PER_MWH("g/MWh"),
  /** Metric tonnes per kilowatt-hour. */
  T_PER_KWH("t/kWh"),
  /** Metric tonnes per megawatt-hour. */
  T_PER_MWH("t/MWh"),
  /** Avoirdupois pounds per megawatt-hour. */
  LB_PER_MWH("lb/MWh");

  /** The accepted spellings, for error messages. */
  public static final String ACCEPTED = "g/kWh, kg/MWh, kg/kWh, g/MWh, t/kWh, t/MWh, lb/MWh (lbs/MWh); "
      + "a gas label such as gCO2e/kWh or gCO2eq/kWh is allowed";

  private final String symbol;

  IntensityUnit(String symbol) {
    this.symbol = symbol;
  }

  /**
   * Returns the canonical symbol.
   *
   * @return e.g. {@code g/kWh}
   */
  public String symbol() {
    return symbol;
  }

  /**
   * Parses a unit.
   *
   * @param text the unit as written
   * @return the unit, or empty if not one of the accepted spellings
   */
  public static Optional<IntensityUnit> parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "").replace("₂", "2");
    int slash = t.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String mass = t.substring(0, slash);
    String energy = t.substring(slash + 1);
    for (String gas : new String[] {"co2eq", "co2e", "co2"}) {
      if (mass.endsWith(gas)) {
        mass = mass.substring(0, mass.length() - gas.length());
        break;
      }
    }
    boolean kwh = energy.equals("kwh");
    boolean mwh = energy.equals("mwh");
    if (!kwh && !mwh) {
      return Optional.empty();
    }
    return switch (mass) {
      case "g" -> Optional.of(kwh ? G_PER_KWH : G_PER_MWH);
      case "kg" -> Optional.of(kwh ? KG_PER_KWH : KG_PER_MWH);
      case "t" -> Optional.of(kwh ? T_PER_KWH : T_PER_MWH);
      case "lb", "lbs" -> mwh ? Optional.of(LB_PER_MWH) : Optional.empty();
      default -> Optional.empty();
    };
  }

  /**
   * Converts a value in this unit.
   *
   * @param value the value, finite and {@code >= 0}
   * @return the intensity
   * @throws IllegalArgumentException if negative, NaN or infinite
   */
  public CarbonIntensity toIntensity(double value) {
    return switch (this) {
      case G_PER_KWH -> CarbonIntensity.ofGramsPerKilowattHour(value);
      case KG_PER_MWH -> CarbonIntensity.ofKilogramsPerMegawattHour(value);
      case KG_PER_KWH -> CarbonIntensity.ofGramsPerKilowattHour(value * 1e3);
      case G_PER_MWH -> CarbonIntensity.ofGramsPerKilowattHour(value / 1e3);
      case T_PER_KWH -> CarbonIntensity.ofTonnesPerKilowattHour(value);
      case T_PER_MWH -> CarbonIntensity.ofGramsPerKilowattHour(value * 1e3);
      case LB_PER_MWH -> CarbonIntensity.ofPoundsPerMegawattHour(value);
    };
  }
}
