package dev.ergon.cli.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.MeterStatus;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Availability;
import dev.ergon.ChannelKind;
import dev.ergon.Method;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary of ergon measure: what was measured, how it was known, what was estimated and what was missing. */
class MeasureSummaryTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private static EnergyRecord record(RecordStatus status, List<ChannelEnergy> channels, List<String> problems) {
    Energy total = Energy.ZERO;
    for (ChannelEnergy c : channels) {
      total = total.plus(c.energy());
    }
    List<BucketEnergy> buckets = total.isZero() ? List.of()
        : List.of(new BucketEnergy(T0, T0.plusSeconds(3600), total));
    return new EnergyRecord("01900000-0000-7000-8000-00000000000a", null, "train", Tags.empty(), "host", null, T0,
        T0.plusMillis(2013), 0, Attribution.MACHINE, channels, buckets, status, problems);
  }

  private static String write(EnergyRecord r, List<MeterStatus> meters, boolean interrupted) {
    StringWriter s = new StringWriter();
    MeasureSummary.write(new PrintWriter(s), r, interrupted ? 143 : 0, interrupted, meters,
        List.of("emissions: (line from the caller)"), Path.of("/tmp/ledger.jsonl"), false);
    return s.toString();
  }

  @Test
  void aFailedAppendSaysWhyNotNoLedger() {
    EnergyRecord r = record(RecordStatus.COMPLETE, List.of(), List.of());
    StringWriter s = new StringWriter();
    MeasureSummary.write(new PrintWriter(s), r, 0, false, List.of(), List.of(), null,
        "cannot append to ledger /x/ledger.jsonl: No space left on device", null, false);
    String text = s.toString();
    assertTrue(text.contains("NOT SAVED: cannot append to ledger /x/ledger.jsonl: No space left on device"), text);
    assertFalse(text.contains("--no-ledger"), text);
  }

  @Test
  void modelledEnergyIsCalledAnEstimateWithItsInterval() {
    // 40 J modelled at 1 sigma 25 %: u = 10 J; 95 % interval 40 - 20 = 20 J to 60 J.
    ChannelEnergy model = new ChannelEnergy("cpu/model", "estimate", ChannelKind.MODEL_CPU, "2 vCPU", Method.MODEL,
        0.25, Energy.ofJoules(40), Energy.ofJoules(40), 0, List.of("MODEL: an estimate", "rung: TDP table",
        "coefficients: 4 W"));
    String text = write(record(RecordStatus.COMPLETE, List.of(model), List.of()), List.of(), false);
    assertTrue(text.startsWith("ergon: 'train' ran 2.013 s, exit code 0\n"), text);
    assertTrue(text.contains("cpu/model"), text);
    assertTrue(text.contains("ESTIMATED by a model"), text);
    assertTrue(text.contains("+/-25 %"), text);
    assertTrue(text.contains("      rung: TDP table\n"), text);
    assertTrue(text.contains("(2 more notes on the model and its sources in the record, or with --verbose)"), text);
    assertFalse(text.contains("coefficients: 4 W"), text);
    assertTrue(text.contains("total: 40.00 J (1.111e-05 kWh), +/- 10.00 J (1 sigma); 95 % interval 20.00 J to "
        + "60.00 J"), text);
    assertTrue(text.contains("ESTIMATED: all of this energy comes from a model"), text);
    assertTrue(text.contains("emissions: (line from the caller)"), text);
    assertTrue(text.contains("record 01900000-0000-7000-8000-00000000000a (complete) appended to "
        + "/tmp/ledger.jsonl"), text);
  }

  @Test
  void countersAreNotCalledEstimates() {
    // Two counters at 2 % each: u = sqrt((0.02 x 30)^2 + (0.02 x 40)^2) = sqrt(0.36 + 0.64) = 1 J.
    ChannelEnergy a = new ChannelEnergy("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "package-0",
        Method.COUNTER, 0.02, Energy.ofJoules(30), Energy.ofJoules(30), 0, List.of());
    ChannelEnergy b = new ChannelEnergy("dram/0", "powercap", ChannelKind.DRAM, "dram", Method.COUNTER, 0.02,
        Energy.ofJoules(40), Energy.ofJoules(40), 0, List.of());
    String text = write(record(RecordStatus.COMPLETE, List.of(a, b), List.of()), List.of(), false);
    assertTrue(text.contains("hardware counter"), text);
    assertFalse(text.contains("ESTIMATED"), text);
    assertTrue(text.contains("total: 70.00 J (1.944e-05 kWh), +/- 1.000 J (1 sigma); 95 % interval 68.00 J to "
        + "72.00 J"), text);
  }

  @Test
  void aPartlyModelledTotalSaysHowMuch() {
    ChannelEnergy a = new ChannelEnergy("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "package-0",
        Method.COUNTER, 0.02, Energy.ofJoules(30), Energy.ofJoules(30), 0, List.of());
    ChannelEnergy m = new ChannelEnergy("memory/model", "estimate", ChannelKind.MEMORY, "8 GiB", Method.MODEL,
        0.5, Energy.ofJoules(10), Energy.ofJoules(10), 0, List.of());
    String text = write(record(RecordStatus.COMPLETE, List.of(a, m), List.of()), List.of(), false);
    assertTrue(text.contains("ESTIMATED: 10.00 J of 40.00 J comes from a model"), text);
  }

  @Test
  void noMeterSaysNotMeasuredAndWhy() {
    MeterStatus powercap = new MeterStatus("powercap", 100, Availability.unavailable(UnavailableReason.NOT_PRESENT,
        "no powercap tree at /sys/class/powercap", "run on bare metal"), List.of(), false);
    MeterStatus off = new MeterStatus("nvml", 90, Availability.unavailable(UnavailableReason.DISABLED,
        "excluded", "change ergon.meters"), List.of(), false);
    String text = write(record(RecordStatus.NO_METER, List.of(), List.of("no energy meter was available")),
        List.of(powercap, off), false);
    assertTrue(text.contains("energy: NOT MEASURED"), text);
    assertTrue(text.contains("not measured by powercap (not_present): no powercap tree at /sys/class/powercap"),
        text);
    assertFalse(text.contains("nvml"), "a meter switched off on purpose is not 'missing': " + text);
    assertTrue(text.contains("problem: no energy meter was available"), text);
    assertTrue(text.contains("(no_meter)"), text);
  }

  @Test
  void anInterruptedRunSaysSo() {
    ChannelEnergy a = new ChannelEnergy("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "package-0",
        Method.COUNTER, 0.02, Energy.ofJoules(3), Energy.ofJoules(3), 0, List.of());
    String text = write(record(RecordStatus.PARTIAL, List.of(a), List.of("closed while still open")), List.of(),
        true);
    assertTrue(text.startsWith("ergon: interrupted by a signal after 2.013 s; 'train' was stopped (exit code 143)"),
        text);
    assertTrue(text.contains("(partial)"), text);
  }
}
