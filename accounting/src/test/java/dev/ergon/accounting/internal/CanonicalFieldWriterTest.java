package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The writer feeds the digest exactly the bytes of the line built as a string. */
class CanonicalFieldWriterTest {
  private static final long[] POWERS = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
      100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
      100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L,
      1_000_000_000_000_000_000L};

  private static byte[] expected(String line) {
    MessageDigest md = Digests.sha256();
    md.update(line.getBytes(StandardCharsets.UTF_8));
    return md.digest();
  }

  @Test
  void textAndNumbersAsTheStringLine() {
    MessageDigest md = Digests.sha256();
    new CanonicalFieldWriter(md).field("record").field("").field("Zürich ☀ \uD83D\uDE00").field("a\uD800|")
        .field(0).field(1234567890123L).field(-5).field(Long.MAX_VALUE).endLine();
    assertArrayEquals(expected("6:record|0:|11:Zürich ☀ \uD83D\uDE00|3:a\uD800||1:0|13:1234567890123|2:-5|19:"
        + Long.MAX_VALUE + "|\n"), md.digest());
  }

  @Test
  void numbersOfEveryLengthAsLongToString() {
    // Values of 1 to 19 digits (a random long cut to a random number of digits), each written twice: once as it
    // comes, once copied with repeat().
    qt().withExamples(20_000).forAll(longs().all(), integers().between(0, 18)).checkAssert((v, cut) -> {
      long value = Math.floorMod(v, 1_000_000_000_000_000_000L) / POWERS[cut];
      String text = Long.toString(value);
      MessageDigest md = Digests.sha256();
      CanonicalFieldWriter w = new CanonicalFieldWriter(md);
      int mark = w.mark();
      w.field(value).repeat(mark).endLine();
      String field = text.length() + ":" + text + "|";
      assertArrayEquals(expected(field + field + "\n"), md.digest(), text);
    });
  }

  @Test
  void instantsAsInstantToString() {
    // Whole seconds, milli-, micro- and nanosecond fractions, from before year 1 to after year 9999.
    qt().withExamples(20_000).forAll(longs().between(-62_200_000_000L, 253_500_000_000L),
        integers().between(0, 999_999_999), integers().between(0, 3)).checkAssert((s, n, kind) -> {
          int nano = switch (kind) {
            case 0 -> 0;
            case 1 -> n / 1_000_000 * 1_000_000;
            case 2 -> n / 1000 * 1000;
            default -> n;
          };
          Instant i = Instant.ofEpochSecond(s, nano);
          MessageDigest md = Digests.sha256();
          new CanonicalFieldWriter(md).field(i).endLine();
          String text = i.toString();
          assertArrayEquals(expected(text.length() + ":" + text + "|\n"), md.digest(), text);
        });
  }

  @Test
  void instantsAtTheEdges() {
    for (String t : new String[] {"0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2000-02-29T23:59:59.999Z",
        "2024-12-31T12:00:00.000001Z", "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z",
        "0000-12-31T23:59:59Z"}) {
      Instant i = Instant.parse(t);
      MessageDigest md = Digests.sha256();
      new CanonicalFieldWriter(md).field(i).endLine();
      assertArrayEquals(expected(t.length() + ":" + t + "|\n"), md.digest(), t);
    }
  }

  @Test
  void sharedTextsRawBytesAndBufferedLinesAsTheStringLines() {
    // Texts repeated as the same instance, as equal instances and as different texts, over enough lines that the
    // buffer is fed to the digest several times; then a copied run of fields written back raw.
    MessageDigest md = Digests.sha256();
    CanonicalFieldWriter w = new CanonicalFieldWriter(md);
    StringBuilder expected = new StringBuilder();
    String host = "bench-host";
    for (int i = 0; i < 2_000; i++) {
      String copy = new String(host.toCharArray());
      String other = "t" + i % 7;
      w.sharedField(host).sharedField(copy).sharedField(other).sharedField("Zürich").field(i);
      expected.append("10:bench-host|10:bench-host|2:").append(other).append("|6:Zürich|")
          .append(Integer.toString(i).length()).append(':').append(i).append('|');
      int mark = w.mark();
      w.sharedField("tag").field("k");
      w.raw(w.since(mark));
      expected.append("3:tag|1:k|3:tag|1:k|\n");
      w.nextLine();
    }
    w.flush();
    assertArrayEquals(expected(expected.toString()), md.digest());
  }

  @Test
  void instantsInARowShareTheirDayAsInstantToString() {
    // One writer for many instants over a few days, forwards and back, so the remembered day is hit and missed.
    qt().withExamples(2_000).forAll(lists().of(longs().between(1_735_600_000L, 1_736_000_000L)).ofSizeBetween(1, 30))
        .checkAssert(seconds -> {
          MessageDigest md = Digests.sha256();
          CanonicalFieldWriter w = new CanonicalFieldWriter(md);
          StringBuilder line = new StringBuilder();
          for (long s : seconds) {
            String text = Instant.ofEpochSecond(s).toString();
            w.field(Instant.ofEpochSecond(s));
            line.append(text.length()).append(':').append(text).append('|');
          }
          w.endLine();
          assertArrayEquals(expected(line.append('\n').toString()), md.digest(), line.toString());
        });
  }
}
