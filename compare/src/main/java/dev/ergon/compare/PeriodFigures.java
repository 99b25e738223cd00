package dev.ergon.compare;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.scope2.Scope2Line;
import dev.ergon.accounting.scope2.Scope2Report;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one period's location-based emissions are made of: the units of work done, and per place the electricity
 * drawn and its emissions. The input of an {@link EmissionsDecomposition}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param period the period
 * @param units the functional units done in the period (fractional: see {@link #of})
 * @param zones per place, sorted by place, each place once
 * @since 0.2
 */
public record PeriodFigures(ReportingPeriod period, double units, List<ZoneFigures> zones) {

  /** Validates the fields. */
  public PeriodFigures {
    Objects.requireNonNull(period, "period");
    if (!Double.isFinite(units) || units < 0) {
      throw new IllegalArgumentException("units must be finite and >= 0, got " + units);
    }
    List<ZoneFigures> sorted = new ArrayList<>(zones);
    sorted.sort((x, y) -> x.zone().compareTo(y.zone()));
    Set<String> seen = new HashSet<>();
    for (ZoneFigures z : sorted) {
      if (!seen.add(z.zone())) {
        throw new IllegalArgumentException("zone " + z.zone() + " given twice");
      }
    }
    zones = List.copyOf(sorted);
  }

  /**
   * Takes a period's figures from its Scope 2 report and the records it was computed from.
   *
   * <p>Places and their energy (consumption, after PUE) and location-based emissions come from the report's
   * {@link Scope2Report#byZone()} lines, emissions rounded to the microgram. Units come from the records the report
   * counts (those with no ancestor among the records: a nested job's units are in its parent's), each record's
   * units shared over the period in proportion to the time it overlaps it (a record of no duration counts whole if
   * its start is in the period).
   *
   * @param report the report of the period
   * @param records the records the report was computed from
   * @return the figures
   */
  public static PeriodFigures of(Scope2Report report, Collection<EnergyRecord> records) {
    List<ZoneFigures> zones = new ArrayList<>();
    for (Scope2Line line : report.byZone()) {
      zones.add(new ZoneFigures(line.key(), line.consumption().toJoules(),
          Math.round(line.locationBased().value().toGrams() * 1e6)));
    }
    return new PeriodFigures(report.period(), units(report.period(), records), zones);
  }

  /**
   * Returns the units of the counted records (no ancestor among them) that fall in a period, prorated by time.
   *
   * @param period the period
   * @param records the records
   * @return the units, {@code >= 0}
   */
  public static double units(ReportingPeriod period, Collection<EnergyRecord> records) {
    Map<String, EnergyRecord> byId = new HashMap<>();
    for (EnergyRecord r : records) {
      byId.put(r.id(), r);
    }
    double sum = 0;
    for (EnergyRecord r : byId.values()) {
      if (r.units() == 0 || hasGivenAncestor(r, byId)) {
        continue;
      }
      Duration d = r.duration();
      if (d.isZero()) {
        sum += period.contains(r.start()) ? r.units() : 0;
        continue;
      }
      Instant from = r.start().isAfter(period.start()) ? r.start() : period.start();
      Instant to = r.end().isBefore(period.end()) ? r.end() : period.end();
      if (to.isAfter(from)) {
        sum += r.units() * seconds(Duration.between(from, to)) / seconds(d);
      }
    }
    return sum;
  }

  private static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() * 1e-9;
  }

  /* A record whose parent is among the records is inside it (an ancestor further up is only known through it). */
  private static boolean hasGivenAncestor(EnergyRecord r, Map<String, EnergyRecord> byId) {
    String parent = r.parentId();
    return parent != null && byId.containsKey(parent);
  }

  /**
   * Returns the energy drawn in the period.
   *
   * @return the sum over places, J
   */
  public double joules() {
    double s = 0;
    for (ZoneFigures z : zones) {
      s += z.joules();
    }
    return s;
  }

  /**
   * Returns the location-based emissions of the period.
   *
   * @return the sum over places, µgCO2e
   * @throws ArithmeticException beyond 9.2 Mt
   */
  public long micrograms() {
    long s = 0;
    for (ZoneFigures z : zones) {
      s = Math.addExact(s, z.micrograms());
    }
    return s;
  }
}
