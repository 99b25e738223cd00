package dev.ergon.cli.internal;

import dev.ergon.Co2e;
import dev.ergon.Energy;
import dev.ergon.Method;
import java.time.Duration;
import java.util.Locale;

/**
 * Writes quantities for people, in ASCII (a terminal in the POSIX locale shows no µ or ±): energy in J with an SI
 * prefix, masses of CO2e in mg, g, kg or t, durations in s.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
final class QuantityText {
  private QuantityText() {}

  /**
   * Returns an energy with four significant digits and a unit from mJ to TJ, e.g. {@code 12.35 J}, {@code 1.204 MJ}.
   *
   * @param energy the energy
   * @return the text
   */
  static String energy(Energy energy) {
    return joules(energy.toJoules());
  }

  /**
   * Returns an amount of joules with four significant digits and an SI prefix.
   *
   * @param joules the amount, J
   * @return the text
   */
  static String joules(double joules) {
    double a = Math.abs(joules);
    if (a == 0) {
      return "0 J";
    }
    String[] units = {"uJ", "mJ", "J", "kJ", "MJ", "GJ", "TJ"};
    double[] scale = {1e-6, 1e-3, 1, 1e3, 1e6, 1e9, 1e12};
    int i = 2;
    while (i < units.length - 1 && a >= scale[i + 1] * 0.9995) {
      i++;
    }
    while (i > 0 && a < scale[i] * 0.9995) {
      i--;
    }
    return significant(joules / scale[i]) + " " + units[i];
  }

  /**
   * Returns an energy in kWh, e.g. {@code 0.0001234 kWh}.
   *
   * @param energy the energy
   * @return the text
   */
  static String kilowattHours(Energy energy) {
    return String.format(Locale.US, "%.4g kWh", energy.toKilowattHours());
  }

  /**
   * Returns a mass of CO2e with four significant digits, e.g. {@code 1.632 mg CO2e}, {@code 12.00 kg CO2e}.
   *
   * @param mass the mass
   * @return the text
   */
  static String mass(Co2e mass) {
    return grams(mass.toGrams()) + " CO2e";
  }

  /**
   * Returns a mass in grams with an SI unit (mg, g, kg, t) and four significant digits.
   *
   * @param grams the mass, g
   * @return the text, without "CO2e"
   */
  static String grams(double grams) {
    double a = Math.abs(grams);
    if (a == 0) {
      return "0 g";
    }
    if (a < 1) {
      return significant(grams * 1e3) + " mg";
    }
    if (a < 1e3) {
      return significant(grams) + " g";
    }
    if (a < 1e6) {
      return significant(grams / 1e3) + " kg";
    }
    return significant(grams / 1e6) + " t";
  }

  /**
   * Returns a duration in seconds with millisecond resolution, e.g. {@code 2.013 s}.
   *
   * @param d the duration
   * @return the text
   */
  static String seconds(Duration d) {
    return String.format(Locale.US, "%.3f s", d.toMillis() / 1000.0);
  }

  /**
   * Returns a relative uncertainty as a percentage, e.g. {@code 5 %} or {@code 0.5 %}.
   *
   * @param fraction the relative uncertainty, as a fraction
   * @return the text
   */
  static String percent(double fraction) {
    double p = fraction * 100;
    return (p >= 10 || p == Math.rint(p) ? String.format(Locale.US, "%.0f", p)
        : String.format(Locale.US, "%.1f", p)) + " %";
  }

  /**
   * Says how a channel's energy is known, for the summary.
   *
   * @param method the channel's method
   * @return e.g. {@code counter} or {@code ESTIMATED (model)}
   */
  static String method(Method method) {
    return switch (method) {
      case COUNTER -> "hardware counter";
      case INTEGRATED_POWER -> "power readings, integrated";
      case MODEL -> "ESTIMATED by a model";
    };
  }

  private static String significant(double v) {
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.US, "%.0f", v);
    }
    if (a >= 100) {
      return String.format(Locale.US, "%.1f", v);
    }
    if (a >= 10) {
      return String.format(Locale.US, "%.2f", v);
    }
    return String.format(Locale.US, "%.3f", v);
  }
}
