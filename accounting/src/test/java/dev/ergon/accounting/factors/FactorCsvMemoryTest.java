package dev.ergon.accounting.factors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A factor CSV is streamed: a child JVM with a 40 MiB heap reads a 47 MB factor table (50,000 hourly rows with a
 * long, repeated source text), which it could not hold as bytes, let alone as text or a row list; what it keeps is
 * the factors themselves, a few hundred bytes each.
 */
class FactorCsvMemoryTest {
  private static final int ROWS = 50_000;

  @TempDir Path dir;

  /**
   * The child JVM's entry point: reads the table and prints the number of factors.
   *
   * @param args the CSV path
   */
  public static void main(String[] args) {
    EmissionFactors f = EmissionFactors.readTable(Path.of(args[0]));
    System.out.println("factors=" + f.lookup("DE", Instant.parse("2026-01-01T05:00:00Z"), FactorKind.LOCATION)
        .orElseThrow().factor().intensity().toGramsPerKilowattHour());
  }

  @Test
  void aTableLargerThanTheHeapIsReadRowByRow() throws IOException, InterruptedException {
    Path csv = dir.resolve("large-factors.csv");
    String source = "x".repeat(900);
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("zone,period,kind,intensity,unit,uncertainty,source\n");
      for (int i = 0; i < ROWS; i++) {
        w.write("DE," + t.plus(i, ChronoUnit.HOURS).toString().replace(":00:00Z", ":00Z") + ",location,"
            + (300 + i % 200) + ".5,g/kWh,5%," + source + "\n");
      }
    }
    long size = Files.size(csv);
    assertTrue(size > 45L << 20, "the file is larger than the child's whole heap: " + size + " B");
    List<String> cp = new ArrayList<>();
    for (String p : new String[] {System.getProperty("java.class.path"), System.getProperty("jdk.module.path")}) {
      if (p != null && !p.isEmpty()) {
        cp.add(p);
      }
    }
    Path out = dir.resolve("out.txt");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx40m", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", String.join(File.pathSeparator, cp),
        FactorCsvMemoryTest.class.getName(), csv.toString())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM finished");
    String printed = Files.readString(out);
    assertEquals(0, child.exitValue(), printed);
    // 2026-01-01T05:00Z is row 5: 305.5 g/kWh
    assertTrue(printed.contains("factors=305.5"), printed);
  }
}
