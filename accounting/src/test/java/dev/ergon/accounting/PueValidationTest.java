package dev.ergon.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.sci.Sci;
import dev.ergon.accounting.sci.SciCalculator;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.scope2.Scope2Calculator;
import java.util.List;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/** Issue #11 section 6: a PUE outside physical sense (below 1, not finite, above 5) is refused with the fix. */
class PueValidationTest {

  private static final List<Double> REFUSED = List.of(0.0, 0.9, 0.999, -1.2, 5.001, 12.0, 120.0,
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

  private static void refuses(String option, DoubleFunction<?> set) {
    for (double pue : REFUSED) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> set.apply(pue), option);
      String m = String.valueOf(e.getMessage());
      assertTrue(m.contains("PUE " + pue + " given to " + option), m);
      assertTrue(m.contains("a number within 1..5, e.g. 1.2, or leave it unset"), m);
    }
    for (double pue : new double[] {1.0, 1.58, PueUse.MAX_PUE}) {
      assertNotNull(set.apply(pue), "accepted: " + pue);
    }
  }

  @Test
  void everyWayToSetAPueRefusesNonsense() {
    Scope2Calculator scope2 = Scope2.calculator(EmissionFactors.cloudCarbonFootprint());
    SciCalculator sci = Sci.calculator(EmissionFactors.cloudCarbonFootprint());
    refuses("pue(double)", scope2::pue);
    refuses("pueForRegion(\"DE\", double)", p -> scope2.pueForRegion("DE", p));
    refuses("pueForHost(\"build-7\", double)", p -> scope2.pueForHost("build-7", p));
    refuses("pue(double)", sci::pue);
    refuses("pueForRegion(\"DE\", double)", p -> sci.pueForRegion("DE", p));
    refuses("pueForHost(\"build-7\", double)", p -> sci.pueForHost("build-7", p));
  }

  @Test
  void theMessageSaysWhyForEachKindOfNonsense() {
    Scope2Calculator c = Scope2.calculator(EmissionFactors.cloudCarbonFootprint());
    assertTrue(message(() -> c.pue(0.9)).contains("below 1 the facility would use less energy than its IT"));
    assertTrue(message(() -> c.pue(12)).contains("above 5 more than 80 % of the facility's energy would be overhead"));
    assertTrue(message(() -> c.pue(Double.NaN)).contains("it is not a finite number"));
    assertEquals(5.0, PueUse.MAX_PUE);
  }

  private static String message(Runnable r) {
    return String.valueOf(assertThrows(IllegalArgumentException.class, r::run).getMessage());
  }
}
