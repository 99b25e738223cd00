package dev.ergon.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Hand-checked comparisons. */
class ComparisonTest {

  static RunGroup group(String label, double... values) {
    return group(label, Set.of("counter"), Set.of("host-a"), values);
  }

  static RunGroup group(String label, Set<String> methods, Set<String> hosts, double... values) {
    List<Double> v = new ArrayList<>();
    for (double x : values) {
      v.add(x);
    }
    return new RunGroup(label, "test " + label, Basis.perUnits(1, "unit"), v, new java.util.TreeSet<>(methods),
        new java.util.TreeSet<>(hosts), new java.util.TreeSet<>(), List.of());
  }

  @Test
  void welchByHand() {
    // A = 1..10, B = 3..12: means 5.5 and 7.5, both variances 55/6 (the variance of ten consecutive integers).
    Comparison c = Comparison.of(group("A", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
        group("B", 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), ComparisonSettings.defaults());
    assertEquals(IntervalMethod.WELCH, c.method(), "10 runs a side, skewness 0");
    double v = 55.0 / 6;
    double se = Math.sqrt(v / 10 + v / 10);
    // Welch–Satterthwaite: (2u)² / (2 u² / 9) = 18 df; t(0.975, 18) = 2.100922 (tables)
    double half = 2.100922 * se;
    assertEquals(2.0, c.difference().value(), 1e-12);
    assertEquals(2.0 - half, c.difference().lower(), 1e-5);
    assertEquals(2.0 + half, c.difference().upper(), 1e-5);
    // t = 2 / se = 1.4771 with 18 df: two-sided p = 0.15693 (tables)
    assertEquals(0.15693, c.pValue(), 1e-4);
    // each side: t(0.975, 9) = 2.262157
    double halfA = 2.262157 * Math.sqrt(v / 10);
    assertEquals(5.5 - halfA, c.a().perUnit().lower(), 1e-5);
    assertEquals(5.5 + halfA, c.a().perUnit().upper(), 1e-5);
    assertEquals(Math.sqrt(v), c.a().standardDeviation(), 1e-12);
    // ratio on the log scale: relative variances v/(10·5.5²) and v/(10·7.5²), df 16.51, t(0.975, 16.51) = 2.114611
    double ra = v / (10 * 5.5 * 5.5);
    double rb = v / (10 * 7.5 * 7.5);
    double hl = 2.114611 * Math.sqrt(ra + rb);
    Estimate r = c.ratio();
    assertNotNull(r);
    assertEquals(7.5 / 5.5, r.value(), 1e-12);
    assertEquals(7.5 / 5.5 * Math.exp(-hl), r.lower(), 1e-4);
    assertEquals(7.5 / 5.5 * Math.exp(hl), r.upper(), 1e-4);
    // runs for 5 % of 5.5: (z.975 + z.8)² · 2v / 0.275² = 7.84887 · 18.333 / 0.075625 = 1902.7, and with t
    // quantiles at ~3800 df one or two more
    Long n = c.runsNeeded();
    assertNotNull(n);
    assertTrue(n >= 1903 && n <= 1906, "runs needed " + n);
    assertTrue(c.warnings().isEmpty(), c.warnings().toString());
  }

  @Test
  void fewRunsUseTheHullOfWelchAndBootstrap() {
    // A = 10, 12, 14; B = 20, 22, 24: variances 4, se √(8/3), 4 df, t(0.975, 4) = 2.776445: Welch ± 4.53392
    Comparison c = Comparison.of(group("A", 10, 12, 14), group("B", 20, 22, 24), ComparisonSettings.defaults());
    assertEquals(IntervalMethod.WELCH_BOOTSTRAP_HULL, c.method());
    double half = 2.776445 * Math.sqrt(8.0 / 3);
    assertTrue(c.difference().lower() <= 10 - half + 1e-6, c.difference().toString());
    assertTrue(c.difference().upper() >= 10 + half - 1e-6, c.difference().toString());
    // The bootstrap's differences lie within [20 − 14, 24 − 10] = [6, 14]; Welch's interval is wider, so it wins.
    assertEquals(10 - half, c.difference().lower(), 1e-5);
    // t = 10 / √(8/3) = 6.1237, 4 df: p = 0.0036
    assertEquals(0.0036, c.pValue(), 1e-4);
    assertTrue(c.warnings().stream().anyMatch(w -> w.contains("fewer than 10 runs")), c.warnings().toString());
  }

  @Test
  void identicalGroupsShowNoDifference() {
    double[] x = {3.1, 2.9, 3.4, 3.0, 3.3, 2.8, 3.2, 3.1, 2.7, 3.5, 3.0, 3.2};
    Comparison c = Comparison.of(group("A", x), group("B", x), ComparisonSettings.defaults());
    assertEquals(1.0, c.pValue(), 1e-12);
    assertTrue(c.difference().contains(0));
    Estimate r = c.ratio();
    assertNotNull(r);
    assertTrue(r.contains(1));
    assertTrue(!c.isSignificant());
  }

  @Test
  void fewerThanTwoRunsIsRefusedWithTheCount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Comparison.of(group("A", 1.0), group("B", 1, 2, 3), ComparisonSettings.defaults()));
    assertTrue(String.valueOf(e.getMessage()).contains("A (test A) has 1 run"), e.getMessage());
  }

  @Test
  void mixedInstrumentsAndHostsAreWarned() {
    Comparison c = Comparison.of(group("A", Set.of("counter"), Set.of("h1"), 1, 2, 3),
        group("B", Set.of("model"), Set.of("h2"), 1, 2, 3), ComparisonSettings.defaults());
    assertTrue(c.warnings().stream().anyMatch(w -> w.contains("different methods") && w.contains("counter")
        && w.contains("model")), c.warnings().toString());
    assertTrue(c.warnings().stream().anyMatch(w -> w.contains("different hosts")), c.warnings().toString());
  }

  @Test
  void sameSeedSameIntervals() {
    RunGroup a = group("A", 1, 2, 3, 10);
    RunGroup b = group("B", 2, 3, 4, 20);
    Comparison c1 = Comparison.of(a, b, new ComparisonSettings(0.05, 5000, 42));
    Comparison c2 = Comparison.of(a, b, new ComparisonSettings(0.05, 5000, 42));
    assertEquals(c1, c2);
  }

  @Test
  void jsonHasTheDocumentedFields() {
    Comparison c = Comparison.of(group("A", 1, 2, 3), group("B", 2, 3, 4), ComparisonSettings.defaults());
    String json = CompareFormat.JSON.toString(c);
    for (String f : new String[] {"\"a\"", "\"b\"", "\"runs\"", "\"per_unit\"", "\"value\"", "\"lower\"",
        "\"upper\"", "\"difference\"", "\"ratio\"", "\"p_value\"", "\"runs_needed\"", "\"warnings\""}) {
      assertTrue(json.contains(f), f + " missing in " + json);
    }
    String text = CompareFormat.TEXT.toString(c);
    assertTrue(text.contains("B / A") && text.contains("p-value"), text);
  }
}
