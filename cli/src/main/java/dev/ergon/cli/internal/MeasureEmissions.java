package dev.ergon.cli.internal;

import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.accounting.Co2eEstimate;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.factors.FactorKind;
import dev.ergon.accounting.factors.FactorMatch;
import dev.ergon.accounting.factors.FactorUse;
import dev.ergon.accounting.factors.PlaceLevel;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.scope2.Scope2Report;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The emissions lines of the {@code measure} summary: the record's location-based Scope 2 emissions, computed by
 * the accounting engine with the bundled factors, the factor that answered and, when no region is configured, that
 * the world average stood in and how to set a region.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
final class MeasureEmissions {
  private MeasureEmissions() {}

  /** The text that tells how to set a region. */
  static final String HOW_TO_SET_A_REGION = "pass --region ZONE (e.g. DE, FR, US-CAL-CISO, aws:eu-west-1) or set "
      + "ERGON_REGION";

  /**
   * Checks a configured region before anything runs: it must be well formed and known to the factors (itself or a
   * parent zone), since otherwise the world average would silently stand in for it.
   *
   * @param region the region
   * @param factors the factors
   * @param now the time to look up
   * @return an error message naming the region and the fix, or {@code null} if the region is known
   */
  static @Nullable String checkRegion(String region, EmissionFactors factors, Instant now) {
    FactorMatch match;
    try {
      match = factors.lookup(region, now, FactorKind.LOCATION).orElse(null);
    } catch (IllegalArgumentException e) {
      return "unknown region: " + e.getMessage();
    }
    if (match == null || (match.placeLevel() == PlaceLevel.WORLD && !region.equalsIgnoreCase("WORLD"))) {
      return "unknown region '" + region + "': no emission factor for it or a zone containing it in "
          + dataSetNames(factors) + "; use a grid zone such as DE, FR or US-CAL-CISO, a cloud region such as "
          + "aws:eu-west-1, or WORLD";
    }
    return null;
  }

  private static String dataSetNames(EmissionFactors factors) {
    List<String> names = new ArrayList<>();
    factors.dataSets().forEach(d -> names.add(d.name()));
    return String.join(", ", names);
  }

  /**
   * Returns the lines.
   *
   * @param record the record
   * @param factors the factors
   * @param pue the PUE, {@code >= 1}
   * @param regionConfigured whether a region was set (option, property or environment)
   * @return the lines, without indentation
   */
  static List<String> lines(EnergyRecord record, EmissionFactors factors, double pue, boolean regionConfigured) {
    List<String> out = new ArrayList<>();
    if (record.status() == RecordStatus.NO_METER) {
      out.add("emissions: not known, since no energy was measured");
      return out;
    }
    // The input digest of one record is computed here, not on the common pool: starting its thread costs more.
    Scope2Report report = Scope2.calculator(factors).pue(pue).digestExecutor(Runnable::run)
        .calculate(List.of(record));
    Co2eEstimate location = report.locationBased();
    StringBuilder line = new StringBuilder("emissions (Scope 2, location-based): ")
        .append(QuantityText.mass(location.value()))
        .append(", 95 % interval ").append(QuantityText.grams(location.lower().toGrams()))
        .append(" to ").append(QuantityText.grams(location.upper().toGrams()));
    if (pue != 1.0) {
      line.append(String.format(Locale.US, ", with PUE %.2f", pue));
    }
    out.add(line.toString());
    for (FactorUse use : report.factors()) {
      if (!use.usedFor().equals("location-based")) {
        continue;
      }
      String range = use.minimum().equals(use.maximum())
          ? String.format(Locale.US, "%.1f g/kWh", use.minimum().toGramsPerKilowattHour())
          : String.format(Locale.US, "%.1f to %.1f g/kWh", use.minimum().toGramsPerKilowattHour(),
              use.maximum().toGramsPerKilowattHour());
      out.add("  factor: " + range + " for " + use.zone() + " (" + use.placeLevel().name().toLowerCase(Locale.ROOT)
          + ", " + use.timeLevel().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "), " + use.source());
    }
    if (!regionConfigured) {
      out.add("  no region is set, so this is the WORLD average: " + HOW_TO_SET_A_REGION);
    }
    return out;
  }
}
