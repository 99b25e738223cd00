package dev.ergon.plan.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.ergon.accounting.InvalidDataException;
import dev.ergon.plan.IntensityKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON of the Green Software Foundation Carbon Aware SDK's emissions endpoints, streamed with jackson-core.
 *
 * <ul>
 *   <li>{@code GET /emissions/bylocation(s)}: an array of EmissionsData {@code {"location", "time", "rating",
 *       "duration"}}: observed values, read as {@link IntensityKind#ACTUAL}. {@code duration} is a .NET TimeSpan
 *       ({@code "01:00:00"}, {@code "1.00:00:00"}) or ISO-8601 ({@code "PT1H"}); when absent, each value lasts until
 *       the next one of its location.</li>
 *   <li>{@code GET /emissions/forecasts/current} and {@code POST /emissions/forecasts/batch}: an array of forecasts
 *       {@code {"location", "forecastData": [{"location", "timestamp", "duration", "value"}, ...]}}, read as
 *       {@link IntensityKind#FORECAST}, under the forecast's requested {@code location} (the data points' own
 *       location is the provider's zone). {@code duration} is in minutes.</li>
 * </ul>
 *
 * <p>Ratings are gCO2e/kWh, as the SDK reports them. This class is internal and is hence not for public use.
 * Thread-safe: it has no state.
 */
public final class CarbonAwareJsonReader {
  private CarbonAwareJsonReader() {}

  private static final Pattern TIME_SPAN = Pattern.compile("(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?");

  /**
   * Reads a file into the assembler.
   *
   * @param file the JSON file
   * @param into receives the rows
   * @throws InvalidDataException naming the file, the line and the fix
   */
  public static void read(Path file, SeriesAssembler into) {
    String source = file.toString();
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = new JsonFactory().createParser(in)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT) {
        element(p, source, into);
      } else if (t == JsonToken.START_ARRAY) {
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
          element(p, source, into);
        }
        if (t != JsonToken.END_ARRAY) {
          throw new InvalidDataException(source, line(p), "expected an object of the Carbon Aware SDK's emissions "
              + "API, found " + t);
        }
      } else {
        throw new InvalidDataException(source, line(p), "not Carbon Aware SDK emissions JSON: expected an array of "
            + "EmissionsData {location, time, rating, duration} or of forecasts {location, forecastData}");
      }
    } catch (NoSuchFileException e) {
      throw new InvalidDataException(source, 0, "no such file; check the path", e);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new InvalidDataException(source, at == null ? 0 : at.getLineNr(), "malformed JSON: "
          + e.getOriginalMessage().replace('\n', ' '), e);
    } catch (IOException e) {
      throw new InvalidDataException(source, 0, "cannot be read (" + e + "); check its permissions", e);
    }
  }

  private static long line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  /* At START_OBJECT of one array element: an EmissionsData or a forecast. */
  private static void element(JsonParser p, String source, SeriesAssembler into) throws IOException {
    long line = line(p);
    Map<String, String> fields = new HashMap<>();
    boolean forecast = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if ("forecastData".equals(name) && v == JsonToken.START_ARRAY) {
        forecast = true;
        String location = fields.get("location");
        if (location == null) {
          throw new InvalidDataException(source, line, "a forecast needs its \"location\" before \"forecastData\"");
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
          long pointLine = line(p);
          Map<String, String> point = scalars(p);
          row(location, point, "timestamp", "value", IntensityKind.FORECAST, source, pointLine, into);
        }
      } else if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
        p.skipChildren();
      } else if (v != JsonToken.VALUE_NULL) {
        fields.put(name, p.getText());
      }
    }
    if (!forecast) {
      String location = fields.get("location");
      if (location == null || location.isBlank()) {
        throw new InvalidDataException(source, line, "EmissionsData without \"location\"");
      }
      row(location, fields, "time", "rating", IntensityKind.ACTUAL, source, line, into);
    }
  }

  private static Map<String, String> scalars(JsonParser p) throws IOException {
    Map<String, String> m = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
        p.skipChildren();
      } else if (v != JsonToken.VALUE_NULL) {
        m.put(name, p.getText());
      }
    }
    return m;
  }

  private static void row(String location, Map<String, String> f, String timeField, String valueField,
      IntensityKind kind, String source, long line, SeriesAssembler into) {
    String time = f.get(timeField);
    String value = f.get(valueField);
    if (time == null || value == null) {
      throw new InvalidDataException(source, line, "a data point needs \"" + timeField + "\" and \"" + valueField
          + "\"");
    }
    long start;
    try {
      start = OffsetDateTime.parse(time).toInstant().getEpochSecond();
    } catch (DateTimeParseException e) {
      throw new InvalidDataException(source, line, "\"" + timeField + "\" '" + time + "' is not an ISO-8601 time "
          + "with an offset");
    }
    double g = IntensityCsvReader.intensity(value, source, line);
    String d = f.get("duration");
    long end = d == null ? IntensityRow.UNKNOWN_END : start + seconds(d, kind, source, line);
    into.add(new IntensityRow(location.trim(), start, end, g, kind, source, line));
  }

  /* Forecast points: minutes. EmissionsData: a TimeSpan or ISO-8601 text (or minutes). */
  private static long seconds(String d, IntensityKind kind, String source, long line) {
    try {
      if (d.matches("\\d+")) {
        return Long.parseLong(d) * 60;
      }
      if (d.startsWith("P") || d.startsWith("-P")) {
        return Duration.parse(d).toSeconds();
      }
      Matcher m = TIME_SPAN.matcher(d);
      if (m.matches()) {
        @Nullable String days = m.group(1);
        return (days == null ? 0 : Long.parseLong(days) * 86_400) + Long.parseLong(m.group(2)) * 3600
            + Long.parseLong(m.group(3)) * 60 + Long.parseLong(m.group(4));
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      // falls through to the error
    }
    throw new InvalidDataException(source, line, "\"duration\" '" + d + "' is not a duration; the SDK writes "
        + (kind == IntensityKind.FORECAST ? "minutes (60)" : "a TimeSpan (\"01:00:00\")"));
  }
}
