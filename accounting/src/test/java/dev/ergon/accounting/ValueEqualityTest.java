package dev.ergon.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ergon.CarbonIntensity;
import dev.ergon.Tags;
import dev.ergon.accounting.cells.CellKey;
import dev.ergon.accounting.factors.EmissionFactor;
import dev.ergon.accounting.factors.FactorKind;
import dev.ergon.accounting.factors.FactorPeriod;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The value types whose equals and hashCode are written out (not generated, for start-up time) keep a record's
 * contract: equal exactly when every component is equal, equal values hash alike, and values that differ in any one
 * component are unequal and (for these values) hash apart.
 */
class ValueEqualityTest {

  /* Checks a base value against copies of itself and against one variant per component. */
  private static <T> void contract(T base, T copy, List<T> oneComponentChanged) {
    assertEquals(base, base);
    assertEquals(base, copy);
    assertEquals(copy, base);
    assertEquals(base.hashCode(), copy.hashCode());
    assertNotEquals(base, null);
    assertNotEquals(base, "not a " + base.getClass().getSimpleName());
    Set<Integer> hashes = new HashSet<>();
    hashes.add(base.hashCode());
    for (T v : oneComponentChanged) {
      assertNotEquals(base, v, () -> "equal though a component differs: " + v);
      assertNotEquals(v, base, () -> "equal though a component differs: " + v);
      hashes.add(v.hashCode());
    }
    assertEquals(oneComponentChanged.size() + 1, hashes.size(), "values differing in one component hash alike");
  }

  @Test
  void dataSets() {
    DataSet d = new DataSet("Ember", "2024", "yearly", "CC-BY-4.0", "Ember");
    Function<String[], DataSet> of = a -> new DataSet(a[0], a[1], a[2], a[3], a[4]);
    contract(d, of.apply(new String[] {"Ember", "2024", "yearly", "CC-BY-4.0", "Ember"}), List.of(
        of.apply(new String[] {"EmberX", "2024", "yearly", "CC-BY-4.0", "Ember"}),
        of.apply(new String[] {"Ember", "2025", "yearly", "CC-BY-4.0", "Ember"}),
        of.apply(new String[] {"Ember", "2024", "monthly", "CC-BY-4.0", "Ember"}),
        of.apply(new String[] {"Ember", "2024", "yearly", "CC0", "Ember"}),
        of.apply(new String[] {"Ember", "2024", "yearly", "CC-BY-4.0", "Ember Ltd"})));
  }

  @Test
  void cellKeys() {
    Instant h = Instant.parse("2026-01-01T10:00:00Z");
    Tags t = Tags.of("model", "bert");
    CellKey k = new CellKey("DE", h, "host-a", t, EnergyLevel.IT);
    contract(k, new CellKey("DE", Instant.parse("2026-01-01T10:00:00Z"), "host-a", Tags.of("model", "bert"),
        EnergyLevel.IT), List.of(
        new CellKey(null, h, "host-a", t, EnergyLevel.IT),
        new CellKey("FR", h, "host-a", t, EnergyLevel.IT),
        new CellKey("DE", h.plusSeconds(3600), "host-a", t, EnergyLevel.IT),
        new CellKey("DE", h, "host-b", t, EnergyLevel.IT),
        new CellKey("DE", h, "host-a", Tags.empty(), EnergyLevel.IT),
        new CellKey("DE", h, "host-a", t, EnergyLevel.FACILITY)));
    CellKey noRegion = new CellKey(null, h, "host-a", t, EnergyLevel.IT);
    contract(noRegion, new CellKey(null, h, "host-a", t, EnergyLevel.IT), List.of(k));
  }

  @Test
  void factorPeriods() {
    FactorPeriod y = FactorPeriod.year(2025);
    contract(y, FactorPeriod.year(2025), List.of(FactorPeriod.year(2026), FactorPeriod.month(YearMonth.of(2025, 1)),
        FactorPeriod.hourOf(Instant.parse("2025-01-01T00:00:00Z"))));
  }

  @Test
  void emissionFactors() {
    FactorPeriod y = FactorPeriod.year(2025);
    CarbonIntensity i = CarbonIntensity.ofGramsPerKilowattHour(380);
    EmissionFactor f = new EmissionFactor("DE", y, FactorKind.LOCATION, i, OptionalDouble.of(0.1), "Ember", "ember",
        "f.csv:2");
    contract(f, new EmissionFactor("DE", FactorPeriod.year(2025), FactorKind.LOCATION,
        CarbonIntensity.ofGramsPerKilowattHour(380), OptionalDouble.of(0.1), "Ember", "ember", "f.csv:2"), List.of(
        new EmissionFactor("FR", y, FactorKind.LOCATION, i, OptionalDouble.of(0.1), "Ember", "ember", "f.csv:2"),
        new EmissionFactor("DE", FactorPeriod.year(2026), FactorKind.LOCATION, i, OptionalDouble.of(0.1), "Ember",
            "ember", "f.csv:2"),
        new EmissionFactor("DE", y, FactorKind.RESIDUAL_MIX, i, OptionalDouble.of(0.1), "Ember", "ember", "f.csv:2"),
        new EmissionFactor("DE", y, FactorKind.LOCATION, CarbonIntensity.ofGramsPerKilowattHour(381),
            OptionalDouble.of(0.1), "Ember", "ember", "f.csv:2"),
        new EmissionFactor("DE", y, FactorKind.LOCATION, i, OptionalDouble.empty(), "Ember", "ember", "f.csv:2"),
        new EmissionFactor("DE", y, FactorKind.LOCATION, i, OptionalDouble.of(0.1), "UBA", "ember", "f.csv:2"),
        new EmissionFactor("DE", y, FactorKind.LOCATION, i, OptionalDouble.of(0.1), "Ember", "uba", "f.csv:2"),
        new EmissionFactor("DE", y, FactorKind.LOCATION, i, OptionalDouble.of(0.1), "Ember", "ember", "f.csv:3")));
  }
}
