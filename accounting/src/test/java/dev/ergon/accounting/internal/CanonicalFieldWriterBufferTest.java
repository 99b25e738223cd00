package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A writer keeping its lines grows a buffer too small for any field: each kind of field, from an empty buffer. */
class CanonicalFieldWriterBufferTest {

  /* Writes into a buffer of the given size and returns the bytes written as text. */
  private static String written(int bufferSize, Consumer<CanonicalFieldWriter> write) {
    CanonicalFieldWriter w = new CanonicalFieldWriter(new byte[bufferSize]);
    write.accept(w);
    int n = w.mark();
    return new String(Arrays.copyOf(w.takeBuffer(new byte[0]), n), StandardCharsets.UTF_8);
  }

  private static final String THIRTY = "abcdefghijklmnopqrstuvwxyz0123";
  private static final String FORTY = THIRTY + "4567890123";

  @Test
  void textFieldsGrowTheBuffer() {
    // The length is counted in UTF-16 chars, as String.length gives it; the bytes are UTF-8.
    for (int size : new int[] {0, 1, 7}) {
      assertEquals("6:record|", written(size, w -> w.field("record")));
      assertEquals("40:" + FORTY + "|", written(size, w -> w.field(FORTY)));
      assertEquals("6:Zürich|\n", written(size, w -> w.field("Zürich").nextLine()));
      assertEquals("3:a☀b|", written(size, w -> w.field("a☀b")));
    }
  }

  @Test
  void numbersAndInstantsGrowTheBuffer() {
    for (int size : new int[] {0, 1, 7}) {
      assertEquals("13:1234567890123|", written(size, w -> w.field(1_234_567_890_123L)));
      assertEquals("19:9223372036854775807|", written(size, w -> w.field(Long.MAX_VALUE)));
      assertEquals("2:-5|", written(size, w -> w.field(-5)));
      assertEquals("24:2025-01-01T00:00:00.123Z|", written(size,
          w -> w.field(Instant.parse("2025-01-01T00:00:00.123Z"))));
      assertEquals("30:2025-03-14T05:06:07.123456789Z|", written(size,
          w -> w.field(Instant.parse("2025-03-14T05:06:07.123456789Z"))));
    }
  }

  @Test
  void repeatedAndRawBytesGrowTheBuffer() {
    String field = "30:" + THIRTY + "|";
    assertEquals(field + field, written(1, w -> {
      int mark = w.mark();
      w.field(THIRTY).repeat(mark);
    }));
    assertEquals("hello\n", written(0, w -> w.raw("hello".getBytes(StandardCharsets.US_ASCII)).nextLine()));
    assertEquals("hello\n", written(5, w -> w.raw("hello".getBytes(StandardCharsets.US_ASCII)).nextLine()));
    // Shared texts: first seen, seen again (encoded and cached), then copied from the cache.
    assertEquals("3:abc|3:abc|3:abc|", written(0, w -> w.sharedField("abc").sharedField("abc").sharedField("abc")));
  }

  @Test
  void theFirstNonAsciiCharAndTextsLongerInUtf8ThanTheirRoomAreEncoded() {
    // U+0080 is the first char past ASCII: two bytes C2 80.
    assertEquals("1:\u0080|", written(0, w -> w.field("\u0080")));
    assertEquals("2:üa|", written(0, w -> w.field("üa")));
    // Twenty suns: 20 chars, 60 bytes.
    String suns = "☀".repeat(20);
    assertEquals("20:" + suns + "|", written(1, w -> w.field(suns)));
  }

  @Test
  void theYearTenThousandIsWrittenAsInstantToStringWritesIt() {
    assertEquals("22:+10000-01-01T00:00:00Z|", written(0, w -> w.field(Instant.parse("+10000-01-01T00:00:00Z"))));
    assertEquals("20:9999-12-31T23:59:59Z|", written(0, w -> w.field(Instant.parse("9999-12-31T23:59:59Z"))));
  }
}
