package dev.ergon.accounting.internal;

import dev.ergon.CarbonIntensity;
import dev.ergon.Co2e;
import dev.ergon.Energy;
import dev.ergon.accounting.factors.EmissionFactor;
import dev.ergon.accounting.factors.FactorMatch;
import dev.ergon.accounting.factors.FactorUse;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Summarises the factors a calculation used, per purpose, data set, zone, kind, granularity and hierarchy rung.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe; used by one calculation.
 */
public final class FactorUseTally {
  private final Map<String, Entry> entries = new TreeMap<>();
  /* The entry each purpose used last: consecutive uses of one series skip building the key. */
  private final Map<String, Entry> lastByUse = new HashMap<>();

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
    Entry e = lastByUse.get(usedFor);
    if (e == null || !e.sameKey(m)) {
      String key = usedFor + "|" + f.dataSet() + "|" + f.zone() + "|" + f.kind() + "|" + f.period().granularity()
          + "|" + m.placeLevel() + "|" + m.timeLevel();
      e = entries.computeIfAbsent(key, k -> new Entry(usedFor, m));
      lastByUse.put(usedFor, e);
    }
    if (!f.equals(e.lastFactor)) {
      e.factors.add(f);
      e.lastFactor = f;
    }
    double g = f.intensity().toGramsPerKilowattHour();
    e.min = Math.min(e.min, g);
    e.max = Math.max(e.max, g);
    e.micro.add(micro);
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
          CarbonIntensity.ofGramsPerKilowattHour(e.max), Energy.ofMicrojoules(e.micro.value()), Co2e.ofGrams(e.grams),
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
    final MicrojouleSum micro = new MicrojouleSum();
    double grams;
    @Nullable EmissionFactor lastFactor;

    Entry(String usedFor, FactorMatch first) {
      this.usedFor = usedFor;
      this.first = first;
    }

    /* Whether a match has this entry's key (the purpose aside): the parts the key string is made of. */
    boolean sameKey(FactorMatch m) {
      EmissionFactor a = first.factor();
      EmissionFactor b = m.factor();
      return first.placeLevel() == m.placeLevel() && first.timeLevel() == m.timeLevel()
          && a.kind() == b.kind() && a.period().granularity() == b.period().granularity()
          && a.zone().equals(b.zone()) && a.dataSet().equals(b.dataSet());
    }
  }
}
