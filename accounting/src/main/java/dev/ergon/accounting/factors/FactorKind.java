package dev.ergon.accounting.factors;

import java.util.Locale;
import java.util.Optional;

/**
 * What an emission factor characterises, which decides where it may be used.
 *
 * @since 0.1
 */
public enum FactorKind {
  /**
   * The average emission intensity of the electricity on a grid (location-based Scope 2, SCI; the last rung of the
   * market-based hierarchy where no residual mix exists). Written {@code location} in factor tables.
   */
  LOCATION,
  /**
   * The grid mix after the attributes claimed through certificates and contracts are removed: the market-based
   * factor for consumption no instrument covers (e.g. AIB European Residual Mixes, Green-e residual mix). Written
   * {@code residual_mix}.
   */
  RESIDUAL_MIX,
  /**
   * The emission rate of the reporter's electricity supplier, calculated on delivered electricity: the third rung
   * of the market-based hierarchy. Written {@code supplier}.
   */
  SUPPLIER,
  /**
   * A marginal emission rate (short- or long-run), usable for the SCI instead of the average; never used in
   * Scope 2. Written {@code marginal}.
   */
  MARGINAL;

  /**
   * Parses the spelling used in factor tables.
   *
   * @param text {@code location}, {@code residual_mix}, {@code supplier} or {@code marginal} (case-insensitive;
   *     {@code -} may stand for {@code _})
   * @return the kind, or empty if unknown
   */
  public static Optional<FactorKind> parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (FactorKind k : values()) {
      if (k.name().equals(t)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the spelling used in factor tables.
   *
   * @return e.g. {@code residual_mix}
   */
  public String tableName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
