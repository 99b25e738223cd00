package dev.ergon.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import dev.ergon.ChannelKind;
import dev.ergon.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Charging the command with its processes' share of the machine's CPU time. */
class ProcessAttributionTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:59:00Z");

  static ChannelEnergy channel(String id, long uj) {
    return new ChannelEnergy(id, "powercap", ChannelKind.CPU_PACKAGE, "socket 0", Method.COUNTER, 0.05,
        Energy.ofMicrojoules(uj), Energy.ofMicrojoules(uj), 0, List.of());
  }

  static EnergyRecord machineRecord(List<ChannelEnergy> channels, List<BucketEnergy> buckets) {
    return new EnergyRecord("01900000-0000-7000-8000-000000000001", null, "job", Tags.empty(), "host", null, T0,
        T0.plusSeconds(120), 0, Attribution.MACHINE, channels, buckets, RecordStatus.COMPLETE, List.of());
  }

  static BucketEnergy bucket(int hour, long uj) {
    Instant s = Instant.parse("2026-03-01T10:00:00Z").plusSeconds(3600L * hour);
    return new BucketEnergy(s, s.plusSeconds(3600), Energy.ofMicrojoules(uj));
  }

  @Test
  void aQuarterOfTheCpuGetsAQuarterOfTheEnergy() {
    // Two channels, 100 J and 40 J, across an hour boundary: 60 J before 11:00, 80 J after.
    EnergyRecord m = machineRecord(List.of(channel("cpu/package-0", 100_000_000), channel("dram/0", 40_000_000)),
        List.of(bucket(0, 60_000_000), bucket(1, 80_000_000)));
    // The command's processes used 1 s of CPU while the machine was busy 4 s: a share of 0.25.
    CpuTimeSample before = new CpuTimeSample(2_000_000_000L, 10_000_000_000L);
    CpuTimeSample after = new CpuTimeSample(3_000_000_000L, 14_000_000_000L);
    EnergyRecord p = ProcessAttribution.apply(m, before, after);
    assertEquals(Attribution.PROCESS, p.attribution());
    assertEquals(Energy.ofMicrojoules(25_000_000), p.channels().get(0).energy());
    assertEquals(Energy.ofMicrojoules(10_000_000), p.channels().get(1).energy());
    assertEquals(Energy.ofMicrojoules(100_000_000), p.channels().get(0).measured(), "measured is kept");
    assertEquals(Energy.ofMicrojoules(35_000_000), p.total());
    assertEquals(Energy.ofMicrojoules(15_000_000), p.buckets().get(0).energy()); // 60 J x 0.25
    assertEquals(Energy.ofMicrojoules(20_000_000), p.buckets().get(1).energy()); // 80 J x 0.25
    assertTrue(p.channels().get(0).notes().get(0).contains("25.0 %"), p.channels().get(0).notes().toString());
    assertTrue(p.channels().get(0).notes().get(0).contains("1000 ms of 4000 ms"));
    assertEquals(m.id(), p.id());
  }

  @Test
  void noBusyTimeMeansNoShare() {
    EnergyRecord m = machineRecord(List.of(channel("cpu/package-0", 5_000_000)), List.of(bucket(0, 5_000_000)));
    CpuTimeSample s = new CpuTimeSample(0, 100);
    EnergyRecord p = ProcessAttribution.apply(m, s, s);
    assertEquals(Energy.ZERO, p.total());
    assertTrue(p.buckets().isEmpty());
  }

  @Test
  void theShareIsCappedAtTheWhole() {
    EnergyRecord m = machineRecord(List.of(channel("cpu/package-0", 7_000_001)), List.of(bucket(0, 7_000_001)));
    EnergyRecord p = ProcessAttribution.apply(m, new CpuTimeSample(0, 0), new CpuTimeSample(50, 20));
    assertEquals(Energy.ofMicrojoules(7_000_001), p.total());
  }

  @Test
  void scaledBucketsAlwaysSumToTheTotal() {
    qt().forAll(lists().of(longs().between(0, 1_000_000_000_000L)).ofSizeBetween(1, 30),
            longs().between(0, 5_000_000_000_000L))
        .checkAssert((sizes, target) -> {
          List<BucketEnergy> buckets = new ArrayList<>();
          for (int i = 0; i < sizes.size(); i++) {
            buckets.add(bucket(i, sizes.get(i)));
          }
          List<BucketEnergy> scaled = ProcessAttribution.scale(buckets, Energy.ofMicrojoules(target));
          long sum = 0;
          for (BucketEnergy b : scaled) {
            assertTrue(b.energy().toMicrojoulesExact() > 0);
            sum += b.energy().toMicrojoulesExact();
          }
          assertEquals(target, sum);
        });
  }

  @Test
  void scaledBucketsKeepTheirProportionsWithinOneMicrojoule() {
    qt().forAll(integers().between(1, 1000), integers().between(1, 1000), integers().between(0, 100))
        .checkAssert((a, b, percent) -> {
          List<BucketEnergy> buckets = List.of(bucket(0, a * 1_000_000L), bucket(1, b * 1_000_000L));
          long target = (a + b) * 10_000L * percent; // (a + b) J x percent / 100
          List<BucketEnergy> scaled = ProcessAttribution.scale(buckets, Energy.ofMicrojoules(target));
          if (target > 0) {
            double exactFirst = (double) target * a / (a + b);
            assertTrue(Math.abs(scaled.get(0).energy().toMicrojoulesExact() - exactFirst) <= 1.0);
          }
        });
  }
}
