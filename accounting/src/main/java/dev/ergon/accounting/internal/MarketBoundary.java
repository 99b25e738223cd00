package dev.ergon.accounting.internal;

import java.util.List;
import java.util.Set;

/**
 * Whether consumption in a place lies in an instrument's market (Scope 2 Quality Criterion 5).
 *
 * <p>A market written as a grid zone contains that zone and its subdivisions ({@code US} contains
 * {@code US-CAL-CISO}; {@code SE} contains {@code SE-SE3}). The market {@code EEA} contains the 27 EU member states,
 * Iceland, Liechtenstein and Norway: the countries whose Guarantees of Origin form one market under the EU
 * Renewable Energy Directive.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class MarketBoundary {

  /** The EEA's ISO codes (Greece as {@code GR}, as grid zones write it). */
  public static final Set<String> EEA = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
      "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO");

  private MarketBoundary() {}

  /**
   * Tells whether a market contains a place.
   *
   * @param market a normalised market (grid zone or {@code EEA})
   * @param placeChain the place's chain from {@link dev.ergon.accounting.factors.EmissionFactors#placeChain}
   * @return true if the consumption is in the market
   */
  public static boolean contains(String market, List<String> placeChain) {
    if (placeChain.isEmpty()) {
      return false;
    }
    if (market.equals("EEA")) {
      String country = placeChain.get(placeChain.size() - 1);
      return EEA.contains(country);
    }
    return placeChain.contains(market);
  }
}
