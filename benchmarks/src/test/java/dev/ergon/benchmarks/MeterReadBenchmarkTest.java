package dev.ergon.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.spi.ReadingBuffer;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Runs the meter-read benchmark's three cases once each outside JMH. */
class MeterReadBenchmarkTest {

  private static ReadingBuffer readTwice(String meter) throws IOException {
    MeterReadBenchmark b = new MeterReadBenchmark();
    b.meter = meter;
    b.setUp();
    try {
      b.read();
      return b.read();
    } finally {
      b.tearDown();
    }
  }

  @Test
  void powercapReadsFourZonesOfTheFakeTree() throws IOException {
    ReadingBuffer r = readTwice("powercap");
    assertEquals(4, r.size(), "package-0, package-1 and their dram zones");
    long sum = 0;
    for (int i = 0; i < r.size(); i++) {
      assertTrue(r.hasValue(i), "channel " + i + ": " + r.fault(i));
      sum += r.value(i);
    }
    // 123456789012 + 123456789013 + 12345678901 + 12345678902, whatever the channel order
    assertEquals(271_604_935_828L, sum);
  }

  @Test
  void nvmlReadsTwoGpusOfTheFakeLibrary() throws IOException {
    ReadingBuffer r = readTwice("nvml");
    assertEquals(2, r.size());
    for (int i = 0; i < r.size(); i++) {
      assertTrue(r.hasValue(i), "gpu " + i + ": " + r.fault(i));
    }
  }

  @Test
  void estimateReadsThisMachine() throws IOException {
    ReadingBuffer r = readTwice("estimate");
    assertTrue(r.size() >= 1);
    for (int i = 0; i < r.size(); i++) {
      assertTrue(r.hasValue(i), "channel " + i + ": " + r.fault(i));
    }
  }
}
