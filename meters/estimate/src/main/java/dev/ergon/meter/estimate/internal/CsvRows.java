package dev.ergon.meter.estimate.internal;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Reads the rows of a small CSV resource shipped with this module: {@code #} comment lines and the header line are
 * skipped, fields may be double-quoted (with {@code ""} for a quote), no field spans lines.
 *
 * <p>This class is internal and is hence not for public use. Stateless and thread-safe.
 */
final class CsvRows {
  private CsvRows() {}

  /**
   * A data row and where it came from, for error messages.
   *
   * @param fields the fields, unquoted
   * @param line the 1-based line number in the resource
   */
  record Row(List<String> fields, int line) {}

  /**
   * Reads a resource next to this class's package folder {@code dev/ergon/meter/estimate/}.
   *
   * @param name the file name, e.g. {@code cpu_power.csv}
   * @return the data rows
   * @throws UncheckedIOException if the resource is missing or unreadable (a broken jar)
   */
  static List<Row> resource(String name) {
    return resource(name, line -> true);
  }

  /**
   * Reads the rows of a resource whose raw line passes a filter, checked before the line is split, so that a caller
   * that needs a few rows of a large table does not build the others.
   *
   * @param name the file name, e.g. {@code cpu_power.csv}
   * @param keep whether a data line (not the header, a comment or a blank line) may matter; line numbers still count
   *     every line
   * @return the data rows whose line was kept
   * @throws UncheckedIOException if the resource is missing or unreadable (a broken jar)
   */
  static List<Row> resource(String name, Predicate<String> keep) {
    String path = "/dev/ergon/meter/estimate/" + name;
    try (InputStream in = CsvRows.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException(
            "resource " + path + " is missing from ergon-meter-estimate; the jar is damaged, reinstall it"));
      }
      return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), keep);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + path + " of ergon-meter-estimate", e);
    }
  }

  /**
   * Reads the bytes of a resource next to this class's package folder {@code dev/ergon/meter/estimate/}.
   *
   * @param name the file name, e.g. {@code cpu_power.csv}
   * @return the bytes, or {@code null} if the class path has no such resource
   * @throws UncheckedIOException if the resource is unreadable (a broken jar)
   */
  static byte @Nullable [] bytes(String name) {
    String path = "/dev/ergon/meter/estimate/" + name;
    try (InputStream in = CsvRows.class.getResourceAsStream(path)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + path + " of ergon-meter-estimate", e);
    }
  }

  /**
   * Reads the rows of CSV text held in memory, as {@link #resource(String)} reads a resource.
   *
   * @param csv the file's bytes, UTF-8
   * @return the data rows
   */
  static List<Row> rows(byte[] csv) {
    try {
      return read(new BufferedReader(new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8)),
          line -> true);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayInputStream does not fail
    }
  }

  private static List<Row> read(BufferedReader reader, Predicate<String> keep) throws IOException {
    List<Row> rows = new ArrayList<>();
    boolean header = true;
    int number = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      if (keep.test(line)) {
        rows.add(new Row(split(line), number));
      }
    }
    return rows;
  }

  /**
   * Splits one CSV line.
   *
   * @param line the line
   * @return the fields, unquoted and not trimmed
   */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
