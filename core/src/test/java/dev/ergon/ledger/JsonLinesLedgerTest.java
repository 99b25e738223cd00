package dev.ergon.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.ergon.Configuration;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesLedgerTest {

  @TempDir
  Path dir;

  private final RecordJson json = new RecordJson();

  @Test
  void recordsRoundTripExactlyIncludingEscapes() {
    EnergyRecord r = Records.sample(Records.id(1), 123_456_789_012L);
    String line = json.toJson(r);
    assertTrue(!line.contains("\n"), "one line: " + line);
    assertTrue(line.contains("\"energy_uj\":123456789012"), line);
    assertEquals(r, json.fromJson(line));
  }

  @Test
  void appendedRecordsSurviveReopenAndRepeatedIdsReadOnce() {
    Path file = dir.resolve("sub/ledger.jsonl");
    EnergyRecord a = Records.sample(Records.id(1), 1);
    EnergyRecord b = Records.sample(Records.id(2), 2);
    try (JsonLinesLedger l = JsonLinesLedger.open(file)) {
      l.append(a);
      l.append(b);
      l.append(a);
    }
    try (JsonLinesLedger l = JsonLinesLedger.open(file, SyncPolicy.async(Duration.ofSeconds(1)))) {
      assertEquals(List.of(a, b), l.records());
      l.append(a);
    }
    assertEquals(List.of(a, b), JsonLinesLedger.read(file));
  }

  @Test
  void checkpointsThenTheFinalRecordReadAsTheFinalRecordAndADanglingJobAsPartial() {
    Path file = dir.resolve("ledger.jsonl");
    String done = Records.id(1);
    String killed = Records.id(2);
    try (JsonLinesLedger l = JsonLinesLedger.open(file)) {
      l.append(Records.sample(done, 10, RecordStatus.OPEN, 10));
      l.append(Records.sample(killed, 5, RecordStatus.OPEN, 10));
      l.append(Records.sample(done, 20, RecordStatus.OPEN, 20));
      l.append(Records.sample(killed, 7, RecordStatus.OPEN, 30));
      l.append(Records.sample(done, 30, RecordStatus.COMPLETE, 30));
      l.append(Records.sample(done, 20, RecordStatus.OPEN, 20)); // a late checkpoint never beats the final record
    }
    List<EnergyRecord> read = JsonLinesLedger.read(file);
    assertEquals(2, read.size());
    assertEquals(Records.sample(done, 30, RecordStatus.COMPLETE, 30), read.get(0));
    EnergyRecord partial = read.get(1);
    assertEquals(RecordStatus.PARTIAL, partial.status());
    assertEquals(7, partial.total().toBigMicrojoules().longValueExact(), "energy up to the last checkpoint, once");
    assertEquals(List.of(RecordSets.DANGLING), partial.problems());
  }

  @Test
  void aTornLastLineIsSetAsideByTheNextWriterAndSkippedByReaders() throws IOException {
    Path file = dir.resolve("ledger.jsonl");
    EnergyRecord a = Records.sample(Records.id(1), 1);
    try (JsonLinesLedger l = JsonLinesLedger.open(file)) {
      l.append(a);
    }
    String torn = "{\"schema\":1,\"id\":\"" + Records.id(2) + "\",\"na";
    Files.writeString(file, torn, StandardOpenOption.APPEND);
    JsonLinesLedger.ReadResult lenient = JsonLinesLedger.readLenient(file);
    assertEquals(List.of(a), lenient.records());
    assertTrue(lenient.problems().get(0).startsWith(file + ":3: last line has no newline"), lenient.problems()
        .toString());
    assertEquals(List.of(a), JsonLinesLedger.read(file), "never acknowledged, so strict reading skips it too");
    try (JsonLinesLedger l = JsonLinesLedger.open(file)) {
      assertTrue(l.problems().get(0).contains("torn"), l.problems().toString());
      l.append(Records.sample(Records.id(3), 3));
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> sides = s.filter(p -> p.getFileName().toString().startsWith("ledger.jsonl.torn-")).toList();
      assertEquals(1, sides.size());
      assertEquals(torn, Files.readString(sides.get(0)));
    }
    assertEquals(2, JsonLinesLedger.read(file).size());
  }

  @Test
  void oldLinesCorruptHugeOrDuplicatedNeverStopAnAppend() throws IOException {
    Path file = dir.resolve("ledger.jsonl");
    String good = json.toJson(Records.sample(Records.id(1), 1));
    String conflicting = json.toJson(Records.sample(Records.id(1), 1000));
    StringBuilder huge = new StringBuilder("{\"schema\":1,\"name\":\"");
    huge.append("x".repeat(LedgerReader.MAX_LINE_BYTES + 10)).append("\"}");
    Files.writeString(file, good + "\n" + "not json\n" + "{\"schema\":1,\"units\":99999999999999999999999}\n"
        + huge + "\n" + conflicting + "\n");
    try (JsonLinesLedger l = JsonLinesLedger.open(file)) {
      assertEquals(List.of(), l.problems(), "opening reads only the last byte");
      l.append(Records.sample(Records.id(2), 2));
    }
    JsonLinesLedger.ReadResult r = JsonLinesLedger.readLenient(file);
    assertEquals(List.of(Records.sample(Records.id(2), 2)), r.records(), "the conflicting pair is excluded");
    assertEquals(4, r.problems().size(), r.problems().toString());
    assertTrue(r.problems().get(2).startsWith(file + ":4: line is "), r.problems().get(2));
  }

  /** Opening checks the tail only, so a 10 GB ledger (sparse here) opens as fast as an empty one. */
  @Test
  void openingAndAppendingCostTheSameForAHugeLedger() throws IOException {
    Path file = dir.resolve("huge.jsonl");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(10L << 30);
      f.seek((10L << 30) - 1);
      f.write('\n');
    }
    long t0 = System.nanoTime();
    try (JsonLinesLedger l = JsonLinesLedger.open(file)) {
      l.append(Records.sample(Records.id(1), 1));
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(millis < 2_000, "open + append took " + millis + " ms");
    RecordJson.EncodedRecord e = json.encode(Records.sample(Records.id(1), 1));
    assertEquals((10L << 30) + e.descriptionLine().length + e.line().length, Files.size(file));
  }

  @Test
  void mergingIsIdempotentAndOrderIndependent() {
    qt().forAll(lists().of(integers().between(0, 30)).ofSizeBetween(0, 20),
            lists().of(integers().between(0, 30)).ofSizeBetween(0, 20))
        .checkAssert((xs, ys) -> {
          List<EnergyRecord> a = new ArrayList<>();
          xs.forEach(i -> a.add(checkpointOrFinal(i)));
          List<EnergyRecord> b = new ArrayList<>();
          ys.forEach(i -> b.add(checkpointOrFinal(i)));
          List<EnergyRecord> ab = RecordSets.union(List.of(a, b));
          List<EnergyRecord> shuffled = new ArrayList<>(b);
          Collections.reverse(shuffled);
          assertEquals(ab, RecordSets.union(List.of(shuffled, a)));
          assertEquals(ab, RecordSets.union(List.of(a, b, a, ab)));
          assertEquals(ab.size(), ab.stream().map(EnergyRecord::id).distinct().count());
        });
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordSets.union(
        List.of(List.of(Records.sample(Records.id(7), 1)), List.of(Records.sample(Records.id(7), 2)))));
    assertTrue(String.valueOf(e.getMessage()).contains(Records.id(7)));
  }

  /** Ids 0..9 with states: i % 3 == 0 is the final record, others are checkpoints ending at i seconds. */
  private static EnergyRecord checkpointOrFinal(int i) {
    int job = i % 10;
    boolean fin = i / 10 == 0;
    return fin ? Records.sample(Records.id(100 + job), 1000, RecordStatus.COMPLETE, 100)
        : Records.sample(Records.id(100 + job), i, RecordStatus.OPEN, i);
  }

  @Test
  void newFilesAreOwnerOnlyAndNewDirectoriesToo() throws IOException {
    Path file = dir.resolve("a/b/ledger.jsonl");
    try (JsonLinesLedger l = JsonLinesLedger.open(file)) {
      l.append(Records.sample(Records.id(1), 1));
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a"))));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))));
  }

  @Test
  void theDefaultPathPrefersXdgThenHomeThenThePasswordDatabase() {
    assertEquals(Path.of("/x/ergon/ledger.jsonl"),
        JsonLinesLedger.defaultPath(Map.of("XDG_DATA_HOME", "/x", "HOME", "/h"), "/p"));
    assertEquals(Path.of("/h/.local/share/ergon/ledger.jsonl"),
        JsonLinesLedger.defaultPath(Map.of("XDG_DATA_HOME", "relative", "HOME", "/h"), "/p"));
    assertEquals(Path.of("/p/.local/share/ergon/ledger.jsonl"), JsonLinesLedger.defaultPath(Map.of(), "/p"));
    LedgerException e = assertThrows(LedgerException.class, () -> JsonLinesLedger.defaultPath(Map.of(), "?"));
    assertTrue(String.valueOf(e.getMessage()).contains("set HOME"), e.getMessage());
  }

  @Test
  void syncAndRotationComeFromConfigurationAndBadValuesAreNamed() {
    assertEquals(SyncPolicy.GROUP, JsonLinesLedger.syncPolicy(Configuration.empty()));
    assertEquals(SyncPolicy.RECORD, JsonLinesLedger.syncPolicy(Configuration.of(Map.of("ergon.ledger.sync",
        "record"))));
    assertEquals(SyncPolicy.async(Duration.ofMillis(250)), JsonLinesLedger.syncPolicy(
        Configuration.of(Map.of("ergon.ledger.sync", "async:250ms"))));
    assertEquals(Rotation.bySize(512L << 20), JsonLinesLedger.rotation(Configuration.of(Map.of(
        "ergon.ledger.rotate", "size:512m"))));
    assertEquals(Rotation.MONTHLY, JsonLinesLedger.rotation(Configuration.of(Map.of("ergon.ledger.rotate",
        "monthly"))));
    for (String bad : List.of("fast", "async", "async:0ms", "async:-1s", "async:10parsecs")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> JsonLinesLedger.syncPolicy(Configuration.of(Map.of("ergon.ledger.sync", bad))));
      String m = String.valueOf(e.getMessage());
      assertTrue(m.contains("ergon.ledger.sync") && m.contains("'" + bad + "'") && m.contains("setting")
          && m.contains("async:<period>"), m);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JsonLinesLedger.rotation(Configuration.of(Map.of("ergon.ledger.rotate", "weekly"))));
    assertTrue(String.valueOf(e.getMessage()).contains("size:<bytes>"), e.getMessage());
  }

  @Test
  void sizeRotationCutsPartsThatReadersFindThroughTheDirectoryOrAGlob() throws IOException {
    Path base = dir.resolve("led/ledger.jsonl");
    int lineBytes = json.encode(Records.sample(Records.id(0), 0)).line().length;
    try (JsonLinesLedger l = JsonLinesLedger.open(base, SyncPolicy.GROUP, Rotation.bySize(3L * lineBytes))) {
      for (int i = 0; i < 10; i++) {
        l.append(Records.sample(Records.id(i), i));
      }
      assertEquals(10, l.records().size());
    }
    List<Path> parts = LedgerReader.files(dir.resolve("led").toString());
    assertTrue(parts.size() >= 3, parts.toString());
    int total = 0;
    for (int i = 0; i < parts.size(); i++) {
      assertEquals(dir.resolve("led/ledger." + i + ".jsonl"), parts.get(i));
      total += JsonLinesLedger.read(parts.get(i)).size(); // each part stands alone (its own descriptions)
      assertTrue(Files.size(parts.get(i)) < 3L * lineBytes + lineBytes + 1024, "cut near the size");
    }
    assertEquals(10, total);
    assertEquals(10, LedgerReader.read(parts, true).records().size());
    assertEquals(10, JsonLinesLedger.read(Path.of(dir + "/led/ledger.*.jsonl")).size());
    assertEquals(10, JsonLinesLedger.read(dir.resolve("led")).size());
  }

  @Test
  void monthlyRotationNamesPartsByUtcMonth() {
    Path base = dir.resolve("ledger.jsonl");
    java.time.Instant[] now = {java.time.Instant.parse("2026-04-30T23:59:59Z")};
    try (JsonLinesLedger l = new JsonLinesLedger(base, SyncPolicy.GROUP, Rotation.MONTHLY,
        JsonLinesLedger.ChannelOpener.REAL, () -> now[0])) {
      l.append(Records.sample(Records.id(1), 1));
      now[0] = java.time.Instant.parse("2026-05-01T00:00:00Z");
      l.append(Records.sample(Records.id(2), 2));
    }
    assertEquals(1, JsonLinesLedger.read(dir.resolve("ledger.2026-04.jsonl")).size());
    assertEquals(1, JsonLinesLedger.read(dir.resolve("ledger.2026-05.jsonl")).size());
  }

  /** Issue #12, item 8: descriptions once per ledger part, records refer to them; the API sees full records. */
  @Test
  void schemaTwoWritesChannelDescriptionsOnceAndReadsBackFullProvenance() throws IOException {
    Path file = dir.resolve("ledger.jsonl");
    List<EnergyRecord> written = new ArrayList<>();
    try (JsonLinesLedger l = JsonLinesLedger.open(file)) {
      for (int i = 0; i < 20; i++) {
        EnergyRecord r = EstimateLikeRecord.make(Records.id(i), 1_000_000L + i);
        l.append(r);
        written.add(r);
      }
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(21, lines.size());
    assertTrue(lines.get(0).contains("\"type\":\"channels\""), lines.get(0));
    assertEquals(written, JsonLinesLedger.read(file));
    int compact = lines.get(1).getBytes(StandardCharsets.UTF_8).length + 1;
    int full = json.toJson(written.get(1)).getBytes(StandardCharsets.UTF_8).length + 1;
    assertTrue(compact <= 600, "a typical estimate-meter record takes " + compact + " B (schema 1: " + full + ")");
    // Schema 1 lines (0.1 ledgers, or --json output) stay readable beside schema 2.
    EnergyRecord old = Records.sample(Records.id(99), 5);
    Files.writeString(file, json.toJson(old) + "\n", StandardOpenOption.APPEND);
    assertEquals(21, JsonLinesLedger.read(file).size());
    // A record whose description is missing, or altered, is a line error, never a guess.
    Files.writeString(file, lines.get(1) + "\n", StandardCharsets.UTF_8);
    assertTrue(JsonLinesLedger.readLenient(file).problems().get(0).contains("channels_ref"));
  }

  @Test
  void aClosedLedgerRefusesAppends() {
    JsonLinesLedger l = JsonLinesLedger.open(dir.resolve("ledger.jsonl"));
    l.close();
    l.close();
    assertThrows(IllegalStateException.class, () -> l.append(Records.sample(Records.id(1), 1)));
    assertFalse(Files.exists(dir.resolve("ledger.jsonl.torn")));
  }
}
