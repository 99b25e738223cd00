package dev.ergon.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines that meet the reader's 64 KiB chunks and its size limit, blank lines, and which files a spec names. */
class LedgerReaderEdgesTest {
  private static final int CHUNK = 64 << 10;

  @TempDir
  Path dir;

  private final RecordJson json = new RecordJson();
  private final EnergyRecord r1 = Records.sample(Records.id(1), 10);
  private final EnergyRecord r2 = Records.sample(Records.id(2), 20);
  private final EnergyRecord r3 = Records.sample(Records.id(3), 30);

  private byte[] line(EnergyRecord r) {
    return json.toJson(r).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] spaces(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) ' ');
    return b;
  }

  private static byte[] join(byte[]... parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p);
    }
    return out.toByteArray();
  }

  private static final byte[] NL = {'\n'};

  @Test
  void aNewlineThatIsTheFirstByteOfTheSecondChunkEndsItsLine() throws IOException {
    byte[] a = line(r1);
    // line 1: record 1 and trailing blanks up to its newline at offset 65 536, the first byte of the second chunk.
    byte[] file = join(a, spaces(CHUNK - a.length), NL, line(r2), NL);
    assertEquals('\n', file[CHUNK]);
    Path f = Files.write(dir.resolve("l.jsonl"), file);
    assertEquals(List.of(r1, r2), JsonLinesLedger.read(f));
    assertEquals(0, LedgerReader.forEach(f, true, (r, where) -> { }));
  }

  @Test
  void aNewlineThatIsTheLastByteOfTheFirstChunkEndsItsLine() throws IOException {
    byte[] a = line(r1);
    byte[] blanks = spaces(CHUNK - 1 - (a.length + 1));
    byte[] file = join(a, NL, blanks, NL, line(r2), NL);
    assertEquals('\n', file[CHUNK - 1]);
    Path f = Files.write(dir.resolve("l.jsonl"), file);
    assertEquals(List.of(r1, r2), JsonLinesLedger.read(f));
  }

  @Test
  void aLongRecordLineSplitAcrossTwoChunksIsReassembled() throws IOException {
    // record 2 with 9 000 trailing blanks starts 3 000 bytes before the chunk boundary: its first 3 000 bytes (the
    // JSON and some blanks) come in chunk 1, the rest in chunk 2, and the line outgrows the reader's 4 096-byte buffer.
    byte[] a = line(r1);
    byte[] b = join(line(r2), spaces(9_000));
    byte[] blanks = spaces(CHUNK - 3_000 - (a.length + 1) - 1);
    byte[] file = join(a, NL, blanks, NL, b, NL, line(r3), NL);
    Path f = Files.write(dir.resolve("l.jsonl"), file);
    List<Long> lines = new ArrayList<>();
    List<EnergyRecord> seen = new ArrayList<>();
    LedgerReader.forEach(f, true, (r, where) -> {
      seen.add(r);
      lines.add(where.line());
    });
    assertEquals(List.of(r1, r2, r3), seen);
    assertEquals(List.of(1L, 3L, 4L), lines, "line numbers count the blank line");
  }

  @Test
  void blankLinesOfSpacesTabsAndCarriageReturnsAreSkipped() throws IOException {
    Path f = Files.write(dir.resolve("l.jsonl"), join(line(r1), NL, NL, " \t\r".getBytes(StandardCharsets.US_ASCII),
        NL, "  ".getBytes(StandardCharsets.US_ASCII), NL, line(r2), NL));
    assertEquals(List.of(r1, r2), JsonLinesLedger.read(f));
    List<String> problems = new ArrayList<>();
    long bad = LedgerReader.forEach(f, false, new LedgerReader.Visitor() {
      @Override
      public void record(EnergyRecord record, LedgerReader.Location where) { }

      @Override
      public void problem(String problem) {
        problems.add(problem);
      }
    });
    assertEquals(0, bad);
    assertEquals(List.of(), problems);
  }

  @Test
  void aLineOfExactlyTheLimitIsReadAndOneByteMoreIsAnErrorNamingItsLength() throws IOException {
    int max = LedgerReader.MAX_LINE_BYTES; // 16 MiB = 16 777 216 bytes
    byte[] rec = line(r2);
    // leading blanks, then the record, so that the record's closing brace is the limit's last byte
    Path f = Files.write(dir.resolve("max.jsonl"), join(line(r1), NL, spaces(max - rec.length), rec, NL));
    assertEquals(List.of(r1, r2), JsonLinesLedger.read(f));

    Path over = Files.write(dir.resolve("over.jsonl"), join(line(r1), NL, spaces(max + 1), NL, line(r3), NL));
    LedgerException e = assertThrows(LedgerException.class, () -> JsonLinesLedger.read(over));
    assertEquals(over + ":2: line is 16777217 bytes, longer than the 16777216 a record may have; fix or remove "
        + "that line, or read leniently (--lenient) to skip it", e.getMessage());
    JsonLinesLedger.ReadResult lenient = JsonLinesLedger.readLenient(over);
    assertEquals(List.of(r1, r3), lenient.records());
    assertEquals(List.of(over + ":2: line is 16777217 bytes, longer than the 16777216 a record may have"),
        lenient.problems());
  }

  @Test
  void aTornLastLineIsCountedAndNamedWithItsLength() throws IOException {
    Path f = Files.write(dir.resolve("t.jsonl"), join(line(r1), NL, "{\"sch".getBytes(StandardCharsets.US_ASCII)));
    List<String> problems = new ArrayList<>();
    long bad = LedgerReader.forEach(f, true, new LedgerReader.Visitor() {
      @Override
      public void record(EnergyRecord record, LedgerReader.Location where) { }

      @Override
      public void problem(String problem) {
        problems.add(problem);
      }
    });
    assertEquals(1, bad);
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).startsWith(f + ":2: last line has no newline (5 bytes:"), problems.get(0));
  }

  @Test
  void everyBadLineIsCountedAndItsMessageNamesNoJavaType() throws IOException {
    String good = json.toJson(r1);
    Path f = Files.write(dir.resolve("b.jsonl"), join(line(r1), NL,
        good.replace(Records.id(1), "x").getBytes(StandardCharsets.UTF_8), NL, "{".getBytes(StandardCharsets.UTF_8),
        NL, "[]".getBytes(StandardCharsets.UTF_8), NL));
    List<String> problems = new ArrayList<>();
    long bad = LedgerReader.forEach(f, false, new LedgerReader.Visitor() {
      @Override
      public void record(EnergyRecord record, LedgerReader.Location where) { }

      @Override
      public void problem(String problem) {
        problems.add(problem);
      }
    });
    assertEquals(3, bad);
    assertEquals(3, problems.size(), problems.toString());
    for (int i = 0; i < 3; i++) {
      String p = problems.get(i);
      assertTrue(p.startsWith(f + ":" + (i + 2) + ": "), p);
      assertFalse(p.contains("Exception") || p.contains("java."), p);
    }
  }

  @Test
  void globsWithEachWildcardMatchTheirFilesOnly() throws IOException {
    Path la = Files.writeString(dir.resolve("la.jsonl"), "");
    Path lb = Files.writeString(dir.resolve("lb.jsonl"), "");
    Files.writeString(dir.resolve("lcc.jsonl"), "");
    Files.writeString(dir.resolve("la.jsonl.lock"), "");
    assertEquals(List.of(la, lb), LedgerReader.files(dir + "/l?.jsonl"));
    assertEquals(List.of(la, lb), LedgerReader.files(dir + "/l[ab].jsonl"));
    assertEquals(List.of(la, lb), LedgerReader.files(dir + "/{la,lb}.jsonl"));
    assertEquals(List.of(dir.resolve("plain.jsonl")), LedgerReader.files(dir + "/plain.jsonl"),
        "no wildcard: the path as given, even if missing");
    LedgerException none = assertThrows(LedgerException.class, () -> LedgerReader.files(dir + "/z*.jsonl"));
    assertTrue(String.valueOf(none.getMessage()).startsWith("no ledger file matches " + dir + "/z*.jsonl"),
        none.getMessage());
  }

  @Test
  void aDirectoryListsItsLedgerFilesButNotSubdirectoriesOrSideFiles() throws IOException {
    Path a = Files.writeString(dir.resolve("a.jsonl"), "");
    Files.createDirectory(dir.resolve("d.jsonl"));
    Files.writeString(dir.resolve("a.jsonl.torn-17"), "");
    assertEquals(List.of(a), LedgerReader.files(dir.toString()));
  }

  @Test
  void aSlashOrDoubleStarInThePatternSearchesSubdirectories() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Path deep = Files.writeString(sub.resolve("la.jsonl"), "");
    Files.writeString(sub.resolve("la.jsonl.lock"), "");
    Path top = Files.writeString(dir.resolve("lb.jsonl"), "");
    Files.createDirectories(dir.resolve("lsub.jsonl"));
    assertEquals(List.of(deep), LedgerReader.files(dir + "/*/la.jsonl"));
    assertEquals(List.of(deep), LedgerReader.files(dir + "/*/l?.jsonl"), "the first wildcard starts the pattern");
    assertEquals(List.of(top, deep), LedgerReader.files(dir + "/**.jsonl"));
    assertEquals(List.of(top, deep), LedgerReader.files(dir + "/**l*"), "no side files, no directories");
  }

  @Test
  void thePartsOfALedgerAreItsBaseAndItsNumberedOrDatedSiblingsInNameOrder() throws IOException {
    Path base = Files.writeString(dir.resolve("ledger.jsonl"), "");
    Path p1 = Files.writeString(dir.resolve("ledger.1.jsonl"), "");
    Path p0 = Files.writeString(dir.resolve("ledger.0.jsonl"), "");
    Files.writeString(dir.resolve("other.0.jsonl"), "");
    Files.writeString(dir.resolve("ledger.jsonl.lock"), "");
    assertEquals(List.of(p0, p1, base), LedgerReader.parts(base));

    Path bare = Files.writeString(dir.resolve("book"), "");
    Path b0 = Files.writeString(dir.resolve("book.0"), "");
    Files.writeString(dir.resolve("book.lock"), "");
    Files.writeString(dir.resolve("book.torn-1700000000000"), "");
    assertEquals(List.of(bare, b0), LedgerReader.parts(bare));

    Files.writeString(dir.resolve(".other"), "");
    Path dot = Files.writeString(dir.resolve(".hidden"), "");
    Path dot0 = Files.writeString(dir.resolve(".hidden.0"), "");
    assertEquals(List.of(dot, dot0), LedgerReader.parts(dot), "a dot file has no extension");
  }
}
