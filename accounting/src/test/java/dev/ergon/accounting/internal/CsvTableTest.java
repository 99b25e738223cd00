package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.accounting.InvalidDataException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The CSV reader: encoding, header rules, quoting and line numbers. */
class CsvTableTest {

  private static CsvTable parse(String text) {
    return CsvTable.parse("t.csv", text.getBytes(StandardCharsets.UTF_8), Set.of("a", "b"), Set.of("c"));
  }

  @Test
  void rowsCarryTheLineTheyStartOn() {
    CsvTable t = parse("\uFEFF# comment\na,b,c\n\n1,\"two\nlines\",3\n# more\n4, 5 ,\n");
    assertEquals(java.util.List.of("a", "b", "c"), t.header());
    assertEquals(2, t.rows().size());
    assertEquals(4, t.rows().get(0).line());
    assertEquals("two\nlines", t.rows().get(0).required("b"));
    assertEquals(7, t.rows().get(1).line());
    assertEquals("5", t.rows().get(1).required("b"), "values are trimmed");
    assertEquals(null, t.rows().get(1).optional("c"), "blank is absent");
  }

  @Test
  void aHeaderWithoutRowsIsAnEmptyTable() {
    assertTrue(parse("a,b\n").rows().isEmpty());
  }

  @Test
  void headerErrors() {
    assertTrue(assertThrows(InvalidDataException.class, () -> parse("a,b,a\n")).reason().contains("appears twice"));
    assertTrue(assertThrows(InvalidDataException.class, () -> parse("a\n")).reason().contains("missing column 'b'"));
  }

  @Test
  void unclosedQuoteIsMalformed() {
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> parse("a,b\n1,\"2\n"));
    assertTrue(e.reason().startsWith("malformed CSV row"), e.reason());
  }

  @Test
  void textThatIsNotUtf8IsRefused() {
    byte[] latin1 = "a,b\nM\u00fcnchen,1\n".getBytes(StandardCharsets.ISO_8859_1);
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> CsvTable.parse("t.csv", latin1, Set.of("a", "b"), Set.of()));
    assertTrue(e.reason().contains("UTF-8"));
  }

  @Test
  void requiredValuesMustBePresent() {
    CsvTable t = parse("a,b\n1,\n");
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> t.rows().get(0).required("b"));
    assertEquals(2, e.line());
    assertTrue(e.reason().contains("column 'b' is empty"));
  }
}
