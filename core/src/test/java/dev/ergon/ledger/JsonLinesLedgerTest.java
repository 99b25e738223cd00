package dev.ergon.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.ergon.EnergyRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesLedgerTest {

  @TempDir
  Path dir;

  @Test
  void recordsRoundTripExactlyIncludingEscapes() {
    EnergyRecord r = Records.sample("0190a000-0000-7000-8000-000000000001", 123_456_789_012L);
    RecordJson json = new RecordJson();
    String line = json.toJson(r);
    assertTrue(!line.contains("\n"), "one line: " + line);
    assertTrue(line.contains("\"energy_uj\":123456789012"), line);
    assertEquals(r, json.fromJson(line));
  }

  @Test
  void appendedRecordsSurviveReopenAndDuplicatesAreIgnored() {
    Path file = dir.resolve("sub/ledger.jsonl");
    EnergyRecord a = Records.sample("id-a", 1);
    EnergyRecord b = Records.sample("id-b", 2);
    try (JsonLinesLedger l = JsonLinesLedger.open(file)) {
      l.append(a);
      l.append(b);
      l.append(a);
    }
    try (JsonLinesLedger l = JsonLinesLedger.open(file, SyncPolicy.grouped(Duration.ofSeconds(1)))) {
      assertEquals(List.of(a, b), l.records());
      l.append(a);
    }
    assertEquals(List.of(a, b), JsonLinesLedger.read(file));
  }

  @Test
  void aTornLastLineIsQuarantinedOnOpen() throws IOException {
    Path file = dir.resolve("ledger.jsonl");
    EnergyRecord a = Records.sample("id-a", 1);
    try (JsonLinesLedger l = JsonLinesLedger.open(file)) {
      l.append(a);
    }
    String torn = "{\"schema\":1,\"id\":\"id-b\",\"na";
    Files.writeString(file, torn, StandardOpenOption.APPEND);
    LedgerException strict = assertThrows(LedgerException.class, () -> JsonLinesLedger.read(file));
    assertTrue(String.valueOf(strict.getMessage()).contains(file + ":2"), strict.getMessage());
    try (JsonLinesLedger l = JsonLinesLedger.open(file)) {
      assertEquals(List.of(a), l.records());
      assertTrue(l.problems().get(0).contains("torn"), l.problems().toString());
      l.append(Records.sample("id-c", 3));
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> sides = s.filter(p -> p.getFileName().toString().startsWith("ledger.jsonl.torn-")).toList();
      assertEquals(1, sides.size());
      assertEquals(torn, Files.readString(sides.get(0)));
    }
    assertEquals(2, JsonLinesLedger.read(file).size());
  }

  @Test
  void aCorruptedLineIsNamedAndTheRestIsReadableLeniently() throws IOException {
    Path file = dir.resolve("ledger.jsonl");
    RecordJson json = new RecordJson();
    List<String> lines = List.of(json.toJson(Records.sample("id-a", 1)), "{\"schema\":1,\"id\":\"x\"}",
        json.toJson(Records.sample("id-c", 3)), "not json at all");
    Files.write(file, lines, StandardCharsets.UTF_8);
    LedgerException e = assertThrows(LedgerException.class, () -> JsonLinesLedger.read(file));
    assertTrue(String.valueOf(e.getMessage()).contains(file + ":2:"), e.getMessage());
    assertTrue(String.valueOf(e.getMessage()).contains("lenient"), e.getMessage());
    JsonLinesLedger.ReadResult r = JsonLinesLedger.readLenient(file);
    assertEquals(2, r.records().size());
    assertEquals(2, r.problems().size());
    assertTrue(r.problems().get(1).startsWith(file + ":4:"), r.problems().toString());
    // Opening for append still works and keeps the bad lines' descriptions.
    try (JsonLinesLedger l = JsonLinesLedger.open(file)) {
      assertEquals(2, l.problems().size());
      l.append(Records.sample("id-d", 4));
    }
  }

  @Test
  void inconsistentRecordsAreRefused() {
    RecordJson json = new RecordJson();
    String good = json.toJson(Records.sample("id-a", 10));
    assertThrows(IllegalArgumentException.class, () -> json.fromJson(good.replace("\"total_uj\":10", "\"total_uj\":11")));
    assertThrows(IllegalArgumentException.class, () -> json.fromJson(good.replace("\"counter\"", "\"guess\"")));
    assertThrows(IllegalArgumentException.class, () -> json.fromJson(good.replace("\"units\":7", "\"units\":-7")));
    assertThrows(IllegalArgumentException.class, () -> json.fromJson(good.replace("\"schema\":1", "\"schema\":2")));
    assertThrows(IllegalArgumentException.class, () -> json.fromJson(good + "x"));
  }

  @Test
  void mergingIsIdempotentAndOrderIndependent() {
    qt().forAll(lists().of(integers().between(0, 30)).ofSizeBetween(0, 20),
            lists().of(integers().between(0, 30)).ofSizeBetween(0, 20))
        .checkAssert((xs, ys) -> {
          List<EnergyRecord> a = new ArrayList<>();
          xs.forEach(i -> a.add(Records.sample("id-" + (100 + i), i)));
          List<EnergyRecord> b = new ArrayList<>();
          ys.forEach(i -> b.add(Records.sample("id-" + (100 + i), i)));
          List<EnergyRecord> ab = RecordSets.union(List.of(a, b));
          List<EnergyRecord> shuffled = new ArrayList<>(b);
          Collections.reverse(shuffled);
          assertEquals(ab, RecordSets.union(List.of(shuffled, a)));
          assertEquals(ab, RecordSets.union(List.of(a, b, a, ab)));
          assertEquals(ab.size(), ab.stream().map(EnergyRecord::id).distinct().count());
        });
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordSets.union(
        List.of(List.of(Records.sample("same", 1)), List.of(Records.sample("same", 2)))));
    assertTrue(String.valueOf(e.getMessage()).contains("same"));
  }
}
