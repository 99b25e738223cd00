package dev.ergon.accounting.factors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link EmissionFactors#bundled()}, read from the binary image, equals the set parsed from the bundled files. */
class BundledImageFactorsTest {

  @Test
  void theBundledSetFromTheImageEqualsTheParsedOne() {
    EmissionFactors image = EmissionFactors.bundled();
    EmissionFactors parsed = EmissionFactors.parsedBundled();
    assertEquals(parsed.dataSets(), image.dataSets());
    assertEquals(parsed.factors(), image.factors());
    assertEquals(parsed.cloudRegions().all(), image.cloudRegions().all());
    assertEquals(parsed.cloudRegions().dataSets(), image.cloudRegions().dataSets());
    Instant t = Instant.parse("2025-06-01T12:00:00Z");
    for (String region : new String[] {"DE", "FR", "US-CAL-CISO", "aws:eu-west-1", "gcp:us-central1", "WORLD"}) {
      assertEquals(parsed.lookup(region, t, FactorKind.LOCATION), image.lookup(region, t, FactorKind.LOCATION),
          region);
    }
  }
}
