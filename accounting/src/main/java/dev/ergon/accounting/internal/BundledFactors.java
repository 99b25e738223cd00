package dev.ergon.accounting.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ergon.CarbonIntensity;
import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.InvalidDataException;
import dev.ergon.accounting.factors.EmissionFactor;
import dev.ergon.accounting.factors.FactorKind;
import dev.ergon.accounting.factors.FactorPeriod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the factor data sets bundled in the jar, each kept byte-identical to its upstream file.
 *
 * <ul>
 *   <li>{@code electricity-maps/yearly_2025.json}: Electricity Maps yearly averages per zone, 2025, gCO₂eq/kWh,
 *       life-cycle and consumption-based; via CO2.js; ODbL.</li>
 *   <li>{@code co2js/average-intensities.json}: Ember yearly averages; only the {@code World} entry is used (the
 *       last rung of the hierarchy); via CO2.js; CC BY-SA 4.0.</li>
 *   <li>{@code ccf/ccf_app_region_emission_factors.csv}: Cloud Carbon Footprint's per-cloud-region factors in
 *       t CO₂e/kWh; only {@code location-grid} rows of real regions (GCP dual- and multi-region rows are sums and
 *       the {@code Unknown} rows averages, so both are skipped); Apache-2.0.</li>
 * </ul>
 *
 * <p>The JSON files are read with jackson-core's streaming parser, not jackson-databind: building an
 * {@code ObjectMapper} alone costs about a third of a second of CPU in a fresh JVM, more than reading every table,
 * and the {@code ergon} command reads these tables on each run.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class BundledFactors {

  /** A bundled data set and its factors. */
  public record Table(DataSet dataSet, List<EmissionFactor> factors) {}

  /** The CO2.js commit the Electricity Maps and Ember files were copied from. */
  public static final String CO2JS_COMMIT = "27cbe8328aeaad0824fb07b3640dc45b72228c7b";
  /** The Cloud Carbon Footprint commit the per-region factors were extracted from. */
  public static final String CCF_COMMIT = "b7a049c7d25c0022919ab9010199dd9e77aa4577";

  /** The version of the bundled Electricity Maps data set: a table of the user's never has it. */
  static final String EM_VERSION = "co2.js@" + CO2JS_COMMIT + " data/output/electricity-maps/yearly_2025.json";

  /** The version of the bundled Cloud Carbon Footprint region factors: a table of the user's never has it. */
  static final String CCF_VERSION = "cloud-carbon-footprint@" + CCF_COMMIT;

  private static final String EM_FILE = "electricity-maps/yearly_2025.json";
  private static final int EM_YEAR = 2025;
  private static final String EMBER_FILE = "co2js/average-intensities.json";
  private static final String CCF_FILE = "ccf/ccf_app_region_emission_factors.csv";

  private BundledFactors() {}

  /**
   * Reads the Electricity Maps yearly 2025 factors.
   *
   * @return one location factor per zone for 2025
   */
  public static Table electricityMaps2025() {
    String source = BundledData.sourceName(EM_FILE);
    String name = "electricitymaps-yearly-" + EM_YEAR;
    DataSet ds = new DataSet(name, EM_VERSION,
        "Electricity Maps yearly average carbon intensity per zone, " + EM_YEAR + ", in gCO2eq/kWh. Electricity "
            + "Maps' default factors are life-cycle (they include upstream emissions) and consumption-based "
            + "(flow-traced across borders); they are not the combustion-only factors some Scope 2 programmes ask "
            + "for. Copied unchanged from The Green Web Foundation's CO2.js.",
        "ODbL-1.0",
        "Contains data from Electricity Maps (https://www.electricitymaps.com), made available under the Open "
            + "Database License (https://opendatacommons.org/licenses/odbl/1-0/), via CO2.js "
            + "(https://github.com/thegreenwebfoundation/co2.js)");
    List<EmissionFactor> factors = new ArrayList<>();
    try (JsonParser p = parser(EM_FILE)) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT, source, "the file");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String zone = p.currentName();
        expect(p, p.nextToken(), JsonToken.START_OBJECT, source, "zone " + zone);
        String zoneName = zone;
        double value = Double.NaN;
        String unit = "";
        int line = p.currentLocation().getLineNr();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken t = p.nextToken();
          if (field.equals("zone") && t == JsonToken.START_OBJECT) {
            String n = stringField(p, "zoneName");
            zoneName = n == null ? zoneName : n;
          } else if (field.equals("carbonIntensity") && t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String f = p.currentName();
              JsonToken v = p.nextToken();
              if (f.equals("value") && v.isNumeric()) {
                value = p.getDoubleValue();
              } else if (f.equals("unit") && v == JsonToken.VALUE_STRING) {
                unit = p.getText();
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
        if (Double.isNaN(value) || !unit.equals("gCO2eq/kWh")) {
          throw new InvalidDataException(source, line, "zone " + zone + ": carbonIntensity is not a number in "
              + "gCO2eq/kWh; the bundled file is damaged");
        }
        factors.add(new EmissionFactor(zone, FactorPeriod.year(EM_YEAR), FactorKind.LOCATION,
            CarbonIntensity.ofGramsPerKilowattHour(value), OptionalDouble.empty(),
            "Electricity Maps yearly " + EM_YEAR + " (" + zoneName + "), life-cycle, consumption-based", name,
            source + "#" + zone));
      }
    } catch (IOException e) {
      throw damaged(EM_FILE, e);
    }
    return new Table(ds, factors);
  }

  /**
   * Reads Ember's world average, the last rung of the place hierarchy.
   *
   * @return one location factor for {@code WORLD}
   */
  public static Table emberWorld() {
    String source = BundledData.sourceName(EMBER_FILE);
    double value = Double.NaN;
    int year = 0;
    boolean found = false;
    try (JsonParser p = parser(EMBER_FILE)) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT, source, "the file");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        if (!key.equals("World") || t != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        found = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          JsonToken v = p.nextToken();
          if (f.equals("emissions_intensity_gco2_per_kwh") && v.isNumeric()) {
            value = p.getDoubleValue();
          } else if (f.equals("year") && v == JsonToken.VALUE_NUMBER_INT) {
            year = p.getIntValue();
          } else {
            p.skipChildren();
          }
        }
      }
    } catch (IOException e) {
      throw damaged(EMBER_FILE, e);
    }
    if (!found || Double.isNaN(value) || year == 0) {
      throw new InvalidDataException(source, 0, "the World entry lacks a numeric intensity and year; the bundled "
          + "file is damaged");
    }
    String name = "ember-world-" + year;
    DataSet ds = new DataSet(name, "co2.js@" + CO2JS_COMMIT + " data/output/average-intensities.json",
        "Ember's yearly average carbon intensity of the world's electricity generation, " + year
            + ", in gCO2/kWh; used only as the last rung of the place hierarchy. Copied unchanged from CO2.js.",
        "CC-BY-SA-4.0",
        "Ember (https://ember-energy.org), yearly electricity data, licensed CC BY-SA 4.0 "
            + "(https://creativecommons.org/licenses/by-sa/4.0/), via CO2.js "
            + "(https://github.com/thegreenwebfoundation/co2.js)");
    EmissionFactor f = new EmissionFactor(ZoneIds.WORLD, FactorPeriod.year(year), FactorKind.LOCATION,
        CarbonIntensity.ofGramsPerKilowattHour(value), OptionalDouble.empty(),
        "Ember world average " + year, name, source + "#World");
    return new Table(ds, List.of(f));
  }

  /**
   * Reads Cloud Carbon Footprint's per-cloud-region grid factors.
   *
   * @return location factors keyed by cloud region ({@code aws:us-east-1}), valid for {@code year}
   */
  public static Table cloudCarbonFootprint() {
    String source = BundledData.sourceName(CCF_FILE);
    CsvTable table = CsvTable.parse(source, BundledData.read(CCF_FILE),
        Set.of("provider", "region", "tCO2e_per_kWh", "factor_kind", "source", "comment"), Set.of());
    String name = "ccf-cloud-regions";
    DataSet ds = new DataSet(name, CCF_VERSION,
        "Cloud Carbon Footprint's grid emission factors per cloud region (AWS, Google Cloud, Azure), extracted "
            + "from its estimation constants, in metric tonnes CO2e per kWh: EPA eGRID2020 NERC-region factors for "
            + "US AWS and Azure regions, carbonfootprint.com and EEA national factors elsewhere, Google's published "
            + "grid factors for Google Cloud. Location-based; CCF's Google CFE-adjusted factors and its dual- and "
            + "multi-region sums are not used. The factors carry no single data year; Ergon treats them as valid "
            + "for every year (time rung OTHER_YEAR, disclosed).",
        "Apache-2.0", "Cloud Carbon Footprint (https://www.cloudcarbonfootprint.org), Thoughtworks, Apache-2.0");
    List<EmissionFactor> factors = new ArrayList<>();
    for (CsvTable.Row row : table.rows()) {
      String comment = row.optional("comment");
      String region = row.required("region");
      if (!"location-grid".equals(row.required("factor_kind")) || region.equals("Unknown")
          || (comment != null && comment.startsWith("Sum"))) {
        continue;
      }
      double t = row.nonNegative("tCO2e_per_kWh", "intensity in t/kWh");
      String src = row.optional("source");
      factors.add(new EmissionFactor(row.required("provider") + ":" + region, FactorPeriod.year(CCF_YEAR),
          FactorKind.LOCATION, CarbonIntensity.ofTonnesPerKilowattHour(t), OptionalDouble.empty(),
          "Cloud Carbon Footprint" + (src == null ? "" : " (" + src + ")"), name, source + ":" + row.line()));
    }
    return new Table(ds, factors);
  }

  /** The nominal year the CCF factors are filed under (the CCF commit's year); they match any year as OTHER_YEAR. */
  public static final int CCF_YEAR = 2024;

  private static final JsonFactory JSON = new JsonFactory();

  private static JsonParser parser(String file) throws IOException {
    return JSON.createParser(BundledData.read(file));
  }

  /** Reads the string field {@code name} of the object the parser has just entered, skipping the rest of it. */
  private static @Nullable String stringField(JsonParser p, String name) throws IOException {
    String value = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      if (f.equals(name) && t == JsonToken.VALUE_STRING) {
        value = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return value;
  }

  private static void expect(JsonParser p, @Nullable JsonToken actual, JsonToken expected, String source,
      String what) {
    if (actual != expected) {
      throw new InvalidDataException(source, p.currentLocation().getLineNr(), what + " is not a JSON object; the "
          + "bundled file is damaged");
    }
  }

  private static InvalidDataException damaged(String file, IOException e) {
    return new InvalidDataException(BundledData.sourceName(file), 0, "is not valid JSON (" + e.getMessage()
        + "); the bundled file is damaged", e);
  }
}
