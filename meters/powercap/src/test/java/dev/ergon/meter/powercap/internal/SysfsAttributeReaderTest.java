package dev.ergon.meter.powercap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsAttributeReaderTest {

  @TempDir Path tmp;
  private final SysfsAttributeReader reader = new SysfsAttributeReader();

  private Path file(String content) throws IOException {
    return Files.writeString(tmp.resolve("attr"), content);
  }

  @Test
  void readsWhatTheKernelWrites() throws IOException {
    assertEquals(262_143_328_850L, reader.readLong(file("262143328850\n")));
    assertEquals(0L, reader.readLong(file("0\n")));
    assertEquals(42L, reader.readLong(file("42")));
    assertEquals(Long.MAX_VALUE, reader.readLong(file("9223372036854775807\n")));
    assertEquals("package-0-die-1", reader.readLine(file("package-0-die-1\n")));
  }

  @Test
  void rejectsAnythingElseNamingTheFile() throws IOException {
    for (String bad : new String[] {"", "\n", "-5\n", "12a\n", "1 2\n", "9223372036854775808\n", "x".repeat(100)}) {
      Path f = file(bad);
      IOException e = assertThrows(IOException.class, () -> reader.readLong(f), bad);
      assertTrue(String.valueOf(e.getMessage()).startsWith(f + ": "), e.getMessage());
    }
  }

  /** A secret behind a planted link is neither read nor echoed, whatever it holds. */
  @Test
  void aLinkOutOfTheTreeIsRefusedAndNothingIsEchoed() throws IOException {
    Path secret = Files.writeString(Files.createDirectories(tmp.resolve("home")).resolve("token"),
        "ghp_SECRETTOKEN1234567890\n");
    Path zone = Files.createDirectories(tmp.resolve("powercap/intel-rapl:0"));
    Path energy = Files.createSymbolicLink(zone.resolve("energy_uj"), secret);
    Path name = Files.createSymbolicLink(zone.resolve("name"), secret);
    for (Path f : new Path[] {energy, name}) {
      IOException e = assertThrows(IOException.class, () -> reader.readLine(f));
      assertTrue(String.valueOf(e.getMessage()).contains("a link out of the powercap tree"), e.getMessage());
      assertFalse(String.valueOf(e.getMessage()).contains("SECRET"), e.getMessage());
    }
    IOException e = assertThrows(IOException.class, () -> reader.readLong(energy));
    assertFalse(String.valueOf(e.getMessage()).contains("SECRET"), e.getMessage());
  }

  @Test
  void malformedContentIsDescribedNeverEchoed() throws IOException {
    Path f = file("hunter2\n");
    IOException e = assertThrows(IOException.class, () -> reader.readLong(f));
    assertEquals(f + ": malformed attribute (7 bytes, byte 1 is not a digit); expected a decimal integer >= 0",
        e.getMessage());
    Path n = file("Password: hunter2\n");
    IOException ne = assertThrows(IOException.class, () -> reader.readLine(n));
    assertFalse(String.valueOf(ne.getMessage()).contains("hunter2"), ne.getMessage());
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    assertThrows(NoSuchFileException.class, () -> reader.readLong(tmp.resolve("gone/energy_uj")));
  }
}
