package dev.ergon.plan.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.ergon.accounting.InvalidDataException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Streams a CSV file with Jackson's CSV parser, the way accounting reads its tables ({@code CsvTable}): UTF-8 (a
 * leading byte-order mark ignored), {@code #} comment lines, blank lines skipped, values trimmed, RFC 4180 quoting;
 * a row with more or fewer values than the header is refused with its line.
 *
 * <p>The header is handed over as written and lower-cased (providers vary the case of their column names between
 * exports). This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
public final class CsvRows {
  private CsvRows() {}

  /** Receives the header, then each row. */
  public interface Sink {
    /**
     * Takes the header.
     *
     * @param columns the column names, trimmed and lower-cased, in file order
     * @throws InvalidDataException if the header does not fit
     */
    void header(List<String> columns);

    /**
     * Takes one row.
     *
     * @param line the 1-based line on which the row starts
     * @param values the values, trimmed, in header order (as many as the header has)
     * @throws InvalidDataException if the row is refused
     */
    void row(long line, List<String> values);
  }

  /**
   * Reads a file.
   *
   * @param file the file
   * @param sink receives the header and the rows
   * @throws InvalidDataException if the file cannot be read or is malformed, or the sink refuses something
   */
  public static void read(Path file, Sink sink) {
    String source = file.toString();
    List<String> header = new ArrayList<>();
    try (Reader raw = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        PushbackReader reader = new PushbackReader(raw, 1)) {
      int first = reader.read();
      if (first != -1 && first != '\uFEFF') {
        reader.unread(first);
      }
      CsvFactory factory = CsvFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
      try (CsvParser parser = factory.createParser(reader)) {
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
                  header.add(v.trim().toLowerCase(Locale.ROOT));
                }
                sink.header(List.copyOf(header));
              } else {
                if (values.size() != header.size()) {
                  throw new InvalidDataException(source, line, "malformed CSV row: " + values.size()
                      + " values for " + header.size() + " columns (header: " + String.join(",", header) + ")");
                }
                sink.row(line, List.copyOf(values));
              }
            }
          } else if (token.isScalarValue() && depth == 2) {
            if (line == 0) {
              line = parser.currentTokenLocation().getLineNr();
            }
            values.add(parser.getText().trim());
          }
        }
      }
    } catch (NoSuchFileException e) {
      throw new InvalidDataException(source, 0, "no such file; check the path", e);
    } catch (CharacterCodingException e) {
      throw new InvalidDataException(source, 0, "is not UTF-8 text; save it as UTF-8", e);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new InvalidDataException(source, at == null ? 0 : at.getLineNr(), "malformed CSV row: "
          + e.getOriginalMessage().replace('\n', ' '), e);
    } catch (IOException e) {
      throw new InvalidDataException(source, 0, "cannot be read (" + e + "); check its permissions", e);
    }
    if (header.isEmpty()) {
      throw new InvalidDataException(source, 0, "is empty; an intensity file needs a header row and one row per "
          + "step");
    }
  }
}
