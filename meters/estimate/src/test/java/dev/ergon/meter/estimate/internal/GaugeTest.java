package dev.ergon.meter.estimate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GaugeTest {
  @TempDir Path root;

  @Test
  void procStatUtilisationIsBusyOverAllJiffiesIncludingSteal() throws IOException {
    Path stat = root.resolve("stat");
    // fields: user nice system idle iowait irq softirq steal guest guest_nice
    Files.writeString(stat, "cpu  100 0 0 100 0 0 0 0 0 0\ncpu0 100 0 0 100 0 0 0 0 0 0\n");
    ProcStatGauge g = new ProcStatGauge(stat, null);
    assertTrue(Double.isNaN(g.sample(0)), "the first sample sets the baseline");
    // +30 user, +10 nice, +10 system, +5 irq, +5 softirq = 60 busy; +20 idle, +10 iowait, +10 steal = 40 not busy
    Files.writeString(stat, "cpu  130 10 10 120 10 5 5 10 7 0\ncpu0 130 10 10 120 10 5 5 10 7 0\n");
    assertEquals(0.6, g.sample(1), 1e-12);
    assertTrue(Double.isNaN(g.sample(2)), "no jiffies passed: no new utilisation");
  }

  @Test
  void procStatCanCountACpuSetOnly() throws IOException {
    Path stat = root.resolve("stat");
    Files.writeString(stat, "cpu  0 0 0 0\ncpu0 0 0 0 0\ncpu1 0 0 0 0\ncpu2 0 0 0 0\n");
    BitSet set = new BitSet();
    set.set(1);
    set.set(2);
    ProcStatGauge g = new ProcStatGauge(stat, set);
    g.sample(0);
    // cpu0 idle, cpu1 fully busy, cpu2 a quarter busy
    Files.writeString(stat, "cpu  125 0 0 175\ncpu0 0 0 0 100\ncpu1 100 0 0 0\ncpu2 25 0 0 75\n");
    assertEquals(0.625, g.sample(1), 1e-12);
  }

  @Test
  void aFailedReadKeepsTheBaseline() throws IOException {
    Path stat = root.resolve("stat");
    Files.writeString(stat, "cpu  0 0 0 0\n");
    ProcStatGauge g = new ProcStatGauge(stat, null);
    g.sample(0);
    Files.delete(stat);
    IOException e = assertThrows(NoSuchFileException.class, () -> g.sample(1));
    assertTrue(String.valueOf(e.getMessage()).contains("stat"));
    Files.writeString(stat, "cpu  50 0 0 150\n");
    assertEquals(0.25, g.sample(2), 1e-12);
    Files.writeString(stat, "cpu  x\n");
    IOException bad = assertThrows(IOException.class, () -> g.sample(3));
    assertTrue(String.valueOf(bad.getMessage()).contains(stat.toString()), bad.getMessage());
  }

  @Test
  void meminfoInUseIsTotalMinusAvailable() throws IOException {
    Path f = root.resolve("meminfo");
    Files.writeString(f, """
        MemTotal:       16777216 kB
        MemFree:         1000000 kB
        MemAvailable:   12582912 kB
        Buffers:           1000 kB
        Cached:          2000 kB
        """);
    MeminfoGauge g = MeminfoGauge.open(f);
    assertEquals(16L << 30, g.capacityBytes());
    assertEquals(4L << 30, g.bytesInUse());
    // a kernel before 3.14 has no MemAvailable: free + buffers + cached stands in
    Files.writeString(f, "MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 250 kB\n");
    assertEquals(600L * 1024, g.bytesInUse());
  }

  @Test
  void memoryPowerIsCcfsCoefficient() {
    // 0.000392 kWh per GB-hour = 0.392 W per GB; 4 GiB -> 1.568 W
    assertEquals(1.568, MemoryPowerModel.ccf().watts(4L << 30), 1e-12);
    assertEquals(0, MemoryPowerModel.ccf().watts(-5), 0);
  }

  @Test
  void jvmGaugeNeverBlocksAndStaysInRange() {
    JvmLoadGauge g = new JvmLoadGauge();
    assertTrue(Double.isNaN(g.sample(0)));
    double u = g.sample(1);
    assertTrue(Double.isNaN(u) || (u >= 0 && u <= 1), "load " + u);
  }
}
