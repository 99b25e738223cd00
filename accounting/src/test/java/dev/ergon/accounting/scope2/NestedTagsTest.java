package dev.ergon.accounting.scope2;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.accounting.factors.EmissionFactors;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grouping by tag sees nested records: a tag on a child groups the child's own energy (its energy less its
 * children's), the parent's own energy stays with the parent's tags, and every joule is counted exactly once.
 */
class NestedTagsTest {

  @TempDir Path dir;
  Scope2Calculator calculator;

  @BeforeEach
  void setUp() throws IOException {
    Path f = Files.writeString(dir.resolve("f.csv"), "zone,period,kind,intensity,unit\nDE,2026,location,400,g/kWh\n");
    calculator = Scope2.calculator(EmissionFactors.readTable(f)).pue(1.25);
  }

  /* Parent P (team a): 10 + 6 kWh; child C (team b): 4 + 2 kWh; grandchild G (team c): 1 + 0 kWh; child D (no
   * team): 2 kWh in the first hour. */
  private static List<EnergyRecord> tree() {
    String h0 = "2026-04-01T00:00:00Z";
    return List.of(
        record("P").region("DE").tags("team", "a").start(h0).kwh(10, 6).build(),
        record("C").parent("P").region("DE").tags("team", "b", "model", "bert").start(h0).kwh(4, 2).build(),
        record("G").parent("C").region("DE").tags("team", "c").start(h0).kwh(1, 0).build(),
        record("D").parent("P").region("DE").start(h0).kwh(2).build());
  }

  private static Map<String, Energy> itByKey(List<Scope2Line> lines) {
    Map<String, Energy> m = new TreeMap<>();
    for (Scope2Line l : lines) {
      m.put(l.key(), l.itEnergy());
    }
    return m;
  }

  @Test
  void aChildsTagGroupsItsOwnEnergyAndTheParentKeepsTheRest() {
    Scope2Report r = calculator.calculate(tree());
    assertEquals(Map.of("a", Energy.ofKilowattHours(4 + 4), "b", Energy.ofKilowattHours(3 + 2),
        "c", Energy.ofKilowattHours(1), "(none)", Energy.ofKilowattHours(2)), itByKey(r.byTag("team")));
    assertEquals(Map.of("bert", Energy.ofKilowattHours(5), "(none)", Energy.ofKilowattHours(11)),
        itByKey(r.byTag("model")));
  }

  @Test
  void everyJouleIsCountedOnceInEveryGrouping() {
    Scope2Report nested = calculator.calculate(tree());
    Scope2Report parentOnly = calculator.calculate(List.of(tree().get(0)));
    assertEquals(parentOnly.locationBased(), nested.locationBased(), "the totals count the parent once");
    assertEquals(parentOnly.consumption().consumption(), nested.consumption().consumption());
    for (String key : List.of("team", "model")) {
      BigInteger it = BigInteger.ZERO;
      BigInteger facility = BigInteger.ZERO;
      double grams = 0;
      for (Scope2Line l : nested.byTag(key)) {
        it = it.add(l.itEnergy().toBigMicrojoules());
        facility = facility.add(l.consumption().toBigMicrojoules());
        grams += l.locationBased().value().toGrams();
      }
      assertEquals(Energy.ofKilowattHours(16).toBigMicrojoules(), it, key);
      assertEquals(nested.consumption().consumption().toBigMicrojoules(), facility, key);
      assertEquals(nested.locationBased().value().toGrams(), grams, 1e-9, key);
    }
  }
}
