package dev.ergon.accounting.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.ergon.accounting.InvalidDataException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A CSV table read with Jackson's CSV parser, streamed (one row at a time, {@link #stream}) or, for small files,
 * whole: a header row naming the columns, then one row per line, each with its line number for error messages.
 *
 * <p>Rules: UTF-8 (a leading byte-order mark is ignored); lines starting with {@code #} are comments; blank lines
 * are skipped; values are trimmed; quoting follows RFC 4180. A row with fewer or more values than the header, a
 * trailing comma, a column the reader does not know, or a missing required column is refused with the line.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public final class CsvTable {

  /**
   * One row.
   *
   * @param source the file or resource
   * @param line the 1-based line on which the row starts
   * @param values column name to trimmed value, in header order
   */
  public record Row(String source, long line, Map<String, String> values) {
    /**
     * Returns a value that must be present and non-blank.
     *
     * @param column the column
     * @return the value
     * @throws InvalidDataException if blank or absent
     */
    public String required(String column) {
      String v = values.get(column);
      if (v == null || v.isBlank()) {
        throw error("column '" + column + "' is empty; every row needs a value there");
      }
      return v;
    }

    /**
     * Returns a value, or null when blank or absent.
     *
     * @param column the column
     * @return the value or null
     */
    public @Nullable String optional(String column) {
      String v = values.get(column);
      return v == null || v.isBlank() ? null : v;
    }

    /**
     * Returns a number that must be present, finite and {@code >= 0}.
     *
     * @param column the column
     * @param what what the number is, with its unit, for the message
     * @return the number
     * @throws InvalidDataException if blank, not a number, NaN, infinite or negative
     */
    public double nonNegative(String column, String what) {
      String text = required(column);
      double v = parseDouble(text, column);
      if (!Double.isFinite(v) || v < 0) {
        throw error(what + " '" + text + "' in column '" + column + "' must be a finite number >= 0");
      }
      return v;
    }

    /**
     * Parses a number.
     *
     * @param text the text
     * @param column the column, for the message
     * @return the number (may be NaN or infinite if written so)
     * @throws InvalidDataException if not a number
     */
    public double parseDouble(String text, String column) {
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw error("'" + text + "' in column '" + column + "' is not a number (use a decimal point, no units)");
      }
    }

    /**
     * Returns an error about this row.
     *
     * @param reason what is wrong and how to fix it
     * @return the exception, to throw
     */
    public InvalidDataException error(String reason) {
      return new InvalidDataException(source, line, reason);
    }
  }

  /**
   * Receives the rows of a streamed table, one at a time.
   */
  @FunctionalInterface
  public interface RowSink {
    /**
     * Takes one row.
     *
     * @param row the row
     * @throws InvalidDataException if the row is refused
     */
    void accept(Row row);
  }

  /**
   * What a streamed table was, besides its rows.
   *
   * @param header the column names, in file order
   * @param sha256 the SHA-256 of the file's bytes, lower-case hex
   */
  public record Summary(List<String> header, String sha256) {
    /** Copies the header. */
    public Summary {
      header = List.copyOf(header);
    }
  }

  private final String source;
  private final List<String> header;
  private final List<Row> rows;
  private final String sha256;

  private CsvTable(String source, List<String> header, List<Row> rows, String sha256) {
    this.source = source;
    this.header = List.copyOf(header);
    this.rows = List.copyOf(rows);
    this.sha256 = sha256;
  }

  /**
   * Reads a small file whole (instruments, offsets, region mappings).
   *
   * @param file the CSV file
   * @param required columns that must be in the header
   * @param optional columns that may be in the header
   * @return the table
   * @throws InvalidDataException if the file cannot be read or is malformed
   */
  public static CsvTable read(Path file, Set<String> required, Set<String> optional) {
    List<Row> rows = new ArrayList<>();
    Summary s = stream(file, required, optional, rows::add);
    return new CsvTable(file.toString(), s.header(), rows, s.sha256());
  }

  /**
   * Streams a file row by row: memory stays flat in the file's size (one row and a buffer at a time).
   *
   * @param file the CSV file
   * @param required columns that must be in the header
   * @param optional columns that may be in the header
   * @param sink receives each row, in file order
   * @return the header and the file's SHA-256
   * @throws InvalidDataException if the file cannot be read or is malformed, or the sink refuses a row
   */
  public static Summary stream(Path file, Set<String> required, Set<String> optional, RowSink sink) {
    try (InputStream in = Files.newInputStream(file)) {
      return stream(file.toString(), in, required, optional, sink);
    } catch (NoSuchFileException e) {
      throw new InvalidDataException(file.toString(), 0, "no such file; check the path", e);
    } catch (IOException e) {
      throw new InvalidDataException(file.toString(), 0, "cannot be read (" + e + "); check its permissions", e);
    }
  }

  /**
   * Parses bytes (a bundled resource).
   *
   * @param source the file or resource name, for messages
   * @param bytes UTF-8 CSV
   * @param required columns that must be in the header
   * @param optional columns that may be in the header
   * @return the table
   * @throws InvalidDataException if malformed
   */
  public static CsvTable parse(String source, byte[] bytes, Set<String> required, Set<String> optional) {
    List<Row> rows = new ArrayList<>();
    Summary s = stream(source, new ByteArrayInputStream(bytes), required, optional, rows::add);
    return new CsvTable(source, s.header(), rows, s.sha256());
  }

  /*
   * One pass: bytes -> SHA-256 (as they are read) -> strict UTF-8 decoder -> Jackson's CSV parser, rows as arrays
   * of values. The first array is the header; each later one is checked against its length and handed on.
   */
  private static Summary stream(String source, InputStream bytes, Set<String> required, Set<String> optional,
      RowSink sink) {
    MessageDigest digest = Digests.sha256();
    List<String> header = new ArrayList<>();
    try (DigestInputStream in = new DigestInputStream(bytes, digest);
        PushbackReader reader = new PushbackReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)), 1)) {
      int first = reader.read();
      if (first != -1 && first != '\uFEFF') {
        reader.unread(first);
      }
      try (CsvParser parser = factory().createParser(reader)) {
        parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        parser.setSchema(CsvSchema.emptySchema().withComments());
        List<String> values = new ArrayList<>();
        long line = 0;
        int depth = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
          if (token == JsonToken.START_ARRAY) {
            if (++depth == 2) {
              values.clear();
              line = 0;
            }
          } else if (token == JsonToken.END_ARRAY) {
            if (depth-- == 2) {
              if (header.isEmpty()) {
                for (String v : values) {
                  header.add(v.trim());
                }
                checkHeader(source, header, required, optional);
              } else {
                sink.accept(row(source, line, header, values));
              }
            }
          } else if (token.isScalarValue() && depth == 2) {
            if (line == 0) {
              // the line of the row's first value: where the row starts
              line = parser.currentTokenLocation().getLineNr();
            }
            values.add(parser.getText());
          }
        }
      }
      byte[] rest = new byte[8192];
      while (in.read(rest) != -1) {
        // the digest covers every byte, even after the parser stopped
      }
    } catch (CharacterCodingException e) {
      throw new InvalidDataException(source, 0, "is not UTF-8 text; save it as UTF-8", e);
    } catch (JsonProcessingException e) {
      throw malformed(source, e, header);
    } catch (IOException e) {
      throw new InvalidDataException(source, 0, "cannot be read: " + e, e);
    }
    if (header.isEmpty()) {
      throw new InvalidDataException(source, 0, "has no header row; the first line must name the columns: "
          + String.join(",", new TreeSet<>(required)));
    }
    return new Summary(header, HexFormat.of().formatHex(digest.digest()));
  }

  private static Row row(String source, long line, List<String> header, List<String> values) {
    if (values.size() != header.size()) {
      String trailing = values.size() == header.size() + 1 && values.get(values.size() - 1).isBlank()
          ? " (a trailing comma?)" : "";
      throw new InvalidDataException(source, line, "malformed CSV row: " + values.size() + " values for "
          + header.size() + " columns" + trailing + " (header: " + String.join(",", header) + ")");
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (int k = 0; k < header.size(); k++) {
      m.put(header.get(k), values.get(k));
    }
    return new Row(source, line, Collections.unmodifiableMap(m));
  }

  private static CsvFactory factory() {
    return CsvFactory.builder()
        .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
        .enable(CsvParser.Feature.TRIM_SPACES)
        .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
        .build();
  }

  private static InvalidDataException malformed(String source, JsonProcessingException e, List<String> header) {
    JsonLocation at = e.getLocation();
    return new InvalidDataException(source, at == null ? 0 : at.getLineNr(),
        "malformed CSV row: " + e.getOriginalMessage().replace('\n', ' ') + " (header: " + String.join(",", header)
            + ")", e);
  }

  private static void checkHeader(String source, List<String> header, Set<String> required, Set<String> optional) {
    Set<String> seen = new TreeSet<>();
    for (String h : header) {
      String col = h.trim();
      if (!seen.add(col)) {
        throw new InvalidDataException(source, 1, "column '" + col + "' appears twice in the header");
      }
      if (!required.contains(col) && !optional.contains(col)) {
        Set<String> known = new TreeSet<>(required);
        known.addAll(optional);
        throw new InvalidDataException(source, 1, "unknown column '" + col + "'; known columns are "
            + String.join(", ", known));
      }
    }
    for (String r : required) {
      if (!seen.contains(r)) {
        throw new InvalidDataException(source, 1, "missing column '" + r + "'; the header must name "
            + String.join(", ", new TreeSet<>(required)) + " (case-sensitive, lower case)");
      }
    }
  }

  /**
   * Returns the file or resource name.
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * Returns the header's column names.
   *
   * @return the columns, in file order
   */
  public List<String> header() {
    return header;
  }

  /**
   * Returns the rows.
   *
   * @return the rows, in file order
   */
  public List<Row> rows() {
    return rows;
  }

  /**
   * Returns the SHA-256 of the file's bytes.
   *
   * @return lower-case hex
   */
  public String sha256() {
    return sha256;
  }

  /**
   * Parses a boolean written {@code true/false}, {@code yes/no} or {@code 1/0}.
   *
   * @param row the row
   * @param column the column
   * @param absent the value when blank
   * @return the boolean
   * @throws InvalidDataException if something else is written
   */
  public static boolean bool(Row row, String column, boolean absent) {
    String v = row.optional(column);
    if (v == null) {
      return absent;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw row.error("'" + v + "' in column '" + column + "' is not true or false");
    };
  }
}
