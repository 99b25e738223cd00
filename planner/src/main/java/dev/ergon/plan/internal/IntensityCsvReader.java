package dev.ergon.plan.internal;

import dev.ergon.accounting.InvalidDataException;
import dev.ergon.plan.IntensityKind;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the two CSV intensity formats, told apart by their header.
 *
 * <ul>
 *   <li>Ergon's own: {@code zone,start,end,g_per_kwh,kind}, times ISO-8601 with an offset, kind {@code actual} or
 *       {@code forecast}.</li>
 *   <li>Electricity Maps' data-portal export (hourly, or 5-minute): {@code Datetime (UTC),Country,Zone Name,Zone
 *       Id,Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity gCO₂eq/kWh (LCA),...,Data Estimated,...} (the
 *       2021–2023 exports) or the same with {@code Zone id}, {@code Carbon intensity gCO₂eq/kWh (Life cycle)},
 *       {@code Carbon-free energy percentage (CFE%)} (later exports). Datetimes are UTC without an offset
 *       ({@code 2024-01-01 00:00:00}); each row lasts until the next (the zone's smallest spacing). Rows marked
 *       {@code Data Estimated = true} are read as {@link IntensityKind#FORECAST} (a model's value, not a
 *       measurement).</li>
 * </ul>
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
public final class IntensityCsvReader {
  private IntensityCsvReader() {}

  /** The columns of Ergon's own format. */
  public static final List<String> ERGON_COLUMNS = List.of("zone", "start", "end", "g_per_kwh", "kind");

  /**
   * Reads a CSV file of either format into the assembler.
   *
   * @param file the file
   * @param directIntensity for Electricity Maps files: true to read the direct (combustion) intensity, false for
   *     the life-cycle one (Electricity Maps' default)
   * @param into receives the rows
   * @throws InvalidDataException naming the file, the line and the fix
   */
  public static void read(Path file, boolean directIntensity, SeriesAssembler into) {
    String source = file.toString();
    CsvRows.read(file, new CsvRows.Sink() {
      private int zone = -1;
      private int start = -1;
      private int end = -1;
      private int value = -1;
      private int kind = -1;
      private int estimated = -1;
      private boolean em;

      @Override
      public void header(List<String> columns) {
        if (columns.contains("datetime (utc)")) {
          em = true;
          start = columns.indexOf("datetime (utc)");
          zone = columns.indexOf("zone id");
          String want = directIntensity ? "(direct)" : "(lca)";
          String alt = directIntensity ? "(direct)" : "(life cycle)";
          for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            if (c.startsWith("carbon intensity") && (c.endsWith(want) || c.endsWith(alt))) {
              value = i;
            }
          }
          estimated = columns.indexOf("data estimated");
          if (zone < 0 || value < 0) {
            throw new InvalidDataException(source, 1, "an Electricity Maps export needs the columns 'Zone Id' and "
                + "'Carbon Intensity gCO₂eq/kWh " + (directIntensity ? "(direct)" : "(LCA)' (or '(Life cycle)')")
                + "; found: " + String.join(", ", columns));
          }
          return;
        }
        Set<String> seen = new TreeSet<>(columns);
        if (!seen.containsAll(ERGON_COLUMNS) || seen.size() != ERGON_COLUMNS.size()
            || columns.size() != ERGON_COLUMNS.size()) {
          throw new InvalidDataException(source, 1, "not an intensity file Ergon knows: the header must be "
              + String.join(",", ERGON_COLUMNS) + " (Ergon's format) or an Electricity Maps export starting "
              + "'Datetime (UTC)'; found: " + String.join(",", columns));
        }
        zone = columns.indexOf("zone");
        start = columns.indexOf("start");
        end = columns.indexOf("end");
        value = columns.indexOf("g_per_kwh");
        kind = columns.indexOf("kind");
      }

      @Override
      public void row(long line, List<String> values) {
        String z = required(values, zone, em ? "Zone Id" : "zone", source, line);
        double g = intensity(required(values, value, em ? "carbon intensity" : "g_per_kwh", source, line), source,
            line);
        if (em) {
          long s = utcDateTime(required(values, start, "Datetime (UTC)", source, line), source, line);
          boolean est = estimated >= 0 && values.get(estimated).toLowerCase(Locale.ROOT).equals("true");
          into.add(new IntensityRow(z, s, IntensityRow.UNKNOWN_END, g, est ? IntensityKind.FORECAST
              : IntensityKind.ACTUAL, source, line));
        } else {
          long s = offsetDateTime(required(values, start, "start", source, line), "start", source, line);
          long e = offsetDateTime(required(values, end, "end", source, line), "end", source, line);
          String k = required(values, kind, "kind", source, line).toLowerCase(Locale.ROOT);
          IntensityKind ik = switch (k) {
            case "actual" -> IntensityKind.ACTUAL;
            case "forecast" -> IntensityKind.FORECAST;
            default -> throw new InvalidDataException(source, line, "kind '" + k + "' is neither actual nor "
                + "forecast");
          };
          into.add(new IntensityRow(z, s, e, g, ik, source, line));
        }
      }
    });
  }

  private static String required(List<String> values, int index, String column, String source, long line) {
    String v = values.get(index);
    if (v.isBlank()) {
      throw new InvalidDataException(source, line, "column '" + column + "' is empty; every row needs a value "
          + "(a missing hour cannot be planned over: fill it or cut the file before it)");
    }
    return v;
  }

  /**
   * Parses an intensity, gCO2e/kWh.
   *
   * @param text the text
   * @param source the file
   * @param line the line
   * @return the value, finite and {@code >= 0}
   * @throws InvalidDataException if not a number, negative or not finite
   */
  public static double intensity(String text, String source, long line) {
    double g;
    try {
      g = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new InvalidDataException(source, line, "intensity '" + text + "' is not a number (gCO2e/kWh, a decimal "
          + "point, no unit)");
    }
    if (!Double.isFinite(g) || g < 0) {
      throw new InvalidDataException(source, line, "intensity '" + text + "' must be a finite number >= 0 "
          + "(gCO2e/kWh)");
    }
    return g;
  }

  /* ISO-8601 with an offset: 2026-03-01T00:00Z, 2026-03-01T01:00+01:00. Whole seconds. */
  private static long offsetDateTime(String text, String column, String source, long line) {
    try {
      return wholeSeconds(OffsetDateTime.parse(text).toInstant(), text, source, line);
    } catch (DateTimeParseException e) {
      throw new InvalidDataException(source, line, column + " '" + text + "' is not an ISO-8601 time with an "
          + "offset; write e.g. 2026-03-01T00:00Z or 2026-03-01T01:00+01:00");
    }
  }

  /* Electricity Maps: "2024-01-01 00:00:00" in UTC, or ISO with Z. */
  private static long utcDateTime(String text, String source, long line) {
    String t = text.replace(' ', 'T');
    try {
      Instant i = t.endsWith("Z") || t.matches(".*[+-]\\d{2}:\\d{2}$") ? OffsetDateTime.parse(t).toInstant()
          : LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      return wholeSeconds(i, text, source, line);
    } catch (DateTimeParseException e) {
      throw new InvalidDataException(source, line, "Datetime (UTC) '" + text + "' is not a time; Electricity Maps "
          + "writes e.g. 2024-01-01 00:00:00");
    }
  }

  private static long wholeSeconds(Instant i, String text, String source, long line) {
    if (i.getNano() != 0) {
      throw new InvalidDataException(source, line, "time '" + text + "' has a fraction of a second; steps start "
          + "on whole seconds");
    }
    return i.getEpochSecond();
  }
}
