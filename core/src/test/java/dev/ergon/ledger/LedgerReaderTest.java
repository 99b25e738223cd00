package dev.ergon.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.ergon.EnergyRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #12, item 3: reading is total; every bad line is named with file, line and field. */
class LedgerReaderTest {

  @TempDir
  Path dir;

  private final RecordJson json = new RecordJson();
  private final String good = json.toJson(Records.sample(Records.id(1), 10));

  private void assertBadLine(String line, String field) throws IOException {
    Path file = Files.writeString(dir.resolve("l.jsonl"), good.replace(Records.id(1), Records.id(2)) + "\n" + line
        + "\n");
    LedgerException e = assertThrows(LedgerException.class, () -> JsonLinesLedger.read(file), line);
    String m = String.valueOf(e.getMessage());
    assertTrue(m.startsWith(file + ":2: ") && m.contains(field), m);
    JsonLinesLedger.ReadResult r = JsonLinesLedger.readLenient(file);
    assertEquals(1, r.records().size());
    assertEquals(1, r.problems().size());
    assertTrue(r.problems().get(0).startsWith(file + ":2: ") && r.problems().get(0).contains(field),
        r.problems().toString());
  }

  @Test
  void outOfRangeNumbersAreLineErrorsNamingTheField() throws IOException {
    assertBadLine(good.replace("\"units\":7", "\"units\":9223372036854775808"), "'units'");
    assertBadLine(good.replace("\"energy_uj\":10,\"measured_uj\":15", "\"energy_uj\":10,\"measured_uj\":"
        + "92233720368547758080000000"), "channels[0]: field 'measured_uj' is out of range");
    assertBadLine(good.replace("\"dropped_intervals\":0", "\"dropped_intervals\":4294967296"),
        "'dropped_intervals'");
    assertBadLine(good.replace("\"schema\":1", "\"schema\":99999999999999999999"), "'schema'");
  }

  @Test
  void nonsenseSpansAndIdsAreLineErrors() throws IOException {
    assertBadLine(good.replace("\"end\":\"2026-05-01T12:00:10Z\"", "\"end\":\"2526-05-01T12:00:10Z\""),
        "span");
    assertBadLine(good.replace("\"start\":\"2026-05-01T12:00:00Z\",\"end\":\"2026-05-01T13:00:00Z\"",
        "\"start\":\"2027-05-01T12:00:00Z\",\"end\":\"2027-05-01T13:00:00Z\""), "buckets[0]: the bucket");
    assertBadLine(good.replace(Records.id(1), "id-a"), "field 'id' is not a UUID");
    assertBadLine(good.replace("\"parent_id\":null", "\"parent_id\":\"x\""), "field 'parent_id' is not a UUID");
    assertBadLine(good.replace("\"energy_uj\":10,", "\"energy_uj\":10,\"children_uj\":11,"),
        "channels[0]: channel cpu/package-0: children's");
    assertBadLine(good.replace("\"start\":\"2026-05-01T12:00:00Z\"", "\"start\":\"+99999-05-01T12:00:00Z\""),
        "'start'");
  }

  @Test
  void conflictingDuplicatesFailStrictlyNamingBothPlacesInEitherOrder() throws IOException {
    String a = json.toJson(Records.sample(Records.id(5), 1));
    String b = json.toJson(Records.sample(Records.id(5), 1000));
    for (List<String> order : List.of(List.of(a, b), List.of(b, a))) {
      Path file = Files.write(dir.resolve("d.jsonl"), order, StandardCharsets.UTF_8);
      LedgerException e = assertThrows(LedgerException.class, () -> JsonLinesLedger.read(file));
      assertTrue(String.valueOf(e.getMessage()).contains(file + ":1") && String.valueOf(e.getMessage())
          .contains(file + ":2"), e.getMessage());
      JsonLinesLedger.ReadResult r = JsonLinesLedger.readLenient(file);
      assertEquals(List.of(), r.records(), "both excluded, never one silently chosen");
      assertTrue(r.problems().get(0).contains("conflicting duplicate"), r.problems().toString());
    }
    Path x = Files.write(dir.resolve("x.jsonl"), List.of(a), StandardCharsets.UTF_8);
    Path y = Files.write(dir.resolve("y.jsonl"), List.of(b), StandardCharsets.UTF_8);
    LedgerException across = assertThrows(LedgerException.class, () -> LedgerReader.read(List.of(x, y), true));
    assertTrue(String.valueOf(across.getMessage()).contains(x + ":1") && String.valueOf(across.getMessage())
        .contains(y + ":1"), across.getMessage());
  }

  /** Any single-byte damage to a line is either still a valid record or a line error; reading never throws else. */
  @Test
  void anyDamagedLineIsALineErrorNeverAnotherException() {
    byte[] bytes = good.getBytes(StandardCharsets.UTF_8);
    qt().withExamples(400).forAll(integers().between(0, bytes.length - 1), integers().between(0, 127))
        .checkAssert((at, value) -> {
          byte[] damaged = bytes.clone();
          damaged[at] = (byte) (value == '\n' ? ' ' : (int) value);
          Path file = dir.resolve("q.jsonl");
          try {
            Files.write(file, concat(damaged, new byte[] {'\n'}));
          } catch (IOException e) {
            throw new AssertionError(e);
          }
          JsonLinesLedger.ReadResult r = JsonLinesLedger.readLenient(file);
          assertEquals(1, r.records().size() + r.problems().size(), r.problems().toString());
          for (String p : r.problems()) {
            assertTrue(p.startsWith(file + ":1: "), p);
          }
        });
  }

  @Test
  void streamingHandsOverCheckpointsAsWritten() throws IOException {
    String open = json.toJson(Records.sample(Records.id(1), 5, dev.ergon.RecordStatus.OPEN, 5));
    Path file = Files.writeString(dir.resolve("s.jsonl"), open + "\n" + good + "\n");
    List<EnergyRecord> seen = new java.util.ArrayList<>();
    long bad = LedgerReader.forEach(file, true, (r, where) -> seen.add(r));
    assertEquals(0, bad);
    assertEquals(List.of(json.fromJson(open), json.fromJson(good)), seen);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
