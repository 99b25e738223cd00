package dev.ergon.meter.estimate.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TdpIndexTest {
  private static final byte[] CSV = shippedCsv();
  private static final TdpTable WHOLE = new TdpTable(CsvRows.rows(CSV));
  private static final TdpIndex INDEX = TdpIndex.open(TdpIndex.encode(CSV), CSV);
  private static final List<String> NAMES = names();

  private static byte[] shippedCsv() {
    byte[] b = CsvRows.bytes(TdpIndex.TABLE);
    assertNotNull(b, "the shipped table is on the test class path");
    return b;
  }

  private static List<String> names() {
    List<String> names = new ArrayList<>();
    for (CsvRows.Row r : CsvRows.rows(CSV)) {
      names.add(r.fields().get(0));
    }
    return names;
  }

  private static Optional<TdpTable.Match> viaIndex(TdpIndex index, String name) {
    return new TdpTable(index.rowsFor(name)).find(name);
  }

  /** The message of the error that opening (or reading) the index gives. */
  private static String refused(byte[] image, byte[] table) {
    return String.valueOf(assertThrows(UncheckedIOException.class,
        () -> TdpIndex.open(image, table).rowsFor("Intel Xeon 8259CL")).getMessage());
  }

  @Test
  void theShippedIndexIsTheIndexOfTheShippedTable() {
    // The build writes it at process-classes; a stale one would give old answers.
    byte[] shipped = CsvRows.bytes(TdpIndex.FILE);
    assertNotNull(shipped, "process-classes wrote " + TdpIndex.FILE);
    assertArrayEquals(TdpIndex.encode(CSV), shipped);
    assertNotNull(TdpIndex.shipped());
  }

  @Test
  void everyShippedNameAnswersThroughTheIndexAsThroughTheWholeTable() {
    assertTrue(NAMES.size() > 4800, "rows: " + NAMES.size());
    int found = 0;
    for (int i = 0; i < NAMES.size(); i++) {
      String n = NAMES.get(i);
      List<String> forms = i % 5 == 0 ? List.of(n, "Intel(R) " + n + " CPU @ 2.00GHz", n + " 64-Core Processor")
          : List.of(n);
      for (String asLinuxPrintsIt : forms) {
        Optional<TdpTable.Match> expected = WHOLE.find(asLinuxPrintsIt);
        assertEquals(expected, viaIndex(INDEX, asLinuxPrintsIt), asLinuxPrintsIt);
        found += expected.isPresent() ? 1 : 0;
      }
    }
    assertTrue(found > 4000, "names that found an entry: " + found); // the check compared real answers
  }

  @Test
  void namesMadeOfWordsOfSeveralRowsAnswerThroughTheIndexAsThroughTheWholeTable() {
    // The word-subset rule, ties that agree, ambiguity and misses all occur.
    qt().withExamples(1000).forAll(lists().of(integers().between(0, NAMES.size() - 1)).ofSizeBetween(1, 3),
            integers().between(0, 7))
        .checkAssert((rows, pick) -> {
          StringBuilder name = new StringBuilder();
          for (int r : rows) {
            List<String> words = TdpTable.words(NAMES.get(r));
            for (int i = 0; i < words.size(); i++) {
              if (((pick >> (i % 3)) & 1) == 0 || i == words.size() - 1) {
                name.append(words.get(i)).append(' ');
              }
            }
          }
          String n = name.toString();
          assertEquals(WHOLE.find(n), viaIndex(INDEX, n), n);
        });
  }

  @Test
  void aLookupReadsOnlyTheRowsListedUnderItsKeys() {
    // cpu_power.csv has one row with 8259CL: "Intel Xeon Platinum 8259CL,210"
    List<CsvRows.Row> rows = INDEX.rowsFor("Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz");
    assertEquals(1, rows.size(), rows.toString());
    assertEquals(List.of("Intel Xeon Platinum 8259CL", "210"), rows.get(0).fields());
    String line = new String(CSV, StandardCharsets.UTF_8).split("\n", -1)[rows.get(0).line() - 1];
    assertEquals("Intel Xeon Platinum 8259CL,210", line.strip(), "the row keeps its line number");
    // Without a model number only an exact match can answer; the table has no row named just "AMD EPYC".
    assertEquals(List.of(), INDEX.rowsFor("AMD EPYC"));
    assertEquals(List.of(), INDEX.rowsFor("@ 2.00GHz"), "a name without words reads nothing");
    // A v3's name reaches the rows under "e5-2603" (both E5-2603 rows) and under "v3" (every v3), no others; the
    // entry with more matching words wins.
    List<CsvRows.Row> v3 = INDEX.rowsFor("Intel(R) Xeon(R) CPU E5-2603 v3 @ 1.60GHz");
    List<String> v3Names = v3.stream().map(r -> r.fields().get(0)).toList();
    assertTrue(v3Names.contains("Intel Xeon E5-2603") && v3Names.contains("Intel Xeon E5-2603 v3"), v3Names.toString());
    for (CsvRows.Row r : v3) {
      List<String> words = TdpTable.words(r.fields().get(0));
      assertTrue(words.contains("e5-2603") || words.contains("v3"), r.toString());
    }
    long listed = NAMES.stream().map(TdpTable::words).filter(w -> w.contains("e5-2603") || w.contains("v3")).count();
    assertEquals(listed, v3.size());
    assertEquals(85.0, viaIndex(INDEX, "Intel(R) Xeon(R) CPU E5-2603 v3 @ 1.60GHz").orElseThrow().tdpWatts());
  }

  @Test
  void absurdNamesAnswerThroughTheIndexAsThroughTheWholeTable() {
    StringBuilder manyWords = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      manyWords.append(NAMES.get(i % NAMES.size())).append(' ');
    }
    List<String> names = List.of("", " ", "@", "@@@ 2.0GHz", "\u0000\t\n", "9".repeat(100_000),
        "Intel(R) Xeon(R) " + "x".repeat(70_000) + " 8259CL", manyWords.toString(), "ÄÖÜ ß 8259cl",
        "INTEL XEON PLATINUM 8259CL", "intel,xeon,platinum,8259cl", "e5-2603 e5-2603 v3 v3");
    for (String n : names) {
      assertEquals(WHOLE.find(n), viaIndex(INDEX, n), n.length() > 60 ? n.substring(0, 60) + "..." : n);
    }
  }

  @Test
  void manyThreadsShareOneIndex() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
    try {
      List<java.util.concurrent.Future<Integer>> done = new ArrayList<>();
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      for (int t = 0; t < 16; t++) {
        int offset = t * 97;
        done.add(pool.submit(() -> {
          go.await();
          int checked = 0;
          for (int i = 0; i < 600; i++) {
            String n = NAMES.get((offset + i * 7) % NAMES.size());
            assertEquals(WHOLE.find(n), viaIndex(INDEX, n), n);
            checked++;
          }
          return checked;
        }));
      }
      go.countDown();
      for (java.util.concurrent.Future<Integer> f : done) {
        assertEquals(600, f.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void quotedMalformedAndRepeatedRowsAnswerAsInTheTable() {
    byte[] csv = """
        # a comment
        Name,TDP
        Intel Celeron 1000A,27.29.5
        "Intel EP80579 Integrated, 1200 MHz",19.0
        Intel Quark Microcontroller D1000,0.0
        Foo X100,50
        Foo X100,55
        Bar X100,60
        onefield
        Baz Y200,70
        Qux Y200,70
        Bäz Ω300,12
        """.getBytes(StandardCharsets.UTF_8);
    TdpIndex index = TdpIndex.open(TdpIndex.encode(csv), csv);
    TdpTable whole = new TdpTable(CsvRows.rows(csv));
    for (String n : List.of("Intel Celeron 1000A", "Intel EP80579 Integrated, 1200 MHz",
        "Intel Quark Microcontroller D1000", "Foo X100", "Foo Bar X100", "Baz Qux Y200", "Bäz Ω300", "BÄZ Ω300",
        "onefield", "X100", "Y200 Baz")) {
      assertEquals(whole.find(n), viaIndex(index, n), n);
    }
    assertEquals(50.0, viaIndex(index, "Foo X100").orElseThrow().tdpWatts(), "the first of two equal names");
    assertEquals(12.0, viaIndex(index, "Bäz Ω300").orElseThrow().tdpWatts());
  }

  @Test
  void aStaleIndexIsRefusedWithTheFix() {
    byte[] image = TdpIndex.encode(CSV);
    byte[] edited = Arrays.copyOf(CSV, CSV.length + 1);
    edited[CSV.length] = '\n';
    String e = refused(image, edited);
    assertTrue(e.contains("cpu_power.idx") && e.contains("stale") && e.contains("rebuild the jar"), e);
    byte[] sameLength = CSV.clone();
    sameLength[CSV.length / 2] ^= 1;
    assertTrue(refused(image, sameLength).contains("CRC-32"));
  }

  @Test
  void aDamagedIndexIsRefusedWithTheFix() {
    byte[] image = TdpIndex.encode(CSV);
    byte[] magic = image.clone();
    magic[0] = 'X';
    assertTrue(refused(magic, CSV).contains("wrong magic number"));
    byte[] version = image.clone();
    ByteBuffer.wrap(version).putInt(4, 99);
    assertTrue(refused(version, CSV).contains("format version 99"));
    for (int cut : List.of(0, 3, 31, 40, image.length / 2, image.length - 1)) {
      String e = refused(Arrays.copyOf(image, cut), CSV);
      assertTrue(e.contains("rebuild the jar") && (e.contains("ends too early") || e.contains("declares")),
          cut + ": " + e);
    }
    byte[] count = image.clone();
    ByteBuffer.wrap(count).putInt(20, Integer.MAX_VALUE);
    assertTrue(refused(count, CSV).contains("declares"));
    byte[] flipped = image.clone();
    flipped[image.length - 5] ^= 1;
    assertTrue(refused(flipped, CSV).contains("do not match their CRC-32"));
  }

  @Test
  void anEntryThatPointsToNoLineIsRefusedEvenWithAGoodCrc() {
    // Header: magic, version, table length, table CRC, count, entries' CRC (32 bytes); entries: hash, line, offset.
    byte[] image = TdpIndex.encode(CSV);
    ByteBuffer b = ByteBuffer.wrap(image);
    for (int at = 32; at < image.length; at += 12) {
      b.putInt(at + 8, 1);
    }
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(image, 32, image.length - 32);
    b.putLong(24, crc.getValue());
    String e = refused(image, CSV);
    assertTrue(e.contains("points to byte 1, where no line of cpu_power.csv starts"), e);
  }

  @Test
  void aTableWhoseLinesTheIndexCannotFindIsRefusedAtBuildTime() {
    // A lone carriage return ends a line for the CSV reader but not for the index's line offsets.
    byte[] csv = "Name,TDP\nFoo X100,50\rBar Y200,60\nBaz Z300,70\n".getBytes(StandardCharsets.UTF_8);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TdpIndex.encode(csv));
    assertTrue(String.valueOf(e.getMessage()).contains("line 2 is not the text the index would point to"), e.getMessage());
  }
}
