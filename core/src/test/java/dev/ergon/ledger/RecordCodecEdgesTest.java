package dev.ergon.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.ChannelKind;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The record codec at its edges: buffer growth from a fresh encoder, changed descriptions, limits of fields. */
class RecordCodecEdgesTest {
  private static final Instant START = Instant.parse("2026-05-01T12:00:00Z");
  /** One piece of each UTF-8/escape width: 1 byte, 2 bytes, 3 bytes, a 6-byte escape, a 12-byte escaped pair. */
  private static final String[] PIECES = {"a", "é", "€", "\u0001", "\ud83d\ude00", "\""};

  private final RecordJson json = new RecordJson();

  private static ChannelEnergy channel(String id, ChannelKind kind, String device, Method method, double u,
      List<String> notes, String meter) {
    Energy e = Energy.ofMicrojoules(1_500_000);
    return new ChannelEnergy(id, meter, kind, device, method, u, e, e, 0, notes);
  }

  private static final ChannelEnergy BASE = channel("cpu/package-0", ChannelKind.CPU_PACKAGE, "socket 0",
      Method.COUNTER, 0.05, List.of("note"), "powercap");

  private static EnergyRecord record(long n, String name, String host, List<ChannelEnergy> channels) {
    return new EnergyRecord(Records.id(n), null, name, Tags.of("k", "v"), host, "DE", START, START.plusSeconds(10),
        1, Attribution.MACHINE, channels, List.of(), RecordStatus.COMPLETE, List.of(), null);
  }

  /** Encodes on a new thread, whose encoder starts with its smallest buffer. */
  private RecordJson.EncodedRecord encodeFresh(EnergyRecord r) {
    AtomicReference<Object> out = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        out.set(json.encode(r));
      } catch (RuntimeException e) {
        out.set(e);
      }
    });
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    if (out.get() instanceof RecordJson.EncodedRecord e) {
      return e;
    }
    throw new AssertionError("encoding failed", (Throwable) out.get());
  }

  @Test
  void aFreshEncoderGrowsItsBufferForLongStringsOfEveryWidth() {
    qt().withExamples(400).forAll(integers().between(0, PIECES.length - 1), integers().between(0, 1500),
        integers().between(0, 400)).checkAssert((piece, n, hostLength) -> {
          String name = PIECES[piece].repeat(n);
          String host = "h" + PIECES[(piece + 3) % PIECES.length].repeat(hostLength);
          EnergyRecord r = record(n, name, host, List.of(BASE));
          RecordJson.EncodedRecord mine = encodeFresh(r);
          RecordJson.EncodedRecord reference = json.encodeWithJackson(r);
          assertArrayEquals(reference.line(), mine.line(), () -> name.length() + " units of " + PIECES[piece]);
          assertArrayEquals(reference.descriptionLine(), mine.descriptionLine());
        });
  }

  /** Leap days that end a 400-year era, and the first and last seconds the encoder writes by hand. */
  @Test
  void datesAtTheCalendarsEdgesAreWrittenAsJavaTimeWritesThem() {
    String[] texts = {"2000-02-29T00:00:00Z", "1600-02-29T23:59:59Z", "2400-02-29T12:00:00Z", "0000-02-29T00:00:00Z",
        "2000-03-01T00:00:00Z", "1900-02-28T00:00:00Z", "0000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z",
        "9999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"};
    for (String text : texts) {
      Instant t = Instant.parse(text);
      EnergyRecord r = new EnergyRecord(Records.id(9), null, "job", Tags.of(), "host", null, t, t.plusSeconds(1), 1,
          Attribution.MACHINE, List.of(BASE), List.of(), RecordStatus.COMPLETE, List.of(), null);
      String line = new String(json.encode(r).line(), StandardCharsets.UTF_8);
      assertTrue(line.contains("\"start\":\"" + text + "\""), text + ": " + line);
      assertArrayEquals(json.encodeWithJackson(r).line(), json.encode(r).line(), text);
    }
  }

  /**
   * A name of k control characters (6 bytes each, as reserved) and m letters (1 byte, 6 reserved) shifts the later
   * fields byte by byte, so that each number and date in turn meets the end of a fresh 1 KiB buffer.
   */
  @Test
  void everyLaterFieldCanMeetTheEndOfAFreshBuffer() {
    for (int k = 100; k <= 170; k++) {
      for (int m = 0; m < 6; m++) {
        EnergyRecord r = record(k, "\u0001".repeat(k) + "a".repeat(m), "host", List.of(BASE));
        assertArrayEquals(json.encodeWithJackson(r).line(), encodeFresh(r).line(), k + " + " + m);
      }
    }
  }

  @Test
  void everyChangeToAChannelDescriptionGivesANewEntry() {
    List<UnaryOperator<ChannelEnergy>> changes = List.of(
        c -> channel(c.channel(), ChannelKind.GPU, c.device(), c.method(), c.relativeUncertainty(), c.notes(),
            c.meter()),
        c -> channel(c.channel(), c.kind(), c.device(), Method.MODEL, c.relativeUncertainty(), c.notes(),
            c.meter()),
        c -> channel(c.channel(), c.kind(), c.device(), c.method(), 0.25, c.notes(), c.meter()),
        c -> channel("cpu/package-1", c.kind(), c.device(), c.method(), c.relativeUncertainty(), c.notes(),
            c.meter()),
        c -> channel(c.channel(), c.kind(), "socket 1", c.method(), c.relativeUncertainty(), c.notes(),
            c.meter()),
        c -> channel(c.channel(), c.kind(), c.device(), c.method(), c.relativeUncertainty(), List.of("other"),
            c.meter()),
        c -> channel(c.channel(), c.kind(), c.device(), c.method(), c.relativeUncertainty(), c.notes(), "rapl"));
    for (UnaryOperator<ChannelEnergy> change : changes) {
      EnergyRecord before = record(1, "job", "host", List.of(BASE));
      EnergyRecord after = record(2, "job", "host", List.of(change.apply(BASE)));
      RecordJson.EncodedRecord first = json.encode(before);
      RecordJson.EncodedRecord second = json.encode(after); // right after: the encoder's last descriptions differ
      RecordJson.EncodedRecord reference = json.encodeWithJackson(after);
      assertEquals(reference.descriptionDigest(), second.descriptionDigest());
      assertTrue(!String.valueOf(first.descriptionDigest()).equals(second.descriptionDigest()));
      assertArrayEquals(reference.descriptionLine(), second.descriptionLine());
      RecordJson.LineDecoder d = json.lineDecoder();
      assertNull(d.read(new String(second.descriptionLine(), StandardCharsets.UTF_8).strip()));
      assertEquals(after, d.read(new String(second.line(), StandardCharsets.UTF_8).strip()));
    }
  }

  @Test
  void aRecordWithoutChannelsRefersToTheEntryOfTheEmptyList() throws Exception {
    EnergyRecord none = record(3, "job", "host", List.of());
    // the digest is the first 64 bits of SHA-256("[]"), in hex
    byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest("[]".getBytes(StandardCharsets.UTF_8));
    String digest = java.util.HexFormat.of().formatHex(sha, 0, 8);
    assertEquals(digest, json.channelsRef(none));
    assertEquals("{\"schema\":2,\"type\":\"channels\",\"digest\":\"" + digest + "\",\"channels\":[]}",
        json.channelEntry(none));
    RecordJson.LineDecoder d = json.lineDecoder();
    assertNull(d.read(java.util.Objects.requireNonNull(json.channelEntry(none))));
    assertEquals(none, d.read(new String(json.toLedgerLine(none), StandardCharsets.UTF_8).strip()));
  }

  @Test
  void theChannelEntryIsTheDescriptionLineWithoutItsNewlineAndItsDigestIsTheReference() {
    EnergyRecord r = record(4, "job", "host", List.of(BASE));
    String entry = java.util.Objects.requireNonNull(json.channelEntry(r));
    String ref = java.util.Objects.requireNonNull(json.channelsRef(r));
    assertTrue(ref.matches("[0-9a-f]{16}"), ref);
    assertTrue(!entry.endsWith("\n") && entry.startsWith("{") && entry.endsWith("}")
        && entry.contains(ref), entry);
    String line = new String(json.toLedgerLine(r), StandardCharsets.UTF_8);
    assertTrue(line.contains("\"" + ref + "\""), line);
    RecordJson.LineDecoder d = json.lineDecoder();
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> d.read(line.strip()));
    assertTrue(String.valueOf(unknown.getMessage()).contains(ref), unknown.getMessage());
    assertNull(d.read(entry));
    assertEquals(r, d.read(line.strip()));
  }

  @Test
  void childrenAndIntegerUncertaintiesSurviveTheSchemaOneForm() {
    Energy e = Energy.ofMicrojoules(2_000_000);
    ChannelEnergy parent = new ChannelEnergy("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "socket 0",
        Method.COUNTER, 0.0, e, e, 0, List.of(), Energy.ofMicrojoules(750_000));
    EnergyRecord r = record(5, "job", "host", List.of(parent));
    String text = json.toJson(r);
    assertTrue(text.contains("\"energy_uj\":2000000,\"measured_uj\":2000000,\"children_uj\":750000,"), text);
    assertEquals(r, json.fromJson(text));
    EnergyRecord whole = json.fromJson(text.replace("\"uncertainty\":0.0", "\"uncertainty\":1"));
    assertEquals(1.0, whole.channels().get(0).relativeUncertainty());
  }

  @Test
  void fieldsAtTheirLimitsAreReadAndOnePastIsRefused() {
    String text = json.toJson(record(6, "job", "host", List.of(BASE)));
    assertTrue(text.contains("\"units\":1,") && text.contains("\"dropped_intervals\":0"), text);
    assertEquals(0, json.fromJson(text.replace("\"units\":1,", "\"units\":0,")).units());
    assertEquals(Integer.MAX_VALUE, json.fromJson(text.replace("\"dropped_intervals\":0",
        "\"dropped_intervals\":2147483647")).channels().get(0).droppedIntervals());
    IllegalArgumentException over = assertThrows(IllegalArgumentException.class, () -> json.fromJson(
        text.replace("\"dropped_intervals\":0", "\"dropped_intervals\":2147483648")));
    assertTrue(String.valueOf(over.getMessage()).contains("field 'dropped_intervals' is out of range: 2147483648 "
        + "(expected 0 to 2147483647)"), over.getMessage());
    IllegalArgumentException under = assertThrows(IllegalArgumentException.class, () -> json.fromJson(
        text.replace("\"units\":1,", "\"units\":-1,")));
    assertTrue(String.valueOf(under.getMessage()).contains("field 'units' is out of range: -1 (expected 0 to "
        + Long.MAX_VALUE + ")"), under.getMessage());
  }

  @Test
  void aJobOfExactly3660DaysAndABucketOfExactly366DaysAreRead() {
    Instant end = START.plus(Duration.ofDays(3660));
    EnergyRecord longest = new EnergyRecord(Records.id(7), null, "job", Tags.of(), "host", null, START, end, 1,
        Attribution.MACHINE, List.of(BASE), List.of(new BucketEnergy(START, START.plus(Duration.ofDays(366)),
            Energy.ofMicrojoules(1_500_000))), RecordStatus.COMPLETE, List.of(), null);
    String text = json.toJson(longest);
    assertEquals(longest, json.fromJson(text));
    RecordJson.LineDecoder d = json.lineDecoder();
    RecordJson.EncodedRecord e = json.encode(longest);
    assertNull(d.read(new String(e.descriptionLine(), StandardCharsets.UTF_8).strip()));
    assertEquals(longest, d.read(new String(e.line(), StandardCharsets.UTF_8).strip()), "and in the ledger form");
    String tooLong = text.replace("\"end\":\"" + end + "\"", "\"end\":\"" + end.plusSeconds(1) + "\"");
    IllegalArgumentException job = assertThrows(IllegalArgumentException.class, () -> json.fromJson(tooLong));
    assertTrue(String.valueOf(job.getMessage()).contains("span 3660 days, more than the 3660"), job.getMessage());
    Instant bucketEnd = START.plus(Duration.ofDays(366));
    String longBucket = text.replace("\"end\":\"" + bucketEnd + "\"", "\"end\":\"" + bucketEnd.plusSeconds(1)
        + "\"");
    IllegalArgumentException bucket = assertThrows(IllegalArgumentException.class,
        () -> json.fromJson(longBucket));
    assertTrue(String.valueOf(bucket.getMessage()).contains("are not a bucket of positive length up to 366 days"),
        bucket.getMessage());
  }

  @Test
  void aBadIdIsQuotedWholeUpToSixtyCharactersAndCutAfter() {
    String text = json.toJson(record(8, "job", "host", List.of(BASE)));
    String sixty = "x".repeat(60);
    IllegalArgumentException whole = assertThrows(IllegalArgumentException.class,
        () -> json.fromJson(text.replace(Records.id(8), sixty)));
    assertTrue(String.valueOf(whole.getMessage()).contains("field 'id' is not a UUID: '" + sixty + "'"),
        whole.getMessage());
    IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
        () -> json.fromJson(text.replace(Records.id(8), sixty + "y")));
    assertTrue(String.valueOf(cut.getMessage()).contains("field 'id' is not a UUID: '" + sixty + "...'"),
        cut.getMessage());
  }
}
