package dev.ergon.accounting.factors;

import dev.ergon.CarbonIntensity;
import dev.ergon.accounting.internal.ZoneIds;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One emission factor: the intensity of electricity in a zone over a UTC period, of a given kind, with its source.
 *
 * <p>Immutable and thread-safe.
 *
 * @param zone the normalised zone: a grid zone ({@code DE}, {@code US-CAL-CISO}), a cloud region
 *     ({@code aws:eu-west-1}) or {@code WORLD}
 * @param period the UTC year, month or hour it is valid for
 * @param kind what it characterises
 * @param intensity the intensity (held in gCO₂e/kWh whatever unit the source used)
 * @param relativeUncertainty its relative standard uncertainty (1σ, a fraction, e.g. 0.05), if the source gives one
 * @param source who published the value and how (e.g. {@code Electricity Maps yearly 2025, life-cycle})
 * @param dataSet the name of the {@link dev.ergon.accounting.DataSet} it belongs to
 * @param origin where it was read: {@code file:line} or {@code resource:key}
 * @since 0.1
 */
public record EmissionFactor(
    String zone,
    FactorPeriod period,
    FactorKind kind,
    CarbonIntensity intensity,
    OptionalDouble relativeUncertainty,
    String source,
    String dataSet,
    String origin) {

  /**
   * Validates and normalises the fields.
   *
   * @throws IllegalArgumentException if the zone is malformed or the uncertainty is negative, NaN or infinite
   */
  public EmissionFactor {
    zone = ZoneIds.normalize(zone);
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(intensity, "intensity");
    Objects.requireNonNull(relativeUncertainty, "relativeUncertainty");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(dataSet, "dataSet");
    Objects.requireNonNull(origin, "origin");
    if (relativeUncertainty.isPresent()
        && (!Double.isFinite(relativeUncertainty.getAsDouble()) || relativeUncertainty.getAsDouble() < 0)) {
      throw new IllegalArgumentException("relative uncertainty must be finite and >= 0, got "
          + relativeUncertainty.getAsDouble());
    }
  }

  /**
   * Returns a short label naming the factor: data set, zone, kind and period, e.g.
   * {@code electricitymaps-yearly-2025 DE location 2025}.
   *
   * @return the label
   */
  public String label() {
    return dataSet + " " + zone + " " + kind.tableName() + " " + period;
  }

  // Written out rather than generated: a record's generated equals and hashCode bootstrap through
  // java.lang.runtime.ObjectMethods, which spins ~60 method-handle classes on first use (tens of ms of CPU in
  // `ergon measure`'s start-up). Same meaning as the generated ones: every component, in declaration order.
  @Override
  public boolean equals(Object o) {
    return o instanceof EmissionFactor f && zone.equals(f.zone) && period.equals(f.period) && kind == f.kind
        && intensity.equals(f.intensity) && relativeUncertainty.equals(f.relativeUncertainty)
        && source.equals(f.source) && dataSet.equals(f.dataSet) && origin.equals(f.origin);
  }

  @Override
  public int hashCode() {
    return Objects.hash(zone, period, kind, intensity, relativeUncertainty, source, dataSet, origin);
  }
}
