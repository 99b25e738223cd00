package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A market contains the places whose chain (finest to coarsest) names it; the EEA contains the places whose country
 * (the chain's coarsest link) is one of its 30 states; a place without a chain lies in no market.
 */
class MarketBoundaryTest {

  @Test
  void aZoneContainsItselfAndItsSubdivisionsOnly() {
    assertTrue(MarketBoundary.contains("US", List.of("US-CAL-CISO", "US-CAL", "US")));
    assertTrue(MarketBoundary.contains("US-CAL", List.of("aws:us-west-1", "US-CAL-CISO", "US-CAL", "US")));
    assertFalse(MarketBoundary.contains("US-CAL", List.of("US-MIDA-PJM", "US-MIDA", "US")));
    assertFalse(MarketBoundary.contains("DE", List.of("FR")));
  }

  @Test
  void theEeaContainsItsStatesAndNothingElse() {
    assertTrue(MarketBoundary.contains("EEA", List.of("SE-SE3", "SE")));
    assertTrue(MarketBoundary.contains("EEA", List.of("NO-NO1", "NO")));
    assertTrue(MarketBoundary.contains("EEA", List.of("GR")));
    assertFalse(MarketBoundary.contains("EEA", List.of("CH")));
    assertFalse(MarketBoundary.contains("EEA", List.of("GB")));
    assertFalse(MarketBoundary.contains("EEA", List.of("US-CAL-CISO", "US-CAL", "US")));
    // Only the country counts: a chain whose finer link happens to be an EEA code but whose country is not.
    assertFalse(MarketBoundary.contains("EEA", List.of("DE", "CH")));
  }

  @Test
  void aPlaceWithoutAChainIsInNoMarket() {
    assertFalse(MarketBoundary.contains("EEA", List.of()));
    assertFalse(MarketBoundary.contains("DE", List.of()));
  }
}
