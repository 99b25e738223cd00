package dev.ergon.meter.estimate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TdpTableTest {
  private static final TdpTable SHIPPED = TdpTable.load();

  private static TdpTable table(String... lines) {
    List<CsvRows.Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      rows.add(new CsvRows.Row(CsvRows.split(lines[i]), i + 2));
    }
    return new TdpTable(rows);
  }

  @Test
  void findsTheShippedTdpOfCloudXeonsFromTheirLinuxNames() {
    // cpu_power.csv: "Intel Xeon Platinum 8259CL,210", "Intel Xeon E5-2686 v4,145", "AMD EPYC 7B12,240"
    TdpTable.Match m = SHIPPED.find("Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz").orElseThrow();
    assertEquals("Intel Xeon Platinum 8259CL", m.name());
    assertEquals(210.0, m.tdpWatts());
    assertTrue(m.exact());
    assertEquals(145.0, SHIPPED.find("Intel(R) Xeon(R) CPU E5-2686 v4 @ 2.30GHz").orElseThrow().tdpWatts());
    assertEquals(240.0, SHIPPED.find("AMD EPYC 7B12 64-Core Processor").orElseThrow().tdpWatts());
    assertEquals(205.0, SHIPPED.find("Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz").orElseThrow().tdpWatts());
    assertTrue(SHIPPED.size() > 4800, "usable rows: " + SHIPPED.size());
  }

  @Test
  void theVersionSuffixPicksTheRightEntry() {
    // "Intel Xeon E5-2603,80.0" and "Intel Xeon E5-2603 v3,85.0" both have all their words in a v3's name;
    // the entry with more matching words wins
    assertEquals(85.0, SHIPPED.find("Intel(R) Xeon(R) CPU E5-2603 v3 @ 1.60GHz").orElseThrow().tdpWatts());
    assertEquals(80.0, SHIPPED.find("Intel(R) Xeon(R) CPU E5-2603 0 @ 1.80GHz").orElseThrow().tdpWatts());
  }

  @Test
  void aNameWithoutAModelNumberMatchesNothing() {
    assertEquals(Optional.empty(), SHIPPED.find("AMD EPYC"));
    assertEquals(Optional.empty(), SHIPPED.find("Intel(R) Xeon(R) CPU @ 2.20GHz"));
    assertEquals(Optional.empty(), SHIPPED.find("Acme RISC-V Turbo 9000X"));
    assertEquals(Optional.empty(), SHIPPED.find(""));
  }

  @Test
  void equallyGoodEntriesThatDisagreeAreAmbiguous() {
    TdpTable t = table("Name,TDP", "Foo X100,50", "Bar X100,60", "Baz Y200,70", "Qux Y200,70");
    assertEquals(Optional.empty(), t.find("Foo Bar X100"));
    assertEquals(70.0, t.find("Baz Qux Y200").orElseThrow().tdpWatts());
    assertFalse(t.find("Baz Qux Y200").orElseThrow().exact());
  }

  @Test
  void malformedAndQuotedRowsAreHandled() {
    TdpTable t = table("Intel Celeron 1000A,27.29.5", "\"Intel EP80579 Integrated, 1200 MHz\",19.0",
        "Intel Quark Microcontroller D1000,0.0", "Intel Celeron 1000B,27");
    assertEquals(2, t.size());
    assertEquals(Optional.empty(), t.find("Intel Celeron 1000A"));
    assertEquals(19.0, t.find("Intel EP80579 Integrated, 1200 MHz").orElseThrow().tdpWatts());
    assertEquals(Optional.empty(), t.find("Intel Quark Microcontroller D1000"));
  }

  /** The shipped table's data lines, raw, with their line numbers, read once. */
  private static final List<CsvRows.Row> LINES = rawLines();

  private static List<CsvRows.Row> rawLines() {
    List<CsvRows.Row> lines = new java.util.ArrayList<>();
    try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
        TdpTable.class.getResourceAsStream("/dev/ergon/meter/estimate/cpu_power.csv"),
        java.nio.charset.StandardCharsets.UTF_8))) {
      int n = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        n++;
        if (n > 1 && !line.isBlank() && !line.startsWith("#")) {
          lines.add(new CsvRows.Row(List.of(line), n));
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return lines;
  }

  /** What {@link TdpTable#forModel} builds, from the lines read once. */
  private static TdpTable forModel(String name) {
    java.util.function.Predicate<String> keep = TdpTable.linesFor(name);
    List<CsvRows.Row> rows = new java.util.ArrayList<>();
    for (CsvRows.Row line : LINES) {
      if (keep.test(line.fields().get(0))) {
        rows.add(new CsvRows.Row(CsvRows.split(line.fields().get(0)), line.line()));
      }
    }
    return new TdpTable(rows);
  }

  @Test
  void theRowsReadForOneNameAnswerAsTheWholeTableDoesForShippedNames() {
    assertTrue(LINES.size() > 4800, "rows: " + LINES.size());
    int found = 0;
    // Every fourth name as written, every twelfth also as Linux decorates names (the work is rows x names)
    for (int i = 0; i < LINES.size(); i += 4) {
      String n = CsvRows.split(LINES.get(i).fields().get(0)).get(0);
      List<String> forms = i % 12 == 0 ? List.of(n, "Intel(R) " + n + " CPU @ 2.00GHz", n + " 64-Core Processor")
          : List.of(n);
      for (String asLinuxPrintsIt : forms) {
        Optional<TdpTable.Match> expected = SHIPPED.find(asLinuxPrintsIt);
        assertEquals(expected, forModel(asLinuxPrintsIt).find(asLinuxPrintsIt), asLinuxPrintsIt);
        found += expected.isPresent() ? 1 : 0;
      }
    }
    assertTrue(found > 1200, "names that found an entry: " + found); // the check compared real answers
  }

  @Test
  void theRowsReadForOneNameAnswerAsTheWholeTableDoesForMixedWords() {
    // Names made of words of several shipped names: the word-subset rule, ambiguity and misses all occur.
    qt().withExamples(200).forAll(lists().of(integers().between(0, LINES.size() - 1)).ofSizeBetween(1, 3),
            integers().between(0, 7))
        .checkAssert((rows, pick) -> {
          StringBuilder name = new StringBuilder();
          for (int r : rows) {
            List<String> words = TdpTable.words(CsvRows.split(LINES.get(r).fields().get(0)).get(0));
            for (int i = 0; i < words.size(); i++) {
              if (((pick >> (i % 3)) & 1) == 0 || i == words.size() - 1) {
                name.append(words.get(i)).append(' ');
              }
            }
          }
          String n = name.toString();
          assertEquals(SHIPPED.find(n), forModel(n).find(n), n);
        });
  }

  @Test
  void theShippedTableIsReadThroughItsIndexOrElseWithTheFilter() {
    String name = "Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz";
    // The index lists one row under 8259CL ("Intel Xeon Platinum 8259CL,210").
    TdpTable t = TdpTable.forModel(name);
    assertEquals(1, t.size());
    assertEquals(210.0, t.find(name).orElseThrow().tdpWatts());
    // Without the index, the filter keeps that row, the 6 lines with a quote and the 12 with a character outside
    // ASCII (always read): 19 rows of about 4 900.
    TdpTable scanned = new TdpTable(CsvRows.resource("cpu_power.csv", TdpTable.linesFor(name)));
    assertEquals(19, scanned.size());
    assertEquals(210.0, scanned.find(name).orElseThrow().tdpWatts());
  }

  @Test
  void aLineIsSkippedOnlyWhenItHoldsNoneOfTheNamesModelWords() {
    List<String> wanted = List.of("intel", "xeon", "gold", "6338");
    List<String> digits = List.of("6338");
    assertTrue(TdpTable.mayAnswer("Intel Xeon Gold 6338,205", wanted, digits));
    assertTrue(TdpTable.mayAnswer("INTEL XEON GOLD 6338N,185", wanted, digits), "case is ignored");
    assertFalse(TdpTable.mayAnswer("Intel Xeon Gold 6348,235", wanted, digits));
    assertTrue(TdpTable.mayAnswer("\"Intel Xeon, Gold\",1", wanted, digits), "quoted lines are always kept");
    assertTrue(TdpTable.mayAnswer("Intel® Xeon,1", wanted, digits), "non-ASCII lines are always kept");
    // Without a model number only an exact match can answer, and it has every word of the name.
    assertTrue(TdpTable.mayAnswer("AMD EPYC,100", List.of("amd", "epyc"), List.of()));
    assertFalse(TdpTable.mayAnswer("AMD Ryzen 5 3600,65", List.of("amd", "epyc"), List.of()));
    assertEquals(0, TdpTable.forModel("@ 2.00GHz").size(), "a name without words reads nothing");
  }
}
