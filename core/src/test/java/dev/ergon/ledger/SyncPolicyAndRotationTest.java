package dev.ergon.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text forms of the sync and rotation settings, their edges, and which part a size rotation writes. */
class SyncPolicyAndRotationTest {

  @TempDir
  Path dir;

  @Test
  void syncFormsParseToTheirPolicyAndPrintBack() {
    assertSame(SyncPolicy.RECORD, SyncPolicy.parse(" Record "));
    assertSame(SyncPolicy.GROUP, SyncPolicy.parse("GROUP"));
    assertEquals(SyncPolicy.async(Duration.ofMillis(250)), SyncPolicy.parse("async:250ms"));
    assertEquals(SyncPolicy.async(Duration.ofSeconds(3)), SyncPolicy.parse("async:3s"));
    assertEquals(SyncPolicy.async(Duration.ofMinutes(2)), SyncPolicy.parse("async:2m"));
    assertEquals(SyncPolicy.async(Duration.ofHours(1)), SyncPolicy.parse("async:1h"));
    assertEquals(SyncPolicy.async(Duration.ofMillis(1500)), SyncPolicy.parse("async:PT1.5S"));
    assertEquals("async:250ms", SyncPolicy.async(Duration.ofMillis(250)).toString());
    assertEquals("async:2000ms", SyncPolicy.async(Duration.ofSeconds(2)).toString());
    assertEquals("group", SyncPolicy.GROUP.toString());
    assertEquals("record", SyncPolicy.RECORD.toString());
  }

  @Test
  @SuppressWarnings("deprecation")
  void groupedWithNoDelayIsGroupAndWithADelayIsAsync() {
    assertSame(SyncPolicy.GROUP, SyncPolicy.grouped(Duration.ZERO));
    assertEquals(SyncPolicy.async(Duration.ofMillis(5)), SyncPolicy.grouped(Duration.ofMillis(5)));
  }

  @Test
  void aPeriodHasAtMostTwelveDigitsAndIsPositive() {
    // 999 999 999 999 ms = 999 999 999.999 s: twelve digits are taken, thirteen are not.
    assertEquals(SyncPolicy.async(Duration.ofMillis(999_999_999_999L)), SyncPolicy.parse("async:999999999999ms"));
    for (String bad : new String[] {"async:1000000000000ms", "async:ms", "async:0ms", "async:PT0S", "async:PT-1S",
        "async:10", "async:10d", "sometimes", "async:"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyncPolicy.parse(bad), bad);
      assertEquals("bad sync mode '" + bad + "'; expected " + SyncPolicy.FORMS, e.getMessage());
    }
  }

  @Test
  void rotationFormsParseToTheirKindAndPrintBack() {
    assertSame(Rotation.NONE, Rotation.parse("None"));
    assertSame(Rotation.MONTHLY, Rotation.parse(" monthly"));
    assertEquals(Rotation.bySize(1000), Rotation.parse("size:1000"));
    assertEquals(Rotation.bySize(3 * 1024), Rotation.parse("size:3k"));
    assertEquals(Rotation.bySize(5L * 1024 * 1024), Rotation.parse("size:5m"));
    assertEquals(Rotation.bySize(2L * 1024 * 1024 * 1024), Rotation.parse("size:2G"));
    assertEquals("size:1024", Rotation.bySize(1024).toString());
    assertEquals("monthly", Rotation.MONTHLY.toString());
    assertEquals("none", Rotation.NONE.toString());
  }

  @Test
  void theLargestSizeIsTheLargestLongAWholeUnitMultipleFitsIn() {
    // Long.MAX_VALUE = 2^63 - 1, so the largest count of GiB is 2^33 - 1 = 8 589 934 591, of KiB 2^53 - 1.
    assertEquals(Rotation.bySize(8_589_934_591L << 30), Rotation.parse("size:8589934591g"));
    assertEquals(Rotation.bySize(9_007_199_254_740_991L << 10), Rotation.parse("size:9007199254740991k"));
    for (String bad : new String[] {"size:8589934592g", "size:9007199254740992k", "size:0", "size:0k", "size:-1",
        "size:1t", "size:", "size:1234567890123456789"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rotation.parse(bad), bad);
      assertEquals("bad rotation '" + bad + "'; expected " + Rotation.FORMS, e.getMessage());
    }
  }

  @Test
  void everyPositiveByteCountRoundTripsThroughItsText() {
    qt().forAll(longs().between(1, 999_999_999_999_999_999L)).checkAssert(n ->
        assertEquals(Rotation.bySize(n), Rotation.parse(Rotation.bySize(n).toString())));
  }

  @Test
  void partsAreNamedBeforeTheExtensionAndADotFileHasNoExtension() {
    assertEquals(Path.of("d/ledger.7.jsonl"), Rotation.sibling(Path.of("d/ledger.jsonl"), "7"));
    assertEquals(Path.of("d/ledger.7"), Rotation.sibling(Path.of("d/ledger"), "7"));
    assertEquals(Path.of("d/.ledger.7"), Rotation.sibling(Path.of("d/.ledger"), "7"));
    assertEquals(Path.of("d/a.b.2026-05.c"), Rotation.sibling(Path.of("d/a.b.c"), "2026-05"));
  }

  @Test
  void noneWritesTheBaseAndMonthlyTheMonthOfTheTimeInUtc() throws IOException {
    Path base = dir.resolve("ledger.jsonl");
    assertEquals(base, Rotation.NONE.part(base, Instant.EPOCH, base, -1));
    assertEquals(dir.resolve("ledger.2026-05.jsonl"),
        Rotation.MONTHLY.part(base, Instant.parse("2026-05-31T23:59:59Z"), base, -1));
    assertEquals(dir.resolve("ledger.2026-06.jsonl"),
        Rotation.MONTHLY.part(base, Instant.parse("2026-06-01T00:00:00Z"), base, -1));
  }

  @Test
  void aSizePartIsKeptWhileBelowTheLimitAndTheNextIsTakenAtExactlyTheLimit() throws IOException {
    Rotation r = Rotation.bySize(10);
    Path base = dir.resolve("ledger.jsonl");
    Path p0 = dir.resolve("ledger.0.jsonl");
    Path p1 = dir.resolve("ledger.1.jsonl");
    // nothing yet: the first part, even when asked from the base name with a small size
    assertEquals(p0, r.part(base, Instant.EPOCH, base, 5));
    Path elsewhere = dir.resolve("missing/ledger.jsonl");
    assertEquals(dir.resolve("missing/ledger.0.jsonl"), r.part(elsewhere, Instant.EPOCH, elsewhere, -1));
    Files.write(p0, new byte[9]);
    assertEquals(p0, r.part(base, Instant.EPOCH, p0, 9), "9 of 10 bytes: still room");
    assertEquals(p0, r.part(base, Instant.EPOCH, base, -1), "found on disk with 9 bytes");
    Files.write(p0, new byte[10]);
    assertEquals(p1, r.part(base, Instant.EPOCH, p0, 10), "exactly 10 bytes: full");
    assertEquals(p1, r.part(base, Instant.EPOCH, p0, -1), "an unknown size is looked up on disk");
    assertEquals(p1, r.part(base, Instant.EPOCH, base, -1), "found on disk with 10 bytes");
  }

  @Test
  void anOpenSizePartWithRoomIsKeptEvenWhenEmptyAndWhenAHigherPartExists() throws IOException {
    Rotation r = Rotation.bySize(10);
    Path base = dir.resolve("ledger.jsonl");
    Path p3 = dir.resolve("ledger.3.jsonl");
    Files.write(p3, new byte[0]);
    Files.write(dir.resolve("ledger.5.jsonl"), new byte[2]);
    assertEquals(p3, r.part(base, Instant.EPOCH, p3, 0), "the open part, empty");
    assertEquals(p3, r.part(base, Instant.EPOCH, p3, 9), "the open part, one byte of room");
    assertEquals(dir.resolve("ledger.5.jsonl"), r.part(base, Instant.EPOCH, p3, 10), "full: the highest on disk");
    assertEquals(dir.resolve("ledger.5.jsonl"), r.part(base, Instant.EPOCH, base, 0), "from the base: the highest");
  }

  @Test
  void badRotationArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Rotation.bySize(0));
    assertThrows(IllegalArgumentException.class, () -> new Rotation(Rotation.Kind.MONTHLY, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SyncPolicy.async(Duration.ZERO));
    assertTrue(String.valueOf(e.getMessage()).contains("positive"), e.getMessage());
  }
}
