package dev.ergon.accounting.internal;

import dev.ergon.CarbonIntensity;
import dev.ergon.Co2e;
import dev.ergon.Energy;
import dev.ergon.accounting.factors.EmissionFactor;
import dev.ergon.accounting.factors.FactorMatch;
import dev.ergon.accounting.factors.FactorUse;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Summarises the factors a calculation used, per purpose, data set, zone, kind, granularity and hierarchy rung.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe; used by one calculation.
 */
public final class FactorUseTally {
  private final Map<String, Entry> entries = new TreeMap<>();

  /** Creates an empty tally. */
  public FactorUseTally() {}

  /**
   * Records a use.
   *
   * @param usedFor {@code location-based}, {@code market-based} or {@code sci}
   * @param m the match
   * @param micro the energy it was applied to, µJ
   * @param grams the emissions it gave
   */
  public void add(String usedFor, FactorMatch m, BigInteger micro, double grams) {
    EmissionFactor f = m.factor();
    String key = usedFor + "|" + f.dataSet() + "|" + f.zone() + "|" + f.kind() + "|" + f.period().granularity() + "|"
        + m.placeLevel() + "|" + m.timeLevel();
    Entry e = entries.computeIfAbsent(key, k -> new Entry(usedFor, m));
    e.factors.add(f);
    double g = f.intensity().toGramsPerKilowattHour();
    e.min = Math.min(e.min, g);
    e.max = Math.max(e.max, g);
    e.micro = e.micro.add(micro);
    e.grams += grams;
  }

  /**
   * Returns the uses, sorted by purpose, data set, zone, kind, granularity and rungs.
   *
   * @return the uses
   */
  public List<FactorUse> uses() {
    List<FactorUse> out = new ArrayList<>();
    for (Entry e : entries.values()) {
      EmissionFactor f = e.first.factor();
      out.add(new FactorUse(e.usedFor, f.dataSet(), f.zone(), f.kind(), f.period().granularity(),
          e.first.placeLevel(), e.first.timeLevel(), e.factors.size(), CarbonIntensity.ofGramsPerKilowattHour(e.min),
          CarbonIntensity.ofGramsPerKilowattHour(e.max), Energy.ofMicrojoules(e.micro), Co2e.ofGrams(e.grams),
          f.source(), f.label() + " (" + f.origin() + ")"));
    }
    return out;
  }

  private static final class Entry {
    final String usedFor;
    final FactorMatch first;
    final Set<EmissionFactor> factors = new HashSet<>();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    BigInteger micro = BigInteger.ZERO;
    double grams;

    Entry(String usedFor, FactorMatch first) {
      this.usedFor = usedFor;
      this.first = first;
    }
  }
}
