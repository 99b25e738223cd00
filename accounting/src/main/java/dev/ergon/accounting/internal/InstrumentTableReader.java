package dev.ergon.accounting.internal;

import dev.ergon.CarbonIntensity;
import dev.ergon.Energy;
import dev.ergon.accounting.InvalidDataException;
import dev.ergon.accounting.scope2.Instrument;
import dev.ergon.accounting.scope2.InstrumentType;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.DateTimeException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads instrument and hourly generation files; see {@link dev.ergon.accounting.scope2.Instruments} for the columns.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class InstrumentTableReader {

  private static final Set<String> REQUIRED = Set.of("id", "type", "market", "generation_start", "generation_end");
  private static final Set<String> OPTIONAL = Set.of("volume_mwh", "emission_rate", "unit", "technology", "retired",
      "retired_for", "facility");

  private InstrumentTableReader() {}

  /**
   * Reads an instrument file.
   *
   * @param csv the file
   * @return the instruments in file order
   * @throws InvalidDataException if malformed
   */
  public static List<Instrument> read(Path csv) {
    CsvTable table = CsvTable.read(csv, REQUIRED, OPTIONAL);
    List<Instrument> out = new ArrayList<>();
    for (CsvTable.Row row : table.rows()) {
      out.add(parse(row));
    }
    return out;
  }

  private static Instrument parse(CsvTable.Row row) {
    String typeText = row.required("type");
    InstrumentType type = InstrumentType.parse(typeText).orElseThrow(() -> row.error("unknown instrument type '"
        + typeText + "'; use rec, go, rego, i-rec, certificate, ppa, direct_line or supplier_rate"));
    Instant start = date(row, "generation_start");
    Instant end = date(row, "generation_end").plus(1, ChronoUnit.DAYS);
    Energy volume = null;
    if (row.optional("volume_mwh") != null) {
      volume = Energy.ofMegawattHours(PhysicalBounds.check(row, "volume_mwh",
          row.parseDouble(row.required("volume_mwh"), "volume_mwh"), PhysicalBounds.MAX_VOLUME_MWH, "MWh"));
    }
    CarbonIntensity rate = null;
    if (row.optional("emission_rate") != null) {
      double r = row.nonNegative("emission_rate", "emission rate");
      String unitText = row.optional("unit");
      if (unitText == null) {
        throw row.error("emission_rate is given without a unit; fill the 'unit' column (e.g. g/kWh)");
      }
      IntensityUnit unit = IntensityUnit.parse(unitText).orElseThrow(() -> row.error("unknown unit '" + unitText
          + "'; use one of " + IntensityUnit.ACCEPTED));
      rate = FactorTableReader.intensity(row, "emission_rate", r, unit);
    }
    String technology = row.optional("technology");
    String retiredFor = row.optional("retired_for");
    String facility = row.optional("facility");
    try {
      return new Instrument(row.required("id"), type, row.required("market"), start, end, volume, rate,
          technology == null ? "" : technology, CsvTable.bool(row, "retired", false), retiredFor,
          facility == null ? "" : facility, new TreeMap<>(), row.source() + ":" + row.line());
    } catch (IllegalArgumentException e) {
      throw row.error(String.valueOf(e.getMessage()));
    }
  }

  private static Instant date(CsvTable.Row row, String column) {
    String text = row.required(column);
    Instant t;
    try {
      t = LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw row.error("'" + text + "' in column '" + column + "' is not an ISO date (YYYY-MM-DD)");
    }
    return PhysicalBounds.checkYear(row, column, t);
  }

  /**
   * Reads an hourly generation file and attaches each profile to its instrument.
   *
   * @param instruments the instruments
   * @param csv the hourly generation file
   * @return the instruments with profiles, in the same order
   * @throws InvalidDataException if malformed or a profile does not fit its instrument
   */
  public static List<Instrument> readHourly(List<Instrument> instruments, Path csv) {
    CsvTable table = CsvTable.read(csv, Set.of("instrument_id", "hour", "mwh"), Set.of());
    Map<String, TreeMap<Instant, Energy>> profiles = new HashMap<>();
    Map<String, Long> lines = new HashMap<>();
    Set<String> ids = new java.util.HashSet<>();
    for (Instrument i : instruments) {
      ids.add(i.id());
    }
    for (CsvTable.Row row : table.rows()) {
      String id = row.required("instrument_id");
      if (!ids.contains(id)) {
        throw row.error("instrument '" + id + "' is not in the instrument file; check the id");
      }
      String hourText = row.required("hour");
      Instant hour;
      try {
        hour = UtcInstants.parse(hourText);
      } catch (DateTimeException e) {
        throw row.error("'" + hourText + "' in column 'hour' is not a UTC instant such as 2026-06-01T12:00Z");
      }
      PhysicalBounds.checkYear(row, "hour", hour);
      if (!hour.truncatedTo(ChronoUnit.HOURS).equals(hour)) {
        throw row.error("hour " + hourText + " is not the start of an hour");
      }
      Long first = lines.putIfAbsent(id + "|" + hour, row.line());
      if (first != null) {
        throw row.error("instrument " + id + " hour " + hourText + " is already given on line " + first);
      }
      profiles.computeIfAbsent(id, k -> new TreeMap<>())
          .put(hour, Energy.ofMegawattHours(PhysicalBounds.check(row, "mwh", row.parseDouble(row.required("mwh"),
              "mwh"), PhysicalBounds.MAX_HOURLY_MWH, "MWh")));
    }
    List<Instrument> out = new ArrayList<>();
    for (Instrument i : instruments) {
      TreeMap<Instant, Energy> p = profiles.get(i.id());
      if (p == null) {
        out.add(i);
        continue;
      }
      try {
        out.add(i.withHourlyGeneration(p));
      } catch (IllegalArgumentException e) {
        throw new InvalidDataException(csv.toString(), 0, e.getMessage() + " (instrument defined at " + i.origin()
            + ")", e);
      }
    }
    return out;
  }
}
