package dev.ergon.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The message is {@code source:line: reason}, without the line when it is 0 (a fault not on one line). */
class InvalidDataExceptionTest {

  @Test
  void lineOneIsWrittenAndLineZeroIsLeftOut() {
    InvalidDataException first = new InvalidDataException("f.csv", 1, "bad");
    assertEquals("f.csv:1: bad", first.getMessage());
    assertEquals(1, first.line());
    InvalidDataException whole = new InvalidDataException("f.csv", 0, "is empty");
    assertEquals("f.csv: is empty", whole.getMessage());
    assertEquals(0, whole.line());
    assertEquals("f.csv", whole.source());
    assertEquals("is empty", whole.reason());
  }

  @Test
  void withACauseTheMessageIsTheSame() {
    IOException io = new IOException("disk");
    InvalidDataException first = new InvalidDataException("f.csv", 1, "bad", io);
    assertEquals("f.csv:1: bad", first.getMessage());
    assertSame(io, first.getCause());
    InvalidDataException whole = new InvalidDataException("f.csv", 0, "cannot be read", io);
    assertEquals("f.csv: cannot be read", whole.getMessage());
    assertEquals(0, whole.line());
    assertEquals("cannot be read", whole.reason());
  }
}
